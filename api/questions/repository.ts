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
  createdAt: string;
}

interface Row {
  id: string | number;
  channel: string;
  group_ref: string | null;
  sender: string | null;
  province_code: string | null;
  question: string;
  reply: string | null;
  intent: string | null;
  confidence: number | null;
  abstained: boolean;
  status: QuestionStatus;
  answer: string | null;
  answered_by: string | null;
  created_at: string | Date;
}

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
  createdAt: new Date(r.created_at).toISOString(),
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
}

export async function logQuestion(db: Db, q: NewQuestion): Promise<number> {
  const [row] = await db.query<{ id: string | number }>(
    `insert into questions (channel, group_ref, sender, province_code, question, reply, intent, confidence, abstained, status)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
    [q.channel, q.groupRef ?? null, q.sender ?? null, q.provinceCode ?? null, q.question, q.reply, q.intent, q.confidence, q.abstained, q.status],
  );
  return Number(row!.id);
}

export async function listQuestions(db: Db, filter: { status?: QuestionStatus; regionCode?: string; limit?: number } = {}): Promise<QuestionRecord[]> {
  const rows = await db.query<Row>(
    `select q.* from questions q left join provinces p on p.code = q.province_code
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

export async function answerQuestion(db: Db, id: number, answer: string, by: string): Promise<QuestionRecord | undefined> {
  const [row] = await db.query<Row>(
    `update questions set answer = $2, answered_by = $3, status = 'answered', handled_at = now() where id = $1 returning *`,
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
    `select p.region_code, count(*) as n from questions q left join provinces p on p.code = q.province_code
      where q.status = 'open' group by p.region_code`,
  );
  return Object.fromEntries(rows.map((r) => [r.region_code ?? 'unknown', Number(r.n)]));
}

/** A region's open questions, newest first; `null` = questions with no province (they go to the admins). */
export async function openQuestionsOfRegion(db: Db, regionCode: string | null): Promise<Array<{ id: number; question: string; createdAt: string }>> {
  const rows = await db.query<{ id: string | number; question: string; created_at: Date }>(
    `select q.id, q.question, q.created_at from questions q left join provinces p on p.code = q.province_code
      where q.status = 'open' and p.region_code is not distinct from $1 order by q.created_at desc, q.id desc`,
    [regionCode],
  );
  return rows.map((q) => ({ id: Number(q.id), question: q.question, createdAt: new Date(q.created_at).toISOString() }));
}
