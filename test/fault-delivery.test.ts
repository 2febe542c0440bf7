import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer } from '../bench/spawn.js';
import { TEST_DATABASE_URL } from './support/db.js';
import { StandIn, type Call } from './support/standin.js';
import { openDb } from '../api/db/index.js';
import { migrate } from '../api/db/migrate.js';
import { loadSeedData } from '../api/seed.js';
import { ensureCollege } from '../api/colleges/repository.js';
import { bindGroup } from '../api/groups/repository.js';

// The service as its own process(es), a notice to several WeCom groups (robot webhooks and app
// messages) and WeCom's API stood in by a local server: kill -9 while a message is in flight,
// and two instances racing against a slow API. Short leases and polls keep it quick.
const LISTENING = /"url":"http:\/\/127\.0\.0\.1:(\d+)"/;
const RECIPIENTS: Array<[string, 'wecom_robot' | 'wecom', string]> = [
  ['11', 'wecom_robot', 'robot-bj'],
  ['12', 'wecom', 'app-tj'],
  ['13', 'wecom_robot', 'robot-he'],
  ['14', 'wecom', 'app-sx'],
  ['15', 'wecom_robot', 'robot-nm'],
  ['21', 'wecom', 'app-ln'],
  ['22', 'wecom_robot', 'robot-jl'],
  ['23', 'wecom', 'app-hl'],
];
const ENV = {
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  ADMIN_PASSWORD: 'admin-pass-123',
  SESSION_SECRET: 'fault-delivery-session-secret-0123456789',
  SCHEDULER_ENABLED: 'true',
  WECOM_CORP_ID: 'corp',
  WECOM_SECRET: 'secret',
  WECOM_AGENT_ID: '1000002',
  DELIVERY_LEASE_MS: '1500',
  DELIVERY_POLL_MS: '200',
  DELIVERY_BATCH: '3',
  // the scheduler runs too (it starts the worker): quiet hours from now on keep today's
  // reminders and digests, if any are due, out of the way of the notice
  QUIET_HOURS: quietFromNow(),
};

function quietFromNow(): string {
  const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hour: 'numeric', hourCycle: 'h23' }).format(new Date()));
  return `${hour}-${(hour + 3) % 24}`;
}

interface Target {
  name: string;
  /** A migrated, seeded database with the recipients' groups bound; returns the env to reach it. */
  prepare: () => Promise<Record<string, string>>;
  cleanup: () => Promise<void>;
}

