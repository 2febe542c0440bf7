import { hostname } from 'node:os';
import type { Db } from '../db/index.js';
import type { Services } from '../services.js';
import { GROUP_DELIVERY_CHANNEL, enqueueDeliveries, type NewDelivery } from '../delivery/outbox.js';
import { groupsOfCollegesWithoutReport } from '../groups/repository.js';
import { claimJobRun } from './repository.js';
import { localDate } from '../clock.js';
import { listRegions } from '../contacts/repository.js';
import { buildDigest } from '../reports/digest.js';
import { digestRoute } from '../reports/digest-delivery.js';
import { calendarOf } from '../reports/service.js';
import { reportOutline } from '../reports/fields.js';
import type { Period } from '../reports/periods.js';
import { jobsFor, outsideQuietHours, type JobDef } from './jobs.js';

/**
 * Runs the period jobs exactly once. Each run claims its (job, period) row in job_runs and
 * queues its messages in the same transaction: if the process dies mid-way nothing is kept and
 * the job runs again; if it committed, no instance runs it again (the primary key sees to it,
 * and a second instance racing for the same row waits and then finds it taken).
 */

export class ScheduleRunner {
  private readonly instance = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  constructor(private readonly services: Pick<Services, 'db' | 'config' | 'log'>, private readonly db: Db = services.db) {}

  /** Run every job that is due at `now` and not yet run; returns the names run. */
  async tick(now: Date): Promise<string[]> {
    const calendar = calendarOf(this.services);
    const current = calendar.current(now);
    const periods = [calendar.previous(current), current, calendar.next(current)];
    const ran: string[] = [];
    for (const period of periods) {
      for (const job of jobsFor(period, this.services.config)) {
        if (job.runAt.getTime() > now.getTime() || now.getTime() >= job.expiresAt.getTime()) continue;
        if (await this.run(job, period, now)) ran.push(`${job.name}:${period.id}`);
      }
    }
    return ran;
  }

  private async run(job: JobDef, period: Period, now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if (!(await claimJobRun(tx, { job: job.name, period: period.id, instance: this.instance, now }))) return false;
      const notBefore = outsideQuietHours(now, this.services.config.QUIET_HOURS, this.services.config.TIMEZONE);
      const items = job.kind === 'reminder' ? await this.reminders(tx, job, period) : await this.digests(tx, job, period, now);
      await enqueueDeliveries(tx, items.map((d) => ({ ...d, notBefore })));
      this.services.log.info({ job: job.name, period: period.id, messages: items.length }, 'scheduled job ran');
      return true;
    });
  }

  private async reminders(tx: Db, job: JobDef, period: Period): Promise<NewDelivery[]> {
    const groups = await groupsOfCollegesWithoutReport(tx, period.id);
    const due = `${period.month}月${period.dueDay}日前`;
    return groups.map((g) => ({
      job: `${job.name}:${period.id}`,
      channel: GROUP_DELIVERY_CHANNEL[g.channel],
      destination: g.externalId,
      payload: {
        text:
          job.phase === 'before'
            ? `【进展报送提醒】${g.college}：本期（${period.id}）试点进展请于${due}报送，在本群发送“${reportOutline()}”即可。`
            : `【逾期提醒】${g.college}：本期（${period.id}，${due}）进展尚未收到，请尽快补报，在本群发送“进展：……”即可。`,
      },
    }));
  }

  private async digests(tx: Db, job: JobDef, period: Period, now: Date): Promise<NewDelivery[]> {
    const { config } = this.services;
    const out: NewDelivery[] = [];
    for (const region of await listRegions(tx)) {
      const digest = await buildDigest(tx, region.code, period, localDate(config.TIMEZONE, now));
      if (!digest) continue;
      const text = (job.phase === 'before' ? '明天截止。' : '截止已过。') + '\n' + digest.text;
      const route = await digestRoute(tx, region.code, config.DIGEST_CHANNEL);
      for (const d of route.deliveries) out.push({ job: `${job.name}:${period.id}`, channel: d.channel, destination: d.destination, payload: { text } });
      if (route.missing.length) {
        this.services.log.warn(
          { region: region.code, channel: config.DIGEST_CHANNEL, missing: route.missing },
          'digest cannot reach everyone: fill the ids in the console (区域与联系人) or with PATCH /api/admin/contacts/:id { wecomUserId | wechatId } / PATCH /api/admin/regions/:code { digestWebhookKey }',
        );
      }
    }
    return out;
  }
}
