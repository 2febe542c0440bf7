import type { Db } from '../db/index.js';
import { pushQuestionFields, QUESTION_FIELD_TYPES, QUESTION_FIELDS, questionsInsertParams, questionsInsertSql, type NewQuestion } from '../questions/repository.js';

/**
 * WeCom messages (app callbacks by MsgId; 智能机器人 messages as 'aibot:<msgid>') and their outcome (MsgId → processing / done with its reply / failed).
 * The first delivery claims the MsgId; a retry of a failed message, or of one whose handler died
 * (processing for longer than `staleAfterMs`), claims it again; any other retry is told what
 * happened so the callback can answer it the same way.
 */
export type MessageClaim =
  | { kind: 'claimed'; attempts: number }
  | { kind: 'done'; reply: string | null; delivered: boolean }
  | { kind: 'in_progress' };

export async function claimMessage(db: Db, msgKey: string, now: Date, staleAfterMs: number): Promise<MessageClaim> {
  const staleBefore = new Date(now.getTime() - staleAfterMs);
  const [claimed] = await db.query<{ attempts: number }>(
    `insert into wecom_messages (msg_id, status, received_at, updated_at) values ($1, 'processing', $2, $2)
     on conflict (msg_id) do update set status = 'processing', attempts = wecom_messages.attempts + 1, updated_at = $2
      where wecom_messages.status = 'failed' or (wecom_messages.status = 'processing' and wecom_messages.updated_at < $3)
     returning attempts`,
    [msgKey, now, staleBefore],
  );
  if (claimed) return { kind: 'claimed', attempts: Number(claimed.attempts) };
  const [row] = await db.query<{ status: string; reply: string | null; delivered: boolean }>('select status, reply, delivered from wecom_messages where msg_id = $1', [msgKey]);
  if (row?.status === 'done') return { kind: 'done', reply: row.reply, delivered: row.delivered };
  return { kind: 'in_progress' };
}

/**
 * A message's outcome to record: its reply (null: none) and whether that reply was delivered;
 * and the questions-log row of the question it asked, stored by the same statement (the reply
 * is then sent only once both are stored, and a retry never finds one without the other).
 */
export interface MessageCompletion {
  msgKey: string;
  reply: string | null;
  now: Date;
  delivered: boolean;
  question?: NewQuestion;
}

/**
 * Claim several messages with one statement (group commit, see wecom/message-log.ts), each as
 * claimMessage would; `now` per message, one staleness limit for all. A key given twice is
 * claimed once: the later one is told it is in progress (or the same outcome as the first).
 * `completions` (completeMessages' rows) are written by the same statement, before the claims'
 * result is read: one statement where two were. A key both completed and claimed here is
 * completed first, by a statement of its own, so that its claim sees the outcome.
 */
export async function claimMessages(
  db: Db,
  claims: Array<{ msgKey: string; now: Date }>,
  staleAfterMs: number,
  completions: MessageCompletion[] = [],
): Promise<MessageClaim[]> {
  if (completions.length && (!claims.length || claims.some((c) => completions.some((d) => d.msgKey === c.msgKey)))) {
    await completeMessages(db, completions);
    completions = [];
  }
  if (!claims.length) return [];
  const first = new Map<string, number>();
  claims.forEach((c, i) => first.has(c.msgKey) || first.set(c.msgKey, i));
  const unique = [...first.keys()];
  const claimed = new Map<string, number>();
  const claimParams = [unique, unique.map((k) => claims[first.get(k)!]!.now), staleAfterMs];
  const claim = (on: Db) =>
    completions.length
      ? on.query<{ msg_id: string; attempts: number }>(`with ${completionParts(completions, 4).join(', ')} ${CLAIM_SQL}`, [...claimParams, ...completionParams(completions)])
      : on.query<{ msg_id: string; attempts: number }>(CLAIM_SQL, claimParams);
  // A key a question's row holds (recordAnswers) is not claimed. On PostgreSQL an answer's insert
  // may be in flight on another connection, not yet visible: the lock waits for the inserts into
  // questions under way and holds new ones back until the claim commits, so the claim sees every
  // question's row of its keys and an answer's insert (its snapshot taken once it has its lock)
  // sees the claim's row. It conflicts with itself too: two claims that both store questions
  // (completions) would otherwise each wait for the other's share. Claims are the rare path
  // (commands, events, senders over the rate limit). PGlite runs one statement at a time.
  const rows =
    db.kind === 'postgres'
      ? await db.transaction(async (tx) => {
          await tx.query('lock table questions in share row exclusive mode');
          return claim(tx);
        })
      : await claim(db);
  for (const r of rows) claimed.set(r.msg_id, Number(r.attempts));
  return (await toldWhatTheyFound(db, claims, first, claimed)).told;
}

