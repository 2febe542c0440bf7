import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/db.js';
import { authHeader, startTestService, type TestService } from './support/service.js';
import { ingestDocument } from '../knowledge/ingest.js';

describe.each(backends)('knowledge and open questions in the console API on $name', (backend) => {
  let svc: TestService;
  let admin: Record<string, string>;
  beforeAll(async () => {
    svc = await startTestService(backend);
    admin = await authHeader(svc);
  });
  afterAll(async () => {
    await svc.close();
  });
  const ask = async (text: string) => (await (await svc.request('/api/ask', { json: { text } })).json()) as { text: string; abstained: boolean };

  it('ingests .docx, .md and .txt into passages with their sections', async () => {
    const docx = await ingestDocument('exam-rules.docx', readFileSync('test/fixtures/exam-rules.docx'), '考务补充规定');
    expect(docx.map((p) => p.section)).toEqual(['一、考点巡考安排', '二、成绩复核']);
    expect(docx[1]!.body).toContain('7日内');
    const md = await ingestDocument('faq.md', Buffer.from('# 常见问题\n\n## 证书丢失\n可在平台申请补办。\n'));
    expect(md).toEqual([expect.objectContaining({ document: '常见问题', section: '证书丢失', body: '可在平台申请补办。' })]);
    const txt = await ingestDocument('rules.txt', Buffer.from('第一条 本办法适用于全部考点。\n第二条 考点须配备监控。'), '考点规则');
    expect(txt.map((p) => p.section)).toEqual(['第一条', '第二条']);
    await expect(ingestDocument('x.pdf', Buffer.from('x'))).rejects.toThrow(/不支持/);
  });

  it('an uploaded document answers at once, with its citation', async () => {
    expect((await ask('成绩有异议多久内可以申请复核')).abstained).toBe(true);
    const res = await svc.request('/api/admin/knowledge/upload?filename=exam-rules.docx&title=' + encodeURIComponent('考务补充规定'), {
      method: 'POST',
      body: readFileSync('test/fixtures/exam-rules.docx') as unknown as string,
      headers: { ...admin, 'content-type': 'application/octet-stream' },
    });
    expect(res.status).toBe(201);
    const a = await ask('成绩有异议多久内可以申请复核');
    expect(a.abstained).toBe(false);
    expect(a.text).toContain('7日内');
    expect(a.text).toContain('《考务补充规定》二、成绩复核');
    const bad = await svc.request('/api/admin/knowledge/upload?filename=x.exe', { method: 'POST', body: 'x', headers: admin });
    expect(bad.status).toBe(400);
  });

  it('a newer uploaded notice beats the built-in reply, and answers paraphrases of its question', async () => {
    const before = await ask('2027年的考试什么时候报名？');
    expect(before.text).not.toContain('3月1日');
    const notice = '# 2027年上半年考试报名通知\n\n## 报名时间\n2027年上半年全国统考报名时间为3月1日至3月20日，学生通过所在学校的考核站点报名。\n\n## 补考收费\n补考按原报名费的50%收取。\n';
    const res = await svc.request('/api/admin/knowledge/upload?filename=notice-2027.md&title=' + encodeURIComponent('2027年上半年考试报名通知'), {
      method: 'POST',
      body: notice,
      headers: { ...admin, 'content-type': 'application/octet-stream' },
    });
    expect(res.status).toBe(201);
    for (const q of ['2027年的考试什么时候报名？', '27年上半年统考在哪报名呀']) {
      const a = await ask(q);
      expect(a.abstained, q).toBe(false);
      expect(a.text, q).toContain('3月1日至3月20日');
      expect(a.text, q).toContain('《2027年上半年考试报名通知》');
    }
    const fee = await ask('补考怎么收费');
    expect(fee.text).toContain('50%');
  });

  it('an answered open question can become knowledge the assistant then uses', async () => {
    const question = '考试当天可以带保温杯进考场吗';
    expect((await ask(question)).abstained).toBe(true);
    const open = (await (await svc.request('/api/admin/questions?status=open', { headers: admin })).json()) as { questions: Array<{ id: number; question: string }> };
    const q = open.questions.find((x) => x.question === question)!;
    const res = await svc.request(`/api/admin/questions/${q.id}/answer`, { json: { answer: '考试当天可以携带保温杯进考场，禁止携带手机。', toKnowledge: true }, headers: admin });
    expect(res.status).toBe(200);
    const a = await ask('考试当天能带保温杯进考场吗？');
    expect(a.abstained).toBe(false);
    expect(a.text).toContain('保温杯');
    expect(a.text).toContain('工作人员答复');
    const still = (await (await svc.request('/api/admin/questions?status=open', { headers: admin })).json()) as { questions: Array<{ id: number }> };
    expect(still.questions.find((x) => x.id === q.id)).toBeUndefined();
  });

  it('shows the dashboard and refuses knowledge edits to a non-admin', async () => {
    const dash = (await (await svc.request('/api/admin/dashboard', { headers: admin })).json()) as { periods: Array<{ regions: unknown[] }> };
    expect(dash.periods[0]!.regions).toHaveLength(5);
    expect((await svc.request('/api/admin/knowledge', { json: { title: 't', body: 'b', sourceDocument: 'x' } })).status).toBe(401);
  });
});
