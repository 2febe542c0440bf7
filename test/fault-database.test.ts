import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer } from '../bench/spawn.js';
import { TEST_DATABASE_URL } from './support/db.js';
import { TcpProxy } from './support/tcp-proxy.js';

// The service as its own process, talking to the real PostgreSQL through a TCP proxy that the
// test cuts, resets, refuses and partitions while report submissions stream in. The embedded
// PGlite lives in the process and cannot be "unreachable"; this is about a server.
const LISTENING = /"url":"http:\/\/127\.0\.0\.1:(\d+)"/;
const ENV = {
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  ADMIN_PASSWORD: 'admin-pass-123',
  SCHEDULER_ENABLED: 'false',
  // short limits so a partition fails requests quickly in the test
  DB_CONNECT_TIMEOUT_MS: '1000',
  DB_STATEMENT_TIMEOUT_MS: '1000',
  DB_QUERY_TIMEOUT_MS: '1500',
  DB_STARTUP_RETRY_MAX_MS: '400',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!TEST_DATABASE_URL)('database faults (real PostgreSQL behind a proxy)', () => {
  const schema = `t_fault_${randomBytes(4).toString('hex')}`;
  let proxy: TcpProxy;
  let env: Record<string, string>;

  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    await c.query(sql);
    await c.end();
  };

  beforeAll(async () => {
    await admin(`create schema ${schema}`);
    const target = new URL(TEST_DATABASE_URL!);
    proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const url = new URL(TEST_DATABASE_URL!);
    url.port = String(await proxy.start());
    url.searchParams.set('options', `-c search_path=${schema}`);
    env = { ...ENV, DATABASE_URL: url.toString() };
  });

  afterAll(async () => {
    await proxy?.stop();
    await admin(`drop schema if exists ${schema} cascade`);
  });

  it('waits for a database that is down at start-up, with a log line per attempt', async () => {
    await proxy.refuse();
    const lines: string[] = [];
    const starting = spawnServer('api/server.ts', env, LISTENING, (line) => lines.push(line));
    const waiting = () => lines.filter((l) => l.includes('database not reachable, waiting'));
    await expect.poll(() => waiting().length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    const first = JSON.parse(waiting()[0]!) as { attempt: number; retryInMs: number };
    expect(first.attempt).toBe(1);
    await proxy.restore();
    const server = await starting;
    expect(lines.some((l) => l.includes('database reachable'))).toBe(true);
    expect((await fetch(`http://127.0.0.1:${server.port}/readyz`)).status).toBe(200);
    await server.stop();
  }, 180_000);

  it('stays alive through reset, cut, refused and partitioned connections, loses no acknowledged write and serves again', async () => {
    const server = await spawnServer('api/server.ts', env, LISTENING);
    const base = `http://127.0.0.1:${server.port}`;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-pass-123' }) });
    const auth = { authorization: `Bearer ${((await login.json()) as { token: string }).token}`, 'content-type': 'application/json' };
    const colleges: number[] = [];
    for (let i = 0; i < 9; i++) {
      const res = await fetch(`${base}/api/admin/colleges`, { method: 'POST', headers: auth, body: JSON.stringify({ name: `故障院校${i}`, provinceCode: '37' }) });
      colleges.push(((await res.json()) as { college: { id: number } }).college.id);
    }

    // Four writers, each owning two colleges, submit numbered reports one after another; the
    // ninth college is for probing whether writes are served again.
    const acknowledged = new Map<number, number>();
    const statuses = new Map<number, number>();
    const codes = new Set<string>();
    let seq = 0;
    let running = true;
    const submit = async (collegeId: number): Promise<number> => {
      const n = ++seq;
      const res = await fetch(`${base}/api/reports`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ collegeId, periodId: '2026-11-a', progress: `第${n}次提交` }),
        signal: AbortSignal.timeout(20_000), // a hang fails the test instead of stalling it
      });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 400) codes.add(((await res.json()) as { error: { code: string } }).error.code);
      else await res.body?.cancel();
      if (res.status < 300) acknowledged.set(collegeId, Math.max(acknowledged.get(collegeId) ?? 0, n));
      return res.status;
    };
    const writers = [0, 1, 2, 3].map(async (w) => {
      for (let i = 0; running; i++) {
        await submit(colleges[w * 2 + (i % 2)]!);
        await sleep(10);
      }
    });
    const servesWrites = () =>
      expect.poll(async () => submit(colleges[8]!), { timeout: 15_000, interval: 100 }).toBeLessThan(300);

    const faults: Array<[string, () => Promise<void> | void, number]> = [
      ['reset', () => proxy.reset(), 800],
      ['cut', () => proxy.cut(), 800],
      ['refuse', () => proxy.refuse(), 1500],
      ['partition', () => proxy.partition(), 2500],
    ];
    const unavailableBy = new Map<string, number>();
    for (const [name, fault, holdMs] of faults) {
      await sleep(500);
      const before = statuses.get(503) ?? 0;
      await fault();
      if (name === 'reset' || name === 'cut') {
        // connections come back at once: do it a few times while writes are in flight
        for (let k = 0; k < 4; k++) {
          await sleep(holdMs / 4);
          await fault();
        }
      } else {
        await sleep(holdMs);
        // not ready while the database is unreachable, but alive: nothing should restart it
        const ready = await fetch(`${base}/readyz`);
        expect(ready.status).toBe(503);
        expect(((await ready.json()) as { reachable: boolean }).reachable).toBe(false);
        expect((await fetch(`${base}/healthz`)).status).toBe(200);
      }
      unavailableBy.set(name, (statuses.get(503) ?? 0) - before);
      await proxy.restore();
      expect(server.child.exitCode, `alive after ${name}`).toBeNull();
      expect(server.child.signalCode).toBeNull();
      await servesWrites();
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
    }
    running = false;
    await Promise.all(writers);

    // A database that is unreachable for a while gives 503 with the JSON error, nothing else.
    expect(unavailableBy.get('refuse')).toBeGreaterThan(0);
    expect(unavailableBy.get('partition')).toBeGreaterThan(0);
    expect([...statuses.keys()].filter((s) => s !== 200 && s !== 201 && s !== 503)).toEqual([]);
    expect([...codes]).toEqual(['db_unavailable']);

    // Every acknowledged submission (or a later one) is stored.
    const { reports } = (await (await fetch(`${base}/api/reports?period=2026-11-a`, { headers: auth })).json()) as {
      reports: Array<{ collegeId: number; progress: string }>;
    };
    const stored = new Map(reports.map((r) => [r.collegeId, Number(/第(\d+)次/.exec(r.progress)![1])]));
    expect(acknowledged.size).toBe(colleges.length);
    for (const [collegeId, n] of acknowledged) expect(stored.get(collegeId), `college ${collegeId}`).toBeGreaterThanOrEqual(n);
    expect(server.child.exitCode).toBeNull();
    await server.stop();
  }, 180_000);
});
