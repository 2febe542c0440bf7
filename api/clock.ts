import { readFileSync } from 'node:fs';

/** The current time, injectable so tests can drive schedules and "today". */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * Calendar dates and wall-clock times in the configured time zone (TIMEZONE). Every date the
 * product shows or schedules on — digests, reports, exams, notices, jobs — comes from here, so
 * that before 08:00 in Asia/Shanghai "today" is still the local day, not the UTC one.
 */

/*
 * A zone's offsets come from the system's time-zone database (/usr/share/zoneinfo) when it has
 * the zone: Intl.DateTimeFormat gives the same, but using it at all maps ~5 MB more of Node's ICU
 * data into the process's memory. Intl remains the answer when the file is missing (a slim
 * container), for an instant past the file's table in a zone with daylight saving (its rule is
 * the file's footer, not read here), and for a name the database does not know (Intl then
 * refuses it, as before).
 */
const ZONEINFO = '/usr/share/zoneinfo';
const ZONE_NAME = /^[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)*$/;

/** A TZif file's table: each transition (seconds since the epoch) and the offset from it on (seconds east of UTC). */
export interface ZoneTable {
  times: number[];
  offsets: number[];
  /** The offset before the first transition. */
  first: number;
  /** After the last one: a fixed offset, the last offset again (`'last'`), or unknown here (`'rule'`: daylight saving). */
  after: number | 'last' | 'rule';
}

const ZONES = new Map<string, ZoneTable | null>();

function zoneTable(timeZone: string): ZoneTable | null {
  let table = ZONES.get(timeZone);
  if (table === undefined) {
    table = null;
    if (ZONE_NAME.test(timeZone)) {
      try {
        table = parseTzif(readFileSync(`${ZONEINFO}/${timeZone}`));
      } catch {
        table = null;
      }
    }
    ZONES.set(timeZone, table);
  }
  return table;
}

/** A TZif file (RFC 8536, version 2 or later: its 64-bit part); null for what is not read here (version 1, leap seconds). */
export function parseTzif(buf: Buffer): ZoneTable | null {
  if (buf.length < 44 || buf.toString('latin1', 0, 4) !== 'TZif' || buf[4] === 0) return null;
  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  const counts = (at: number) => [0, 1, 2, 3, 4, 5].map((i) => buf.readUInt32BE(at + 20 + 4 * i)) as [number, number, number, number, number, number];
  const v1 = counts(0);
  const second = 44 + v1[3] * 5 + v1[4] * 6 + v1[5] + v1[2] * 8 + v1[1] + v1[0];
  if (buf.toString('latin1', second, second + 4) !== 'TZif') return null;
  const [isut, isstd, leap, timecnt, typecnt, charcnt] = counts(second);
  if (leap || !typecnt) return null;
  let at = second + 44;
  const times: number[] = [];
  for (let i = 0; i < timecnt; i++) times.push(Number(buf.readBigInt64BE(at + 8 * i)));
  at += 8 * timecnt;
  const types = [...buf.subarray(at, at + timecnt)];
  at += timecnt;
  const offset = (type: number) => buf.readInt32BE(at + 6 * type);
  const offsets = types.map(offset);
  const first = offset(0);
  at += 6 * typecnt + charcnt + isstd + isut;
  const footer = buf.toString('latin1', at).split('\n')[1] ?? '';
  return { times, offsets, first, after: footer ? fixedOffset(footer) ?? 'rule' : 'last' };
}

/** The offset (seconds east of UTC) of a POSIX TZ string without daylight saving ("CST-8", "<+0545>-5:45"); undefined otherwise. */
function fixedOffset(tz: string): number | undefined {
  const m = /^(?:[A-Za-z]{3,}|<[A-Za-z0-9+-]{3,}>)([+-]?)(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?$/.exec(tz);
  if (!m) return undefined;
  const west = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return m[1] === '-' ? west : -west;
}

/** The offset in effect at `t` (seconds since the epoch); undefined when the table cannot tell. */
export function offsetAt(table: ZoneTable, t: number): number | undefined {
  const { times, offsets } = table;
  if (!times.length || t >= times[times.length - 1]!) {
    if (typeof table.after === 'number') return table.after;
    if (table.after === 'rule') return undefined;
    return times.length ? offsets[offsets.length - 1] : table.first;
  }
  if (t < times[0]!) return table.first;
  let lo = 0;
  let hi = times.length - 1; // times[lo] <= t < times[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) lo = mid;
    else hi = mid;
  }
  return offsets[lo];
}

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
  const { year, month, day, hour } = wallClock(timeZone, at);
  const out = { year, month, day, hour };
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

/** The wall-clock fields of an instant in `timeZone`. */
export function wallClock(timeZone: string, at: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const local = new Date(Math.floor(at.getTime() / 1000) * 1000 + tzOffsetMs(timeZone, at));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: local.getUTCHours(), minute: local.getUTCMinutes() };
}

/** Local time minus UTC at an instant, in milliseconds (whole seconds). */
function tzOffsetMs(timeZone: string, at: Date): number {
  const table = zoneTable(timeZone);
  const seconds = table ? offsetAt(table, Math.floor(at.getTime() / 1000)) : undefined;
  if (seconds !== undefined) return seconds * 1000;
  const parts = formatter(timeZone).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(at.getTime() / 1000) * 1000;
}
