import { describe, expect, it } from 'vitest';
import { PeriodCalendar } from '../api/reports/periods.js';
import { outsideQuietHours, jobsFor } from '../api/schedule/jobs.js';
import { parseReport, isReportMessage } from '../api/reports/parse.js';

const TZ = 'Asia/Shanghai';
const cal = new PeriodCalendar(TZ, [10, 25]);

describe('report periods', () => {
  it('names periods and puts deadlines at 00:00 Shanghai on the due day', () => {
    const a = cal.period(2026, 11, 0);
    expect(a.id).toBe('2026-11-a');
    expect(a.dueAt.toISOString()).toBe('2026-11-09T16:00:00.000Z');
    expect(a.startsAt.toISOString()).toBe('2026-10-24T16:00:00.000Z');
    expect(cal.period(2026, 11, 1).id).toBe('2026-11-b');
    expect(cal.period(2026, 1, -1).id).toBe('2025-12-b');
    expect(cal.period(2026, 12, 2).id).toBe('2027-01-a');
  });

  it('finds the open period at the boundaries', () => {
    expect(cal.current(new Date('2026-11-09T15:59:59Z')).id).toBe('2026-11-a'); // 9th 23:59:59 in Shanghai
    expect(cal.current(new Date('2026-11-09T16:00:00Z')).id).toBe('2026-11-b'); // 10th 00:00
    expect(cal.current(new Date('2026-11-24T20:00:00Z')).id).toBe('2026-12-a'); // 25th 04:00
    expect(cal.parse('2026-11-b')?.dueDay).toBe(25);
    expect(cal.parse('2026-13-a')).toBeUndefined();
    expect(cal.parse('2026-11-c')).toBeUndefined();
  });

  it('schedules reminders 3 and 1 days before, after the deadline, and digests around it', () => {
    const jobs = jobsFor(cal.period(2026, 11, 0), { TIMEZONE: TZ, REMINDER_DAYS_BEFORE: [3, 1] });
    expect(Object.fromEntries(jobs.map((j) => [j.name, j.runAt.toISOString()]))).toEqual({
      'reminder-d3': '2026-11-07T01:00:00.000Z',
      'reminder-d1': '2026-11-09T01:00:00.000Z',
      'reminder-after': '2026-11-10T01:00:00.000Z',
      'digest-before': '2026-11-09T01:00:00.000Z',
      'digest-after': '2026-11-11T01:00:00.000Z',
    });
  });

  it('moves pushes out of quiet hours', () => {
    expect(outsideQuietHours(new Date('2026-11-07T15:00:00Z'), '22-8', TZ).toISOString()).toBe('2026-11-08T00:00:00.000Z'); // 23:00 → 08:00
    expect(outsideQuietHours(new Date('2026-11-07T19:00:00Z'), '22-8', TZ).toISOString()).toBe('2026-11-08T00:00:00.000Z'); // 03:00 → 08:00
    const day = new Date('2026-11-07T03:00:00Z'); // 11:00
    expect(outsideQuietHours(day, '22-8', TZ)).toBe(day);
  });
});

describe('chat report parsing', () => {
  it('reads stage, numbers and problems leniently', () => {
    expect(parseReport('进展：培训实施阶段，已培训120人，报名考试80人，通过60人，培训教师5名，问题：机房不够')).toEqual({
      stage: '培训实施',
      progress: '培训实施阶段，已培训120人，报名考试80人，通过60人，培训教师5名，问题：机房不够',
      studentsTrained: 120,
      studentsRegistered: 80,
      studentsPassed: 60,
      teachersTrained: 5,
      problems: '机房不够',
    });
    const fw = parseReport('进展:　考核颁证，学生９０人，９０人报名，取证８５人，老师３名');
    expect([fw.stage, fw.studentsTrained, fw.studentsRegistered, fw.studentsPassed, fw.teachersTrained]).toEqual(['考核颁证', 90, 90, 85, 3]);
    expect(parseReport('进展：正在筹备，暂无数据').studentsTrained).toBeUndefined();
  });

  it('recognises report messages only by their prefix', () => {
    expect(isReportMessage('进展：已培训')).toBe(true);
    expect(isReportMessage('进展:已培训')).toBe(true);
    expect(isReportMessage('双周进展报送的截止日期是哪几天')).toBe(false);
  });
});
