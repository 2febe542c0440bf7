import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDb } from './index.js';
import { migrate } from './migrate.js';
import { loadSeedData } from '../seed.js';
import pino from 'pino';
import { loadConfig } from '../config.js';
import { loadFacts } from '../../knowledge/facts.js';
import { AssistantService } from '../assistant/service.js';
import { fillFromTemplate, installedPgliteVersion, READY_DIR, TEMPLATE_INFO_NAME, type TemplateInfo } from './pglite-template.js';

/**
 * Run by build.mjs (compiled, as its own process): the shipped template, migrated and seeded,
 * in dist/api/db/pglite-ready/ for first starts, with the assistant's parts built from it. `stamp` records what it was made from.
 */
const stamp = process.argv[2] ?? '';
const staging = `${READY_DIR}.tmp-${process.pid}`;
rmSync(staging, { recursive: true, force: true });
const data = path.join(staging, 'data');
if (!fillFromTemplate(data, { ready: false })) throw new Error('the PGlite template does not match the installed PGlite');
const db = await openDb({ dataDir: data });
try {
  await migrate(db);
  const facts = loadFacts();
  await loadSeedData(db, facts);
  // The assistant's parts for this database (api/assistant/engine-cache.ts), with the settings
  // `npm start` runs with (build.mjs runs in its environment), or the defaults.
  let config;
  try {
    config = loadConfig();
  } catch {
    config = loadConfig({});
  }
  await AssistantService.create(db, facts, config, () => new Date(), pino({ level: 'silent' }), { read: [], write: staging });
} finally {
  await db.close();
}
const info: TemplateInfo & { stamp: string } = { pglite: installedPgliteVersion(), stamp };
writeFileSync(path.join(staging, TEMPLATE_INFO_NAME), JSON.stringify(info));
rmSync(READY_DIR, { recursive: true, force: true });
renameSync(staging, READY_DIR);
