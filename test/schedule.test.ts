import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/db.js';
import { assistantServices } from './support/assistant.js';
import { ensureCollege } from '../api/colleges/repository.js';
import { bindGroup } from '../api/groups/repository.js';
import { submitReport } from '../api/reports/service.js';
import { ScheduleRunner } from '../api/schedule/runner.js';
import type { Db } from '../api/db/index.js';

// A simulated month: colleges in 华东区 and 华北区, each with a WeCom robot group; the service is
// down for two days in the middle and restarts; on PostgreSQL two instances tick at once.
const COLLEGES: Array<[string, string, string]> = [
  ['33', '杭州某职业学院', 'key-hz'],
  ['32', '南京某职业学院', 'key-nj'],
  ['37', '济南某职业学院', 'key-jn'],
  ['11', '北京某职业学院', 'key-bj'],
];
const shanghai = (iso: string) => new Date(`${iso}+08:00`);

describe.each(backends)('reminders and digests, exactly once, on $name', (backend) => {
  let services: Awaited<ReturnType<typeof assistantServices>>;
  let second: Db;
  let now = shanghai('2026-11-01T00:00:00');
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    services = await assistantServices(backend, () => now);
    Object.assign(services.config, { DIGEST_CHANNEL: 'wecom_app' });
    for (const [province, name, key] of COLLEGES) {
      ids[name] = (await ensureCollege(services.db, name, province)).id;
      await bindGroup(services.db, { channel: 'wecom_robot', externalId: key, collegeId: ids[name]!, boundBy: 'test' });
    }
    await services.db.query("update contacts set wecom_user_id = 'wang-minna' where name = '王敏娜'");
    await services.db.query("update contacts set wecom_user_id = 'wang-hexuan' where name = '王鹤璇'");
    second = await (services.db as unknown as { reopen(): Promise<Db> }).reopen?.() ?? services.db;
  }, 60_000);
  afterAll(async () => {
    if (second !== services.db) await second.close();
    await services.close();
  });

  const deliveries = (job: string) =>
    services.db.query<{ channel: string; destination: string; payload: { text: string } | string; next_attempt_at: Date }>(
      'select channel, destination, payload, next_attempt_at from deliveries where job = $1 order by destination',
      [job],
    );
  const text = (p: { text: string } | string) => (typeof p === 'string' ? (JSON.parse(p) as { text: string }) : p).text;

  async function runHourly(runners: ScheduleRunner[], from: string, to: string, events: Record<string, () => Promise<void>> = {}) {
    for (now = shanghai(from); now <= shanghai(to); now = new Date(now.getTime() + 3600_000)) {
      for (const [at, event] of Object.entries(events)) if (shanghai(at).getTime() === now.getTime()) await event();
      await Promise.all(runners.map((r) => r.tick(now)));
    }
  }

  it('sends each reminder once to the groups that have not reported, and each digest once to each manager', async () => {
    const first = new ScheduleRunner(services);
    await runHourly([first], '2026-11-01T00:30:00', '2026-11-06T23:30:00');
    expect(await services.db.query('select * from job_runs')).toEqual([]);

    // Down from the 7th to the 8th; 杭州 reports meanwhile.
    now = shanghai('2026-11-08T12:00:00');
    await submitReport(services, { collegeId: ids['杭州某职业学院']!, progress: '培训实施', channel: 'chat', submittedBy: 't' });

    // Restart late at night: the missed d-3 reminder catches up, queued for the end of quiet hours.
    const restarted = [new ScheduleRunner(services), new ScheduleRunner(services, second)];
    await runHourly(restarted, '2026-11-08T23:30:00', '2026-11-12T23:30:00', {
      '2026-11-10T15:30:00': async () => {
        await submitReport(services, { collegeId: ids['济南某职业学院']!, periodId: '2026-11-a', progress: '补报', channel: 'api', submittedBy: 't' });
      },
    });

    const runs = await services.db.query<{ job: string; period: string }>('select job, period from job_runs order by job');
    expect(runs).toEqual(
      ['digest-after', 'digest-before', 'reminder-after', 'reminder-d1', 'reminder-d3'].map((job) => ({ job, period: '2026-11-a' })),
    );

    const d3 = await deliveries('reminder-d3:2026-11-a');
    expect(d3.map((d) => d.destination)).toEqual(['key-bj', 'key-jn', 'key-nj']);
    expect(new Date(d3[0]!.next_attempt_at).toISOString()).toBe(shanghai('2026-11-09T08:00:00').toISOString());
    expect(text(d3[0]!.payload)).toContain('11月10日前');
    expect((await deliveries('reminder-d1:2026-11-a')).map((d) => d.destination)).toEqual(['key-bj', 'key-jn', 'key-nj']);
    const after = await deliveries('reminder-after:2026-11-a');
    expect(after.map((d) => d.destination)).toEqual(['key-bj', 'key-jn', 'key-nj']);
    expect(text(after[0]!.payload)).toContain('逾期');

    const before = await deliveries('digest-before:2026-11-a');
    expect(before.map((d) => [d.channel, d.destination])).toEqual([['wecom_app', 'wang-hexuan'], ['wecom_app', 'wang-minna']]);
    const huadongBefore = text(before[1]!.payload);
    expect(huadongBefore).toContain('浙江：已报 1/1');
    expect(huadongBefore).toContain('江苏：已报 0/1；未报：南京某职业学院');
    expect(huadongBefore).not.toContain('济南');
    expect(text(before[0]!.payload)).toMatch(/山东：已报 0\/1；未报：济南某职业学院/);

    const digestAfter = await deliveries('digest-after:2026-11-a');
    const huabeiAfter = text(digestAfter[0]!.payload);
    expect(huabeiAfter).toContain('山东：已报 1/1；迟报：济南某职业学院');
    expect(huabeiAfter).toContain('北京：已报 0/1；未报：北京某职业学院');

    // Nothing was queued twice, whichever instance ran it.
    const dupes = await services.db.query('select job, destination, count(*) from deliveries group by job, destination having count(*) > 1');
    expect(dupes).toEqual([]);
  }, 120_000); // twelve simulated days, ticked hourly by up to two instances
});
