/** "Now", replaceable in tests. */
export const clock = { now: (): Date => new Date() };

/**
 * The mini-program's one "today": the calendar date in China Standard Time (UTC+8, no daylight
 * saving), the zone the schedule and the service (TIMEZONE=Asia/Shanghai) mean by a date. Fixed
 * offset on purpose: WeChat's JavaScript engines do not all carry Intl time-zone data.
 */
export function localDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
