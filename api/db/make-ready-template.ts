import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDb } from './index.js';
import { migrate } from './migrate.js';
import { loadSeedData } from '../seed.js';
import { fillFromTemplate, installedPgliteVersion, READY_DIR, TEMPLATE_INFO_NAME, type TemplateInfo } from './pglite-template.js';

/**
 * Run by build.mjs (compiled, as its own process): the shipped template, migrated and seeded,
 * in dist/api/db/pglite-ready/ for first starts. `stamp` records what it was made from.
 */
const stamp = process.argv[2] ?? '';
const staging = `${READY_DIR}.tmp-${process.pid}`;
rmSync(staging, { recursive: true, force: true });
const data = path.join(staging, 'data');
if (!fillFromTemplate(data, { ready: false })) throw new Error('the PGlite template does not match the installed PGlite');
const db = await openDb({ dataDir: data });
try {
  await migrate(db);
  await loadSeedData(db);
} finally {
  await db.close();
}
const info: TemplateInfo & { stamp: string } = { pglite: installedPgliteVersion(), stamp };
writeFileSync(path.join(staging, TEMPLATE_INFO_NAME), JSON.stringify(info));
rmSync(READY_DIR, { recursive: true, force: true });
renameSync(staging, READY_DIR);
