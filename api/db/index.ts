import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Config } from '../config.js';
// Types only: each driver is loaded when a database of its kind is opened (a service on PostgreSQL
// does not carry PGlite's code, nor the embedded one pg's).
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { fillFromTemplate, fillingDone, templateTarball } from './pglite-template.js';

export type Row = Record<string, unknown>;

/** The narrow database interface every repository uses: the same SQL runs on PGlite and PostgreSQL. */
export interface Db {
  readonly kind: 'pglite' | 'postgres';
  query<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Run several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Tell this database's listeners that data of `channel` changed (e.g. 'knowledge'). Outside a
   * transaction they run at once and are awaited; inside one they run after it commits (and not
   * at all when it rolls back), before `transaction()` returns. A failing listener never fails
   * the write.
   */
  notify(channel: string, detail: string): Promise<void>;
  /** Listen to notify() on this database and its transactions; returns the unsubscribe. */
  listen(listener: ChangeListener): () => void;
}

export type ChangeListener = (channel: string, detail: string) => unknown;

/** The listeners of one database, and what a transaction holds back until it commits. */
class ChangeBus {
  private readonly listeners = new Set<ChangeListener>();
  listen(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  async run(changes: Array<[string, string]>): Promise<void> {
    // one call per distinct change: a transaction that touched contacts ten times refreshes once
    const distinct = [...new Map(changes.map((c) => [c.join('\0'), c])).values()];
    // all at once: a listener that coalesces (the assistant's reload) sees them together
    await Promise.allSettled(distinct.flatMap(([channel, detail]) => [...this.listeners].map(async (l) => l(channel, detail))));
  }
  /** notify() for a Db: at once outside a transaction, queued in `pending` inside one. */
  notifier(pending: Array<[string, string]> | undefined) {
    return async (channel: string, detail: string) => {
      if (pending) pending.push([channel, detail]);
      else await this.run([[channel, detail]]);
    };
  }
}

export interface DbOptions {
  /** postgres:// URL; when absent PGlite is used. */
  url?: string;
  /** PGlite data directory; absent means in memory. */
  dataDir?: string;
  /** PostgreSQL schema to use (tests isolate each suite in its own). */
  schema?: string;
  /** PostgreSQL only: limits that make an unreachable or partitioned server fail fast. */
  timeouts?: Partial<DbTimeouts>;
  /** PostgreSQL only: most connections in the pool. */
  poolMax?: number;
}

export interface DbTimeouts {
  /** Opening a connection (TCP + start-up) gives up after this. */
  connectMs: number;
  /** Server side: a statement running longer is cancelled (statement_timeout). */
  statementMs: number;
  /** Client side: no answer to a query within this (a partition) fails it and drops the connection. */
  queryMs: number;
}

/** For tools and tests that open the database themselves (the service passes its configured limits, lower by default). */
export const DEFAULT_DB_TIMEOUTS: DbTimeouts = { connectMs: 5_000, statementMs: 10_000, queryMs: 12_000 };

/**
 * The database is not reachable right now (connection refused, reset or lost, a partition that
 * timed out, the server shutting down). The request fails with 503 and may be retried; nothing
 * was acknowledged. Everything else (constraint violations, bad SQL) keeps its own error.
 */
export class DbUnavailableError extends Error {
  constructor(readonly cause: unknown) {
    super(`database unavailable: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'DbUnavailableError';
  }
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  // SQLSTATE: connection exceptions, server shutting down or not ready, too many connections, statement timeout
  '08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53300', '57014',
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|connection error|not queryable|Client was closed|PGlite is closed|Cannot use a pool after calling end/i;

/** Whether an error from the driver means "the database is not reachable right now". */
export function isDbUnavailable(err: unknown): boolean {
  if (err instanceof DbUnavailableError) return true;
  const e = err as { code?: unknown; message?: unknown } | undefined;
  return UNAVAILABLE_CODES.has(String(e?.code ?? '')) || UNAVAILABLE_MESSAGE.test(String(e?.message ?? ''));
}

/** Rethrow connection-class errors as DbUnavailableError, others unchanged. */
function translate(err: unknown): never {
  throw isDbUnavailable(err) && !(err instanceof DbUnavailableError) ? new DbUnavailableError(err) : err;
}

/** The database the service's configuration names: PostgreSQL at DATABASE_URL, else PGlite in DATA_DIR/pglite. */
export function serviceDbOptions(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR' | 'DB_CONNECT_TIMEOUT_MS' | 'DB_STATEMENT_TIMEOUT_MS' | 'DB_QUERY_TIMEOUT_MS' | 'DB_POOL_MAX'>): DbOptions {
  return {
    url: config.DATABASE_URL,
    dataDir: config.DATABASE_URL ? undefined : path.resolve(config.DATA_DIR, 'pglite'),
    timeouts: { connectMs: config.DB_CONNECT_TIMEOUT_MS, statementMs: config.DB_STATEMENT_TIMEOUT_MS, queryMs: config.DB_QUERY_TIMEOUT_MS },
    poolMax: config.DB_POOL_MAX,
  };
}

export async function openDb(options: DbOptions): Promise<Db> {
  return options.url ? openPostgres(options) : openPglite(options.dataDir);
}

/**
 * PGlite's settings beyond its defaults. shared_buffers is most of its resident memory: PostgreSQL's
 * default 128MB cost ~100 MB more than 16MB, 16MB ~8 MB more than 8MB, and this service's working
 * set (a few thousand rows per table, knowledge passages read at reload) fits: the bench's
 * database-heavy figure (the digest over 3,000 colleges) is the same with 8MB as with 16MB.
 */
export const PGLITE_SETTINGS = ['-c', 'shared_buffers=8MB'];

let templateBlob: Blob | null | undefined;

async function openPglite(dataDir?: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PgliteStatements } = await import('./pglite-statements.js');
  const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, ...PGLITE_SETTINGS];
  let lite: PGlite;
  if (dataDir) {
    // a new directory starts from the shipped template instead of running initdb in process
    await fillingDone(dataDir); // a copy started at process start (api/server.ts)
    fillFromTemplate(dataDir);
    mkdirSync(dataDir, { recursive: true });
    lite = new PGlite(dataDir, { startParams: PGLITE_START_PARAMS });
  } else {
    if (templateBlob === undefined) {
      const tarball = templateTarball();
      templateBlob = tarball ? new Blob([new Uint8Array(tarball)]) : null;
    }
    lite = new PGlite({ startParams: PGLITE_START_PARAMS, ...(templateBlob ? { loadDataDir: templateBlob } : {}) });
  }
  await lite.waitReady;
  let closed = false;
  const bus = new ChangeBus();
  const statements = new PgliteStatements(lite);
  const wrap = (q: Pick<PGlite, 'exec'>, inTx: boolean, pending?: Array<[string, string]>): Db => ({
    kind: 'pglite',
    notify: bus.notifier(pending),
    listen: (l) => bus.listen(l),
    async query<T>(sql: string, params: unknown[] = []) {
      return statements.query<T>(sql, params, inTx).catch(translate);
    },
    async exec(sql: string) {
      await q.exec(sql).catch(translate);
      statements.forgetAll(); // statements (migrations) may have changed tables under prepared ones
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (inTx) return fn(wrap(q, true, pending));
      const held: Array<[string, string]> = [];
      const out = await lite.transaction((tx) => fn(wrap(tx, true, held))).catch(translate);
      await bus.run(held);
      return out;
    },
    async close() {
      if (inTx || closed) return;
      closed = true;
      await lite.close();
    },
  });
  return wrap(lite, false);
}

/**
 * pg, without Node's fetch implementation. When it loads, pg asks whether it runs in a Cloudflare
 * Worker: by `navigator.userAgent` where there is a navigator (Node 21 and later), otherwise by
 * constructing a fetch `Response`, and on Node 20 (no navigator) the first touch of `Response`
 * loads undici, with http2: ~5.4 MB of resident memory in a service that never fetches on
 * PostgreSQL's path. A navigator saying Node.js is there during pg's (synchronous) load only.
 */
export function loadPg(): typeof pg {
  const require = createRequire(import.meta.url);
  if ('navigator' in globalThis) return require('pg') as typeof pg;
  Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${process.versions.node}` }, configurable: true, writable: true });
  try {
    return require('pg') as typeof pg;
  } finally {
    delete (globalThis as { navigator?: unknown }).navigator;
  }
}

