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
