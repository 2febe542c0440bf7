import type { Config } from '../config.js';
import { localParts, zonedTime } from '../clock.js';
import type { Period } from '../reports/periods.js';

/**
 * The scheduled jobs of each reporting period, and when each is due (local time):
 *   reminder-d3 / reminder-d1  N days before the due day, 09:00 (REMINDER_DAYS_BEFORE)
 *   reminder-after             the due day, 09:00 (the deadline passed at 00:00)
 *   digest-before              the day before the due day, 09:00
 *   digest-after               the day after the due day, 09:00
 * A job missed while the service was down still runs (once) until it expires.
 */
export type JobKind = 'reminder' | 'digest';

export interface JobDef {
  name: string;
  kind: JobKind;
  /** Phase for reminders: before the deadline, or after it. */
  phase: 'before' | 'after';
  runAt: Date;
  expiresAt: Date;
}

const SEND_HOUR = 9;
const DAY = 86_400_000;

export function jobsFor(period: Period, config: Pick<Config, 'TIMEZONE' | 'REMINDER_DAYS_BEFORE'>): JobDef[] {
  const at = (dayOffset: number) => zonedTime(config.TIMEZONE, period.year, period.month, period.dueDay + dayOffset, SEND_HOUR);
  const jobs: JobDef[] = config.REMINDER_DAYS_BEFORE.map((n) => ({
    name: `reminder-d${n}`,
    kind: 'reminder' as const,
    phase: 'before' as const,
    runAt: at(-n),
    expiresAt: period.dueAt,
  }));
  jobs.push({ name: 'reminder-after', kind: 'reminder', phase: 'after', runAt: at(0), expiresAt: new Date(at(0).getTime() + 3 * DAY) });
  jobs.push({ name: 'digest-before', kind: 'digest', phase: 'before', runAt: at(-1), expiresAt: new Date(at(-1).getTime() + 3 * DAY) });
  jobs.push({ name: 'digest-after', kind: 'digest', phase: 'after', runAt: at(1), expiresAt: new Date(at(1).getTime() + 3 * DAY) });
  return jobs;
}

/** The first moment at or after `at` outside quiet hours (e.g. 22-8 → 08:00). */
export function outsideQuietHours(at: Date, quietHours: string, timeZone: string): Date {
  const [start, end] = quietHours.split('-').map(Number) as [number, number];
  if (start === end) return at;
  const { year, month, day, hour } = localParts(timeZone, at);
  const quiet = start > end ? hour >= start || hour < end : hour >= start && hour < end;
  if (!quiet) return at;
  const nextDay = start > end && hour >= start ? 1 : 0;
  return zonedTime(timeZone, year, month, day + nextDay, end);
}
