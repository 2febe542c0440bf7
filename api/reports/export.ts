import type ExcelJS from 'exceljs';
import type { Report } from './repository.js';
import { REPORT_FIELDS, type ReportFieldDef } from './fields.js';
import { wallClock } from '../clock.js';

/**
 * A period's reports as a spreadsheet (XLSX) or CSV, one row per report, then the colleges that
 * have not reported (状态 未报): the export is the whole picture, not only who answered. Times are
 * in the service's time zone.
 */
const WIDTH = { stage: 10, count: 10 } as const;
/** The columns: which report, then the declared fields (api/reports/fields.ts), then its status. */
export function exportColumns(fields: readonly ReportFieldDef[] = REPORT_FIELDS): Array<{ header: string; key: string; width: number }> {
  return [
    { header: '期次', key: 'periodId', width: 12 },
    { header: '省份', key: 'provinceName', width: 8 },
    { header: '院校', key: 'collegeName', width: 28 },
    ...fields.map((f) => ({ header: f.label, key: f.key, width: f.kind === 'text' ? (f.maxLength > 2000 ? 50 : 30) : WIDTH[f.kind] })),
    { header: '逾期', key: 'lateText', width: 6 },
    { header: '渠道', key: 'channelText', width: 10 },
    { header: '更新时间', key: 'updatedText', width: 18 },
    { header: '状态', key: 'state', width: 8 },
  ];
}
const COLUMNS = exportColumns();

const CHANNELS: Record<string, string> = { chat: '群消息', miniapp: '小程序', api: '后台' };

export interface ExportOptions {
  periodId?: string;
  /** Colleges with no report for the period: listed after the reports as 未报. */
  missing?: Array<{ collegeName: string; provinceName: string }>;
  /** IANA zone for 更新时间 (TIMEZONE). */
  timeZone?: string;
}

/**
 * Report fields are typed by anyone in a bound group. A text cell starting with = + - @ (or a tab
 * or carriage return) would run as a formula in Excel/WPS (`=HYPERLINK(…)`): prefix it with an
 * apostrophe, as OWASP advises for CSV injection, so it is shown as text.
 */
export function neutralise<T>(value: T): T | string {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** 2026-11-27 20:05 in the zone ('' for no time). */
export function localTime(iso: string, timeZone = 'Asia/Shanghai'): string {
  const at = new Date(iso);
  if (!iso || Number.isNaN(at.getTime())) return '';
  const p = wallClock(timeZone, at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

/** exceljs is loaded at the first export: it is large, and most starts never export. */
async function workbook(reports: Report[], options: ExportOptions): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  const sheet = wb.addWorksheet('进展报送');
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for (const r of reports) {
    const row = { ...r, lateText: r.late ? '是' : '否', channelText: CHANNELS[r.channel ?? ''] ?? r.channel ?? '', updatedText: localTime(r.updatedAt, options.timeZone), state: r.late ? '迟报' : '已报' };
    sheet.addRow(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, neutralise(v)])));
  }
  for (const m of options.missing ?? []) {
    sheet.addRow({ periodId: options.periodId ?? '', provinceName: m.provinceName, collegeName: neutralise(m.collegeName), state: '未报' });
  }
  sheet.getRow(1).font = { bold: true };
  return wb;
}

export async function reportsXlsx(reports: Report[], options: ExportOptions = {}): Promise<Buffer> {
  return Buffer.from(await (await workbook(reports, options)).xlsx.writeBuffer());
}

export async function reportsCsv(reports: Report[], options: ExportOptions = {}): Promise<Buffer> {
  // A BOM so that Excel opens the Chinese text correctly.
  return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(await (await workbook(reports, options)).csv.writeBuffer())]);
}
