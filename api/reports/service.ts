import type { Services } from '../services.js';
import { badRequest, notFound } from '../http/errors.js';
import { getCollege } from '../colleges/repository.js';
import { PeriodCalendar, type Period } from './periods.js';
import { findReport, upsertReport, type Report } from './repository.js';
import { COUNT_FIELDS, REPORT_FIELDS, TEXT_FIELDS, type ReportFields } from './fields.js';

/** How long after a deadline a submission still fills the missed period (marked late). */
export const LATE_GRACE_DAYS = 5;

/** What the reporting calendar needs: the time zone and the due days. */
export type CalendarConfig = { config: Pick<Services['config'], 'TIMEZONE' | 'REPORT_DUE_DAYS'> };

/** What submitting a report uses. */
export type ReportDeps = Pick<Services, 'db' | 'clock'> & CalendarConfig;

export function calendarOf(services: CalendarConfig): PeriodCalendar {
  return new PeriodCalendar(services.config.TIMEZONE, services.config.REPORT_DUE_DAYS);
}

/** The period a request names (`2026-11-a`), or the open one; 400 for a malformed id. */
export function periodOrCurrent(services: CalendarConfig & Pick<Services, 'clock'>, id?: string): Period {
  const calendar = calendarOf(services);
  if (!id) return calendar.current(services.clock());
  const p = calendar.parse(id);
  if (!p) throw badRequest('期次格式不正确，例如 2026-11-a');
  return p;
}

export interface SubmitReportInput extends Partial<ReportFields> {
  collegeId: number;
  /** Explicit period (API, mini-program); otherwise decided by the rule below. */
  periodId?: string;
  channel: 'chat' | 'miniapp' | 'api';
  submittedBy: string;
}

/**
 * Record a report. Without an explicit period it goes to the period open now — unless the
 * college missed the previous one and its deadline passed less than LATE_GRACE_DAYS ago, in
 * which case it fills that period, marked late. A second submission for the same period
 * updates the report (fields not given keep their values) and is kept in the history.
 */
export async function submitReport(services: ReportDeps, input: SubmitReportInput): Promise<{ report: Report; updated: boolean; period: Period }> {
  const college = await getCollege(services.db, input.collegeId);
  if (!college) throw notFound('院校不存在');
  const now = services.clock();
  const calendar = calendarOf(services);
  let period: Period;
  if (input.periodId) {
    const p = calendar.parse(input.periodId);
    if (!p) throw badRequest(`报送期次格式不正确：${input.periodId}（例如 2026-11-a）`);
    if (p.startsAt.getTime() > now.getTime()) throw badRequest('还不能报送未开始的期次');
    period = p;
  } else {
    const current = calendar.current(now);
    const previous = calendar.previous(current);
    const missedPrevious =
      now.getTime() - previous.dueAt.getTime() < LATE_GRACE_DAYS * 86_400_000 && !(await findReport(services.db, college.id, previous.id));
    period = missedPrevious ? previous : current;
  }
  const { report, updated } = await upsertReport(services.db, {
    collegeId: college.id,
    periodId: period.id,
    ...(Object.fromEntries(REPORT_FIELDS.map((f) => [f.key, input[f.key] ?? null])) as ReportFields),
    channel: input.channel,
    submittedBy: input.submittedBy,
    late: now.getTime() >= period.dueAt.getTime(),
    at: now,
  });
  return { report, updated, period };
}

/** A short Chinese summary, as confirmed back in chat. */
export function reportSummary(report: Report, period: Period, updated: boolean): string {
  const n = (v: unknown, unit: string) => (v === null || v === undefined ? '未填' : `${v}${unit}`);
  const due = `${period.month}月${period.dueDay}日前`;
  const stage = REPORT_FIELDS.filter((f) => f.kind === 'stage').map((f) => `${f.label}：${report[f.key] ?? '未填'}`);
  const counts = COUNT_FIELDS.map((f) => `${f.label} ${n(report[f.key], f.unit)}`);
  // the optional texts (问题与需求) when given; the progress text itself is what they sent
  const texts = TEXT_FIELDS.filter((f) => !('required' in f && f.required) && report[f.key]).map((f) => `${f.label}：${report[f.key]}`);
  return [
    `${updated ? '已更新' : '已收到'}${report.collegeName}的进展报送（${period.id}，${due}）${report.late ? '，已逾期，按迟报记录' : ''}：`,
    [...stage, counts.join('，')].join('；'),
    ...texts,
    '同一期再次发送“进展：…”会更新本期报送。',
  ]
    .filter(Boolean)
    .join('\n');
}