/**
 * A message that may be claimed again (`on conflict … where`): its handling failed, or it has
 * been "processing" for longer than the staleness limit (the parameter `staleMs`, in
 * milliseconds) — its handler died.
 */
const reclaimable = (staleMs: string) => `wecom_messages.status = 'failed'
         or (wecom_messages.status = 'processing' and wecom_messages.updated_at < excluded.updated_at - ${staleMs}::float8 * interval '1 millisecond')`;

const CLAIM_SQL = `insert into wecom_messages (msg_id, status, received_at, updated_at)
     select msg_id, 'processing', at, at from unnest($1::text[], $2::timestamptz[]) as v(msg_id, at)
      where not exists (select 1 from questions q where q.wecom_msg_key = v.msg_id)
     on conflict (msg_id) do update set status = 'processing', attempts = wecom_messages.attempts + 1, updated_at = excluded.updated_at
      where ${reclaimable('$3')}
     returning msg_id, attempts`;

/** The completions' update, its four parameters numbered from `first`. */
const completeSql = (first: number) => `update wecom_messages m set status = 'done', reply = v.reply, delivered = v.delivered, last_error = null, updated_at = v.at
       from unnest($${first}::text[], $${first + 1}::text[], $${first + 2}::timestamptz[], $${first + 3}::boolean[]) as v(msg_id, reply, at, delivered)
      where m.msg_id = v.msg_id`;

/**
 * The completions' writes as parts of a `with`, their parameters (completionParams) numbered
 * from `first`: the outcomes, and the questions some of them carry.
 */
const completionParts = (done: MessageCompletion[], first: number) => [
  `completed as (${completeSql(first)} returning m.msg_id)`,
  ...(done.some((d) => d.question) ? [`asked as (${questionsInsertSql(first + 4)} returning id)`] : []),
];

const completionParams = (done: MessageCompletion[]) => {
  const questions = done.flatMap((d) => (d.question ? [d.question] : []));
  return [
    done.map((d) => d.msgKey),
    done.map((d) => d.reply),
    done.map((d) => d.now),
    done.map((d) => d.delivered),
    ...(questions.length ? questionsInsertParams(questions) : []),
  ];
};

/** Complete several messages with one statement (group commit), each as completeMessage would, with the questions they carry. */
export async function completeMessages(db: Db, done: MessageCompletion[]): Promise<void> {
  if (!done.length) return;
  if (!done.some((d) => d.question)) await db.query(completeSql(1), completionParams(done));
  else await db.query(`with ${completionParts(done, 1).join(', ')} select 1`, completionParams(done));
}

/** A message answered before it was claimed (see recordAnswers): its reply and the question it asked. */
export interface AnsweredMessage {
  msgKey: string;
  now: Date;
  /** The reply to repeat on a retry (null: none, e.g. it goes out as app messages). */
  reply: string | null;
  question: NewQuestion;
  /**
   * A WeCom private chat (its user id) the answer took to have no chat group, without looking:
   * the message is claimed only if that still holds when the statement runs, else it is told
   * 'has_group' (answer it again with the group).
   */
  assumedWithoutGroup?: string;
}

/** What recordAnswers tells a message: as claimMessages does, or that its answer assumed no group where there is one. */
export type AnswerClaim = MessageClaim | { kind: 'has_group' };

/**
 * Messages whose answer needed nothing but reads (a question), claimed and recorded as handled
 * with their questions by one statement: each message not on record, or on record as failed or
 * orphaned (as claimMessages would claim it), is claimed and its question stored in the
 * questions log; the others are left as they are, their questions not stored. Each message is
 * told what it found, as claimMessages tells it: 'claimed' — the reply is its to send; 'done' —
 * a retry of a message handled already (send the recorded reply); 'in_progress'. A key given
 * twice is claimed once, by its first.
 *
 * The claim is the question's row itself: it carries the message's key (`wecom_msg_key`, unique),
 * so answers racing for one key (retries on two instances) are decided by that index. A message
 * whose reply to repeat is its question's reply (the usual passive reply) is recorded by that row
 * alone — one insert where the MsgId's row was a second (in PGlite a batch of 6 ~1,000 → ~700
 * µs of CPU); another (no reply to repeat: it goes out as app messages; a reply in pieces) also
 * gets its outcome row in wecom_messages, written by the same statement after its question's row.
 * A claim (claimMessages) never takes a key a question's row holds, and on PostgreSQL waits for
 * the question inserts in flight (see claimMessages).
 */
