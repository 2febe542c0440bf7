import type { Db } from '../db/index.js';
import { GroupCommit } from '../db/group-commit.js';
import type { NewQuestion } from '../questions/repository.js';
import { claimMessages, recordAnswers, type AnswerClaim, type AnsweredMessage, type MessageClaim, type MessageCompletion } from './repository.js';

type Item = { claim: { msgKey: string; now: Date } } | { complete: MessageCompletion } | { answer: AnsweredMessage };

/**
 * The WeCom MsgId record on the request path: claiming a message and recording its outcome wait
 * until stored, as before, but concurrent callbacks share one statement (group commit) — claims
 * and outcomes that arrive together too (a callback's outcome and the next ones' claims are
 * written by one statement, see claimMessages), and the questions-log rows of the questions
 * answered (stored with their message's outcome: one write where the question log was another).
 * A question answered before its message was claimed (answer) is one write in all: claimed,
 * recorded as done and its question stored by one statement shared with the other callbacks —
 * usually one row, the question's, which holds the message's key (see recordAnswers).
 * One per database and staleness limit, shared by every router on it.
 */
export class WecomMessageLog {
  private readonly writes: GroupCommit<Item, AnswerClaim | undefined>;
  private readonly counts = { claimBatches: 0, claims: 0, completeBatches: 0, completions: 0, answerBatches: 0, answers: 0 };

  constructor(db: Db, staleAfterMs: number) {
    this.writes = new GroupCommit(async (items) => {
      const claims = items.flatMap((i) => ('claim' in i ? [i.claim] : []));
      const completed = items.flatMap((i) => ('complete' in i ? [i.complete] : []));
      // a message completed twice in one batch: the later outcome is the one written (update … from picks one row)
      const answers = items.flatMap((i) => ('answer' in i ? [i.answer] : []));
      const claimed = await claimMessages(db, claims, staleAfterMs, lastPerKey(completed));
      // after the outcomes above: an answer to a retry of a message completed in this batch sees its outcome
      const recorded = await recordAnswers(db, answers, staleAfterMs);
      const c = this.counts;
      if (claims.length) (c.claimBatches++, (c.claims += claims.length));
      if (completed.length) (c.completeBatches++, (c.completions += completed.length));
      if (answers.length) (c.answerBatches++, (c.answers += answers.length));
      let [nextClaim, nextAnswer] = [0, 0];
      return items.map((i) => ('claim' in i ? claimed[nextClaim++] : 'answer' in i ? recorded[nextAnswer++] : undefined));
    }, { sendNextFirst: db.kind === 'postgres' });
  }

  /**
   * See recordAnswers: the message claimed and recorded as answered with `reply`, and its
   * question stored, by one statement — or, when it was not this call's to claim, what it found
   * (or that the chat `assumedWithoutGroup` has a group).
   */
  async answer(msgKey: string, now: Date, reply: string | null, question: NewQuestion, assumedWithoutGroup?: string): Promise<AnswerClaim> {
    return (await this.writes.submit({ answer: { msgKey, now, reply, question, assumedWithoutGroup } }))!;
  }

  /** See claimMessage. */
  async claim(msgKey: string, now: Date): Promise<MessageClaim> {
    return (await this.writes.submit({ claim: { msgKey, now } })) as MessageClaim;
  }

  /**
   * See completeMessage (outside a transaction; inside one, call completeMessage with it); with
   * `question`, its questions-log row is stored by the same statement.
   */
  async complete(msgKey: string, reply: string | null, now: Date, more: { delivered?: boolean; question?: NewQuestion } = {}): Promise<void> {
    await this.writes.submit({ complete: { msgKey, reply, now, delivered: more.delivered ?? true, question: more.question } });
  }

  /** Writes that claimed messages, that recorded outcomes and that recorded answers (one write, usually one statement, may do more than one), the items written, and all writes. */
  get stats(): { claimBatches: number; claims: number; completeBatches: number; completions: number; answerBatches: number; answers: number; writes: number } {
    return { ...this.counts, writes: this.writes.batches };
  }
}

function lastPerKey<T extends { msgKey: string }>(items: T[]): T[] {
  return [...new Map(items.map((i) => [i.msgKey, i])).values()];
}

const logs = new WeakMap<Db, Map<number, WecomMessageLog>>();

/** The message log of this database (one per staleness limit). */
export function wecomMessageLog(db: Db, staleAfterMs: number): WecomMessageLog {
  let byStale = logs.get(db);
  if (!byStale) logs.set(db, (byStale = new Map()));
  let log = byStale.get(staleAfterMs);
  if (!log) byStale.set(staleAfterMs, (log = new WecomMessageLog(db, staleAfterMs)));
  return log;
}
