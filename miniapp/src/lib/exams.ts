import { localDate } from './clock';
import type { ExamSession as ApiExamSession } from '../../../api/contract';

/*
 * Exam schedule logic for the 考试 page: never present a past session as upcoming.
 */

/** What the page uses of a session (the API's shape: api/contract.ts). */
export type ExamSession = Pick<ApiExamSession, 'year' | 'month' | 'date' | 'title'>;

const ymd = localDate;

export function isUpcoming(e: ExamSession, now: Date): boolean {
  const today = ymd(now);
  if (e.date) return e.date >= today;
  const month = `${e.year}-${String(e.month).padStart(2, '0')}`;
  return month >= today.slice(0, 7);
}

export function nextExam(exams: ExamSession[], now: Date): ExamSession | undefined {
  return exams.filter((e) => isUpcoming(e, now)).sort((a, b) => (a.date ?? `${a.year}-${String(a.month).padStart(2, '0')}-99`).localeCompare(b.date ?? `${b.year}-${String(b.month).padStart(2, '0')}-99`))[0];
}

/** Whole days from today to the exam (its first day of the month when only the month is known). */
export function daysUntil(e: ExamSession, now: Date): number {
  const target = e.date ?? `${e.year}-${String(e.month).padStart(2, '0')}-01`;
  const diff = Date.parse(`${target}T00:00:00+08:00`) - Date.parse(`${ymd(now)}T00:00:00+08:00`);
  return Math.max(0, Math.round(diff / 86_400_000));
}

export function label(e: ExamSession): string {
  return e.date ? e.date : `${e.year}年${e.month}月`;
}

export function byYear(exams: ExamSession[], now: Date): Array<{ year: number; sessions: Array<{ label: string; past: boolean }> }> {
  const years = [...new Set(exams.map((e) => e.year))].sort((a, b) => b - a);
  return years.map((year) => ({
    year,
    sessions: exams.filter((e) => e.year === year).map((e) => ({ label: label(e), past: !isUpcoming(e, now) })),
  }));
}