export async function recordAnswers(db: Db, answers: AnsweredMessage[], staleAfterMs: number): Promise<AnswerClaim[]> {
  if (!answers.length) return [];
  const first = new Map<string, number>();
  answers.forEach((a, i) => first.has(a.msgKey) || first.set(a.msgKey, i));
  const unique = [...first.values()].map((i) => answers[i]!);
  // the oldest message's limit for all: a message is taken as orphaned a few milliseconds later at most
  const staleBefore = new Date(Math.min(...unique.map((a) => a.now.getTime())) - staleAfterMs);
  const claimed = new Map<string, number>();
  const byRow = unique.filter(repliesWithQuestion);
  const withOutcome = unique.filter((a) => !repliesWithQuestion(a));
  for (let at = 0; at < byRow.length; at += ANSWER_VALUES_ROWS) {
    const chunk = byRow.slice(at, at + ANSWER_VALUES_ROWS);
    const params: unknown[] = [staleBefore];
    for (const a of chunk) {
      params.push(a.msgKey, a.assumedWithoutGroup ?? null);
      pushQuestionFields(params, a.question);
    }
    for (const r of await db.query<{ msg_id: string }>(answersByRowSql(chunk.length), params)) claimed.set(r.msg_id, 1);
  }
  for (let at = 0; at < withOutcome.length; at += ANSWER_VALUES_ROWS) {
    const chunk = withOutcome.slice(at, at + ANSWER_VALUES_ROWS);
    const params: unknown[] = [staleBefore];
    for (const a of chunk) {
      params.push(a.msgKey, a.now, a.reply, a.assumedWithoutGroup ?? null);
      pushQuestionFields(params, a.question);
    }
    for (const r of await db.query<{ msg_id: string; attempts: number }>(answersWithOutcomeSql(chunk.length), params)) claimed.set(r.msg_id, Number(r.attempts));
  }
  const { told, seen } = await toldWhatTheyFound(db, answers, first, claimed);
  // a message neither claimed nor on record: its assumption did not hold (nothing was written)
  return told.map((c, i) => (c.kind === 'in_progress' && answers[i]!.assumedWithoutGroup !== undefined && !seen.has(answers[i]!.msgKey) ? { kind: 'has_group' } : c));
}

/** A message whose reply to repeat on a retry is its question's reply, as its questions row stores it. */
const repliesWithQuestion = (a: AnsweredMessage) => a.reply !== null && a.reply === a.question.reply && !a.reply.includes('\u0000');

/**
 * The most answers one recordAnswers statement writes (a `values` list with a parameter per
 * field, a statement text per batch size, each prepared once); a larger batch takes several. In
 * PGlite a batch of 6 took ~700 µs of CPU this way against ~1,000 µs with a parameter per column
 * (18 arrays unpacked, the rows numbered and each question's key picked by its position).
 */
const ANSWER_VALUES_ROWS = 16;
/** $1 (the time before which a message still being handled is orphaned), then each answer's fields from `$first`, `types` the fields' types. */
const answerValues = (count: number, types: string[]) =>
  Array.from({ length: count }, (_, r) => `(${r + 1}, ${types.map((t, c) => `$${2 + r * types.length + c}::${t}`).join(', ')})`).join(',\n              ');
/** A message on record that may not be claimed again: not failed, nor orphaned (still "processing" from before $1). */
const heldInWecomMessages = `exists (select 1 from wecom_messages m where m.msg_id = v.msg_id
                      and (m.status = 'done' or (m.status = 'processing' and m.updated_at >= $1::timestamptz)))`;
/** Its private chat still has no group, when the answer assumed so. */
const assumptionHolds = `(v.assumed is null or v.assumed not in (select external_id from chat_groups where channel = 'wecom' and external_id in (select assumed from v)))`;
const byRowSql: string[] = [];
/** recordAnswers' statement for `count` messages recorded by their questions rows: $1 the staleness limit, then each message's key, assumed chat and 14 question fields. */
const answersByRowSql = (count: number): string =>
  (byRowSql[count] ??= `with v (n, msg_id, assumed, q_${QUESTION_FIELDS.join(', q_')}) as (
       values ${answerValues(count, ['text', 'text', ...QUESTION_FIELD_TYPES])})
     insert into questions (${QUESTION_FIELDS.join(', ')}, wecom_msg_key)
       select q_${QUESTION_FIELDS.join(', q_')}, msg_id from v
        where ${assumptionHolds} and not ${heldInWecomMessages}
        order by n
     on conflict (wecom_msg_key) where wecom_msg_key is not null do nothing
     returning wecom_msg_key as msg_id`);
const withOutcomeSql: string[] = [];
/**
 * recordAnswers' statement for `count` messages whose outcome is a row of wecom_messages too: $1
 * the staleness limit, then each message's key, time, reply, assumed chat and 14 question
 * fields. The outcome is written only for the questions stored (the questions row decides).
 */
