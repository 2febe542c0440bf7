import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { testConfig } from '../api/config.js';
import { startService, type RunningService } from '../api/service.js';
import { TEST_DATABASE_URL } from './support/db.js';
import { TcpProxy } from './support/tcp-proxy.js';

// The embedded PGlite lives in the process and cannot be "unreachable"; this is about a server.
describe.skipIf(!TEST_DATABASE_URL)('database unavailable (real PostgreSQL behind a proxy)', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let proxy: TcpProxy;
  let svc: RunningService;

  beforeAll(async () => {
    const target = new URL(TEST_DATABASE_URL!);
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const port = await proxy.start();
    const url = new URL(TEST_DATABASE_URL!);
    url.port = String(port);
    url.searchParams.set('options', `-c search_path=${schema}`);
    svc = await startService(testConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url.toString(), ADMIN_PASSWORD: 'admin-pass-123' }));
  });

  afterAll(async () => {
    await svc?.stop();
    await proxy?.stop();
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  it('fails readiness and answers 503 while the database is gone, then recovers by itself', async () => {
    expect((await fetch(`${svc.url}/readyz`)).status).toBe(200);
    const port = proxy.port;
    await proxy.stop();

    const ready = await fetch(`${svc.url}/readyz`);
    expect(ready.status).toBe(503);
    const res = await fetch(`${svc.url}/api/provinces`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unavailable');
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200); // alive, just not ready

    await proxy.start(port);
    await expect.poll(async () => (await fetch(`${svc.url}/readyz`)).status, { timeout: 15_000, interval: 200 }).toBe(200);
    const provinces = (await (await fetch(`${svc.url}/api/provinces`)).json()) as { provinces: unknown[] };
    expect(provinces.provinces).toHaveLength(31);
  });
});
