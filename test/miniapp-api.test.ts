import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/db.js';
import { authHeader, startTestService, type TestService } from './support/service.js';
import { StandIn } from './support/standin.js';
import { ensureCollege } from '../api/colleges/repository.js';
import { bindGroup } from '../api/groups/repository.js';
import { runChatCommands } from '../api/chat/commands.js';
import { createAccount } from '../api/accounts/repository.js';
import { hashPassword } from '../api/accounts/passwords.js';

describe.each(backends)('mini-program API on $name', (backend) => {
  let svc: TestService;
  let standIn: StandIn;
  let admin: Record<string, string>;
  let now = new Date('2026-11-20T02:00:00Z');
  let collegeId: number;

  beforeAll(async () => {
    standIn = new StandIn();
    standIn.handler = (call) =>
      call.path === '/sns/jscode2session'
        ? call.query.get('js_code')?.startsWith('code-')
          ? { openid: `openid-${call.query.get('js_code')!.slice(5)}`, session_key: 'k' }
          : { errcode: 40029, errmsg: 'invalid code' }
        : { errcode: 0 };
    svc = await startTestService(backend, { WECHAT_API_BASE: await standIn.start(), MINIAPP_APPID: 'wx-test', MINIAPP_SECRET: 'secret' }, { clock: () => now });
    collegeId = (await ensureCollege(svc.db, '济南某职业学院', '37')).id;
    await bindGroup(svc.db, { channel: 'wechaty', externalId: 'room-jn@chatroom', collegeId, boundBy: 't' });
    await createAccount(svc.db, { role: 'region_manager', username: 'huanan', passwordHash: await hashPassword('huanan-pass-1'), regionCode: 'huanan' });
    admin = await authHeader(svc);
  });
  afterAll(async () => {
    await svc.close();
    await standIn.stop();
  });

  const login = async (code: string) => svc.request('/api/miniapp/login', { json: { code } });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('logs in through code2session at the configured WeChat base; a bad code gets a kind 401', async () => {
    const res = await login('code-stu1');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; account: { role: string; openid: string } };
    expect(body.account).toMatchObject({ role: 'student', openid: 'openid-stu1' });
    expect(standIn.calls.at(-1)!.query.get('appid')).toBe('wx-test');
    const again = (await (await login('code-stu1')).json()) as { account: { id: number } };
    expect(again.account.id).toBe((body.account as unknown as { id: number }).id);
    const bad = await login('nonsense');
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('重新打开小程序');
  });

  it('verifies a college contact with a one-time bind code', async () => {
    const issued = await svc.request('/api/admin/bind-codes', { json: { collegeId }, headers: admin });
    expect(issued.status).toBe(201);
    const { bindCode } = (await issued.json()) as { bindCode: { code: string } };
    const { token } = (await (await login('code-teacher')).json()) as { token: string };
    expect((await svc.request('/api/miniapp/reports/current', { headers: bearer(token) })).status).toBe(403); // not verified yet
    const bound = await svc.request('/api/miniapp/bind', { json: { bindCode: bindCode.code.toLowerCase() }, headers: bearer(token) });
    expect(bound.status).toBe(200);
    const result = (await bound.json()) as { token: string; account: { role: string }; college: { name: string } };
    expect(result.account.role).toBe('college_contact');
    expect(result.college.name).toBe('济南某职业学院');
    const other = (await (await login('code-other')).json()) as { token: string };
    expect((await svc.request('/api/miniapp/bind', { json: { bindCode: bindCode.code }, headers: bearer(other.token) })).status).toBe(409);
    expect((await svc.request('/api/miniapp/bind', { json: { bindCode: 'WRONG123' }, headers: bearer(other.token) })).status).toBe(404);
    // a region manager may not issue codes for another region's college
    const manager = await authHeader(svc, 'huanan', 'huanan-pass-1');
    expect((await svc.request('/api/admin/bind-codes', { json: { collegeId }, headers: manager })).status).toBe(403);
    // an expired code
    const late = (await (await svc.request('/api/admin/bind-codes', { json: { collegeId }, headers: admin })).json()) as { bindCode: { code: string } };
    now = new Date(now.getTime() + 15 * 86_400_000);
    expect((await svc.request('/api/miniapp/bind', { json: { bindCode: late.bindCode.code }, headers: bearer(other.token) })).status).toBe(400);
    now = new Date('2026-11-20T02:00:00Z');
  });

  it('a report from the mini-program is the same report as one sent from chat', async () => {
    const chat = await runChatCommands(svc.services, { text: '进展：培训实施，已培训50人', channel: 'wechaty', from: { id: 'wx1' }, group: { externalId: 'room-jn@chatroom' }, isGroupAdmin: false });
    expect(chat).toContain('已收到');
    const { token } = (await (await login('code-teacher')).json()) as { token: string };
    const bad = await svc.request('/api/miniapp/reports', { json: { progress: 'x', studentsTrained: 'many' }, headers: bearer(token) });
    expect(bad.status).toBe(400);
    const res = await svc.request('/api/miniapp/reports', { json: { stage: '培训实施', progress: '已培训60人，报名40人', studentsTrained: 60, studentsRegistered: 40 }, headers: bearer(token) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { updated: boolean; report: { id: number; periodId: string; studentsTrained: number; channel: string } };
    expect(body.updated).toBe(true);
    expect(body.report).toMatchObject({ periodId: '2026-11-b', studentsTrained: 60, channel: 'miniapp' });
    const rows = await svc.db.query<{ n: string }>('select count(*) as n from reports where college_id = $1', [collegeId]);
    expect(Number(rows[0]!.n)).toBe(1);
    const revisions = await svc.db.query<{ channel: string }>('select channel from report_revisions where report_id = $1 order by id', [body.report.id]);
    expect(revisions.map((r) => r.channel)).toEqual(['chat', 'miniapp']);
    const current = (await (await svc.request('/api/miniapp/reports/current', { headers: bearer(token) })).json()) as { current: { report: { studentsTrained: number } } };
    expect(current.current.report.studentsTrained).toBe(60);
  });

  it('finds people by province, city or college name', async () => {
    const jinan = (await (await svc.request(`/api/miniapp/lookup?q=${encodeURIComponent('济南')}`)).json()) as { province: { name: string }; leads: Array<{ name: string }>; managers: Array<{ name: string }> };
    expect(jinan.province.name).toBe('山东');
    expect(jinan.leads.map((c) => c.name)).toEqual(['米坤', '刘维']);
    expect(jinan.managers.map((c) => c.name)).toEqual(['王鹤璇']);
    const byCollege = (await (await svc.request(`/api/miniapp/lookup?q=${encodeURIComponent('济南某职业学院')}`)).json()) as { college: { name: string } };
    expect(byCollege.college.name).toBe('济南某职业学院');
    expect((await svc.request(`/api/miniapp/lookup?q=${encodeURIComponent('香港')}`)).status).toBe(404);
    const cert = (await (await svc.request('/api/certificate')).json()) as { certificate: { levels: Array<{ level: string }> } };
    expect(cert.certificate.levels.map((l) => l.level)).toEqual(['初级', '中级', '高级']);
  });

  it('a notice for 上海 is invisible to a 山东 student and visible to a 上海 one', async () => {
    const res = await svc.request('/api/admin/notices', { json: { title: '上海考点调整', body: '仅上海', target: { provinces: ['31'] } }, headers: admin });
    expect(res.status).toBe(201);
    const { notice } = (await res.json()) as { notice: { id: number } };
    const student = async (code: string, province: string) => {
      const { token } = (await (await login(code)).json()) as { token: string };
      expect((await svc.request('/api/miniapp/profile', { json: { province }, headers: bearer(token) })).status).toBe(200);
      return bearer(token);
    };
    const shandong = await student('code-sd', '山东');
    const shanghai = await student('code-sh', '上海');
    const titles = async (headers: Record<string, string>) =>
      ((await (await svc.request('/api/notices', { headers })).json()) as { notices: Array<{ title: string }> }).notices.map((n) => n.title);
    expect(await titles(shandong)).not.toContain('上海考点调整');
    expect(await titles(shanghai)).toContain('上海考点调整');
    expect((await svc.request(`/api/notices/${notice.id}`, { headers: shandong })).status).toBe(404);
    expect((await svc.request(`/api/notices/${notice.id}`, { headers: shanghai })).status).toBe(200);
    expect(await titles({})).not.toContain('上海考点调整'); // no province: only notices for everyone
    const profile = (await (await svc.request('/api/miniapp/profile', { headers: shandong })).json()) as { province: { name: string } };
    expect(profile.province.name).toBe('山东');
    expect((await svc.request('/api/miniapp/profile', { json: { province: '香港' }, headers: shandong })).status).toBe(400);
  });
});
