import path from 'node:path';
import { ConfigError, loadConfig } from './config.js';
import { isNewDataDir, startFilling } from './db/pglite-template.js';
import { isDbUnavailable, openDb, serviceDbOptions } from './db/index.js';
import { hashPassword } from './accounts/passwords.js';

/** Entry point of `npm start`. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  // A first start on an empty DATA_DIR copies the database template, and hashes the admin's
  // password (scrypt), on libuv's threads while the service's modules load (imported here,
  // after both began, not before main runs).
  const pgliteDir = config.DATABASE_URL ? undefined : path.resolve(config.DATA_DIR, 'pglite');
  const adminPasswordHash = pgliteDir && isNewDataDir(pgliteDir) && config.ADMIN_PASSWORD ? hashPassword(config.ADMIN_PASSWORD) : undefined;
  adminPasswordHash?.catch(() => {}); // awaited at start-up; a failure surfaces there
  if (pgliteDir) startFilling(pgliteDir);
  // PGlite opens meanwhile too, as soon as the copy is in place (PostgreSQL's pool opens when asked)
  const opening = pgliteDir ? openDb(serviceDbOptions(config)) : undefined;
  opening?.catch(() => {}); // awaited at start-up; a failure surfaces there
  const { startService } = await import('./service.js');
  const running = await startService(config, { adminPasswordHash, opening });
  // Safety net: a lost database connection surfacing in a background promise nobody awaited is
  // logged, not fatal (the work is retried on the next tick). Any other stray rejection still
  // ends the process, as Node does by default.
  process.on('unhandledRejection', (err) => {
    if (!isDbUnavailable(err)) throw err;
    running.services.log.warn({ err: (err as Error).message }, 'database unavailable in background work');
  });
  const shutdown = (signal: string) => {
    running.services.log.info({ signal }, 'signal received');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    running.stop().then(
      () => process.exit(0),
      (err) => {
        running.services.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  // A taken port is an everyday mistake: one line saying what to do, not a stack.
  if ((err as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    const port = (err as { port?: number }).port ?? process.env.PORT ?? 3000;
    console.error(`端口 ${port} 已被占用，请先停止占用它的程序，或换一个端口：PORT=3001 npm start（port ${port} is already in use: stop the program using it, or start with another PORT）`);
    process.exit(1);
  }
  console.error('failed to start:', err);
  process.exit(1);
});
