import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/db.js';
import { authHeader, startTestService, type TestService } from './support/service.js';

describe.each(backends)('POST /api/ask on $name', (backend) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(backend, { ASK_RATE_PER_MINUTE: '20', TRUST_PROXY: '1' }); // behind one proxy: X-Forwarded-For names the client
  });
  afterAll(async () => {
    await svc.close();
  });
  const ask = async (json: unknown) => svc.request('/api/ask', { json, headers: { 'x-forwarded-for': `10.0.0.${Math.floor(Math.random() * 200)}` } });

  it('answers with the structured result and records the question', async () => {
    const res = await ask({ text: '山东的学校，考试组织问题找谁？' });
    expect(res.status).toBe(200);
    const a = (await res.json()) as { intent: string; text: string; sources: unknown[]; abstained: boolean };
    expect(a.intent).toBe('contact_lookup');
    expect(a.text).toContain('王鹤璇 13936352355');
    const [row] = await svc.db.query<{ status: string; channel: string }>("select status, channel from questions where question like '山东的学校%'");
    expect(row).toEqual({ status: 'logged', channel: 'api' });
  });

  it('leaves an abstention open for a human, stored verbatim even when it looks like SQL', async () => {
    const text = "明天天气'; drop table questions; --";
    const a = (await (await ask({ text })).json()) as { abstained: boolean };
    expect(a.abstained).toBe(true);
    const rows = await svc.db.query<{ status: string }>('select status from questions where question = $1', [text]);
    expect(rows).toEqual([{ status: 'open' }]);
  });

  it('refuses empty and oversized questions with clear errors', async () => {
    expect((await ask({ text: '   ' })).status).toBe(400);
    expect((await ask({ text: '考'.repeat(501) })).status).toBe(400);
    expect((await ask({ nothing: true })).status).toBe(400);
  });

  it('answers as a province in the playground, and follows a contact edit at once', async () => {
    const as = async (text: string) => ((await (await ask({ text, provinceCode: '37' })).json()) as { text: string }).text;
    expect(await as('校企合作找谁')).toContain('米坤 15353567377');
    const headers = await authHeader(svc);
    const contacts = (await (await svc.request('/api/admin/contacts', { headers })).json()) as { contacts: Array<{ id: number; name: string }> };
    const miKun = contacts.contacts.find((c) => c.name === '米坤')!;
    const patched = await svc.request(`/api/admin/contacts/${miKun.id}`, { method: 'PATCH', json: { phone: '13911112222' }, headers });
    expect(patched.status).toBe(200);
    expect(await as('校企合作找谁')).toContain('米坤 13911112222');
  });

  it('rate-limits one client politely', async () => {
    const headers = { 'x-forwarded-for': '10.9.9.9' };
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await svc.request('/api/ask', { json: { text: '你好' }, headers })).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    const limited = await svc.request('/api/ask', { json: { text: '你好' }, headers });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { message: string } }).error.message).toContain('太频繁');
  });
});
