import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/db.js';
import { authHeader, startTestService, type TestService } from './support/service.js';
import { ensureCollege } from '../api/colleges/repository.js';
import { bindGroup } from '../api/groups/repository.js';
import { runChatCommands } from '../api/chat/commands.js';
import { createAccount } from '../api/accounts/repository.js';
import { hashPassword } from '../api/accounts/passwords.js';

describe.each(backends)('progress reports on $name', (backend) => {
  let svc: TestService;
  let now = new Date('2026-11-20T02:00:00Z'); // 2026-11-20 10:00 Shanghai: period 2026-11-b is open
  let hangzhou: number;
  let jinan: number;
  let admin: Record<string, string>;

  beforeAll(async () => {
    svc = await startTestService(backend, {}, { clock: () => now });
    hangzhou = (await ensureCollege(svc.db, '杭州某职业学院', '33')).id;
    jinan = (await ensureCollege(svc.db, '济南某职业学院', '37')).id;
    await bindGroup(svc.db, { channel: 'wechaty', externalId: 'room-hz@chatroom', name: '杭州群', collegeId: hangzhou, boundBy: 'test' });
    await createAccount(svc.db, { role: 'region_manager', username: 'huadong', passwordHash: await hashPassword('huadong-pass-1'), regionCode: 'huadong' });
    admin = await authHeader(svc);
  });
  afterAll(async () => {
    await svc.close();
  });

  const chat = (text: string, externalId = 'room-hz@chatroom') =>
    runChatCommands(svc.services, { text, channel: 'wechaty', from: { id: 'wxid_teacher' }, group: { externalId }, isGroupAdmin: false });

  it('files a report from a bound group and confirms a summary; a second message corrects it, keeping history', async () => {
    const first = await chat('进展：培训实施阶段，已培训120人，报名考试80人，培训教师5名，问题：机房不够');
    expect(first).toContain('已收到杭州某职业学院的进展报送（2026-11-b，11月25日前）');
    expect(first).toContain('培训学生 120人');
    const second = await chat('进展：培训实施阶段，已培训130人，通过60人');
    expect(second).toContain('已更新');
    const rows = await svc.db.query<{ id: string; students_trained: number; students_registered: number; students_passed: number }>(
      'select id, students_trained, students_registered, students_passed from reports where college_id = $1',
      [hangzhou],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ students_trained: 130, students_registered: 80, students_passed: 60 });
    const detail = (await (await svc.request(`/api/reports/${rows[0]!.id}`, { headers: admin })).json()) as { report: { revisions: unknown[]; late: boolean } };
    expect(detail.report.revisions).toHaveLength(2);
    expect(detail.report.late).toBe(false);
  });

  it('asks an unbound group to bind first, and leaves other messages alone', async () => {
    expect(await chat('进展：已培训10人', 'room-unbound@chatroom')).toContain('还没有绑定学校');
    expect(await chat('山东考试找谁')).toBeUndefined();
  });

  it('accepts a late report and marks it late', async () => {
    now = new Date('2026-11-26T02:00:00Z'); // the 26th: 2026-11-b closed yesterday, 济南 never reported
    const res = await svc.request('/api/reports', { json: { collegeId: jinan, progress: '补报：培训筹备中', stage: '培训筹备' }, headers: admin });
    expect(res.status).toBe(201);
    const { report } = (await res.json()) as { report: { periodId: string; late: boolean } };
    expect(report).toMatchObject({ periodId: '2026-11-b', late: true });
    // 杭州 already reported 2026-11-b, so its next report opens 2026-12-a, on time
    expect(await chat('进展：考核颁证，通过70人')).toContain('2026-12-a');
  });

  it('validates numbers and scopes a region manager to its region', async () => {
    const bad = await svc.request('/api/reports', { json: { collegeId: jinan, progress: 'x', studentsTrained: -1 }, headers: admin });
    expect(bad.status).toBe(400);
    const manager = await authHeader(svc, 'huadong', 'huadong-pass-1');
    expect((await svc.request('/api/reports?region=huabei', { headers: manager })).status).toBe(403);
    const own = (await (await svc.request('/api/reports?period=2026-11-b', { headers: manager })).json()) as { reports: Array<{ collegeName: string }> };
    expect(own.reports.map((r) => r.collegeName)).toEqual(['杭州某职业学院']);
    const jinanReport = (await svc.db.query<{ id: string }>('select id from reports where college_id = $1', [jinan]))[0]!;
    expect((await svc.request(`/api/reports/${jinanReport.id}`, { headers: manager })).status).toBe(403);
    expect((await svc.request('/api/reports', { json: { collegeId: jinan, progress: 'x' }, headers: manager })).status).toBe(403);
  });

  it('exports a period as a spreadsheet with one row per report, and as CSV', async () => {
    const res = await svc.request('/api/reports/export?period=2026-11-b&format=xlsx', { headers: admin });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = wb.getWorksheet('进展报送')!;
    expect(sheet.rowCount).toBe(3); // header + 杭州 + 济南
    const colleges = [sheet.getRow(2).getCell(3).value, sheet.getRow(3).getCell(3).value].sort();
    expect(colleges).toEqual(['杭州某职业学院', '济南某职业学院'].sort());
    const csv = await (await svc.request('/api/reports/export?period=2026-11-b&format=csv&region=huadong', { headers: admin })).text();
    expect(csv.trim().split('\n')).toHaveLength(2);
    expect(csv).toContain('杭州某职业学院');
  });
});
