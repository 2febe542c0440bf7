import { withAdvisoryLock, type Db } from './db/index.js';
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
      await tx.query(
        `insert into regions (code, name, source) values ($1, $2, $3)
         on conflict (code) do update set name = excluded.name, source = excluded.source, updated_at = now()
         where regions.origin = 'seed'`,
        [r.code, r.name, r.source],
      );
    }
    for (const p of facts.provinces.provinces) {
      const aliases = [...p.aliases, ...p.abbreviations];
      await tx.query(
        `insert into provinces (code, name, full_name, aliases, region_code, seq, source)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (code) do update set name = excluded.name, full_name = excluded.full_name,
           aliases = excluded.aliases, region_code = excluded.region_code, seq = excluded.seq,
           source = excluded.source, updated_at = now()
         where provinces.origin = 'seed'`,
        [p.code, p.name, p.fullName, aliases, p.region, p.seq, p.source],
      );
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
      await tx.query(
        `insert into exam_sessions (seed_key, year, month, exam_date, scope, title, source)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (seed_key) do update set year = excluded.year, month = excluded.month,
           exam_date = excluded.exam_date, scope = excluded.scope, title = excluded.title,
           source = excluded.source, updated_at = now()
         where exam_sessions.origin = 'seed'`,
        [`exam:${s.scope}:${s.year}-${s.month}`, s.year, s.month, s.date, s.scope, s.title, s.source],
      );
    }
    for (const p of passages) {
      await tx.query(
        `insert into knowledge_entries (seed_key, kind, title, body, source_document, section, source_file)
         values ($1, 'passage', $2, $3, $4, $2, $5)
         on conflict (seed_key) do update set title = excluded.title, body = excluded.body,
           source_document = excluded.source_document, section = excluded.section,
           source_file = excluded.source_file, updated_at = now()
         where knowledge_entries.origin = 'seed'`,
        [`passage:${p.id}`, p.section, p.body, p.document, p.file ?? null],
      );
    }
  });
}

interface SeedContact {
  seedKey: string;
  name: string;
  phone: string | null;
  role: 'province_lead' | 'region_manager';
  provinceCode: string | null;
  regionCode: string | null;
  seq: number;
  source: string;
}

async function upsertSeedContact(tx: Db, c: SeedContact): Promise<void> {
  await tx.query(
    `insert into contacts (seed_key, name, phone, role, province_code, region_code, seq, source)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (seed_key) do update set name = excluded.name, phone = excluded.phone, role = excluded.role,
       province_code = excluded.province_code, region_code = excluded.region_code, seq = excluded.seq,
       source = excluded.source, updated_at = now()
     where contacts.origin = 'seed'`,
    [c.seedKey, c.name, c.phone, c.role, c.provinceCode, c.regionCode, c.seq, c.source],
  );
}
