import type { Services } from '../services.js';
import { publishDue } from '../notices/service.js';
import { DeliveryWorker } from './worker.js';
import { isDbUnavailable } from '../db/index.js';

/** Background part: publish scheduled notices when due and drain the outbox, every few seconds. */
export async function startDelivery(services: Services): Promise<() => Promise<void>> {
  const { config, db, log, clock } = services;
  if (!config.SCHEDULER_ENABLED) {
    log.info('delivery worker disabled (SCHEDULER_ENABLED=false)');
    return async () => {};
  }
  const worker = new DeliveryWorker(
    db,
    services.senders,
    {
      maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
      baseDelayMs: config.DELIVERY_BASE_DELAY_MS,
      leaseMs: config.DELIVERY_LEASE_MS,
      batch: config.DELIVERY_BATCH,
      resendUnknown: config.DELIVERY_RESEND_UNKNOWN,
      clock,
    },
    log.child({ module: 'delivery' }),
  );
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running) return;
    running = (async () => {
      await publishDue({ db, templateId: config.MINIAPP_NOTICE_TEMPLATE_ID, timeZone: config.TIMEZONE }, clock());
      // a full batch means more may be waiting: go on at once instead of waiting for the next tick
      for (;;) {
        const r = await worker.runOnce(clock());
        if (r.sent + r.failed + r.retried < config.DELIVERY_BATCH) break;
      }
    })()
      .catch((err) => log.warn({ err: isDbUnavailable(err) ? (err as Error).message : err }, 'delivery tick failed'))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(tick, config.DELIVERY_POLL_MS);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    worker.stop(); // the send in progress finishes; the rest of the claim is given back at once
    await running;
  };
}
