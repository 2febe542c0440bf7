import type { Db } from '../db/index.js';
import { knowledgeChanged } from '../knowledge/changes.js';
import type { ExamSession } from '../contract.js';

/** Published exam sessions (the shape clients read: api/contract.ts). */
export type { ExamSession };

interface ExamRow {
  id: string | number;
  year: number;
  month: number;
  exam_date: string | Date | null;
  scope: string;
  title: string | null;
  note: string | null;
  source: string;
}

const isoDate = (d: string | Date | null): string | null =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);

const toExam = (r: ExamRow): ExamSession => ({
  id: Number(r.id),
  year: r.year,
  month: r.month,
  date: isoDate(r.exam_date),
  scope: r.scope,
  title: r.title,
  note: r.note,
  source: r.source,
});

export async function listExams(db: Db, year?: number): Promise<ExamSession[]> {
  const rows = await db.query<ExamRow>(
    `select id, year, month, to_char(exam_date, 'YYYY-MM-DD') as exam_date, scope, title, note, source
       from exam_sessions
      where not archived and ($1::int is null or year = $1)
      order by year, month, exam_date nulls first`,
    [year ?? null],
  );
  return rows.map(toExam);
}

export interface NewExam {
  year: number;
  month: number;
  date?: string | null;
  scope?: string;
  title?: string | null;
  note?: string | null;
  source: string;
}

export async function createExam(db: Db, e: NewExam): Promise<ExamSession> {
  const [row] = await db.query<ExamRow>(
    `insert into exam_sessions (year, month, exam_date, scope, title, note, source, origin)
     values ($1, $2, $3, $4, $5, $6, $7, 'console')
     returning id, year, month, to_char(exam_date, 'YYYY-MM-DD') as exam_date, scope, title, note, source`,
    [e.year, e.month, e.date ?? null, e.scope ?? 'national', e.title ?? null, e.note ?? null, e.source],
  );
  await knowledgeChanged(db, 'exams');
  return toExam(row!);
}

export async function archiveExam(db: Db, id: number): Promise<boolean> {
  const rows = await db.query(
    `update exam_sessions set archived = true, origin = 'console', updated_at = now() where id = $1 returning id`,
    [id],
  );
  if (rows.length) await knowledgeChanged(db, 'exams');
  return rows.length > 0;
}

/** A session of the seed files (api/seed.ts); a console-edited row is left alone. */
export async function upsertSeedExam(db: Db, s: { seedKey: string; year: number; month: number; date: string | null; scope: string; title: string | null; source: string }): Promise<void> {
  await db.query(
    `insert into exam_sessions (seed_key, year, month, exam_date, scope, title, source)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (seed_key) do update set year = excluded.year, month = excluded.month,
       exam_date = excluded.exam_date, scope = excluded.scope, title = excluded.title,
       source = excluded.source, updated_at = now()
     where exam_sessions.origin = 'seed'`,
    [s.seedKey, s.year, s.month, s.date, s.scope, s.title, s.source],
  );
}
