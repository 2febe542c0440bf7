import type { Db } from '../db/index.js';

/**
 * Take one of an account's one-time subscribe-message permissions for a template; the openid to
 * send to, or undefined when the user has none left (or never subscribed).
 */
export async function takeSubscription(db: Db, accountId: number, templateId: string): Promise<string | undefined> {
  const [row] = await db.query<{ openid: string }>(
    `update miniapp_subscriptions s set remaining = remaining - 1, updated_at = now()
       from accounts a where a.id = s.account_id and s.account_id = $1 and s.template_id = $2 and s.remaining > 0 and a.openid is not null
     returning a.openid`,
    [accountId, templateId],
  );
  return row?.openid;
}

/** Take one permission from every subscriber of a template (a notice to all of them); their openids. */
export async function takeSubscribers(db: Db, templateId: string): Promise<string[]> {
  const rows = await db.query<{ openid: string }>(
    `update miniapp_subscriptions s set remaining = remaining - 1, updated_at = now()
       from accounts a where a.id = s.account_id and s.template_id = $1 and s.remaining > 0 and a.openid is not null
     returning a.openid`,
    [templateId],
  );
  return rows.map((r) => r.openid);
}

/** Mini-program users who allowed one more message of this template. */
export async function countSubscribers(db: Db, templateId: string): Promise<number> {
  const [row] = await db.query<{ n: string | number }>(
    `select count(*) as n from miniapp_subscriptions s join accounts a on a.id = s.account_id where s.template_id = $1 and s.remaining > 0 and a.openid is not null`,
    [templateId],
  );
  return Number(row?.n ?? 0);
}

/** Record a wx.requestSubscribeMessage acceptance; how many messages the user now allows. */
export async function addSubscription(db: Db, accountId: number, templateId: string): Promise<number> {
  const [row] = await db.query<{ remaining: number }>(
    `insert into miniapp_subscriptions (account_id, template_id, remaining) values ($1, $2, 1)
     on conflict (account_id, template_id) do update set remaining = miniapp_subscriptions.remaining + 1, updated_at = now()
     returning remaining`,
    [accountId, templateId],
  );
  return row!.remaining;
}

/** The province of a mini-program account: the one a student chose, or a college contact's college's. */
export async function accountProvince(db: Db, accountId: number): Promise<string | null> {
  const [row] = await db.query<{ province_code: string | null }>(
    `select coalesce(a.province_code, c.province_code) as province_code from accounts a left join colleges c on c.id = a.college_id where a.id = $1`,
    [accountId],
  );
  return row?.province_code ?? null;
}

export async function setAccountProvince(db: Db, accountId: number, provinceCode: string | null): Promise<void> {
  await db.query('update accounts set province_code = $2, updated_at = now() where id = $1', [accountId, provinceCode]);
}


/**
 * Bind codes issued in the console: `contact` codes make a mini-program account the college's
 * verified contact; `group` codes bind a chat group to the college (绑定 CODE).
 */
export type BindCodePurpose = 'contact' | 'group';

export interface BindCodeRow {
  collegeId: number;
  expiresAt: Date;
  usedAt: Date | null;
}

export async function insertBindCode(db: Db, b: { code: string; collegeId: number; createdBy: number; expiresAt: Date; purpose: BindCodePurpose }): Promise<void> {
  await db.query('insert into bind_codes (code, college_id, created_by, expires_at, purpose) values ($1, $2, $3, $4, $5)', [b.code, b.collegeId, b.createdBy, b.expiresAt, b.purpose]);
}

export async function listBindCodes(db: Db, regionCode?: string) {
  const rows = await db.query<{ code: string; college_id: string | number; college_name: string; expires_at: Date; used_at: Date | null; revoked_at: Date | null; created_at: Date; purpose: BindCodePurpose }>(
    `select b.code, b.college_id, c.name as college_name, b.expires_at, b.used_at, b.revoked_at, b.created_at, b.purpose from bind_codes b
       join college_regions c on c.id = b.college_id
      where ($1::text is null or c.region_code = $1) order by b.created_at desc limit 200`,
    [regionCode ?? null],
  );
  return rows.map((r) => ({
    code: r.code,
    purpose: r.purpose,
    collegeId: Number(r.college_id),
    collegeName: r.college_name,
    expiresAt: new Date(r.expires_at).toISOString(),
    usedAt: r.used_at ? new Date(r.used_at).toISOString() : null,
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** The region of the college a code is for (scope check before revoking). */
export async function bindCodeRegion(db: Db, code: string): Promise<{ regionCode: string; usedAt: Date | null; revokedAt: Date | null } | undefined> {
  const [row] = await db.query<{ region_code: string; used_at: Date | null; revoked_at: Date | null }>(
    `select c.region_code, b.used_at, b.revoked_at from bind_codes b join college_regions c on c.id = b.college_id where b.code = $1`,
    [code],
  );
  return row ? { regionCode: row.region_code, usedAt: row.used_at, revokedAt: row.revoked_at } : undefined;
}

/** Revoke an unused code: it expires now (redemption already refuses expired codes). */
export async function revokeBindCode(db: Db, code: string, now: Date): Promise<boolean> {
  const rows = await db.query<{ code: string }>(
    `update bind_codes set revoked_at = $2, expires_at = least(expires_at, $2) where code = $1 and used_at is null and revoked_at is null returning code`,
    [code, now],
  );
  return rows.length > 0;
}

/** Lock a code of this purpose for redemption (inside a transaction). */
export async function lockBindCode(tx: Db, code: string, purpose: BindCodePurpose): Promise<BindCodeRow | undefined> {
  const [row] = await tx.query<{ college_id: string | number; expires_at: Date; used_at: Date | null }>(
    'select college_id, expires_at, used_at from bind_codes where code = $1 and purpose = $2 for update',
    [code, purpose],
  );
  return row ? { collegeId: Number(row.college_id), expiresAt: new Date(row.expires_at), usedAt: row.used_at ? new Date(row.used_at) : null } : undefined;
}

export async function markBindCodeUsed(tx: Db, code: string, usedBy: number | null, now: Date): Promise<void> {
  await tx.query('update bind_codes set used_by = $2, used_at = $3 where code = $1', [code, usedBy, now]);
}
