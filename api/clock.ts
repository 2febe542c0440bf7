/** The current time, injectable so tests can drive schedules and "today". */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * Calendar dates and wall-clock times in the configured time zone (TIMEZONE). Every date the
 * product shows or schedules on — digests, reports, exams, notices, jobs — comes from here, so
 * that before 08:00 in Asia/Shanghai "today" is still the local day, not the UTC one.
 */

/** Local calendar fields of an instant. */
// Building an Intl formatter costs milliseconds (a hot-path cost in every answer): one per zone.
const FORMATS = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = FORMATS.get(timeZone);
  if (!f) FORMATS.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })));
  return f;
}

export function localParts(timeZone: string, at: Date): { year: number; month: number; day: number; hour: number } {
  // Every answer asks for today's date: the fields of the last quarter hour asked about are kept
  // per zone. Since 2000 every zone's offset is a whole number of quarter hours and changes on a
  // quarter hour, so the local date and hour are the same for a whole UTC quarter hour.
  const ms = at.getTime();
  const quarter = Math.floor(ms / QUARTER_HOUR_MS);
  const last = LAST_QUARTER.get(timeZone);
  if (last && last.quarter === quarter) return { ...last.parts };
  const parts = formatter(timeZone).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const out = { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') };
  if (ms >= SINCE_2000_MS) LAST_QUARTER.set(timeZone, { quarter, parts: { ...out } });
  return out;
}

const QUARTER_HOUR_MS = 15 * 60_000;
const SINCE_2000_MS = Date.UTC(2000, 0, 1);
const LAST_QUARTER = new Map<string, { quarter: number; parts: { year: number; month: number; day: number; hour: number } }>();

/** The local date of an instant as YYYY-MM-DD ("today" when `at` is now). */
export function localDate(timeZone: string, at: Date): string {
  const { year, month, day } = localParts(timeZone, at);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A YYYY-MM-DD date `days` days later (or earlier); calendar arithmetic, no time zone involved. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** UTC instant of a local wall-clock time in `timeZone`. */
export function zonedTime(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const offset = tzOffsetMs(timeZone, new Date(guess));
  const first = new Date(guess - offset);
  const second = tzOffsetMs(timeZone, first);
  return second === offset ? first : new Date(guess - second);
}

function tzOffsetMs(timeZone: string, at: Date): number {
  const parts = formatter(timeZone).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(at.getTime() / 1000) * 1000;
}
