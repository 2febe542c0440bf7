import type { Services } from '../services.js';
import { publishDue } from '../notices/service.js';
import { DeliveryWorker } from './worker.js';

/** Background part: publish scheduled notices when due and drain the outbox, every few seconds. */
export async function startDelivery(services: Services): Promise<() => Promise<void>> {
  const { config, db, log, clock } = services;
  if (!config.SCHEDULER_ENABLED) {
    log.info('delivery worker disabled (SCHEDULER_ENABLED=false)');
    return async () => {};
  }
  const worker = new DeliveryWorker(db, services.senders, { maxAttempts: config.DELIVERY_MAX_ATTEMPTS, baseDelayMs: config.DELIVERY_BASE_DELAY_MS }, log.child({ module: 'delivery' }));
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running) return;
    running = (async () => {
      await publishDue({ db, templateId: config.MINIAPP_NOTICE_TEMPLATE_ID }, clock());
      await worker.runOnce(clock());
    })()
      .catch((err) => log.warn({ err }, 'delivery tick failed'))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(tick, 3_000);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
