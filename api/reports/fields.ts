/**
 * The fields of a progress report, declared once. Everything else derives from this list:
 *   - the database columns and SQL (api/reports/repository.ts),
 *   - the chat parser `进展：…` (api/reports/parse.ts) and its confirmation and help texts,
 *   - the API's validation (api/reports/schema.ts → POST /api/reports, /api/miniapp/reports),
 *   - the XLSX/CSV export (api/reports/export.ts),
 *   - the console's report table (admin/src/pages/reports.ts),
 *   - the mini-program's 进展 form and its validation (miniapp/src/lib/report-form.ts).
 * test/report-fields.test.ts fails when one of them lacks a field.
 *
 * Adding a field: add an entry here, and a migration adding its column to `reports`
 * (api/db/migrations/NNN_report_<name>.sql: `alter table reports add column <column> integer;`).
 *
 * This module imports nothing: the console and the mini-program bundle it as it is.
 */

/** The stages of a pilot, in order. */
export const REPORT_STAGES = ['试点申报', '培训筹备', '培训实施', '考核颁证', '复盘总结', '推广提升'] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

interface FieldBase {
  /** The API/JSON name. */
  key: string;
  /** The column of `reports`. */
  column: string;
  /** The export header and the console's wording. */
  label: string;
  /** The console table's short column header. */
  short: string;
  /** How the field appears in the chat example (help texts): one phrase of `进展：…`. */
  example: string;
}

export interface StageField extends FieldBase {
  kind: 'stage';
}

export interface CountField extends FieldBase {
  kind: 'count';
  /** The mini-program's placeholder and the name in its error messages. */
  formLabel: string;
  /** Unit in the chat confirmation: 人, 名. */
  unit: string;
  /**
   * How the count is written in chat: regular-expression sources where `N` stands for the number
   * (it becomes a bounded digit run, so the parser stays linear; see parse.ts).
   */
  chat: string[];
}

export interface TextField extends FieldBase {
  kind: 'text';
  /** The mini-program's placeholder. */
  formLabel: string;
  maxLength: number;
  /** The one field a report cannot be without (the whole message, in chat). */
  required?: boolean;
  /**
   * In chat, the words that start this field: what follows them (to the end of the message) is
   * its value. A field without them is the message itself (progress).
   */
  chatLabels?: string;
}

export type ReportFieldDef = StageField | CountField | TextField;

export const REPORT_FIELDS = [
  { key: 'stage', column: 'stage', kind: 'stage', label: '阶段', short: '阶段', example: '培训实施阶段' },
  {
    key: 'studentsTrained', column: 'students_trained', kind: 'count', label: '培训学生', short: '培训', formLabel: '培训学生数', unit: '人', example: '已培训120人',
    chat: ['(?:已|累计)?培训(?:了)?(?:学生)?\\s{0,3}N\\s{0,3}[人名]', '学生\\s{0,3}N\\s{0,3}[人名]'],
  },
  {
    key: 'studentsRegistered', column: 'students_registered', kind: 'count', label: '报名人数', short: '报名', formLabel: '报名人数', unit: '人', example: '报名80人',
    chat: ['报名(?:考试|参考|考证)?(?:了)?\\s{0,3}N', 'N\\s{0,3}[人名]\\s{0,3}报名'],
  },
  {
    key: 'studentsPassed', column: 'students_passed', kind: 'count', label: '通过人数', short: '通过', formLabel: '通过人数', unit: '人', example: '通过60人',
    chat: ['(?:通过|取证|获证|考过)(?:了)?\\s{0,3}N', 'N\\s{0,3}[人名]\\s{0,3}(?:通过|取证)'],
  },
  {
    key: 'teachersTrained', column: 'teachers_trained', kind: 'count', label: '培训教师', short: '教师', formLabel: '培训教师数', unit: '名', example: '培训教师5名',
    chat: ['(?:培训|参训)?(?:教师|老师|师资)\\s{0,3}N', 'N\\s{0,3}[名位个]\\s{0,3}(?:教师|老师)'],
  },
  { key: 'progress', column: 'progress', kind: 'text', label: '进展', short: '进展', formLabel: '本期进展', maxLength: 4000, required: true, example: '' },
  {
    key: 'problems', column: 'problems', kind: 'text', label: '问题与需求', short: '问题', formLabel: '问题与需求（可选）', maxLength: 2000, example: '问题：……',
    chatLabels: '问题|困难|需求|需要支持',
  },
] as const satisfies readonly ReportFieldDef[];

export type ReportFieldKey = (typeof REPORT_FIELDS)[number]['key'];
type FieldOf<K extends ReportFieldKey> = Extract<(typeof REPORT_FIELDS)[number], { key: K }>;
type ValueOf<F> = F extends { kind: 'stage' } ? ReportStage : F extends { kind: 'count' } ? number : string;

/** A report's fields as stored and returned (null when not given). */
export type ReportFields = { [K in ReportFieldKey]: ValueOf<FieldOf<K>> | null };

export const COUNT_FIELDS = REPORT_FIELDS.filter((f): f is Extract<(typeof REPORT_FIELDS)[number], { kind: 'count' }> => f.kind === 'count');
export const TEXT_FIELDS = REPORT_FIELDS.filter((f): f is Extract<(typeof REPORT_FIELDS)[number], { kind: 'text' }> => f.kind === 'text');

/** The largest count accepted anywhere (a larger number in chat is a typo, not a count). */
export const MAX_COUNT = 1_000_000;

/** The chat example of a whole report, e.g. 进展：培训实施阶段，已培训120人，…，问题：…… */
export function reportExample(fields: readonly ReportFieldDef[] = REPORT_FIELDS): string {
  return '进展：' + fields.map((f) => f.example).filter(Boolean).join('，');
}

/** The fill-in template of a report for help texts, e.g. 进展：所处阶段，已培训X人，…，问题：… */
export function reportTemplate(fields: readonly ReportFieldDef[] = REPORT_FIELDS): string {
  const phrase = (f: ReportFieldDef) => (f.kind === 'stage' ? `所处${f.label}` : f.kind === 'count' ? f.example.replace(/\d+/, 'X') : f.example.replace(/…+$/, '…'));
  return '进展：' + fields.filter((f) => f.example).map(phrase).join('，');
}

/** The outline of a report for reminders, e.g. 进展：阶段、培训/报名/通过/教师人数、问题 */
export function reportOutline(fields: readonly ReportFieldDef[] = REPORT_FIELDS): string {
  const counts = fields.filter((f) => f.kind === 'count').map((f) => f.short);
  const parts = fields.map((f) => (f.kind === 'stage' ? f.short : f.kind === 'text' && f.chatLabels ? f.short : ''));
  const firstCount = fields.findIndex((f) => f.kind === 'count');
  if (firstCount >= 0) parts[firstCount] = `${counts.join('/')}人数`;
  return '进展：' + parts.filter(Boolean).join('、');
}
