import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, seededDb, type TestDb } from './support/db.js';
import { REPORT_FIELDS, reportExample, reportOutline, reportTemplate, type ReportFieldDef } from '../api/reports/fields.js';
import { parseReport } from '../api/reports/parse.js';
import { reportBody, reportBodySchema } from '../api/reports/schema.js';
import { exportColumns, reportsCsv } from '../api/reports/export.js';
import { getReport, upsertReport, type Report, type ReportFields } from '../api/reports/repository.js';
import { reportSummary } from '../api/reports/service.js';
import { PeriodCalendar } from '../api/reports/periods.js';
import { ensureCollege } from '../api/colleges/repository.js';
import { DETAIL_FIELDS, TABLE_FIELDS } from '../admin/src/pages/reports.js';
import { COUNT_INPUTS, TEXT_INPUTS, emptyForm, validateReport } from '../miniapp/src/lib/report-form.js';

/**
 * A report's fields are declared once (api/reports/fields.ts). Every consumer — database, chat
 * parser, API validation, export, console, mini-program, help texts — must cover exactly the
 * declared fields: this fails when one lacks a field.
 *
 * Adding a field takes its declaration plus a migration adding its column; the last part of this
 * file does exactly that with a made-up field (合作企业) and shows it flowing through.
 */
const keys = (fields: readonly ReportFieldDef[]) => fields.map((f) => f.key).sort();
const DECLARED = keys(REPORT_FIELDS);

/** A value of the right kind for each field (what a full report carries). */
function sampleValues(fields: readonly ReportFieldDef[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f, i) => [f.key, f.kind === 'stage' ? '培训实施' : f.kind === 'count' ? 10 + i : `${f.label}的内容`]));
}

describe('one declaration of a report’s fields', () => {
  it('is well formed: unique keys and columns, snake_case columns', () => {
    expect(new Set(DECLARED).size).toBe(REPORT_FIELDS.length);
    expect(new Set(REPORT_FIELDS.map((f) => f.column)).size).toBe(REPORT_FIELDS.length);
    for (const f of REPORT_FIELDS) expect(f.column).toMatch(/^[a-z_]+$/);
  });

  it('the chat parser reads every field from the help example', () => {
    const parsed = parseReport(reportExample());
    expect(Object.keys(parsed).sort()).toEqual(DECLARED);
    for (const f of REPORT_FIELDS) expect(parsed[f.key as keyof typeof parsed], f.key).toBeDefined();
  });

  it('the API validates every field', () => {
    expect(Object.keys(reportBody.shape).filter((k) => k !== 'periodId').sort()).toEqual(DECLARED);
    expect(reportBody.safeParse(sampleValues(REPORT_FIELDS)).success).toBe(true);
  });

  it('the export has a column for every field', async () => {
    const columns = exportColumns().map((c) => c.key);
    for (const k of DECLARED) expect(columns).toContain(k);
    const report = { id: 1, periodId: '2026-11-a', collegeName: '某职业学院', provinceName: '山东', provinceCode: '37', collegeId: 1, regionCode: 'huabei', channel: 'api', submittedBy: 'x', late: false, submittedAt: '', updatedAt: '', ...sampleValues(REPORT_FIELDS) } as Report;
    const header = (await reportsCsv([report])).toString('utf8').split('\n')[0]!;
    for (const f of REPORT_FIELDS) expect(header, f.key).toContain(f.label);
  });

  it('the console shows every field', () => {
    expect(keys([...TABLE_FIELDS, ...DETAIL_FIELDS])).toEqual(DECLARED);
  });

  it('the mini-program form has an input for every field, and sends every field', () => {
    expect(Object.keys(emptyForm()).sort()).toEqual(DECLARED);
    const inputs = [...COUNT_INPUTS, ...TEXT_INPUTS].map((i) => i.key);
    expect([...inputs, 'stage'].sort()).toEqual(DECLARED);
    const filled = Object.fromEntries(Object.entries(sampleValues(REPORT_FIELDS)).map(([k, v]) => [k, String(v)]));
    const { body, errors } = validateReport({ ...emptyForm(), ...filled, studentsPassed: '1' });
    expect(errors).toEqual({});
    expect(Object.keys(body!).sort()).toEqual(DECLARED);
    // the page renders the inputs from those lists, not one by one
    const wxml = readFileSync('miniapp/src/pages/report/index.wxml', 'utf8');
    expect(wxml).toContain('wx:for="{{countInputs}}"');
    expect(wxml).toContain('wx:for="{{textInputs}}"');
  });

  it('the help texts and the chat confirmation name every field', () => {
    const example = reportExample();
    for (const f of REPORT_FIELDS) if (f.example) expect(example).toContain(f.example);
    const template = reportTemplate();
    for (const f of REPORT_FIELDS) if (f.example) expect(template, f.key).toContain(f.kind === 'stage' ? f.label : f.example.replace(/\d+/, 'X').replace(/…+$/, '…'));
    const outline = reportOutline();
    for (const f of REPORT_FIELDS) if (f.kind !== 'text' || 'chatLabels' in f) expect(outline, f.key).toContain(f.short);
    const calendar = new PeriodCalendar('Asia/Shanghai', [10, 25]);
    const period = calendar.current(new Date('2026-11-05T00:00:00Z'));
    const report = { collegeName: '某职业学院', late: false, ...sampleValues(REPORT_FIELDS) } as unknown as Report;
    const summary = reportSummary(report, period, false);
    for (const f of REPORT_FIELDS) if (f.key !== 'progress') expect(summary, f.key).toContain(f.label);
  });
});

