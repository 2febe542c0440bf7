import { localParts, zonedTime } from '../clock.js';

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
