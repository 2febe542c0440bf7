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
  const rows = completions.length
    ? await db.query<{ msg_id: string; attempts: number }>(`with ${completionParts(completions, 4).join(', ')} ${CLAIM_SQL}`, [...claimParams, ...completionParams(completions)])
    : await db.query<{ msg_id: string; attempts: number }>(CLAIM_SQL, claimParams);
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
 * by one statement with their questions: each message the statement claims (as claimMessages
 * would: new, failed, or orphaned) is stored as done with its reply, and its question in the
 * questions log; the others are left as they are, their questions not stored. Each message is
 * told what it found, as claimMessages tells it: 'claimed' — the reply is its to send; 'done' —
 * a retry of a message handled already (send the recorded reply); 'in_progress'. A key given
 * twice is claimed once, by its first.
 */
export async function recordAnswers(db: Db, answers: AnsweredMessage[], staleAfterMs: number): Promise<AnswerClaim[]> {
  if (!answers.length) return [];
  const first = new Map<string, number>();
  answers.forEach((a, i) => first.has(a.msgKey) || first.set(a.msgKey, i));
  const unique = [...first.values()].map((i) => answers[i]!);
  // Only the claimed keys come back: reading the others' rows in the same statement (a join on
  // wecom_messages) made PostgreSQL plan it again at every call, which cost more than the rest.
  let rows: Array<{ msg_id: string; attempts: number }>;
  if (unique.length <= ANSWER_VALUES_ROWS) {
    const params: unknown[] = [staleAfterMs];
    for (const a of unique) {
      params.push(a.msgKey, a.now, a.reply, a.assumedWithoutGroup ?? null);
      pushQuestionFields(params, a.question);
    }
    rows = await db.query<{ msg_id: string; attempts: number }>(answersValuesSql(unique.length), params);
  } else {
    rows = await db.query<{ msg_id: string; attempts: number }>(
      `with grouped as (select external_id from chat_groups where channel = 'wecom' and external_id = any($5::text[])),
       answered as (insert into wecom_messages (msg_id, status, received_at, updated_at, reply, delivered)
         select msg_id, 'done', at, at, reply, true from unnest($1::text[], $2::timestamptz[], $3::text[], $5::text[]) as v(msg_id, at, reply, assumed)
          where v.assumed is null or v.assumed not in (select external_id from grouped)
         on conflict (msg_id) do update set status = 'done', attempts = wecom_messages.attempts + 1, updated_at = excluded.updated_at,
                                            reply = excluded.reply, delivered = true, last_error = null
          where ${reclaimable('$4')}
         returning msg_id, attempts),
       asked as (${questionsInsertSql(6, '($1::text[])[v.n] in (select msg_id from answered)')} returning id)
       select msg_id, attempts from answered`,
      [
        unique.map((a) => a.msgKey),
        unique.map((a) => a.now),
        unique.map((a) => a.reply),
        staleAfterMs,
        unique.map((a) => a.assumedWithoutGroup ?? null),
        ...questionsInsertParams(unique.map((a) => a.question)),
      ],
    );
  }
  const { told, seen } = await toldWhatTheyFound(db, answers, first, new Map(rows.map((r) => [r.msg_id, Number(r.attempts)])));
  // a message neither claimed nor on record: its assumption did not hold (nothing was written)
  return told.map((c, i) => (c.kind === 'in_progress' && answers[i]!.assumedWithoutGroup !== undefined && !seen.has(answers[i]!.msgKey) ? { kind: 'has_group' } : c));
}

/**
 * The largest batch recordAnswers writes with a `values` list of its messages (a parameter per
 * field, a statement text per batch size, each prepared once); a larger one passes each field as
 * an array. In PGlite, a batch of 6 answers took ~700 µs of CPU against ~1,000 µs with the arrays
 * (unpacking 18 arrays, numbering the rows and picking each question's key by its position).
 */
const ANSWER_VALUES_ROWS = 16;
const ANSWER_FIELD_TYPES = ['text', 'timestamptz', 'text', 'text', ...QUESTION_FIELD_TYPES];
const answersSql: string[] = [];
/** recordAnswers' statement for `count` messages given as a `values` list: $1 the staleness limit, then each message's 18 fields. */
const answersValuesSql = (count: number): string =>
  (answersSql[count] ??= `with v (n, msg_id, at, reply, assumed, q_${QUESTION_FIELDS.join(', q_')}) as (
       values ${Array.from({ length: count }, (_, r) => `(${r + 1}, ${ANSWER_FIELD_TYPES.map((t, c) => `$${2 + r * ANSWER_FIELD_TYPES.length + c}::${t}`).join(', ')})`).join(',\n              ')}),
     grouped as (select external_id from chat_groups where channel = 'wecom' and external_id in (select assumed from v)),
     answered as (insert into wecom_messages (msg_id, status, received_at, updated_at, reply, delivered)
       select msg_id, 'done', at, at, reply, true from v
        where v.assumed is null or v.assumed not in (select external_id from grouped)
       on conflict (msg_id) do update set status = 'done', attempts = wecom_messages.attempts + 1, updated_at = excluded.updated_at,
                                          reply = excluded.reply, delivered = true, last_error = null
        where ${reclaimable('$1')}
       returning msg_id, attempts),
     asked as (insert into questions (${QUESTION_FIELDS.join(', ')})
       select q_${QUESTION_FIELDS.join(', q_')} from v where v.msg_id in (select msg_id from answered) order by n
       returning id)
     select msg_id, attempts from answered`);

/**
 * What each of several claims is told, as claimMessage tells it: 'claimed' (the first claim of a
 * key the statement claimed, `attempts` its count), or else the outcome its message has — read,
 * for the keys not claimed (retries), by one more statement.
 */
async function toldWhatTheyFound(
  db: Db,
  claims: Array<{ msgKey: string }>,
  first: Map<string, number>,
  claimed: Map<string, number>,
): Promise<{ told: MessageClaim[]; seen: Map<string, { status: string }> }> {
  const others = [...first.keys()].filter((k) => !claimed.has(k));
  const seen = new Map<string, { status: string; reply: string | null; delivered: boolean }>();
  if (others.length) {
    for (const r of await db.query<{ msg_id: string; status: string; reply: string | null; delivered: boolean }>(
      'select msg_id, status, reply, delivered from wecom_messages where msg_id = any($1::text[])',
      [others],
    )) {
      seen.set(r.msg_id, r);
    }
  }
  const told = claims.map((c, i): MessageClaim => {
    const attempts = claimed.get(c.msgKey);
    if (attempts !== undefined) return first.get(c.msgKey) === i ? { kind: 'claimed', attempts } : { kind: 'in_progress' };
    const row = seen.get(c.msgKey);
    return row?.status === 'done' ? { kind: 'done', reply: row.reply, delivered: row.delivered } : { kind: 'in_progress' };
  });
  return { told, seen };
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

/** A message's outcome without claiming it (undefined: never seen). */
export async function peekMessage(db: Db, msgKey: string): Promise<{ status: 'processing' | 'done' | 'failed'; reply: string | null } | undefined> {
  const [row] = await db.query<{ status: 'processing' | 'done' | 'failed'; reply: string | null }>('select status, reply from wecom_messages where msg_id = $1', [msgKey]);
  return row;
}
