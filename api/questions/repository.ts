import type { Db } from '../db/index.js';

/** The questions log: every question and reply, and the open ones a human should answer. */
export type QuestionStatus = 'logged' | 'open' | 'answered' | 'handled';

export interface QuestionRecord {
  id: number;
  channel: string;
  groupRef: string | null;
  sender: string | null;
  provinceCode: string | null;
  question: string;
  reply: string | null;
  intent: string | null;
  confidence: number | null;
  abstained: boolean;
  status: QuestionStatus;
  answer: string | null;
  answeredBy: string | null;
  /** A user's verdict on the reply, from channels that ask for one (WeCom 智能机器人). */
  feedback: QuestionFeedback | null;
  feedbackNote: string | null;
  createdAt: string;
  /** Where an answer goes back (see follow-up.ts): the conversation, whether it was a group, the asker's name, the mini-program account. */
  conversationId: string | null;
  inGroup: boolean;
  senderName: string | null;
  accountId: number | null;
  /** The college and group it was asked in, when known (console lists only). */
  collegeName?: string | null;
  groupName?: string | null;
}

export type QuestionFeedback = 'accurate' | 'inaccurate';

/** A questions row as the database returns it: the columns QuestionRecord names alike keep its types. */
type Row = Pick<QuestionRecord, 'channel' | 'sender' | 'question' | 'reply' | 'intent' | 'confidence' | 'abstained' | 'status' | 'answer' | 'feedback'> & {
  id: string | number;
  group_ref: string | null;
  province_code: string | null;
  answered_by: string | null;
  feedback_note: string | null;
  created_at: string | Date;
  conversation_id: string | null;
  in_group: boolean;
  sender_name: string | null;
  account_id: string | number | null;
  college_name?: string | null;
  group_name?: string | null;
};

const toRecord = (r: Row): QuestionRecord => ({
  id: Number(r.id),
  channel: r.channel,
  groupRef: r.group_ref,
  sender: r.sender,
  provinceCode: r.province_code,
  question: r.question,
  reply: r.reply,
  intent: r.intent,
  confidence: r.confidence === null ? null : Number(r.confidence),
  abstained: r.abstained,
  status: r.status,
  answer: r.answer,
  answeredBy: r.answered_by,
  feedback: r.feedback ?? null,
  feedbackNote: r.feedback_note ?? null,
  createdAt: new Date(r.created_at).toISOString(),
  conversationId: r.conversation_id,
  inGroup: r.in_group,
  senderName: r.sender_name,
  accountId: r.account_id === null ? null : Number(r.account_id),
  ...(r.college_name !== undefined ? { collegeName: r.college_name, groupName: r.group_name ?? null } : {}),
});

export interface NewQuestion {
  channel: string;
  groupRef?: string | null;
  sender?: string | null;
  provinceCode?: string | null;
  question: string;
  reply: string;
  intent: string;
  confidence: number;
  abstained: boolean;
  status: QuestionStatus;
  conversationId?: string | null;
  inGroup?: boolean;
  senderName?: string | null;
  accountId?: number | null;
}

/** PostgreSQL text cannot hold NUL: a question is logged without them rather than not at all. */
const noNul = <T extends string | null | undefined>(s: T): T => (typeof s === 'string' ? (s.replaceAll('\u0000', '') as T) : s);
const withoutNul = (raw: NewQuestion) => ({ ...raw, question: noNul(raw.question), reply: noNul(raw.reply), sender: noNul(raw.sender), senderName: noNul(raw.senderName), groupRef: noNul(raw.groupRef) });

/** A question's region is its province's: every region filter here reads it through this one join (`p.region_code`). */
const QUESTIONS_WITH_REGION = 'from questions q left join provinces p on p.code = q.province_code';

/**
 * Log several questions with one statement (group commit, see questions/log.ts); returns their
 * ids in the order given. The rows are inserted in that order, so the sequence hands out
 * ascending ids in that order too.
 *
 * A batch of up to VALUES_ROWS questions is a multi-row `values` list with a parameter per field
 * (one statement text per batch size, each prepared once); a larger one passes each column as an
 * array (questionsInsertSql). Unpacking 14 arrays made the statement cost more than its rows:
 * in PGlite one question alone took ~2× the CPU of the `values` form, in PostgreSQL a batch of 5
 * took ~20 % longer to commit and ~35 % more of the client's CPU (its arrays escaped element by
 * element).
 */
export async function logQuestions(db: Db, raws: NewQuestion[]): Promise<number[]> {
  if (!raws.length) return [];
  const rows =
    raws.length <= VALUES_ROWS
      ? await db.query<{ id: string | number }>(questionsValuesSql(raws.length), questionsValuesParams(raws))
      : await db.query<{ id: string | number }>(`${questionsInsertSql(1)} returning id`, questionsInsertParams(raws));
  const ids = rows.map((r) => Number(r.id));
  return ids.length > 1 ? ids.sort((a, b) => a - b) : ids;
}

