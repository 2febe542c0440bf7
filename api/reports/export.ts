import type ExcelJS from 'exceljs';
import type { Report } from './repository.js';
import { REPORT_FIELDS, type ReportFieldDef } from './fields.js';

/** A period's reports as a spreadsheet (XLSX) or CSV, one row per report. */
const WIDTH = { stage: 10, count: 10 } as const;
/** The columns: which report, then the declared fields (api/reports/fields.ts), then its status. */
export function exportColumns(fields: readonly ReportFieldDef[] = REPORT_FIELDS): Array<{ header: string; key: string; width: number }> {
  return [
    { header: '期次', key: 'periodId', width: 12 },
    { header: '省份', key: 'provinceName', width: 8 },
    { header: '院校', key: 'collegeName', width: 28 },
    ...fields.map((f) => ({ header: f.label, key: f.key, width: f.kind === 'text' ? (f.maxLength > 2000 ? 50 : 30) : WIDTH[f.kind] })),
    { header: '逾期', key: 'lateText', width: 6 },
    { header: '渠道', key: 'channel', width: 8 },
    { header: '更新时间', key: 'updatedAt', width: 22 },
  ];
}
const COLUMNS = exportColumns();

/**
 * Report fields are typed by anyone in a bound group. A text cell starting with = + - @ (or a tab
 * or carriage return) would run as a formula in Excel/WPS (`=HYPERLINK(…)`): prefix it with an
 * apostrophe, as OWASP advises for CSV injection, so it is shown as text.
 */
export function neutralise<T>(value: T): T | string {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** exceljs is loaded at the first export: it is large, and most starts never export. */
async function workbook(reports: Report[]): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  const sheet = wb.addWorksheet('进展报送');
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for (const r of reports) sheet.addRow(Object.fromEntries(Object.entries({ ...r, lateText: r.late ? '是' : '否' }).map(([k, v]) => [k, neutralise(v)])));
  sheet.getRow(1).font = { bold: true };
  return wb;
}

export async function reportsXlsx(reports: Report[]): Promise<Buffer> {
  return Buffer.from(await (await workbook(reports)).xlsx.writeBuffer());
}

export async function reportsCsv(reports: Report[]): Promise<Buffer> {
  // A BOM so that Excel opens the Chinese text correctly.
  return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(await (await workbook(reports)).csv.writeBuffer())]);
}
