import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb, type Db } from '../../api/db/index.js';
import { migrate } from '../../api/db/migrate.js';
import { loadSeedData } from '../../api/seed.js';

/**
 * The database back ends every database suite runs on: PGlite always, and the real PostgreSQL
 * server when TEST_DATABASE_URL is set. Each opened database is isolated (a fresh in-memory
 * PGlite, or a fresh schema on the server) and dropped by `close()`.
 */
export interface Backend {
  name: 'pglite' | 'postgres';
  open(): Promise<TestDb>;
}

export interface TestDb extends Db {
  /** For PostgreSQL: the schema it lives in (to open a second connection to the same data). */
  schema?: string;
  url?: string;
  /** Open another connection (pool) on the same data: a second instance. */
  reopen(): Promise<Db>;
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

export const backends: Backend[] = [
  { name: 'pglite', open: openPgliteTest },
  ...(TEST_DATABASE_URL ? [{ name: 'postgres' as const, open: () => openPostgresTest(TEST_DATABASE_URL) }] : []),
];

async function openPgliteTest(): Promise<TestDb> {
  const db = await openDb({});
  return Object.assign(db, {
    async reopen(): Promise<Db> {
      // PGlite is one process's embedded database: a "second instance" shares the same handle.
      return { ...db, close: async () => {} };
    },
  });
}

async function openPostgresTest(url: string): Promise<TestDb> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = await openDb({ url, schema });
  const close = db.close.bind(db);
  return Object.assign(db, {
    schema,
    url,
    reopen: () => openDb({ url, schema }),
    async close() {
      await close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  });
}

/** A migrated, seeded database on the given back end. */
export async function seededDb(backend: Backend): Promise<TestDb> {
  const db = await backend.open();
  await migrate(db);
  await loadSeedData(db);
  return db;
}
