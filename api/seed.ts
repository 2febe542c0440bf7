import { withAdvisoryLock, type Db } from './db/index.js';
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
  });
}
