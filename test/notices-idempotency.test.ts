import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/db.js';
import { authHeader, startTestService, type TestService } from './support/service.js';
import { ensureCollege } from '../api/colleges/repository.js';
import { bindGroup } from '../api/groups/repository.js';
import { listNotices } from '../api/notices/repository.js';
import { listDeliveries } from '../api/delivery/repository.js';

// Publishing a notice with an idempotency key: a double click or a retry publishes it once.
describe.each(backends)('notice publishing idempotency on $name', (backend) => {
  let svc: TestService;
  let admin: Record<string, string>;

  beforeAll(async () => {
    svc = await startTestService(backend);
    const college = await ensureCollege(svc.db, '幂等测试学院', '41');
    await bindGroup(svc.db, { channel: 'wecom_robot', externalId: 'key-idem', name: '幂等测试学院群', collegeId: college.id, boundBy: 'test' });
    admin = await authHeader(svc);
  });
  afterAll(() => svc.close());

  const notice = { title: '报名提醒', body: '请于本周内完成报名', target: { provinces: ['41'] } };
  const countTitled = async (title: string) => (await listNotices(svc.db, { limit: 100 })).filter((n) => n.title === title).length;

  it('the same Idempotency-Key twice creates and delivers one notice; the repeat gets the first one back', async () => {
    const headers = { ...admin, 'idempotency-key': 'publish-0001-abcdef' };
    const first = await svc.request('/api/admin/notices', { json: notice, headers });
    expect(first.status).toBe(201);
    const a = ((await first.json()) as { notice: { id: number; status: string } }).notice;
    expect(a.status).toBe('published');
    const again = await svc.request('/api/admin/notices', { json: notice, headers });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { notice: { id: number } }).notice.id).toBe(a.id);
    expect(await countTitled(notice.title)).toBe(1);
    expect(await listDeliveries(svc.db, { noticeId: a.id })).toHaveLength(1);
  });

  it('a double click (two requests at once with the same key in the body) publishes once', async () => {
    const json = { ...notice, title: '双击通知', idempotencyKey: 'double-click-0002' };
    const [r1, r2] = await Promise.all([svc.request('/api/admin/notices', { json, headers: admin }), svc.request('/api/admin/notices', { json, headers: admin })]);
    expect([r1.status, r2.status].sort()).toEqual([200, 201]);
    const ids = await Promise.all([r1, r2].map(async (r) => ((await r.json()) as { notice: { id: number; status: string } }).notice));
    expect(ids[0]!.id).toBe(ids[1]!.id);
    expect(ids.map((n) => n.status)).toEqual(['published', 'published']);
    expect(await countTitled('双击通知')).toBe(1);
  });

  it('the same key for a different notice is refused; without a key the same content moments later is the same request (issue 13), other content a new notice', async () => {
    const headers = { ...admin, 'idempotency-key': 'publish-0003-reused' };
    expect((await svc.request('/api/admin/notices', { json: { ...notice, title: '甲' }, headers })).status).toBe(201);
    const reused = await svc.request('/api/admin/notices', { json: { ...notice, title: '乙' }, headers });
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { error: { code: string } }).error.code).toBe('idempotency_key_reused');
    expect((await svc.request('/api/admin/notices', { json: { ...notice, title: '丙' }, headers: { ...admin, 'idempotency-key': 'x' } })).status).toBe(400);
    expect((await svc.request('/api/admin/notices', { json: { ...notice, title: '无键' }, headers: admin })).status).toBe(201);
    expect((await svc.request('/api/admin/notices', { json: { ...notice, title: '无键' }, headers: admin })).status).toBe(200);
    expect(await countTitled('无键')).toBe(1);
    expect((await svc.request('/api/admin/notices', { json: { ...notice, title: '无键二' }, headers: admin })).status).toBe(201);
    expect(await countTitled('无键二')).toBe(1);
  });
});
