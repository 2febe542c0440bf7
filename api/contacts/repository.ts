import type { Db } from '../db/index.js';
import { knowledgeChanged } from '../knowledge/changes.js';
import type { Contact, ContactRole, Province, ProvinceContacts, PublicContact, Region } from '../contract.js';

/** Regions, provinces and the people to call: the directory every answer about "找谁" comes from. */

export type { Contact, ContactRole, Province, ProvinceContacts, PublicContact, Region };

interface ContactRow {
  id: string | number;
  name: string;
  phone: string | null;
  role: ContactRole;
  province_code: string | null;
  region_code: string | null;
  source: string;
  origin: 'seed' | 'console';
  wecom_user_id: string | null;
  wechat_id: string | null;
}

const toContact = (r: ContactRow): Contact => ({
  id: Number(r.id),
  name: r.name,
  phone: r.phone,
  role: r.role,
  provinceCode: r.province_code,
  regionCode: r.region_code,
  source: r.source,
  origin: r.origin,
  wecomUserId: r.wecom_user_id ?? null,
  wechatId: r.wechat_id ?? null,
});

interface ProvinceRow {
  code: string;
  name: string;
  full_name: string;
  aliases: string[];
  region_code: string;
  seq: number;
  source: string;
}

const toProvince = (r: ProvinceRow): Province => ({
  code: r.code,
  name: r.name,
  fullName: r.full_name,
  aliases: r.aliases,
  regionCode: r.region_code,
  seq: r.seq,
  source: r.source,
});

export async function listRegions(db: Db): Promise<Region[]> {
  const rows = await db.query<{ code: string; name: string; source: string; provinces: string[] | null }>(
    `select r.code, r.name, r.source,
            array_remove(array_agg(p.name order by p.seq), null) as provinces
       from regions r left join provinces p on p.region_code = r.code
      group by r.code order by r.code`,
  );
  return rows.map((r) => ({ code: r.code, name: r.name, source: r.source, provinces: r.provinces ?? [] }));
}

export async function listProvinces(db: Db): Promise<Province[]> {
  const rows = await db.query<ProvinceRow>('select * from provinces order by seq');
  return rows.map(toProvince);
}

export async function getProvince(db: Db, code: string): Promise<Province | undefined> {
  const [row] = await db.query<ProvinceRow>('select * from provinces where code = $1', [code]);
  return row ? toProvince(row) : undefined;
}

/** The region a province belongs to (for region scoping). */
export async function regionOfProvince(db: Db, code: string | null | undefined): Promise<string | undefined> {
  if (!code) return undefined;
  return (await getProvince(db, code))?.regionCode;
}

/** The region a contact belongs to: a province lead's is its province's region, a 区域管家's its own. */
export async function regionOfContact(db: Db, c: Pick<Contact, 'role' | 'provinceCode' | 'regionCode'>): Promise<string | undefined> {
  return c.role === 'province_lead' ? regionOfProvince(db, c.provinceCode) : (c.regionCode ?? undefined);
}

/** Find a province by its name, full name or any alias (鲁, 新疆兵团...). */
export async function findProvince(db: Db, nameOrAlias: string): Promise<Province | undefined> {
  const key = nameOrAlias.trim();
  if (!key) return undefined;
  const [row] = await db.query<ProvinceRow>(
    'select * from provinces where name = $1 or full_name = $1 or $1 = any(aliases) order by seq limit 1',
    [key],
  );
  return row ? toProvince(row) : undefined;
}

/**
 * Contacts with the region each belongs to — a province lead its province's region, whatever
 * region_code the row carries; a 区域管家 its own — optionally of one region (the console's list).
 */
export async function listContactsByRegion(db: Db, regionCode?: string): Promise<Array<Contact & { region: string | null }>> {
  const rows = await db.query<ContactRow & { region: string | null }>(
    `select c.*, case when c.role = 'province_lead' then p.region_code else c.region_code end as region
       from contacts c left join provinces p on p.code = c.province_code
      where not c.archived and ($1::text is null or (case when c.role = 'province_lead' then p.region_code else c.region_code end) = $1)
      order by c.role, p.seq nulls last, c.region_code, c.seq, c.id`,
    [regionCode ?? null],
  );
  return rows.map((r) => ({ ...toContact(r), region: r.region ?? null }));
}

export async function listContacts(db: Db): Promise<Contact[]> {
  const rows = await db.query<ContactRow>(
    `select c.* from contacts c left join provinces p on p.code = c.province_code
      where not c.archived order by c.role, p.seq nulls last, c.region_code, c.seq, c.id`,
  );
  return rows.map(toContact);
}

/** The province's leads and its region's 区域管家. */
export async function contactsForProvince(db: Db, province: Province): Promise<ProvinceContacts> {
  const [regions, rows] = await Promise.all([
    listRegions(db),
    db.query<ContactRow>(
      `select * from contacts
        where not archived and (province_code = $1 or (role = 'region_manager' and region_code = $2))
        order by seq, id`,
      [province.code, province.regionCode],
    ),
  ]);
  const region = regions.find((r) => r.code === province.regionCode);
  if (!region) throw new Error(`province ${province.code} has unknown region ${province.regionCode}`);
  const contacts = rows.map(toContact).map(({ wecomUserId: _w, wechatId: _c, ...c }): PublicContact => c);
  return {
    province,
    region,
    leads: contacts.filter((c) => c.role === 'province_lead'),
    managers: contacts.filter((c) => c.role === 'region_manager'),
  };
}