/** The largest batch logQuestions writes as a `values` list (a statement text of its own per size). */
export const VALUES_ROWS = 32;
const QUESTION_COLUMNS = `channel, group_ref, sender, province_code, question, reply, intent, confidence, abstained, status,
                            conversation_id, in_group, sender_name, account_id`;
const valuesSql: string[] = [];
/** `insert … values ($1, …, $14), ($15, …) returning id` for `rows` questions (made once per size). */
const questionsValuesSql = (rows: number): string =>
  (valuesSql[rows] ??= `insert into questions (${QUESTION_COLUMNS})
     values ${Array.from({ length: rows }, (_, r) => `(${Array.from({ length: 14 }, (_, c) => `$${r * 14 + c + 1}`).join(', ')})`).join(',\n            ')}
     returning id`);

/** questionsValuesSql's parameters: each question's 14 fields in turn, in the columns' order. */
function questionsValuesParams(raws: NewQuestion[]): unknown[] {
  const out: unknown[] = [];
  for (const raw of raws) pushQuestionFields(out, raw);
  return out;
}

/** The questions table's 14 columns a question fills (QUESTION_FIELD_TYPES in the same order). */
export const QUESTION_FIELDS = QUESTION_COLUMNS.split(',').map((c) => c.trim());
/** Each of QUESTION_FIELDS' types, for a statement that casts its parameters. */
export const QUESTION_FIELD_TYPES = ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'real', 'boolean', 'text', 'text', 'boolean', 'text', 'bigint'];

/** Append a question's 14 fields (QUESTION_FIELDS' order) to a statement's parameters. */
export function pushQuestionFields(out: unknown[], raw: NewQuestion): void {
  const q = withoutNul(raw);
  out.push(q.channel, q.groupRef ?? null, q.sender ?? null, q.provinceCode ?? null, q.question, q.reply, q.intent, q.confidence, q.abstained, q.status,
    q.conversationId ?? null, q.inGroup ?? false, q.senderName ?? null, q.accountId ?? null);
}

/**
 * logQuestions' insert, its 14 parameters (questionsInsertParams) numbered from `first`: for a
 * statement that stores the questions with another record of theirs (the WeCom MsgId outcome,
 * wecom/repository.ts), as a data-modifying `with` part of it. `where`: a condition on the
 * question's position `v.n` (from 1) that only the questions to store meet.
 */
export const questionsInsertSql = (first: number, where?: string) => {
  const p = (i: number, type: string) => `$${first + i}::${type}[]`;
  return `insert into questions (channel, group_ref, sender, province_code, question, reply, intent, confidence, abstained, status,
                            conversation_id, in_group, sender_name, account_id)
     select channel, group_ref, sender, province_code, question, reply, intent, confidence, abstained, status,
            conversation_id, in_group, sender_name, account_id
       from unnest(${p(0, 'text')}, ${p(1, 'text')}, ${p(2, 'text')}, ${p(3, 'text')}, ${p(4, 'text')}, ${p(5, 'text')}, ${p(6, 'text')}, ${p(7, 'real')}, ${p(8, 'boolean')}, ${p(9, 'text')},
                   ${p(10, 'text')}, ${p(11, 'boolean')}, ${p(12, 'text')}, ${p(13, 'bigint')})
            with ordinality as v(channel, group_ref, sender, province_code, question, reply, intent, confidence, abstained, status,
                                 conversation_id, in_group, sender_name, account_id, n)
      ${where ? `where ${where}` : ''}
      order by n`;
};

/** The 14 parameters of questionsInsertSql, in its order. */
export function questionsInsertParams(raws: NewQuestion[]): unknown[] {
  const qs = raws.map(withoutNul);
  const col = <T>(pick: (q: (typeof qs)[number]) => T) => qs.map(pick);
  return [
    col((q) => q.channel), col((q) => q.groupRef ?? null), col((q) => q.sender ?? null), col((q) => q.provinceCode ?? null),
    col((q) => q.question), col((q) => q.reply), col((q) => q.intent), col((q) => q.confidence), col((q) => q.abstained), col((q) => q.status),
    col((q) => q.conversationId ?? null), col((q) => q.inGroup ?? false), col((q) => q.senderName ?? null), col((q) => q.accountId ?? null),
  ];
}

export async function logQuestion(db: Db, raw: NewQuestion): Promise<number> {
  const q = withoutNul(raw);
  const [row] = await db.query<{ id: string | number }>(
    `insert into questions (channel, group_ref, sender, province_code, question, reply, intent, confidence, abstained, status,
                            conversation_id, in_group, sender_name, account_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning id`,
    [q.channel, q.groupRef ?? null, q.sender ?? null, q.provinceCode ?? null, q.question, q.reply, q.intent, q.confidence, q.abstained, q.status,
     q.conversationId ?? null, q.inGroup ?? false, q.senderName ?? null, q.accountId ?? null],
  );
  return Number(row!.id);
}

