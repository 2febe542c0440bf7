import type { Db } from '../db/index.js';
import { knowledgeChanged } from './changes.js';
import type { Passage } from '../../knowledge/engine/snapshot.js';

/** Knowledge entries: seed passages, uploaded documents and operators' own answers. */
export interface KnowledgeEntry {
  id: number;
  kind: 'passage' | 'faq' | 'operator';
  title: string;
  body: string;
  sourceDocument: string;
  section: string | null;
  sourceFile: string | null;
  origin: 'seed' | 'console';
  updatedAt: string;
}

interface Row {
  id: string | number;
  kind: KnowledgeEntry['kind'];
  title: string;
  body: string;
  source_document: string;
  section: string | null;
  source_file: string | null;
  origin: KnowledgeEntry['origin'];
  updated_at: Date | string;
}

const toEntry = (r: Row): KnowledgeEntry => ({
  id: Number(r.id),
  kind: r.kind,
  title: r.title,
  body: r.body,
  sourceDocument: r.source_document,
  section: r.section,
  sourceFile: r.source_file,
  origin: r.origin,
  updatedAt: new Date(r.updated_at).toISOString(),
});

const likeOf = (q: string | undefined) => (q ? `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%` : null);

export async function searchEntries(db: Db, q: string | undefined, limit = 100): Promise<KnowledgeEntry[]> {
  return (await pageEntries(db, { q, limit })).entries;
}

/**
 * One page of the knowledge base for the console, newest first (an upload shows at once), with
 * the number of matching entries; `document` keeps one source document.
 */
export async function pageEntries(db: Db, f: { q?: string; document?: string; offset?: number; limit?: number }): Promise<{ entries: KnowledgeEntry[]; total: number }> {
  const where = `not archived
       and ($1::text is null or title ilike $1 or body ilike $1 or source_document ilike $1)
       and ($2::text is null or source_document = $2)`;
  const params = [likeOf(f.q), f.document ?? null];
  const rows = await db.query<Row>(`select * from knowledge_entries where ${where} order by id desc limit $3 offset $4`, [...params, f.limit ?? 20, f.offset ?? 0]);
  const [count] = await db.query<{ n: string | number }>(`select count(*) as n from knowledge_entries where ${where}`, params);
  return { entries: rows.map(toEntry), total: Number(count?.n ?? 0) };
}

/** The source documents of the knowledge base: title, the file it came from, how many entries. */
export async function knowledgeDocuments(db: Db): Promise<Array<{ title: string; file: string | null; count: number }>> {
  const rows = await db.query<{ title: string; file: string | null; n: string | number }>(
    `select source_document as title, min(source_file) as file, count(*) as n from knowledge_entries
      where not archived group by source_document order by min(id)`,
  );
  return rows.map((r) => ({ title: r.title, file: r.file, count: Number(r.n) }));
}

export async function createEntry(db: Db, e: { kind: KnowledgeEntry['kind']; title: string; body: string; sourceDocument: string; section?: string | null; sourceFile?: string | null }): Promise<KnowledgeEntry> {
  const [row] = await db.query<Row>(
    `insert into knowledge_entries (kind, title, body, source_document, section, source_file, origin)
     values ($1, $2, $3, $4, $5, $6, 'console') returning *`,
    [e.kind, e.title, e.body, e.sourceDocument, e.section ?? null, e.sourceFile ?? null],
  );
  await knowledgeChanged(db, 'passages');
  return toEntry(row!);
}

export async function insertPassages(db: Db, passages: Passage[]): Promise<number> {
  return db.transaction(async (tx) => {
    for (const p of passages) {
      await tx.query(
        `insert into knowledge_entries (kind, title, body, source_document, section, source_file, origin) values ('passage', $1, $2, $3, $1, $4, 'console')`,
        [p.section, p.body, p.document, p.file ?? null],
      );
    }
    await knowledgeChanged(tx, 'passages');
    return passages.length;
  });
}

export async function updateEntry(db: Db, id: number, patch: { title?: string; body?: string; section?: string | null }): Promise<KnowledgeEntry | undefined> {
  const [row] = await db.query<Row>(
    `update knowledge_entries set title = coalesce($2, title), body = coalesce($3, body), section = coalesce($4, section),
       origin = 'console', updated_at = now() where id = $1 and not archived returning *`,
    [id, patch.title ?? null, patch.body ?? null, patch.section ?? null],
  );
  if (row) await knowledgeChanged(db, 'passages');
  return row ? toEntry(row) : undefined;
}

export async function archiveEntry(db: Db, id: number): Promise<boolean> {
  const archived = (await db.query(`update knowledge_entries set archived = true, origin = 'console', updated_at = now() where id = $1 and not archived returning id`, [id])).length > 0;
  if (archived) await knowledgeChanged(db, 'passages');
  return archived;
}

/**
 * A fingerprint of everything the assistant's snapshot is built from (api/assistant/snapshot.ts):
 * it changes whenever a row is added, edited or archived. The background refresh rebuilds the
 * index only when it changed, instead of every minute.
 */
export async function knowledgeVersion(db: Db): Promise<string> {
  const [row] = await db.query<{ v: string }>(
    `select concat_ws('|',
       (select count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(updated_at)::text, '') from knowledge_entries),
       (select count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(updated_at)::text, '') from contacts),
       (select count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(updated_at)::text, '') from exam_sessions),
       (select md5(coalesce(string_agg(id || name || array_to_string(aliases, ',') || province_code, ';' order by id), '')) from colleges),
       (select md5(coalesce(string_agg(p::text, ';' order by code), '')) from provinces p),
       (select md5(coalesce(string_agg(r::text, ';' order by code), '')) from regions r)) as v`,
  );
  return row!.v;
}

/** Every live entry as an assistant passage (document, section, body), in a stable order. */
export async function listPassages(db: Db): Promise<Passage[]> {
  const rows = await db.query<{ id: string | number; title: string; body: string; source_document: string; section: string | null; source_file: string | null; origin: 'seed' | 'console' }>(
    'select id, title, body, source_document, section, source_file, origin from knowledge_entries where not archived order by id',
  );
  return rows.map((e) => ({
    id: String(e.id),
    document: e.source_document,
    section: e.section ?? e.title,
    file: e.source_file ?? undefined,
    body: e.body,
    ...(e.origin === 'console' ? { fromConsole: true } : {}),
  }));
}

/** A passage of the seed documents (api/seed.ts); a console-edited row is left alone. */
export async function upsertSeedPassage(db: Db, p: Passage): Promise<void> {
  await db.query(
    `insert into knowledge_entries (seed_key, kind, title, body, source_document, section, source_file)
     values ($1, 'passage', $2, $3, $4, $2, $5)
     on conflict (seed_key) do update set title = excluded.title, body = excluded.body,
       source_document = excluded.source_document, section = excluded.section,
       source_file = excluded.source_file, updated_at = now()
     where knowledge_entries.origin = 'seed'`,
    [`passage:${p.id}`, p.section, p.body, p.document, p.file ?? null],
  );
}
