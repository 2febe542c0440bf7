import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/db.js';
import { authHeader, startTestService, type TestService } from './support/service.js';
import { StandIn } from './support/standin.js';
import { ensureCollege } from '../api/colleges/repository.js';
import { bindGroup } from '../api/groups/repository.js';
import { createAccount } from '../api/accounts/repository.js';
import { hashPassword } from '../api/accounts/passwords.js';
import { localDate } from '../api/clock.js';

// The operator flow of issue 13: WeCom pointed at a local stand-in; set 王敏娜's WeCom userid by
// API, press 发送测试 for 华东 — the stand-in receives her digest. Everything that cannot be
// delivered shows on the dashboard and in the digest. "Today" is the Asia/Shanghai date.
describe.each(backends)('digest destinations and 发送测试 on $name', (backend) => {
  let svc: TestService;
  let standIn: StandIn;
  let admin: Record<string, string>;
  // 07:30 in Shanghai on 1 December is still 30 November in UTC.
  const now = new Date('2026-12-01T07:30:00+08:00');

  beforeAll(async () => {
    standIn = new StandIn();
    standIn.handler = (call) => (call.path === '/cgi-bin/gettoken' ? { errcode: 0, access_token: 'tok-1', expires_in: 7200 } : { errcode: 0, errmsg: 'ok' });
    svc = await startTestService(
      backend,
      { WECOM_API_BASE: await standIn.start(), WECOM_CORP_ID: 'ww-test', WECOM_SECRET: 'secret', WECOM_AGENT_ID: '1000002' },
      { clock: () => now },
    );
    const hz = await ensureCollege(svc.db, '杭州某职业学院', '33');
    await bindGroup(svc.db, { channel: 'wecom_robot', externalId: 'key-hz', collegeId: hz.id, boundBy: 'test' });
    await ensureCollege(svc.db, '南京某职业学院', '32'); // bound to nothing: cannot be reminded
    await createAccount(svc.db, { role: 'region_manager', username: 'huabei', passwordHash: await hashPassword('huabei-pass-1'), regionCode: 'huabei' });
    admin = await authHeader(svc);
  });
  afterAll(async () => {
    await svc.close();
    await standIn.stop();
  });

  const contactId = async (name: string) => {
    const { contacts } = (await (await svc.request('/api/admin/contacts', { headers: admin })).json()) as { contacts: Array<{ id: number; name: string }> };
    return contacts.find((c) => c.name === name)!.id;
  };

  it('says what is missing before the ids are set, on the dashboard and in the test result', async () => {
    const dash = (await (await svc.request('/api/admin/dashboard', { headers: admin })).json()) as {
      undeliverable: Array<{ code: string; unreachableColleges: string[]; digestMissing: string[] }>;
    };
    const huadong = dash.undeliverable.find((u) => u.code === 'huadong')!;
    expect(huadong.unreachableColleges).toEqual(['南京某职业学院']);
    expect(huadong.digestMissing).toEqual(['区域管家王敏娜未填写企业微信账号']);
    const res = await svc.request('/api/admin/digests/test', { json: { region: 'huadong' }, headers: admin });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { deliveries: unknown[]; missing: string[] };
    expect(body.deliveries).toEqual([]);
    expect(body.missing).toEqual(['区域管家王敏娜未填写企业微信账号']);
  });

  it('PATCH the contact’s wecomUserId, then 发送测试 for 华东: the stand-in receives her digest', async () => {
    const id = await contactId('王敏娜');
    const patched = await svc.request(`/api/admin/contacts/${id}`, { method: 'PATCH', json: { wecomUserId: 'WangMinNa' }, headers: admin });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { contact: { wecomUserId: string } }).contact.wecomUserId).toBe('WangMinNa');

    standIn.calls.length = 0;
    const res = await svc.request('/api/admin/digests/test', { json: { region: 'huadong' }, headers: admin });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { deliveries: Array<{ channel: string; destination: string; status: string }>; missing: string[]; digest: { text: string } };
    expect(body.missing).toEqual([]);
    expect(body.deliveries).toEqual([expect.objectContaining({ channel: 'wecom_app', destination: 'WangMinNa', status: 'sent' })]);
    const sent = standIn.calls.filter((c) => c.path === '/cgi-bin/message/send');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.touser).toBe('WangMinNa');
    expect(sent[0]!.body.text.content).toContain('【华东区进展报送提醒】');
    expect(sent[0]!.body.text.content).toContain('1 所学校无法提醒');
    expect(sent[0]!.body.text.content).toContain('南京某职业学院');
    // The WeCom id never leaks through the public directory.
    const pub = await (await svc.request(`/api/provinces/${encodeURIComponent('浙江')}/contacts`)).text();
    expect(pub).toContain('王敏娜');
    expect(pub).not.toContain('WangMinNa');
  });

  it('a failing send is shown, and stays queued for retries', async () => {
    standIn.failNext((c) => c.path === '/cgi-bin/message/send', 1, 60020);
    const body = (await (await svc.request('/api/admin/digests/test', { json: { region: 'huadong' }, headers: admin })).json()) as {
      deliveries: Array<{ status: string; lastError: string }>;
    };
    expect(body.deliveries[0]).toMatchObject({ status: 'queued' });
    expect(body.deliveries[0]!.lastError).toContain('60020');
  });

  it('the region’s robot webhook key is set by API and used with DIGEST_CHANNEL=wecom_robot', async () => {
    expect((await svc.request('/api/admin/regions/huadong', { method: 'PATCH', json: { digestWebhookKey: 'bad key!' }, headers: admin })).status).toBe(400);
    expect((await svc.request('/api/admin/regions/huadong', { method: 'PATCH', json: { digestWebhookKey: 'hd-robot' }, headers: admin })).status).toBe(200);
    const manager = await authHeader(svc, 'huabei', 'huabei-pass-1');
    expect((await svc.request('/api/admin/regions/huadong', { method: 'PATCH', json: { digestWebhookKey: 'x' }, headers: manager })).status).toBe(403);
    expect((await svc.request('/api/admin/digests/test', { json: { region: 'huadong' }, headers: manager })).status).toBe(403);
    Object.assign(svc.services.config, { DIGEST_CHANNEL: 'wecom_robot' });
    try {
      standIn.calls.length = 0;
      const body = (await (await svc.request('/api/admin/digests/test', { json: { region: 'huadong' }, headers: admin })).json()) as { deliveries: Array<{ destination: string; status: string }> };
      expect(body.deliveries).toEqual([expect.objectContaining({ destination: 'hd-robot', status: 'sent' })]);
      expect(standIn.calls.find((c) => c.path === '/cgi-bin/webhook/send')!.query.get('key')).toBe('hd-robot');
      const destinations = (await (await svc.request('/api/admin/destinations', { headers: admin })).json()) as { regions: Array<{ code: string; digestWebhookKey: string }>; unreachable: number };
      expect(destinations.regions.find((r) => r.code === 'huadong')!.digestWebhookKey).toBe('hd-robot');
      expect(destinations.unreachable).toBe(1);
    } finally {
      Object.assign(svc.services.config, { DIGEST_CHANNEL: 'wecom_app' });
    }
  });

  it('binds a college’s WeCom user from the console at once: the college is reachable', async () => {
    const { colleges } = (await (await svc.request('/api/admin/destinations', { headers: admin })).json()) as { colleges: Array<{ id: number; name: string }> };
    const nanjing = colleges.find((c) => c.name === '南京某职业学院')!;
    const manager = await authHeader(svc, 'huabei', 'huabei-pass-1');
    expect((await svc.request('/api/admin/wecom-users', { json: { collegeId: nanjing.id, wecomUserId: 'lisi' }, headers: manager })).status).toBe(403);
    expect((await svc.request('/api/admin/wecom-users', { json: { collegeId: nanjing.id, wecomUserId: 'lisi' }, headers: admin })).status).toBe(201);
    const after = (await (await svc.request('/api/admin/destinations', { headers: admin })).json()) as { unreachable: number };
    expect(after.unreachable).toBe(0);
  });

  it('uses the Asia/Shanghai date at 07:30: yesterday’s exam is not upcoming', async () => {
    expect(localDate('Asia/Shanghai', now)).toBe('2026-12-01');
    for (const date of ['2026-11-30', '2026-12-20']) {
      const res = await svc.request('/api/admin/exams', { json: { year: 2026, month: Number(date.slice(5, 7)), date, source: '测试来源文件' }, headers: admin });
      expect(res.status).toBe(201);
    }
    const { digest } = (await (await svc.request('/api/digests?region=huadong', { headers: admin })).json()) as { digest: { upcomingExams: Array<{ date: string }> } };
    expect(digest.upcomingExams.map((e) => e.date)).toEqual(['2026-12-20']);
  });
});
