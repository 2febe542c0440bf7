import { isPermanentError } from '../http/tencent-api.js';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../db/index.js';
import type { SenderRegistry } from './senders.js';
import { claimDue, markFailed, markSent, recoverExpired, releaseUnstarted, renewLease, startSend, type ClaimedDelivery } from './repository.js';

/**
 * The outbox worker: claims due deliveries, sends each once, records the outcome, and retries
 * failures with exponential backoff up to a limit.
 *
 * Claims are leases: the claimed rows carry this worker's owner id, a token for the claim and
 * a short expiry, which a heartbeat renews while the batch is being sent. Before each send the
 * worker checks (in the database) that the row is still held under its token and records that
 * the send started; recording the outcome checks the token too. So two live instances never
 * send the same row, however slow the API is.
 *
 * When an instance dies its lease runs out within `leaseMs` and any instance takes the rows
 * over: rows whose send had not started are simply queued again; a row whose send had started
 * (at most one per dead worker: the one in flight) has an unknown outcome — status 'unknown',
 * shown in the console — and is sent again when `resendUnknown` (at least once: better twice
 * than never; WeCom app messages carry WeCom's duplicate check so a repeat is dropped there).
 */
export interface WorkerOptions {
  maxAttempts: number;
  baseDelayMs: number;
  leaseMs?: number;
  batch?: number;
  /** Resend deliveries whose outcome is unknown (default true). */
  resendUnknown?: boolean;
  /** Current time for leases (default: the system clock). */
  clock?: () => Date;
}

export interface RunOutcome {
  sent: number;
  failed: number;
  retried: number;
}

export class DeliveryWorker {
  /** This worker's name in lease_owner: host, process and a random part (one per process start). */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private stopping = false;
  /** Sends that succeeded but whose outcome could not be recorded yet (the database was away). */
  private readonly unrecorded = new Map<number, { token: string; sentAt: Date }>();

  constructor(
    private readonly db: Db,
    private readonly senders: SenderRegistry,
    private readonly options: WorkerOptions,
    private readonly log: Logger,
  ) {}

  private get leaseMs(): number {
    return this.options.leaseMs ?? 15_000;
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /** Finish the send in progress, give back the rest of the claim, claim nothing more. */
  stop(): void {
    this.stopping = true;
  }

  /**
   * Take over expired claims, then send everything due at `now` (or only the rows `only`
   * names); returns how many were sent, failed for good and queued for a retry.
   */
  async runOnce(now: Date, only?: number[]): Promise<RunOutcome> {
    const outcome = { sent: 0, failed: 0, retried: 0 };
    await this.recordUnrecorded();
    const recovered = await recoverExpired(this.db, this.now());
    if (recovered.requeued.length) this.log.info({ deliveries: recovered.requeued }, 'took over deliveries of an expired claim');
    if (recovered.unknown.length) this.log.warn({ deliveries: recovered.unknown }, 'delivery outcome unknown: the sending instance stopped during the send');
    if (this.stopping) return outcome;

    const lease = { owner: this.owner, token: randomUUID() };
    const claimed = await claimDue(this.db, lease, {
      now,
      leaseUntil: new Date(this.now().getTime() + this.leaseMs),
      batch: this.options.batch ?? 20,
      resendUnknown: this.options.resendUnknown ?? true,
      only,
    });
    if (!claimed.length) return outcome;

    const heartbeat = setInterval(() => {
      renewLease(this.db, lease.token, new Date(this.now().getTime() + this.leaseMs)).catch((err: Error) =>
        this.log.warn({ err: err.message }, 'delivery lease renewal failed'),
      );
    }, Math.max(100, Math.floor(this.leaseMs / 3)));
    heartbeat.unref();
    try {
      for (const d of claimed) {
        if (this.stopping) break;
        const at = this.now();
        if (!(await startSend(this.db, d.id, lease.token, at, new Date(at.getTime() + this.leaseMs)))) {
          this.log.warn({ delivery: d.id }, 'delivery claim lost before sending; leaving the rest of the batch');
          break;
        }
        const result = await this.sendOne(d, lease.token, now);
        outcome[result]++;
      }
    } finally {
      clearInterval(heartbeat);
      await releaseUnstarted(this.db, lease.token).catch((err: Error) => this.log.warn({ err: err.message }, 'could not give back unsent deliveries'));
    }
    return outcome;
  }

  private async sendOne(d: ClaimedDelivery, token: string, now: Date): Promise<keyof RunOutcome> {
    try {
      await this.senders.send(d.channel, d.destination, d.payload, { duplicateCheck: d.noticeId !== null || isScheduledJob(d.job) });
    } catch (err) {
      const message = String((err as Error).message ?? err).slice(0, 500);
      // A permanent error (e.g. WeCom 81013) is not retried: an operator fixes the cause, then 重试.
      if (d.attempts >= this.options.maxAttempts || isPermanentError(err)) {
        await markFailed(this.db, d.id, token, message, null);
        this.log.warn({ delivery: d.id, channel: d.channel, err: message }, 'delivery failed for good');
        return 'failed';
      }
      const delay = this.options.baseDelayMs * 2 ** (d.attempts - 1);
      await markFailed(this.db, d.id, token, message, new Date(now.getTime() + delay));
      return 'retried';
    }
    const sentAt = this.now();
    try {
      if (!(await markSent(this.db, d.id, token, sentAt))) {
        this.log.warn({ delivery: d.id }, 'delivery sent after its claim was taken over by another instance');
      }
    } catch (err) {
      // Sent, but the database is away: remember it and record it as soon as it is back.
      this.unrecorded.set(d.id, { token, sentAt });
      throw err;
    }
    return 'sent';
  }

  private async recordUnrecorded(): Promise<void> {
    for (const [id, { token, sentAt }] of this.unrecorded) {
      await markSent(this.db, id, token, sentAt);
      this.unrecorded.delete(id);
    }
  }
}

/**
 * Deliveries of the scheduled jobs (`reminder-d3:2026-11-a`, `digest-before:…`; see
 * schedule/jobs.ts) are broadcasts like notices: the same text twice to the same person is never
 * intended. Chat replies, answers to questions and 发送测试 (each press its own send) may
 * legitimately repeat a text, so they do not ask for WeCom's duplicate check.
 */
const SCHEDULED_JOB = /^(reminder|digest)-(d\d+|before|after):/;
function isScheduledJob(job: string | null): boolean {
  return job !== null && SCHEDULED_JOB.test(job);
}