export interface ContactPatch {
  name?: string;
  phone?: string | null;
  wecomUserId?: string | null;
  wechatId?: string | null;
}

/** An operator's edit: it wins over the seed files from now on (origin = 'console'). */
export async function updateContact(db: Db, id: number, patch: ContactPatch): Promise<Contact | undefined> {
  const [row] = await db.query<ContactRow>(
    `update contacts set
        name = coalesce($2, name),
        phone = case when $3::boolean then $4 else phone end,
        wecom_user_id = case when $5::boolean then $6 else wecom_user_id end,
        wechat_id = case when $7::boolean then $8 else wechat_id end,
        origin = 'console', updated_at = now()
      where id = $1 and not archived returning *`,
    [id, patch.name ?? null, patch.phone !== undefined, patch.phone ?? null, patch.wecomUserId !== undefined, patch.wecomUserId ?? null, patch.wechatId !== undefined, patch.wechatId ?? null],
  );
  if (row) await knowledgeChanged(db, 'contacts');
  return row ? toContact(row) : undefined;
}

export interface NewContact {
  name: string;
  phone: string | null;
  role: ContactRole;
  provinceCode?: string | null;
  regionCode?: string | null;
  source: string;
}

export async function createContact(db: Db, c: NewContact): Promise<Contact> {
  const [row] = await db.query<ContactRow>(
    `insert into contacts (name, phone, role, province_code, region_code, source, origin, seq)
     values ($1, $2, $3, $4, $5, $6, 'console', 100) returning *`,
    [c.name, c.phone, c.role, c.provinceCode ?? null, c.regionCode ?? null, c.source],
  );
  await knowledgeChanged(db, 'contacts');
  return toContact(row!);
}

/** Archive rather than delete, so that a seed reload does not bring the contact back. */
export async function archiveContact(db: Db, id: number): Promise<boolean> {
  const rows = await db.query(
    `update contacts set archived = true, origin = 'console', updated_at = now() where id = $1 and not archived returning id`,
    [id],
  );
  if (rows.length) await knowledgeChanged(db, 'contacts');
  return rows.length > 0;
}

export async function getContact(db: Db, id: number): Promise<Contact | undefined> {
  const [row] = await db.query<ContactRow>('select * from contacts where id = $1 and not archived', [id]);
  return row ? toContact(row) : undefined;
}

/** A region's 区域管家 with where each can receive messages (WeCom user id, WeChat id). */
export async function regionManagers(db: Db, regionCode: string): Promise<Contact[]> {
  const rows = await db.query<ContactRow>(
    `select * from contacts where role = 'region_manager' and region_code = $1 and not archived order by seq, id`,
    [regionCode],
  );
  return rows.map(toContact);
}

/** The region's WeCom group-robot webhook key for digests (null when not set). */
export async function regionWebhookKey(db: Db, regionCode: string): Promise<string | null> {
  const [row] = await db.query<{ digest_webhook_key: string | null }>('select digest_webhook_key from regions where code = $1', [regionCode]);
  return row?.digest_webhook_key ?? null;
}

/** Set (or clear, with null) the region's robot webhook key. */
export async function setRegionWebhookKey(db: Db, regionCode: string, key: string | null): Promise<boolean> {
  const rows = await db.query(`update regions set digest_webhook_key = $2, updated_at = now() where code = $1 returning code`, [regionCode, key]);
  return rows.length > 0;
}

/* The seed files (api/seed.ts): rows still at origin = 'seed' follow the files; console edits stay. */

export async function upsertSeedRegion(db: Db, r: { code: string; name: string; source: string }): Promise<void> {
  await db.query(
    `insert into regions (code, name, source) values ($1, $2, $3)
     on conflict (code) do update set name = excluded.name, source = excluded.source, updated_at = now()
     where regions.origin = 'seed'`,
    [r.code, r.name, r.source],
  );
}

export async function upsertSeedProvince(db: Db, p: { code: string; name: string; fullName: string; aliases: string[]; regionCode: string; seq: number; source: string }): Promise<void> {
  await db.query(
    `insert into provinces (code, name, full_name, aliases, region_code, seq, source)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (code) do update set name = excluded.name, full_name = excluded.full_name,
       aliases = excluded.aliases, region_code = excluded.region_code, seq = excluded.seq,
       source = excluded.source, updated_at = now()
     where provinces.origin = 'seed'`,
    [p.code, p.name, p.fullName, p.aliases, p.regionCode, p.seq, p.source],
  );
}

export interface SeedContact {
  seedKey: string;
  name: string;
  phone: string | null;
  role: 'province_lead' | 'region_manager';
  provinceCode: string | null;
  regionCode: string | null;
  seq: number;
  source: string;
}

export async function upsertSeedContact(db: Db, c: SeedContact): Promise<void> {
  await db.query(
    `insert into contacts (seed_key, name, phone, role, province_code, region_code, seq, source)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (seed_key) do update set name = excluded.name, phone = excluded.phone, role = excluded.role,
       province_code = excluded.province_code, region_code = excluded.region_code, seq = excluded.seq,
       source = excluded.source, updated_at = now()
     where contacts.origin = 'seed'`,
    [c.seedKey, c.name, c.phone, c.role, c.provinceCode, c.regionCode, c.seq, c.source],
  );
}
