import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/db.js';
import { authHeader, startTestService, type TestService } from './support/service.js';

describe.each(backends)('directory API over HTTP on $name', (backend) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(backend, { BODY_LIMIT_KB: '4' });
  });
  afterAll(async () => {
    await svc.close();
  });

  it('is alive and ready', async () => {
    expect((await svc.request('/healthz')).status).toBe(200);
    const ready = await svc.request('/readyz');
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { database: string }).database).toBe(backend.name);
  });

  it('lists five regions and 31 provinces', async () => {
    const regions = (await (await svc.request('/api/regions')).json()) as { regions: Array<{ name: string }> };
    expect(regions.regions.map((r) => r.name).sort()).toEqual(['华东区', '华北区', '华南区', '西北区', '西南区'].sort());
    const provinces = (await (await svc.request('/api/provinces')).json()) as { provinces: unknown[] };
    expect(provinces.provinces).toHaveLength(31);
  });

  it.each(['山东', '鲁', '山东省'])('GET /api/provinces/%s/contacts names the leads and the 区域管家', async (name) => {
    const res = await svc.request(`/api/provinces/${encodeURIComponent(name)}/contacts`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { leads: Array<{ name: string; phone: string }>; managers: Array<{ name: string; phone: string }> };
    expect(body.leads.map((c) => [c.name, c.phone])).toEqual([['米坤', '15353567377'], ['刘维', '15029297960']]);
    expect(body.managers.map((c) => [c.name, c.phone])).toEqual([['王鹤璇', '13936352355']]);
  });

  it('resolves 新疆兵团 to 新疆 and its region', async () => {
    const body = (await (await svc.request(`/api/provinces/${encodeURIComponent('新疆兵团')}/contacts`)).json()) as {
      province: { name: string };
      managers: Array<{ name: string }>;
    };
    expect(body.province.name).toBe('新疆');
    expect(body.managers[0]?.name).toBe('郭豪楠');
  });

  it('answers an unknown or uncovered province with a clear 404', async () => {
    for (const name of ['台湾', "'; drop table contacts; --"]) {
      const res = await svc.request(`/api/provinces/${encodeURIComponent(name)}/contacts`);
      expect(res.status).toBe(404);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('not_found');
      expect(body.error.message).toContain('不含香港、澳门、台湾');
    }
    // the injection-looking name did nothing
    expect((await svc.request(`/api/provinces/${encodeURIComponent('江西')}/contacts`)).status).toBe(200);
  });

  it('filters exams by year and validates the year', async () => {
    const body = (await (await svc.request('/api/exams?year=2022')).json()) as { exams: Array<{ month: number }>; officialChannels: unknown[] };
    expect(body.exams.map((e) => e.month)).toEqual([5, 6, 10, 11, 12]);
    expect(body.officialChannels.length).toBeGreaterThan(0);
    expect(((await (await svc.request('/api/exams?year=2030')).json()) as { exams: unknown[] }).exams).toEqual([]);
    const bad = await svc.request('/api/exams?year=abc');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
  });

  it('refuses malformed JSON, oversized bodies and unknown routes with JSON errors', async () => {
    const malformed = await svc.request('/api/auth/login', { method: 'POST', body: '{bad', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('malformed_body');
    const big = await svc.request('/api/auth/login', { json: { username: 'x'.repeat(10_000), password: 'y' } });
    expect(big.status).toBe(413);
    const missing = await svc.request('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toBeTruthy();
  });

  it('signs in the bootstrap admin and rejects bad passwords and forged tokens', async () => {
    expect((await svc.request('/api/auth/me')).status).toBe(401);
    const wrong = await svc.request('/api/auth/login', { json: { username: 'admin', password: 'nope' } });
    expect(wrong.status).toBe(401);
    const headers = await authHeader(svc);
    const me = (await (await svc.request('/api/auth/me', { headers })).json()) as { account: { role: string } };
    expect(me.account.role).toBe('admin');
    const forged = headers.authorization!.slice(0, -4) + 'AAAA';
    expect((await svc.request('/api/auth/me', { headers: { authorization: forged } })).status).toBe(401);
  });
});
