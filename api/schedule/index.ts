import type { Services } from '../services.js';
import { ScheduleRunner } from './runner.js';

/**
 * Background part: every five minutes (node-schedule), and once at start to catch up on
 * anything missed while the service was down, run the period jobs that are due.
 */
export async function startScheduler(services: Services): Promise<() => Promise<void>> {
  const { config, log, clock } = services;
  if (!config.SCHEDULER_ENABLED) {
    log.info('scheduler disabled (SCHEDULER_ENABLED=false)');
    return async () => {};
  }
  const runner = new ScheduleRunner(services);
  let running: Promise<unknown> | undefined;
  const tick = () => {
    running ??= runner
      .tick(clock())
      .catch((err) => log.warn({ err }, 'scheduler tick failed'))
      .finally(() => (running = undefined));
  };
  const { default: schedule } = await import('node-schedule'); // only where the scheduler runs
  const job = schedule.scheduleJob('*/5 * * * *', tick);
  tick();
  return async () => {
    job?.cancel();
    await running;
  };
}
