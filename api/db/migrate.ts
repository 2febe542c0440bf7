import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { isDbUnavailable, withAdvisoryLock, type Db } from './index.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** The migration files, in the order they are applied. */
export function migrationFiles(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
}

async function allApplied(db: Db, files: string[]): Promise<boolean> {
  try {
    const done = new Set((await db.query<{ id: string }>('select id from schema_migrations')).map((r) => r.id));
    return files.every((f) => done.has(f));
  } catch (err) {
    if (isDbUnavailable(err)) throw err;
    return false; // no schema_migrations table yet: a new database
  }
}

/**
 * Apply every `migrations/NNN_name.sql` not yet recorded, in file-name order, each in the same
 * transaction as its record. An advisory lock makes concurrent starts wait instead of racing.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = migrationFiles(dir);
  // The usual start: everything already applied, seen with one read and no lock or transaction.
  if (await allApplied(db, files)) return [];
  return withAdvisoryLock(db, 'onex:migrate', async (tx) => {
    await tx.exec(
      'create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())',
    );
    const done = new Set((await tx.query<{ id: string }>('select id from schema_migrations')).map((r) => r.id));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      await tx.exec(readFileSync(path.join(dir, file), 'utf8'));
      await tx.query('insert into schema_migrations (id) values ($1)', [file]);
      applied.push(file);
    }
    return applied;
  });
}
