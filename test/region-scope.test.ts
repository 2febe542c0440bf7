import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Router from '@koa/router';
import { backends } from './support/db.js';
import { authHeader, startTestService, type TestService } from './support/service.js';
import { apiRouters } from '../api/app.js';
import { createAccount } from '../api/accounts/repository.js';
import { hashPassword } from '../api/accounts/passwords.js';
import { logQuestion } from '../api/questions/repository.js';
import { bindGroup } from '../api/groups/repository.js';

/**
 * The region-scope policy, tried route by route: every console route is called by the 华东
 * manager against 华北 (山东) data. Everything created in 华北 carries the marker 金丝雀, so a read
 * must not show it and a change must be refused and leave 华北's data as it was. A new staff route
 * fails this test until it is listed below with what it should do.
 */
const MARK = '金丝雀';

type Case =
  /** a change or a read of one 华北 row: refused (400/403/404) */
  | { kind: 'refused'; path: string; json?: unknown }
  /** a list: answers, without any 华北 row */
  | { kind: 'filtered'; path: string }
  /** region-global by design (e.g. exam sessions and knowledge are national): readable by every manager */
  | { kind: 'global'; path: string; why: string; json?: unknown }
  /** the manager's own account */
  | { kind: 'own'; path: string; json?: unknown };

