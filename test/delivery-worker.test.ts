import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backends, type TestDb } from './support/db.js';
import { authHeader, startTestService, type TestService } from './support/service.js';
import { StandIn } from './support/standin.js';
import { DeliveryWorker } from '../api/delivery/worker.js';
import { claimDue, startSend } from '../api/delivery/repository.js';
import { enqueueDeliveries } from '../api/delivery/outbox.js';
import { listDeliveries } from '../api/delivery/repository.js';
import { ensureCollege } from '../api/colleges/repository.js';
import { bindGroup } from '../api/groups/repository.js';
import type { Db } from '../api/db/index.js';

// The outbox worker's leases against the real database and the real WeCom client, with WeCom's
// API stood in by a local server (slow on demand). WeCom groups of colleges in three provinces.
const GROUPS: Array<[string, string, string]> = [
  ['31', '上海租约学院', 'chat-sh'],
  ['32', '江苏租约学院', 'chat-js'],
  ['33', '浙江租约学院', 'chat-zj'],
  ['34', '安徽租约学院', 'chat-ah'],
  ['36', '江西租约学院', 'chat-jx'],
  ['37', '山东租约学院', 'chat-sd'],
];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(backends)('delivery worker leases on $name', (backend) => {
  let svc: TestService;
  let standIn: StandIn;
  let admin: Record<string, string>;
  let second: Db;

  beforeAll(async () => {
    standIn = new StandIn();
    standIn.handler = (c) => (c.path === '/cgi-bin/gettoken' ? { errcode: 0, access_token: 'tok', expires_in: 7200 } : { errcode: 0, errmsg: 'ok' });
    const base = await standIn.start();
    svc = await startTestService(backend, { WECOM_API_BASE: base, WECOM_CORP_ID: 'corp', WECOM_SECRET: 'secret', WECOM_AGENT_ID: '1000002' });
    for (const [province, name, chat] of GROUPS) {
      const college = await ensureCollege(svc.db, name, province);
      await bindGroup(svc.db, { channel: 'wecom', externalId: chat, name: `${name}群`, collegeId: college.id, boundBy: 'test' });
    }
    admin = await authHeader(svc);
    second = await (svc.db as TestDb).reopen(); // a second instance's connections to the same data
  });
  afterAll(async () => {
    await second.close();
    await svc.close();
    await standIn.stop();
  });
  beforeEach(() => {
    standIn.calls.length = 0;
    standIn.delayMs = 0;
  });

  const sends = () => standIn.calls.filter((c) => c.path === '/cgi-bin/message/send');
  const recipients = () => sends().map((c) => String(c.body.touser)).sort();
  const publish = async (title: string, provinces: string[]) => {
    const res = await svc.request('/api/admin/notices', { json: { title, body: '内容', target: { provinces } }, headers: admin });
    expect(res.status).toBe(201);
    const { notice } = (await res.json()) as { notice: { id: number } };
    return { id: notice.id, deliveries: await listDeliveries(svc.db, { noticeId: notice.id }) };
  };
  const worker = (db: Db, opts: Partial<ConstructorParameters<typeof DeliveryWorker>[2]> = {}) =>
    new DeliveryWorker(db, svc.services.senders, { maxAttempts: 3, baseDelayMs: 1000, ...opts }, svc.services.log);

  it('two instances with a WeCom API slower than the lease send every message exactly once', async () => {
    const notice = await publish('慢接口通知', GROUPS.slice(0, 4).map((g) => g[0]));
    expect(notice.deliveries).toHaveLength(4);
    standIn.delayMs = 900; // each send outlasts the 600 ms lease: only renewal keeps the claim
    const only = notice.deliveries.map((d) => d.id);
    const drain = async (w: DeliveryWorker) => {
      for (let i = 0; i < 100; i++) {
        await w.runOnce(new Date(), only);
        const rows = await listDeliveries(svc.db, { noticeId: notice.id });
        if (rows.every((d) => d.status === 'sent')) return;
        await sleep(20);
      }
    };
    await Promise.all([drain(worker(svc.db, { leaseMs: 600, batch: 2 })), drain(worker(second, { leaseMs: 600, batch: 2 }))]);
    expect(recipients()).toEqual(GROUPS.slice(0, 4).map((g) => g[2]).sort());
    // notices ask WeCom to drop a repeat of the same message (so a resend after a crash is harmless)
    for (const call of sends()) expect(call.body).toMatchObject({ enable_duplicate_check: 1, duplicate_check_interval: 1800 });
  });

  it('a chat reply does not ask for the duplicate check (the same answer may be due twice)', async () => {
    await enqueueDeliveries(svc.db, [{ job: 'wecom-reply:m1:0', channel: 'wecom_app', destination: 'zhangsan', payload: { text: '答复' } }]);
    // A second ahead: the row's due time is the database's now() (microseconds), which can fall
    // after a JavaScript Date of the same millisecond. (Everything else is sent by now.)
    await worker(svc.db).runOnce(new Date(Date.now() + 1_000));
    const reply = sends().find((c) => c.body.touser === 'zhangsan');
    expect(reply).toBeDefined();
    expect(reply!.body.enable_duplicate_check).toBeUndefined();
  });

  it("takes over a dead instance's claim once it expires: unstarted rows are sent, the one in flight is marked unknown", async () => {
    const notice = await publish('崩溃接管通知', ['31', '32', '33']);
    const only = notice.deliveries.map((d) => d.id);
    // An instance claims the rows, starts sending the first one and dies (its lease is not renewed).
    // (explicit times: the survivor's clock says when the dead lease has run out)
    let now = new Date();
    const dead = { owner: 'dead-host:1:gone', token: 'dead-token' };
    const claimed = await claimDue(svc.db, dead, { now, leaseUntil: new Date(now.getTime() + 15_000), batch: 10, resendUnknown: true, only });
    expect(claimed.map((d) => d.id).sort()).toEqual([...only].sort());
    const inFlight = claimed[0]!.id;
    expect(await startSend(svc.db, inFlight, dead.token, now)).toBe(true);

    const survivor = worker(svc.db, { resendUnknown: false, clock: () => now });
    now = new Date(now.getTime() + 10_000);
    await survivor.runOnce(now, only); // lease still live: nothing is taken
    expect(sends()).toHaveLength(0);
    now = new Date(now.getTime() + 10_000);
    await survivor.runOnce(now, only);
    expect(sends()).toHaveLength(2); // the two whose sends never started; not the one in flight
    const rows = await listDeliveries(svc.db, { noticeId: notice.id });
    const unknown = rows.find((d) => d.id === inFlight)!;
    expect(unknown.status).toBe('unknown');
    expect(unknown.outcomeUnknownAt).not.toBeNull();
    expect(unknown.lastError).toMatch(/outcome unknown/);
    expect(rows.filter((d) => d.id !== inFlight).map((d) => d.status)).toEqual(['sent', 'sent']);

    // The console lists it; an admin sends it again.
    const listed = (await (await svc.request('/api/admin/deliveries?status=unknown', { headers: admin })).json()) as { deliveries: Array<{ id: number }> };
    expect(listed.deliveries.map((d) => d.id)).toContain(inFlight);
    expect((await svc.request(`/api/admin/deliveries/${inFlight}/retry`, { method: 'POST', headers: admin })).status).toBe(200);
    await survivor.runOnce(now, only);
    const after = (await listDeliveries(svc.db, { noticeId: notice.id })).find((d) => d.id === inFlight)!;
    expect(after.status).toBe('sent');
    expect(after.outcomeUnknownAt).not.toBeNull(); // the console still shows it may have repeated
    expect(sends()).toHaveLength(3);
  });

  it('by default resends a delivery whose outcome is unknown (at least once), and only that one repeats', async () => {
    const notice = await publish('默认重发通知', ['34', '36']);
    const only = notice.deliveries.map((d) => d.id);
    const now = new Date();
    const dead = { owner: 'dead-host:2:gone', token: 'dead-token-2' };
    const claimed = await claimDue(svc.db, dead, { now, leaseUntil: new Date(now.getTime() + 15_000), batch: 10, resendUnknown: true, only });
    expect(await startSend(svc.db, claimed[0]!.id, dead.token, now)).toBe(true);
    const later = new Date(now.getTime() + 20_000);
    await worker(svc.db, { clock: () => later }).runOnce(later, only);
    const rows = await listDeliveries(svc.db, { noticeId: notice.id });
    expect(rows.map((d) => d.status)).toEqual(['sent', 'sent']);
    expect(rows.filter((d) => d.outcomeUnknownAt !== null).map((d) => d.id)).toEqual([claimed[0]!.id]);
    expect(recipients()).toEqual(['chat-ah', 'chat-jx']);
  });

  it('a worker whose claim was taken over neither sends nor records the rest of its batch', async () => {
    const notice = await publish('失去租约通知', ['37']);
    const only = notice.deliveries.map((d) => d.id);
    const now = new Date();
    const stale = { owner: 'stale-host:3:slow', token: 'stale-token' };
    await claimDue(svc.db, stale, { now, leaseUntil: new Date(now.getTime() + 15_000), batch: 10, resendUnknown: true, only });
    const later = new Date(now.getTime() + 20_000);
    await worker(svc.db, { clock: () => later }).runOnce(later, only); // takes the expired claim over and sends
    expect(recipients()).toEqual(['chat-sd']);
    // the stale instance wakes up: its token no longer holds the row
    expect(await startSend(svc.db, only[0]!, stale.token, now)).toBe(false);
  });
});