describe.each(backends)('report fields in the database on $name', (backend) => {
  let db: TestDb;
  let collegeId: number;
  beforeAll(async () => {
    db = await seededDb(backend);
    collegeId = (await ensureCollege(db, '字段测试职业学院', '37')).id;
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const columnsOfReports = async () =>
    (await db.query<{ column_name: string }>(`select column_name from information_schema.columns where table_name = 'reports' and table_schema = current_schema()`)).map((r) => r.column_name);

  it('has a column for every declared field (its migration exists), and stores and returns every field', async () => {
    const columns = await columnsOfReports();
    for (const f of REPORT_FIELDS) expect(columns, `migration for ${f.column}`).toContain(f.column);
    const values = sampleValues(REPORT_FIELDS) as unknown as ReportFields;
    const { report } = await upsertReport(db, { ...values, collegeId, periodId: '2026-11-a', channel: 'api', submittedBy: 'test', late: false, at: new Date('2026-11-05T02:00:00Z') });
    const stored = await getReport(db, report.id);
    for (const f of REPORT_FIELDS) expect(stored![f.key as keyof Report], f.key).toEqual(values[f.key as keyof ReportFields]);
    expect(Object.keys(stored!.revisions![0]!.data).sort()).toEqual(DECLARED);
  });

  it('a new field is its declaration plus a migration: parsed, validated, exported, stored and returned', async () => {
    const companies = {
      key: 'companiesEngaged', column: 'companies_engaged', kind: 'count', label: '合作企业', short: '企业', formLabel: '合作企业数', unit: '家', example: '合作企业3家',
      chat: ['合作企业\\s{0,3}N'],
    } as const satisfies ReportFieldDef;
    const fields: ReportFieldDef[] = [...REPORT_FIELDS.slice(0, 5), companies, ...REPORT_FIELDS.slice(5)];
    // the migration (api/db/migrations/NNN_report_companies.sql would hold this line)
    await db.exec('alter table reports add column companies_engaged integer');

    const parsed = parseReport(reportExample(fields), fields) as Record<string, unknown>;
    expect(parsed.companiesEngaged).toBe(3);
    expect(reportBodySchema(fields).safeParse({ progress: '进展', companiesEngaged: 3 }).success).toBe(true);
    expect(reportBodySchema(fields).safeParse({ progress: '进展', companiesEngaged: -1 }).success).toBe(false);
    expect(exportColumns(fields).map((c) => c.header)).toContain('合作企业');
    expect(reportOutline(fields)).toContain('企业');

    const values = { ...(sampleValues(REPORT_FIELDS) as object), companiesEngaged: 3 } as unknown as ReportFields;
    const { report } = await upsertReport(db, { ...values, collegeId, periodId: '2026-12-a', channel: 'chat', submittedBy: 'test', late: false, at: new Date('2026-12-05T02:00:00Z') }, fields);
    expect((report as unknown as Record<string, unknown>).companiesEngaged).toBe(3);
    // a resubmission without it keeps it, as every optional field
    await upsertReport(db, { ...values, companiesEngaged: null, collegeId, periodId: '2026-12-a', channel: 'chat', submittedBy: 'test', late: false, at: new Date('2026-12-06T02:00:00Z') } as never, fields);
    expect(((await getReport(db, report.id, fields)) as unknown as Record<string, unknown>).companiesEngaged).toBe(3);
  });
});
