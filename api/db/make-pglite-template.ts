import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { installedPgliteVersion, TEMPLATE_INFO_NAME, TEMPLATE_NAME, type TemplateInfo } from './pglite-template.js';

/**
 * `npm run build:pglite-template`: run initdb once (in memory) and write its data directory as
 * api/db/pglite-template.tgz, with the PGlite version that made it. Needed after a PGlite upgrade
 * (test/pglite-template.test.ts fails until then); the service then never runs initdb itself.
 */
const dir = path.dirname(fileURLToPath(import.meta.url));
const db = new PGlite();
await db.waitReady;
const blob = await db.dumpDataDir('gzip');
await db.close();
writeFileSync(path.join(dir, TEMPLATE_NAME), Buffer.from(await blob.arrayBuffer()));
const info: TemplateInfo = { pglite: installedPgliteVersion() };
writeFileSync(path.join(dir, TEMPLATE_INFO_NAME), `${JSON.stringify(info, null, 2)}\n`);
console.log(`wrote api/db/${TEMPLATE_NAME} (${Math.round(blob.size / 1024)} KB) for PGlite ${info.pglite}`);
