import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer } from '../bench/spawn.js';
import { TEST_DATABASE_URL } from './support/db.js';

// kill -9 the service while report submissions stream in; after a restart every report the
// service acknowledged must be there.
const LISTENING = /"url":"http:\/\/127\.0\.0\.1:(\d+)"/;
const ENV = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ADMIN_PASSWORD: 'admin-pass-123', SCHEDULER_ENABLED: 'false', ASK_RATE_PER_MINUTE: '100000' };

interface Target {
  name: string;
  env: () => Promise<Record<string, string>>;
  cleanup: () => Promise<void>;
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'onex-kill-'));
const schema = `t_kill_${randomBytes(4).toString('hex')}`;
const targets: Target[] = [
  { name: 'pglite', env: async () => ({ DATA_DIR: dataDir }), cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) },
  ...(TEST_DATABASE_URL
    ? [
        {
          name: 'postgres',
          env: async () => {
            const c = new pg.Client({ connectionString: TEST_DATABASE_URL! });
            await c.connect();
            await c.query(`create schema if not exists ${schema}`);
            await c.end();
            const url = new URL(TEST_DATABASE_URL!);
            url.searchParams.set('options', `-c search_path=${schema}`);
            return { DATABASE_URL: url.toString() };
          },
          cleanup: async () => {
            const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
            await c.connect();
            await c.query(`drop schema if exists ${schema} cascade`);
            await c.end();
          },
        },
      ]
    : []),
];

describe.each(targets)('kill -9 during report submissions on $name', (target) => {
  afterAll(() => target.cleanup());

  it('keeps every acknowledged report after a restart', async () => {
    const env = { ...ENV, ...(await target.env()) };
    let server = await spawnServer('api/server.ts', env, LISTENING);
    let base = `http://127.0.0.1:${server.port}`;
    const token = async () =>
      ((await (await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-pass-123' }) })).json()) as { token: string }).token;
    let auth = { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' };
    const colleges: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await fetch(`${base}/api/admin/colleges`, { method: 'POST', headers: auth, body: JSON.stringify({ name: `压测院校${i}`, provinceCode: '37' }) });
      colleges.push(((await res.json()) as { college: { id: number } }).college.id);
    }
    const acknowledged = new Map<number, string>();
    let stop = false;
    const stream = (async () => {
      for (let i = 0; !stop; i++) {
        const collegeId = colleges[i % colleges.length]!;
        const progress = `第${i}次提交`;
        try {
          const res = await fetch(`${base}/api/reports`, { method: 'POST', headers: auth, body: JSON.stringify({ collegeId, periodId: '2026-11-a', progress }) });
          if (res.status === 200 || res.status === 201) acknowledged.set(collegeId, progress);
        } catch {
          return; // the server is gone
        }
      }
    })();
    // kill once a few submissions are acknowledged (a fixed wait is too short on a busy machine)
    await expect.poll(() => acknowledged.size, { timeout: 60_000, interval: 100 }).toBeGreaterThan(5);
    server.child.kill('SIGKILL');
    stop = true;
    await stream;
    await new Promise((r) => server.child.exitCode !== null || server.child.signalCode !== null ? r(undefined) : server.child.once('exit', r));
    expect(acknowledged.size).toBeGreaterThan(5);

    server = await spawnServer('api/server.ts', env, LISTENING);
    base = `http://127.0.0.1:${server.port}`;
    auth = { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' };
    const { reports } = (await (await fetch(`${base}/api/reports?period=2026-11-a`, { headers: auth })).json()) as { reports: Array<{ collegeId: number; progress: string }> };
    const stored = new Map(reports.map((r) => [r.collegeId, r.progress]));
    for (const [collegeId, progress] of acknowledged) {
      // the acknowledged submission, or a later one that was being written when the process died
      const got = stored.get(collegeId);
      expect(got, `college ${collegeId}`).toBeDefined();
      expect(Number(/第(\d+)次/.exec(got!)![1])).toBeGreaterThanOrEqual(Number(/第(\d+)次/.exec(progress)![1]));
    }
    await server.stop();
  }, 240_000);
});