const answersWithOutcomeSql = (count: number): string =>
  (withOutcomeSql[count] ??= `with v (n, msg_id, at, reply, assumed, q_${QUESTION_FIELDS.join(', q_')}) as (
       values ${answerValues(count, ['text', 'timestamptz', 'text', 'text', ...QUESTION_FIELD_TYPES])}),
     asked as (insert into questions (${QUESTION_FIELDS.join(', ')}, wecom_msg_key)
       select q_${QUESTION_FIELDS.join(', q_')}, msg_id from v
        where ${assumptionHolds} and not ${heldInWecomMessages}
        order by n
       on conflict (wecom_msg_key) where wecom_msg_key is not null do nothing
       returning wecom_msg_key)
     insert into wecom_messages (msg_id, status, received_at, updated_at, reply, delivered)
       select msg_id, 'done', at, at, reply, true from v where msg_id in (select wecom_msg_key from asked)
     on conflict (msg_id) do update set status = 'done', attempts = wecom_messages.attempts + 1, updated_at = excluded.updated_at,
                                        reply = excluded.reply, delivered = true, last_error = null
     returning msg_id, attempts`);

/**
 * What each of several claims is told, as claimMessage tells it: 'claimed' (the first claim of a
 * key the statement claimed, `attempts` its count), or else the outcome its message has — read,
 * for the keys not claimed (retries), by one more statement (recordedOutcomes).
 */
async function toldWhatTheyFound(
  db: Db,
  claims: Array<{ msgKey: string }>,
  first: Map<string, number>,
  claimed: Map<string, number>,
): Promise<{ told: MessageClaim[]; seen: Map<string, Outcome> }> {
  const others = [...first.keys()].filter((k) => !claimed.has(k));
  const seen = others.length ? await recordedOutcomes(db, others) : new Map<string, Outcome>();
  const told = claims.map((c, i): MessageClaim => {
    const attempts = claimed.get(c.msgKey);
    if (attempts !== undefined) return first.get(c.msgKey) === i ? { kind: 'claimed', attempts } : { kind: 'in_progress' };
    const row = seen.get(c.msgKey);
    return row?.status === 'done' ? { kind: 'done', reply: row.reply, delivered: row.delivered } : { kind: 'in_progress' };
  });
  return { told, seen };
}

type Outcome = { status: 'processing' | 'done' | 'failed'; reply: string | null; delivered: boolean };

/**
 * The outcomes on record of these keys: a row of wecom_messages that says done; else a question
 * recorded under the key (recordAnswers: done, its reply the question's); else the row of
 * wecom_messages as it is (failed, or still being handled).
 */
async function recordedOutcomes(db: Db, keys: string[]): Promise<Map<string, Outcome>> {
  const rows = await db.query<Outcome & { msg_id: string; answered: boolean }>(
    `select msg_id, status, reply, delivered, false as answered from wecom_messages where msg_id = any($1::text[])
     union all
     select wecom_msg_key, 'done', reply, true, true from questions where wecom_msg_key = any($1::text[])`,
    [keys],
  );
  const seen = new Map<string, Outcome>();
  for (const r of rows) {
    const had = seen.get(r.msg_id);
    if (!had || (had.status !== 'done' && r.answered)) seen.set(r.msg_id, { status: r.status, reply: r.reply, delivered: r.delivered });
  }
  return seen;
}

/**
 * The message was handled; `reply` is the reply to repeat on a retry (null: nothing to repeat).
 * `delivered: false` when the reply still has to reach the platform (see markDelivered).
 */
export async function completeMessage(db: Db, msgKey: string, reply: string | null, now: Date, delivered = true): Promise<void> {
  await db.query(`update wecom_messages set status = 'done', reply = $2, delivered = $4, last_error = null, updated_at = $3 where msg_id = $1`, [msgKey, reply, now, delivered]);
}

/** The platform acknowledged the reply: a redelivery of the message is not answered again. */
export async function markDelivered(db: Db, msgKey: string): Promise<void> {
  await db.query('update wecom_messages set delivered = true where msg_id = $1', [msgKey]);
}

/** Handling failed: WeCom's retry handles it again. */
export async function failMessage(db: Db, msgKey: string, error: string, now: Date): Promise<void> {
  await db.query(`update wecom_messages set status = 'failed', last_error = $2, updated_at = $3 where msg_id = $1`, [msgKey, error.slice(0, 500), now]);
}

/** A message's outcome without claiming it (undefined: never seen); see recordedOutcomes. */
export async function peekMessage(db: Db, msgKey: string): Promise<{ status: 'processing' | 'done' | 'failed'; reply: string | null } | undefined> {
  const row = (await recordedOutcomes(db, [msgKey])).get(msgKey);
  return row && { status: row.status, reply: row.reply };
}