describe.each(backends)('one region-scope policy for every staff route on %s', (backend) => {
  let svc: TestService;
  let admin: Record<string, string>;
  let huadong: Record<string, string>;
  let fixture: Record<string, number | string>;
  let staffRoutes: Array<{ method: string; path: string; roles: string[] }>;

  const json = async (path: string, init: { method?: string; json?: unknown; headers?: Record<string, string> } = {}) => {
    const res = await svc.request(path, { ...init, headers: { ...admin, ...(init.headers ?? {}) } });
    expect(res.status, `${init.method ?? 'GET'} ${path}: ${res.status}`).toBeLessThan(300);
    return (await res.json()) as any;
  };

  /** What 华北 looks like to an admin: nothing the 华东 manager does may change it. */
  const huabeiState = async () =>
    JSON.stringify([
      (await json('/api/admin/contacts?region=huabei')).contacts,
      (await json('/api/admin/colleges')).colleges,
      (await json('/api/admin/questions')).questions.map((q: any) => [q.id, q.status, q.answer]),
      (await json('/api/admin/notices')).notices.map((n: any) => [n.id, n.status]),
      (await json('/api/reports?region=huabei')).reports,
      (await json('/api/admin/bind-codes')).bindCodes,
      (await json('/api/admin/knowledge')).entries.length,
      (await json('/api/admin/exams')).exams.length,
      (await json('/api/admin/accounts')).accounts,
      await json('/api/admin/destinations?region=huabei'),
    ]);

  beforeAll(async () => {
    svc = await startTestService(backend);
    admin = await authHeader(svc);
    await createAccount(svc.db, { role: 'region_manager', username: 'huadong', passwordHash: await hashPassword('huadong-pass-1'), regionCode: 'huadong' });
    huadong = await authHeader(svc, 'huadong', 'huadong-pass-1');

    const college = (await json('/api/admin/colleges', { json: { name: `${MARK}职业学院`, provinceCode: '37' } })).college;
    const contact = (await json('/api/admin/contacts', { json: { name: MARK, phone: null, role: 'province_lead', provinceCode: '37' } })).contact;
    const question = await logQuestion(svc.db, { channel: 'api', provinceCode: '37', question: `${MARK}问题？`, reply: '…', intent: 'unknown', confidence: 0, abstained: true, status: 'open' });
    const national = await logQuestion(svc.db, { channel: 'api', provinceCode: null, question: `${MARK}全国问题？`, reply: '…', intent: 'unknown', confidence: 0, abstained: true, status: 'open' });
    const report = (await json('/api/reports', { json: { collegeId: college.id, progress: `${MARK}进展` } })).report;
    const notice = (await json('/api/admin/notices', { json: { title: `${MARK}通知`, body: '山东的通知', target: { provinces: ['37'] } } })).notice;
    const bindCode = (await json('/api/admin/bind-codes', { json: { collegeId: college.id } })).bindCode.code;
    const entry = (await json('/api/admin/knowledge', { json: { title: '全国知识', body: '内容', sourceDocument: '测试文件' } })).entry;
    const exam = (await json('/api/admin/exams')).exams[0];
    const me = (await json('/api/auth/me')).account;
    const group = await bindGroup(svc.db, { channel: 'wechaty', externalId: 'room-canary@chatroom', name: `${MARK}群`, collegeId: college.id, boundBy: 'test' });
    fixture = { bindCode, group: group.id, college: college.id, contact: contact.id, question, national, report: report.id, notice: notice.id, entry: entry.id, exam: exam.id, admin: me.id };

    staffRoutes = apiRouters(svc.services).flatMap((r: Router) =>
      r.stack.flatMap((layer) => {
        const guard = layer.stack.find((m) => Array.isArray((m as { roles?: unknown }).roles)) as { roles: string[] } | undefined;
        if (!guard || !guard.roles.some((role) => role === 'admin' || role === 'region_manager')) return [];
        return layer.methods.filter((m) => m !== 'HEAD').map((method) => ({ method, path: String(layer.path), roles: guard.roles }));
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await svc?.close();
  });

  const cases = (): Record<string, Case> => {
    const f = fixture;
    return {
      'GET /api/admin/contacts': { kind: 'filtered', path: '/api/admin/contacts' },
      'PATCH /api/admin/contacts/:id': { kind: 'refused', path: `/api/admin/contacts/${f.contact}`, json: { phone: '13800000000' } },
      // H3: a 华东 manager naming its own region with a 山东 province.
      'POST /api/admin/contacts': { kind: 'refused', path: '/api/admin/contacts', json: { name: '冒充者', phone: '13800000000', role: 'province_lead', provinceCode: '37', regionCode: 'huadong' } },
      'DELETE /api/admin/contacts/:id': { kind: 'refused', path: `/api/admin/contacts/${f.contact}` },
      'GET /api/admin/colleges': { kind: 'filtered', path: '/api/admin/colleges' },
      'POST /api/admin/colleges': { kind: 'refused', path: '/api/admin/colleges', json: { name: '冒充职业学院', provinceCode: '37' } },
      'GET /api/admin/exams': { kind: 'global', path: '/api/admin/exams', why: 'exam sessions are national' },
      'POST /api/admin/accounts/:id/password': { kind: 'refused', path: `/api/admin/accounts/${f.admin}/password`, json: { password: 'a-long-enough-password' } },
      'GET /api/admin/knowledge': { kind: 'global', path: '/api/admin/knowledge', why: 'knowledge is shared by every region' },
      'GET /api/admin/questions': { kind: 'filtered', path: '/api/admin/questions' },
      // H2: another region's question, and one asked for no province (admins only).
      'POST /api/admin/questions/:id/answer': { kind: 'refused', path: `/api/admin/questions/${f.question}/answer`, json: { answer: '答复', toKnowledge: true } },
      'POST /api/admin/questions/:id/handled': { kind: 'refused', path: `/api/admin/questions/${f.national}/handled` },
      'GET /api/admin/dashboard': { kind: 'filtered', path: '/api/admin/dashboard' },
      'GET /api/admin/notices': { kind: 'filtered', path: '/api/admin/notices' },
      'POST /api/admin/notices': { kind: 'refused', path: '/api/admin/notices', json: { title: '越权', body: '越权', target: { provinces: ['37'] } } },
      'POST /api/admin/notices/preview': { kind: 'refused', path: '/api/admin/notices/preview', json: { title: '越权', body: '越权', target: { provinces: ['37'] } } },
      'POST /api/admin/notices/:id/publish': { kind: 'refused', path: `/api/admin/notices/${f.notice}/publish` },
      'POST /api/admin/notices/:id/withdraw': { kind: 'refused', path: `/api/admin/notices/${f.notice}/withdraw` },
      'GET /api/admin/notices/:id/deliveries': { kind: 'refused', path: `/api/admin/notices/${f.notice}/deliveries` },
      'POST /api/reports': { kind: 'refused', path: '/api/reports', json: { collegeId: f.college, progress: '越权进展' } },
      'GET /api/reports': { kind: 'filtered', path: '/api/reports' },
      'GET /api/reports/export': { kind: 'filtered', path: '/api/reports/export?format=csv' },
      'GET /api/reports/:id': { kind: 'refused', path: `/api/reports/${f.report}` },
      'GET /api/digests': { kind: 'filtered', path: '/api/digests' },
      'GET /api/admin/bind-codes': { kind: 'filtered', path: '/api/admin/bind-codes' },
      'POST /api/admin/bind-codes': { kind: 'refused', path: '/api/admin/bind-codes', json: { collegeId: f.college } },
      'DELETE /api/admin/bind-codes/:code': { kind: 'refused', path: `/api/admin/bind-codes/${f.bindCode}` },
      'GET /api/periods': { kind: 'filtered', path: '/api/periods' },
      'POST /api/admin/playground': { kind: 'global', path: '/api/admin/playground', json: { text: '山东考试找谁', provinceCode: '37' }, why: 'a test answer is what any asker gets; nothing is recorded' },
      'PATCH /api/admin/regions/:code': { kind: 'refused', path: '/api/admin/regions/huabei', json: { digestWebhookKey: 'evil-key' } },
      'GET /api/admin/destinations': { kind: 'filtered', path: '/api/admin/destinations' },
      'POST /api/admin/digests/test': { kind: 'refused', path: '/api/admin/digests/test', json: { region: 'huabei' } },
      'POST /api/admin/wecom-users': { kind: 'refused', path: '/api/admin/wecom-users', json: { collegeId: f.college, wecomUserId: 'evil-user' } },
      'DELETE /api/admin/groups/:id': { kind: 'refused', path: `/api/admin/groups/${f.group}` },
      'GET /api/auth/me': { kind: 'own', path: '/api/auth/me' },
      'POST /api/auth/password': { kind: 'own', path: '/api/auth/password', json: { currentPassword: 'wrong', newPassword: 'x' } },
    };
  };

  /**
   * The routes no role guards, each with why. Any other route must carry requireRole or
   * requireSession (which is what lets this file find it): a new route without a guard fails here.
   */
  const PUBLIC: Record<string, string> = {
    'GET /healthz': 'liveness',
    'GET /readyz': 'readiness',
    'GET /api/regions': 'the public directory',
    'GET /api/provinces': 'the public directory',
    'GET /api/provinces/:name/contacts': 'the public directory',
    'GET /api/exams': 'public exam sessions',
    'GET /api/certificate': 'public certificate facts',
    'POST /api/auth/login': 'signing in',
    'POST /api/auth/logout': 'signing out (revokes the presented token)',
    'POST /api/ask': 'the assistant, for everyone (a mini-program session only adds the province)',
    'GET /wecom/callback': 'WeCom URL verification (signed)',
    'POST /wecom/callback': 'WeCom messages (signed and encrypted)',
    'GET /wecom/aibot/callback': 'WeCom 智能机器人 URL verification (signed)',
    'POST /wecom/aibot/callback': 'WeCom 智能机器人 messages (signed and encrypted)',
    'GET /api/notices': 'published notices (a mini-program session only narrows them)',
    'GET /api/notices/:id': 'a published notice',
    'GET /api/periods/current': 'the reporting calendar',
    'POST /api/miniapp/login': 'mini-program sign-in (wx.login code)',
    'GET /api/miniapp/settings': 'public mini-program settings (template ids)',
    'GET /api/miniapp/lookup': 'public province lookup',
    'GET /admin': 'the console page (its API calls are guarded)',
    'GET /admin/': 'the console page',
    'GET /admin/app.js': 'the console script',
    'GET /admin/app.css': 'the console style sheet',
  };

  it('guards every route except the declared public ones, and every /api/admin route', () => {
    const all = apiRouters(svc.services).flatMap((r: Router) =>
      r.stack.flatMap((layer) => {
        const guarded = layer.stack.some((m) => Array.isArray((m as { roles?: unknown }).roles));
        return layer.methods.filter((m) => m !== 'HEAD').map((method) => ({ name: `${method} ${String(layer.path)}`, guarded }));
      }),
    );
    expect(all.length).toBeGreaterThan(60);
    expect(all.filter((r) => !r.guarded).map((r) => r.name).sort()).toEqual(Object.keys(PUBLIC).sort());
    expect(all.filter((r) => r.name.includes(' /api/admin') && !r.guarded)).toEqual([]);
  });

  it('finds the staff routes, and every one that a region manager may call is listed here', () => {
    expect(staffRoutes.length).toBeGreaterThan(30);
    const listed = cases();
    const missing = staffRoutes.filter((r) => r.roles.includes('region_manager') && !listed[`${r.method} ${r.path}`]);
    expect(missing.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('refuses or filters every staff route for an account of another region, and changes nothing there', async () => {
    const before = await huabeiState();
    const listed = cases();
    for (const route of staffRoutes) {
      const name = `${route.method} ${route.path}`;
      const c: Case = listed[name] ?? { kind: 'refused', path: route.path.replace(/:\w+/g, '1'), json: {} }; // admin-only routes
      const body = 'json' in c ? c.json : undefined;
      const res = await svc.request(c.path, { method: route.method, json: route.method === 'GET' ? undefined : (body ?? {}), headers: huadong });
      const text = await res.text();
      if (c.kind === 'refused') expect([400, 403, 404], `${name} → ${res.status} ${text}`).toContain(res.status);
      else expect(res.status, `${name} → ${text}`).toBeLessThan(c.kind === 'own' ? 500 : 300);
      expect(text.includes(MARK), `${name} shows 华北 data`).toBe(false);
      if (!route.roles.includes('region_manager')) expect(res.status, `${name} is for admins only`).toBe(403);
    }
    // Asking for the other region by name is refused too.
    for (const path of ['/api/admin/contacts?region=huabei', '/api/reports?region=huabei', '/api/reports/export?region=huabei', '/api/digests?region=huabei']) {
      expect((await svc.request(path, { headers: huadong })).status, path).toBe(403);
    }
    expect(await huabeiState()).toBe(before);
  });

  it('H2: a manager answers its own region’s questions but cannot turn an answer into global knowledge', async () => {
    const own = await logQuestion(svc.db, { channel: 'api', provinceCode: '31', question: '上海的问题？', reply: '…', intent: 'unknown', confidence: 0, abstained: true, status: 'open' });
    const toKnowledge = await svc.request(`/api/admin/questions/${own}/answer`, { json: { answer: '答复', toKnowledge: true }, headers: huadong });
    expect(toKnowledge.status).toBe(403);
    const answered = await svc.request(`/api/admin/questions/${own}/answer`, { json: { answer: '答复' }, headers: huadong });
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as any).question.status).toBe('answered');
  });

  it('H3: a province lead belongs to its province’s region, whatever region the request names', async () => {
    const impostor = await svc.request('/api/admin/contacts', { json: { name: '冒充者', phone: null, role: 'province_lead', provinceCode: '37', regionCode: 'huadong' }, headers: admin });
    expect(impostor.status).toBe(400);
    expect(((await impostor.json()) as any).error.code).toBe('province_not_in_region');
    const unknown = await svc.request('/api/admin/contacts', { json: { name: '某人', phone: null, role: 'province_lead', provinceCode: '99' }, headers: admin });
    expect(unknown.status).toBe(400);
  });
});
