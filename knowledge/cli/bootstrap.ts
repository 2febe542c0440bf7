import { loadConfig } from '../../api/config.js';
import { openDb } from '../../api/db/index.js';
import { buildServices } from '../../api/service.js';
import type { Services } from '../../api/services.js';

/**
 * The same services the API builds, for terminal commands: on DATABASE_URL when set, otherwise
 * on a fresh in-memory PGlite loaded from the data files (the running service may hold ./data).
 */
export async function cliServices(): Promise<Services> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', ADMIN_PASSWORD: process.env.ADMIN_PASSWORD ?? 'cli-not-used' });
  const db = config.DATABASE_URL ? await openDb({ url: config.DATABASE_URL }) : await openDb({});
  return buildServices(config, { db });
}
