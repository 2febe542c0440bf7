import type { Logger } from 'pino';
import type { Db } from '../db/index.js';
import type { DeliveryChannel } from './outbox.js';
import type { SenderRegistry } from './senders.js';

/**
 * The outbox worker: claims due deliveries, sends each once, records the outcome, and retries
 * failures with exponential backoff up to a limit.
 *
 * Claiming sets status 'sending' with a lease (next_attempt_at = now + lease). A delivery
 * marked 'sent' is never sent again. If the process dies between sending and recording, the
 * lease expires and the row is sent again: at-least-once for that narrow window, which is
 * preferable to losing a notice. `for update skip locked` keeps concurrent workers (several
 * instances) from claiming the same row.
 */
export interface WorkerOptions {
  maxAttempts: number;
  baseDelayMs: number;
  leaseMs?: number;
  batch?: number;
}

interface Claimed {
  id: string | number;
  channel: DeliveryChannel;
  destination: string;
  payload: Record<string, unknown> | string;
  attempts: number;
}

export class DeliveryWorker {
  constructor(
    private readonly db: Db,
    private readonly senders: SenderRegistry,
    private readonly options: WorkerOptions,
    private readonly log: Logger,
  ) {}

  /**
   * Send everything due at `now` (or only the rows `only` names, e.g. a digest test sent at
   * once); returns how many were sent and failed.
   */
  async runOnce(now: Date, only?: number[]): Promise<{ sent: number; failed: number; retried: number }> {
    const lease = new Date(now.getTime() + (this.options.leaseMs ?? 5 * 60_000));
    const claimed = await this.db.query<Claimed>(
      `update deliveries set status = 'sending', attempts = attempts + 1, next_attempt_at = $2
        where id in (
          select id from deliveries
           where status in ('queued', 'sending') and next_attempt_at <= $1
             and ($4::bigint[] is null or id = any($4::bigint[]))
           order by id limit $3
           for update skip locked)
        returning id, channel, destination, payload, attempts`,
      [now, lease, this.options.batch ?? 50, only ?? null],
    );
    const outcome = { sent: 0, failed: 0, retried: 0 };
    for (const d of claimed) {
      const payload = typeof d.payload === 'string' ? (JSON.parse(d.payload) as Record<string, unknown>) : d.payload;
      try {
        await this.senders.send(d.channel, d.destination, payload);
        await this.db.query(`update deliveries set status = 'sent', sent_at = $2, last_error = null where id = $1`, [d.id, now]);
        outcome.sent++;
      } catch (err) {
        const message = String((err as Error).message ?? err).slice(0, 500);
        if (d.attempts >= this.options.maxAttempts) {
          await this.db.query(`update deliveries set status = 'failed', last_error = $2 where id = $1`, [d.id, message]);
          outcome.failed++;
          this.log.warn({ delivery: d.id, channel: d.channel, err: message }, 'delivery failed for good');
        } else {
          const delay = this.options.baseDelayMs * 2 ** (d.attempts - 1);
          await this.db.query(`update deliveries set status = 'queued', last_error = $2, next_attempt_at = $3 where id = $1`, [
            d.id,
            message,
            new Date(now.getTime() + delay),
          ]);
          outcome.retried++;
        }
      }
    }
    return outcome;
  }
}
