import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { localDate, localParts, offsetAt, parseTzif, wallClock, zonedTime } from '../api/clock.js';

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

/** Offsets read from the system's zoneinfo (Intl only as the fallback): the same fields and instants as Intl gives. */
describe('zone offsets from the system time-zone database', () => {
  const formats = new Map<string, Intl.DateTimeFormat>();
  const intlWall = (timeZone: string, at: Date) => {
    if (!formats.has(timeZone)) formats.set(timeZone, new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }));
    const parts = formats.get(timeZone)!.formatToParts(at);
    const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
    return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
  };
  const zones = ['Asia/Shanghai', 'UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Sydney', 'Africa/Monrovia'];

  it('agrees with Intl every 37 hours from 1985 to 2035', () => {
    for (const zone of zones) {
      for (let t = Date.UTC(1985, 0, 1); t < Date.UTC(2035, 0, 1); t += 37 * 3_600_000 + 61_000) {
        const at = new Date(t);
        expect(wallClock(zone, at), `${zone} ${at.toISOString()}`).toEqual(intlWall(zone, at));
      }
    }
  });

  it('finds the instant of a local time as Intl does', () => {
    for (const zone of zones) {
      const at = zonedTime(zone, 2026, 11, 27, 8, 30);
      expect(intlWall(zone, at), zone).toEqual({ year: 2026, month: 11, day: 27, hour: 8, minute: 30 });
    }
  });

  it.runIf(existsSync('/usr/share/zoneinfo/Asia/Shanghai'))('reads a zone file: China Standard Time since 1991, and the rule after the table where there is daylight saving', () => {
    const shanghai = parseTzif(readFileSync('/usr/share/zoneinfo/Asia/Shanghai'))!;
    expect(offsetAt(shanghai, Date.UTC(2026, 10, 27) / 1000)).toBe(8 * 3600);
    expect(offsetAt(shanghai, Date.UTC(1988, 6, 1) / 1000)).toBe(9 * 3600); // daylight saving then
    const berlin = parseTzif(readFileSync('/usr/share/zoneinfo/Europe/Berlin'))!;
    expect(offsetAt(berlin, Date.UTC(2100, 6, 1) / 1000)).toBeUndefined(); // past the table: Intl answers
    expect(parseTzif(Buffer.from('not a zone file at all, not even close to one'))).toBeNull();
  });

  it('refuses a zone name that is no zone, as Intl does (no file path is made of it)', () => {
    expect(() => localDate('../../etc/passwd', new Date())).toThrow(RangeError);
    expect(() => localDate('Mars/Olympus_Mons', new Date())).toThrow(RangeError);
  });
});
