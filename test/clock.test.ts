import { describe, expect, it } from 'vitest';
import { localDate, localParts } from '../api/clock.js';

/** localParts keeps the fields of the last quarter hour asked about: they must be what Intl says, across offset changes. */
describe('local calendar fields', () => {
  const fromIntl = (timeZone: string, at: Date) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit' }).formatToParts(at);
    const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
    return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') };
  };

  it('agrees with Intl minute by minute around midnight and daylight-saving changes, in zones with odd offsets too', () => {
    const cases: Array<[string, string]> = [
      ['Asia/Shanghai', '2026-11-26T15:30:00Z'], // local midnight
      ['America/New_York', '2026-03-08T06:30:00Z'], // clocks forward at 02:00 local
      ['America/New_York', '2026-11-01T05:30:00Z'], // clocks back
      ['Asia/Kathmandu', '2026-11-26T18:00:00Z'], // +05:45
      ['Australia/Lord_Howe', '2026-10-03T15:00:00Z'], // half-hour daylight saving
      ['Pacific/Chatham', '2026-04-04T13:30:00Z'], // +13:45 → +12:45
    ];
    for (const [zone, around] of cases) {
      const start = new Date(around).getTime();
      for (let m = 0; m < 120; m++) {
        const at = new Date(start + m * 60_000 + 7_000);
        expect(localParts(zone, at), `${zone} ${at.toISOString()}`).toEqual(fromIntl(zone, at));
      }
    }
  });

  it('gives a caller its own object, and old dates as Intl does', () => {
    const at = new Date('2026-11-27T01:00:00Z');
    localParts('Asia/Shanghai', at).day = 99;
    expect(localDate('Asia/Shanghai', at)).toBe('2026-11-27');
    const old = new Date('1960-06-01T00:10:00Z');
    expect(localParts('Africa/Monrovia', old)).toEqual(fromIntl('Africa/Monrovia', old));
  });
});
