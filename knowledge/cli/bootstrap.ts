import { existsSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../api/config.js';
import { systemClock } from '../../api/clock.js';
import { openDb, type Db } from '../../api/db/index.js';
import { migrate } from '../../api/db/migrate.js';
import { loadSeedData } from '../../api/seed.js';
import { AssistantService } from '../../api/assistant/service.js';
import { loadFacts } from '../facts.js';

export interface CliAssistant {
  assistant: AssistantService;
  db: Db;
  /** Where the knowledge came from, printed so nobody mistakes a seed run for the live one. */
  origin: string;
}

/**
 * The assistant for terminal commands, built from the database and the data files only: no HTTP
 * service, no accounts. By default it answers from the service's own database (DATABASE_URL, or
 * the embedded database under DATA_DIR when one exists — stop `npm start` first, the embedded
 * database has one owner at a time), so console edits count. `--seed` (or no database yet)
 * evaluates the pure seed knowledge in a throw-away in-memory database.
 */
export async function cliAssistant(options: { seed: boolean }): Promise<CliAssistant> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const dataDir = path.resolve(config.DATA_DIR, 'pglite');
  let db: Db;
  let origin: string;
  if (!options.seed && config.DATABASE_URL) {
    db = await openDb({ url: config.DATABASE_URL });
    origin = 'DATABASE_URL';
  } else if (!options.seed && existsSync(path.join(dataDir, 'PG_VERSION'))) {
    db = await openDb({ dataDir });
    origin = dataDir;
  } else {
    db = await openDb({});
    origin = 'seed';
  }
  await migrate(db);
  const facts = loadFacts();
  await loadSeedData(db, facts);
  const assistant = await AssistantService.create(db, facts, config, systemClock, pino({ level: 'silent' }));
  return { assistant, db, origin };
}

/** Command-line flags and the remaining words. */
export function cliArgs(argv: string[]): { flags: Set<string>; rest: string[] } {
  return { flags: new Set(argv.filter((a) => a.startsWith('--'))), rest: argv.filter((a) => !a.startsWith('--')) };
}
