import { createHash } from 'node:crypto';
import { withAdvisoryLock, type Db } from './db/index.js';
import { migrationFiles } from './db/migrate.js';
import { getSetting, setSetting } from './settings/repository.js';
import { upsertSeedContact, upsertSeedProvince, upsertSeedRegion } from './contacts/repository.js';
import { upsertSeedExam } from './exams/repository.js';
import { upsertSeedPassage } from './knowledge/repository.js';
import { loadFacts, type Facts } from '../knowledge/facts.js';
import { seedPassages } from '../knowledge/ingest.js';
import type { Passage } from '../knowledge/engine/snapshot.js';

/**
 * Load the fact files into the database. Idempotent, and safe with several instances starting
 * at once (advisory lock). Rows an operator created or edited in the console have
 * origin = 'console' and are left alone; rows still at origin = 'seed' follow the files.
 * A seed contact the operator deleted is archived, not removed, so a reload does not bring it back.
 */
export async function loadSeedData(db: Db, facts: Facts = loadFacts(), passages: Passage[] = seedPassages()): Promise<void> {
  await withAdvisoryLock(db, 'onex:seed', async (tx) => {
    for (const r of facts.regions.regions) {
      await upsertSeedRegion(tx, r);
    }
    for (const p of facts.provinces.provinces) {
      const aliases = [...p.aliases, ...p.abbreviations];
      await upsertSeedProvince(tx, { code: p.code, name: p.name, fullName: p.fullName, aliases, regionCode: p.region, seq: p.seq, source: p.source });
      for (const [i, lead] of p.leads.entries()) {
        await upsertSeedContact(tx, {
          seedKey: `lead:${p.code}:${lead.name}`,
          name: lead.name,
          phone: lead.phone,
          role: 'province_lead',
          provinceCode: p.code,
          regionCode: null,
          seq: i,
          source: p.source,
        });
      }
    }
    for (const r of facts.regions.regions) {
      await upsertSeedContact(tx, {
        seedKey: `manager:${r.code}:${r.manager.name}`,
        name: r.manager.name,
        phone: r.manager.phone,
        role: 'region_manager',
        provinceCode: null,
        regionCode: r.code,
        seq: 0,
        source: r.source,
      });
    }
    for (const s of facts.exams.sessions) {
      await upsertSeedExam(tx, { seedKey: `exam:${s.scope}:${s.year}-${s.month}`, year: s.year, month: s.month, date: s.date, scope: s.scope, title: s.title, source: s.source });
    }
    for (const p of passages) {
      await upsertSeedPassage(tx, p);
    }
    await setSetting(tx, SEED_SETTING, seedFingerprint(facts, passages));
  });
}

const SEED_SETTING = 'seed_fingerprint';

/**
 * What the seed rows are made from: the files' data, the code that writes them (its source text)
 * and the schema (the migrations applied). Equal fingerprints mean a load would write what the
 * rows already hold: every edit an operator makes to a seed row marks it origin = 'console',
 * and such rows are left alone by a load anyway.
 */
export function seedFingerprint(facts: Facts, passages: Passage[]): string {
  // (a \u escape read as its character: the bundle npm start runs writes every non-ASCII
  // character as one, the compiled modules that made the shipped template do not)
  const code = [loadSeedData, upsertSeedRegion, upsertSeedProvince, upsertSeedContact, upsertSeedExam, upsertSeedPassage].map((fn) =>
    String(fn).replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  );
  return createHash('sha256')
    .update(JSON.stringify([code, migrationFiles(), facts.regions, facts.provinces, facts.exams, passages]))
    .digest('hex');
}

/**
 * Load the seed data unless the database already holds this very seed (its fingerprint, stored
 * by the last load): a restart reads one row instead of rewriting every seed row. Returns
 * whether it loaded.
 */
export async function loadSeedDataIfChanged(db: Db, facts: Facts = loadFacts(), passages: Passage[] = seedPassages()): Promise<boolean> {
  if ((await getSetting(db, SEED_SETTING)) === seedFingerprint(facts, passages)) return false;
  await loadSeedData(db, facts, passages);
  return true;
}