function pgliteTarget(): Target {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'onex-delivery-'));
  return {
    name: 'pglite',
    prepare: async () => {
      await bindRecipients(await openDb({ dataDir: path.join(dir, 'pglite') }));
      return { DATA_DIR: dir };
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresTarget(): Target {
  const schema = `t_deliv_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  return {
    name: 'postgres',
    prepare: async () => {
      await admin(`create schema ${schema}`);
      await bindRecipients(await openDb({ url: TEST_DATABASE_URL, schema }));
      const url = new URL(TEST_DATABASE_URL!);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return { DATABASE_URL: url.toString() };
    },
    cleanup: () => admin(`drop schema if exists ${schema} cascade`),
  };
}

async function bindRecipients(db: Awaited<ReturnType<typeof openDb>>): Promise<void> {
  await migrate(db);
  await loadSeedData(db);
  for (const [province, channel, externalId] of RECIPIENTS) {
    const college = await ensureCollege(db, `投递故障学院${externalId}`, province);
    await bindGroup(db, { channel, externalId, name: `${externalId}群`, collegeId: college.id, boundBy: 'test' });
  }
  await db.close();
}

/** A WeCom stand-in that answers the token call and tells notice messages apart from anything else. */
function wecomStandIn(title: string) {
  const standIn = new StandIn();
  const isNotice = (c: Call) => JSON.stringify(c.body ?? '').includes(title);
  const recipientOf = (c: Call) => (c.path === '/cgi-bin/webhook/send' ? c.query.get('key')! : String(c.body.touser));
  const notices = () => standIn.calls.filter(isNotice).map(recipientOf);
  return { standIn, isNotice, notices };
}

async function login(base: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-pass-123' }) });
  return { authorization: `Bearer ${((await res.json()) as { token: string }).token}`, 'content-type': 'application/json' };
}

async function publish(base: string, title: string): Promise<number> {
  const res = await fetch(`${base}/api/admin/notices`, {
    method: 'POST',
    headers: { ...(await login(base)), 'idempotency-key': `fault-${randomBytes(6).toString('hex')}` },
    body: JSON.stringify({ title, body: '请按时完成', target: { provinces: RECIPIENTS.map((r) => r[0]) } }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { notice: { id: number } }).notice.id;
}

const targets: Target[] = [pgliteTarget(), ...(TEST_DATABASE_URL ? [postgresTarget()] : [])];

describe.each(targets)('kill -9 during a notice delivery on $name', (target) => {
  afterAll(() => target.cleanup());

  it('after a restart every recipient has the notice, and at most the message in flight repeats', async () => {
    const env = { ...ENV, ...(await target.prepare()) };
    const title = `断电通知${randomBytes(3).toString('hex')}`;
    const { standIn, isNotice, notices } = wecomStandIn(title);
    let server: Awaited<ReturnType<typeof spawnServer>> | undefined;
    let inFlightWhenKilled = 0;
    standIn.handler = (c) => {
      // kill -9 the service while its third notice message is in flight: the stand-in has it,
      // the service never hears back
      if (isNotice(c) && notices().length === 3 && server && !server.child.killed) {
        server.child.kill('SIGKILL');
        inFlightWhenKilled++;
      }
      return c.path === '/cgi-bin/gettoken' ? { errcode: 0, access_token: 'tok', expires_in: 7200 } : { errcode: 0, errmsg: 'ok' };
    };
    standIn.delayMs = 50;
    const api = await standIn.start();
    try {
      server = await spawnServer('api/server.ts', { ...env, WECOM_API_BASE: api }, LISTENING);
      const id = await publish(`http://127.0.0.1:${server.port}`, title);
      await new Promise((r) => (server!.child.exitCode !== null || server!.child.signalCode !== null ? r(undefined) : server!.child.once('exit', r)));
      expect(server.child.signalCode).toBe('SIGKILL');
      expect(inFlightWhenKilled).toBe(1);
      expect(notices().length).toBe(3);

      server = await spawnServer('api/server.ts', { ...env, WECOM_API_BASE: api }, LISTENING);
      const base = `http://127.0.0.1:${server.port}`;
      const auth = await login(base);
      const deliveries = async () =>
        ((await (await fetch(`${base}/api/admin/notices/${id}/deliveries`, { headers: auth })).json()) as {
          deliveries: Array<{ destination: string; status: string; outcomeUnknownAt: string | null }>;
        }).deliveries;
      await expect.poll(async () => (await deliveries()).map((d) => d.status).join(','), { timeout: 60_000, interval: 200 }).toBe(RECIPIENTS.map(() => 'sent').join(','));

      const got = notices();
      expect([...new Set(got)].sort()).toEqual(RECIPIENTS.map((r) => r[2]).sort()); // everyone has it
      expect(got.length - RECIPIENTS.length).toBeLessThanOrEqual(inFlightWhenKilled); // repeats ≤ in flight
      // the one whose outcome was unknown is marked for the console
      const marked = (await deliveries()).filter((d) => d.outcomeUnknownAt !== null);
      expect(marked).toHaveLength(inFlightWhenKilled);
      expect(got.filter((r) => r === marked[0]!.destination).length).toBeGreaterThanOrEqual(1);
      // WeCom app messages of the notice ask WeCom to drop a repeat
      for (const c of standIn.calls.filter((c) => isNotice(c) && c.path === '/cgi-bin/message/send')) expect(c.body.enable_duplicate_check).toBe(1);
      await server.stop();
    } finally {
      if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
      await standIn.stop();
    }
  }, 240_000); // spawns the service two or three times: minutes on a busy machine, seconds on an idle one
});

describe.skipIf(!TEST_DATABASE_URL)('two instances and a slow WeCom API (PostgreSQL)', () => {
  const target = postgresTarget();
  let env: Record<string, string>;
  beforeAll(async () => {
    env = await target.prepare();
  });
  afterAll(() => target.cleanup());

  it('send nothing twice when every call takes longer than the lease', async () => {
    const title = `慢接口双实例${randomBytes(3).toString('hex')}`;
    const { standIn, notices } = wecomStandIn(title);
    standIn.handler = (c) => (c.path === '/cgi-bin/gettoken' ? { errcode: 0, access_token: 'tok', expires_in: 7200 } : { errcode: 0, errmsg: 'ok' });
    standIn.delayMs = 1_200; // longer than the 1 s lease: only renewal keeps a claim
    const api = await standIn.start();
    const full = { ...ENV, ...env, WECOM_API_BASE: api, DELIVERY_LEASE_MS: '1000', DELIVERY_BATCH: '2' };
    const a = await spawnServer('api/server.ts', full, LISTENING);
    const b = await spawnServer('api/server.ts', full, LISTENING);
    try {
      await publish(`http://127.0.0.1:${a.port}`, title);
      await expect.poll(() => new Set(notices()).size, { timeout: 60_000, interval: 200 }).toBe(RECIPIENTS.length);
      // each recipient got exactly one message
      await new Promise((r) => setTimeout(r, 1_500)); // a stolen claim would be resent by now
      expect(notices().sort()).toEqual(RECIPIENTS.map((r) => r[2]).sort());
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await standIn.stop();
    }
  }, 240_000); // spawns the service two or three times: minutes on a busy machine, seconds on an idle one
});
