import type { Db } from '../db/index.js';
import { GroupCommit } from '../db/group-commit.js';
import { claimMessages, completeMessages, type MessageClaim } from './repository.js';

/**
 * The WeCom MsgId record on the request path: claiming a message and recording its outcome wait
 * until stored, as before, but concurrent callbacks share one statement (group commit). One per
 * database and staleness limit, shared by every router on it.
 */
export class WecomMessageLog {
  private readonly claims: GroupCommit<{ msgKey: string; now: Date }, MessageClaim>;
  private readonly completions: GroupCommit<{ msgKey: string; reply: string | null; now: Date; delivered: boolean }, undefined>;

  constructor(db: Db, staleAfterMs: number) {
    this.claims = new GroupCommit((items) => claimMessages(db, items, staleAfterMs));
    // a message completed twice in one batch: the later outcome is the one written (update … from picks one row)
    this.completions = new GroupCommit(async (items) => {
      await completeMessages(db, lastPerKey(items));
      return items.map(() => undefined);
    });
  }

  /** See claimMessage. */
  claim(msgKey: string, now: Date): Promise<MessageClaim> {
    return this.claims.submit({ msgKey, now });
  }

  /** See completeMessage (outside a transaction; inside one, call completeMessage with it). */
  complete(msgKey: string, reply: string | null, now: Date, delivered = true): Promise<void> {
    return this.completions.submit({ msgKey, reply, now, delivered });
  }

  get stats(): { claimBatches: number; claims: number; completeBatches: number; completions: number } {
    return { claimBatches: this.claims.batches, claims: this.claims.items, completeBatches: this.completions.batches, completions: this.completions.items };
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
