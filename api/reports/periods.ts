/**
 * Reporting periods: two a month, due before day 10 and day 25 (REPORT_DUE_DAYS), in the
 * service's time zone. Period `2026-11-a` is due before 2026-11-10, `2026-11-b` before the 25th.
 * "Before the 10th" means the deadline is the 10th at 00:00 local time; a report received
 * after that is late. A period opens at the previous period's deadline.
 */
export interface Period {
  id: string;
  year: number;
  month: number;
  index: number;
  /** The due day of the month (10, 25). */
  dueDay: number;
  /** Deadline: the due day at 00:00 local time. */
  dueAt: Date;
  startsAt: Date;
}

const LETTERS = 'abcdefghij';

/** UTC instant of a local wall-clock time in `timeZone`. */
export function zonedTime(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const offset = tzOffsetMs(timeZone, new Date(guess));
  const first = new Date(guess - offset);
  const second = tzOffsetMs(timeZone, first);
  return second === offset ? first : new Date(guess - second);
}

function tzOffsetMs(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(at.getTime() / 1000) * 1000;
}

/** Local calendar fields of an instant. */
export function localParts(timeZone: string, at: Date): { year: number; month: number; day: number; hour: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit' }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') };
}

export class PeriodCalendar {
  private readonly dueDays: number[];
  constructor(readonly timeZone: string, dueDays: number[]) {
    this.dueDays = [...dueDays].sort((a, b) => a - b);
  }

  period(year: number, month: number, index: number): Period {
    while (index < 0) {
      index += this.dueDays.length;
      month -= 1;
    }
    while (index >= this.dueDays.length) {
      index -= this.dueDays.length;
      month += 1;
    }
    while (month < 1) {
      month += 12;
      year -= 1;
    }
    while (month > 12) {
      month -= 12;
      year += 1;
    }
    const dueDay = this.dueDays[index]!;
    const dueAt = zonedTime(this.timeZone, year, month, dueDay);
    const prev = index > 0 ? { y: year, m: month, d: this.dueDays[index - 1]! } : { y: month === 1 ? year - 1 : year, m: month === 1 ? 12 : month - 1, d: this.dueDays[this.dueDays.length - 1]! };
    return { id: `${year}-${String(month).padStart(2, '0')}-${LETTERS[index]}`, year, month, index, dueDay, dueAt, startsAt: zonedTime(this.timeZone, prev.y, prev.m, prev.d) };
  }

  /** The period open at `at`: the first deadline after it. */
  current(at: Date): Period {
    const { year, month } = localParts(this.timeZone, at);
    for (let i = 0; i < this.dueDays.length + 1; i++) {
      const p = this.period(year, month, i);
      if (at.getTime() < p.dueAt.getTime()) return p;
    }
    return this.period(year, month, this.dueDays.length);
  }

  previous(p: Period): Period {
    return this.period(p.year, p.month, p.index - 1);
  }

  next(p: Period): Period {
    return this.period(p.year, p.month, p.index + 1);
  }

  parse(id: string): Period | undefined {
    const m = /^(\d{4})-(\d{2})-([a-j])$/.exec(id);
    if (!m) return undefined;
    const index = LETTERS.indexOf(m[3]!);
    if (index >= this.dueDays.length || Number(m[2]) < 1 || Number(m[2]) > 12) return undefined;
    return this.period(Number(m[1]), Number(m[2]), index);
  }
}