export async function listQuestions(db: Db, filter: { status?: QuestionStatus; regionCode?: string; limit?: number } = {}): Promise<QuestionRecord[]> {
  const rows = await db.query<Row>(
    `select q.*, coalesce(gc.name, ac.name) as college_name, g.name as group_name
       ${QUESTIONS_WITH_REGION}
       left join chat_groups g on g.external_id = q.group_ref and g.channel = q.channel
       left join colleges gc on gc.id = g.college_id
       left join accounts a on a.id = q.account_id
       left join colleges ac on ac.id = a.college_id
      where ($1::text is null or q.status = $1)
        and ($2::text is null or p.region_code = $2)
      order by q.created_at desc, q.id desc limit $3`,
    [filter.status ?? null, filter.regionCode ?? null, filter.limit ?? 200],
  );
  return rows.map(toRecord);
}

export async function getQuestion(db: Db, id: number): Promise<QuestionRecord | undefined> {
  const [row] = await db.query<Row>('select * from questions where id = $1', [id]);
  return row ? toRecord(row) : undefined;
}

/** Record the answer; undefined when the question was already answered (a double click answers once). */
export async function answerQuestion(db: Db, id: number, answer: string, by: string): Promise<QuestionRecord | undefined> {
  const [row] = await db.query<Row>(
    `update questions set answer = $2, answered_by = $3, status = 'answered', handled_at = now() where id = $1 and status <> 'answered' returning *`,
    [id, answer, by],
  );
  return row ? toRecord(row) : undefined;
}

export async function markHandled(db: Db, id: number, by: string): Promise<QuestionRecord | undefined> {
  const [row] = await db.query<Row>(
    `update questions set status = 'handled', answered_by = coalesce(answered_by, $2), handled_at = now() where id = $1 returning *`,
    [id, by],
  );
  return row ? toRecord(row) : undefined;
}

/** Open (unanswered) questions per region, for the dashboard and the managers' digests. */
export async function countOpenByRegion(db: Db): Promise<Record<string, number>> {
  const rows = await db.query<{ region_code: string | null; n: string | number }>(
    `select p.region_code, count(*) as n ${QUESTIONS_WITH_REGION}
      where q.status = 'open' group by p.region_code`,
  );
  return Object.fromEntries(rows.map((r) => [r.region_code ?? 'unknown', Number(r.n)]));
}

/** A region's open questions, newest first; `null` = questions with no province (they go to the admins). */
export async function openQuestionsOfRegion(db: Db, regionCode: string | null): Promise<Array<{ id: number; question: string; createdAt: string }>> {
  const rows = await db.query<{ id: string | number; question: string; created_at: Date }>(
    `select q.id, q.question, q.created_at ${QUESTIONS_WITH_REGION}
      where q.status = 'open' and p.region_code is not distinct from $1 order by q.created_at desc, q.id desc`,
    [regionCode],
  );
  return rows.map((q) => ({ id: Number(q.id), question: q.question, createdAt: new Date(q.created_at).toISOString() }));
}

/** A mini-program account's own questions ("我的提问"), newest first. */
export async function questionsOfAccount(db: Db, accountId: number, limit = 50): Promise<QuestionRecord[]> {
  const rows = await db.query<Row>('select * from questions where account_id = $1 order by created_at desc, id desc limit $2', [accountId, limit]);
  return rows.map(toRecord);
}

/** Tie a logged question to the feedback id its reply carried, so the user's verdict finds it. */
export async function setFeedbackRef(db: Db, questionId: number, ref: string): Promise<void> {
  await db.query('update questions set feedback_ref = $2 where id = $1', [questionId, ref]);
}

/**
 * Record a user's verdict on a reply (null: withdrawn). 不准确 puts the question back in the open
 * queue for a human, whatever its status was. Returns the question, or undefined for an unknown ref.
 */
export async function recordFeedback(db: Db, ref: string, feedback: QuestionFeedback | null, note: string | null, now: Date): Promise<QuestionRecord | undefined> {
  const [row] = await db.query<Row>(
    `update questions set feedback = $2, feedback_note = $3, feedback_at = $4,
            status = case when $2::text = 'inaccurate' then 'open' else status end
      where feedback_ref = $1 returning *`,
    [ref, feedback, note, now],
  );
  return row ? toRecord(row) : undefined;
}

/** Feedback on the region's answers since a day (YYYY-MM-DD): how many were marked 准确 and 不准确. */
export async function countFeedback(db: Db, regionCode: string, since: string): Promise<{ accurate: number; inaccurate: number }> {
  const rows = await db.query<{ feedback: QuestionFeedback; n: string | number }>(
    `select q.feedback, count(*) as n ${QUESTIONS_WITH_REGION}
      where p.region_code = $1 and q.feedback is not null and q.feedback_at >= $2::date group by q.feedback`,
    [regionCode, since],
  );
  const out = { accurate: 0, inaccurate: 0 };
  for (const r of rows) out[r.feedback] = Number(r.n);
  return out;
}