/**
 * PostgreSQL through a pg pool. Every client, idle or checked out, has an error listener from
 * the moment it connects: a connection the server or the network drops emits 'error' on the
 * client, and an 'error' event without a listener would end the process. The query that was
 * running fails (DbUnavailableError → 503) and the broken client is destroyed, not reused.
 */
async function openPostgres(options: DbOptions): Promise<Db> {
  const t = { ...DEFAULT_DB_TIMEOUTS, ...options.timeouts };
  const pgDriver = loadPg();
  const pool = new pgDriver.Pool({
    connectionString: options.url,
    max: options.poolMax ?? 10,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
    connectionTimeoutMillis: t.connectMs,
    statement_timeout: t.statementMs,
    query_timeout: t.queryMs,
    // a transaction left open by a vanished client must not hold its locks for long
    idle_in_transaction_session_timeout: Math.max(t.queryMs * 5, 60_000),
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  const ignore = () => {};
  pool.on('connect', (client) => client.on('error', ignore));
  // An idle client losing its connection (server restart) must not crash the process either.
  pool.on('error', ignore);
  let closed = false;
  const bus = new ChangeBus();
  const { StatementNames, isStalePlan } = await import('./pg-statements.js');
  const names = new StatementNames();
  const fromClient = (client: pg.PoolClient, pending: Array<[string, string]>): Db => ({
    kind: 'postgres',
    notify: bus.notifier(pending),
    listen: (l) => bus.listen(l),
    async query<T>(sql: string, params: unknown[] = []) {
      const res = await client.query(sql, params).catch(translate);
      return res.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql).catch(translate);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      return fn(fromClient(client, pending));
    },
    async close() {},
  });
  return {
    kind: 'postgres',
    notify: bus.notifier(undefined),
    listen: (l) => bus.listen(l),
    async query<T>(sql: string, params: unknown[] = []) {
      // a statement sent again and again is prepared once per connection (pg-statements.ts)
      const name = names.nameFor(sql);
      if (name === undefined) return (await pool.query(sql, params).catch(translate)).rows as T[];
      try {
        return (await pool.query({ name, text: sql, values: params })).rows as T[];
      } catch (err) {
        if (!isStalePlan(err)) translate(err);
        names.forget(sql);
        return (await pool.query(sql, params).catch(translate)).rows as T[];
      }
    },
    async exec(sql: string) {
      await pool.query(sql).catch(translate);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect().catch(translate);
      let released = false;
      let broken: unknown;
      const held: Array<[string, string]> = [];
      try {
        await client.query('BEGIN').catch(translate);
        const out = await fn(fromClient(client, held));
        await client.query('COMMIT').catch(translate);
        client.release();
        released = true;
        await bus.run(held);
        return out;
      } catch (err) {
        if (isDbUnavailable(err)) broken = err;
        else await client.query('ROLLBACK').catch((e: unknown) => (broken = e));
        throw err;
      } finally {
        // a client whose connection failed is destroyed (release with an error), never reused
        if (!released) client.release(broken ? (broken instanceof Error ? broken : true) : undefined);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

type StartupLog = { warn(obj: object, msg: string): void; info(obj: object, msg: string): void; flush?(): void };

/**
 * Run a start-up step, retrying it while the database is unreachable (or a statement timed out,
 * e.g. waiting for another instance's migration lock) with capped exponential backoff and one
 * log line per failed attempt, so a service started before its database comes up waits instead
 * of crash-looping. Other errors (bad credentials, a missing database, bad SQL) are thrown.
 */
export async function untilAvailable<T>(
  step: string,
  fn: () => Promise<T>,
  log: StartupLog,
  opts: { maxDelayMs: number; sleep?: (ms: number) => Promise<void> },
): Promise<T> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      const out = await fn();
      if (attempt > 1) log.info({ step, attempt }, 'database reachable');
      return out;
    } catch (err) {
      if (!isDbUnavailable(err)) throw err;
      const delay = Math.min(opts.maxDelayMs, 250 * 2 ** Math.min(attempt - 1, 16));
      log.warn({ step, attempt, retryInMs: delay, err: (err as Error).message }, 'database not reachable, waiting');
      log.flush?.();
      await sleep(delay);
    }
  }
}

/** One round trip to the database (readiness); throws when it does not answer. */
export async function ping(db: Db): Promise<void> {
  await db.query('select 1');
}

/** Wait until the database answers (see untilAvailable). */
export async function waitForDatabase(db: Db, log: StartupLog, opts: { maxDelayMs: number; sleep?: (ms: number) => Promise<void> }): Promise<void> {
  await untilAvailable('connect', () => ping(db), log, opts);
}

/**
 * Run `fn` while holding a transaction-scoped advisory lock, so that only one instance on a
 * shared database does it at a time (migrations, seed loading, scheduled jobs).
 */
export async function withAdvisoryLock<T>(db: Db, key: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [key]);
    return fn(tx);
  });
}

/** Try to take the lock without waiting; returns undefined when another instance holds it. */
export async function tryAdvisoryLock<T>(db: Db, key: string, fn: (tx: Db) => Promise<T>): Promise<T | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ ok: boolean }>('select pg_try_advisory_xact_lock(hashtext($1)) as ok', [key]);
    if (!row?.ok) return undefined;
    return fn(tx);
  });
}
