import type { Db } from '../db/index.js';

export type AccountRole = 'admin' | 'region_manager' | 'college_contact' | 'student';

export interface Account {
  id: number;
  role: AccountRole;
  username: string | null;
  displayName: string | null;
  regionCode: string | null;
  collegeId: number | null;
  openid: string | null;
  tokenVersion: number;
  disabled: boolean;
  /** A generated first-start password: the account must choose its own before anything else. */
  mustChangePassword: boolean;
  passwordExpiresAt: string | null;
}

interface AccountRow {
  id: string | number;
  role: AccountRole;
  username: string | null;
  display_name: string | null;
  password_hash: string | null;
  region_code: string | null;
  college_id: string | number | null;
  openid: string | null;
  token_version: number;
  disabled: boolean;
  must_change_password: boolean;
  password_expires_at: string | Date | null;
}

const toAccount = (r: AccountRow): Account => ({
  id: Number(r.id),
  role: r.role,
  username: r.username,
  displayName: r.display_name,
  regionCode: r.region_code,
  collegeId: r.college_id === null ? null : Number(r.college_id),
  openid: r.openid,
  tokenVersion: r.token_version,
  disabled: r.disabled,
  mustChangePassword: r.must_change_password,
  passwordExpiresAt: r.password_expires_at ? new Date(r.password_expires_at).toISOString() : null,
});

export async function findAccountByUsername(db: Db, username: string): Promise<(Account & { passwordHash: string | null }) | undefined> {
  const [row] = await db.query<AccountRow>('select * from accounts where username = $1', [username]);
  return row ? { ...toAccount(row), passwordHash: row.password_hash } : undefined;
}

export async function getAccount(db: Db, id: number): Promise<Account | undefined> {
  const [row] = await db.query<AccountRow>('select * from accounts where id = $1', [id]);
  return row ? toAccount(row) : undefined;
}

export async function listAccounts(db: Db): Promise<Account[]> {
  return (await db.query<AccountRow>("select * from accounts where role in ('admin', 'region_manager') order by id")).map(toAccount);
}

export interface NewAccount {
  role: AccountRole;
  username?: string | null;
  displayName?: string | null;
  passwordHash?: string | null;
  regionCode?: string | null;
  collegeId?: number | null;
  openid?: string | null;
  mustChangePassword?: boolean;
  passwordExpiresAt?: Date | null;
}

export async function createAccount(db: Db, a: NewAccount): Promise<Account> {
  const [row] = await db.query<AccountRow>(
    `insert into accounts (role, username, display_name, password_hash, region_code, college_id, openid, must_change_password, password_expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *`,
    [a.role, a.username ?? null, a.displayName ?? null, a.passwordHash ?? null, a.regionCode ?? null, a.collegeId ?? null, a.openid ?? null, a.mustChangePassword ?? false, a.passwordExpiresAt ?? null],
  );
  return toAccount(row!);
}

export async function setPassword(db: Db, id: number, passwordHash: string): Promise<void> {
  // Bumping token_version signs out every session of the account.
  await db.query(
    `update accounts set password_hash = $2, token_version = token_version + 1, must_change_password = false,
        password_expires_at = null, updated_at = now() where id = $1`,
    [id, passwordHash],
  );
}

/** A stronger hash of the same password (sign-in after the hashing cost went up); sessions stay. */
export async function rehashPassword(db: Db, id: number, passwordHash: string): Promise<void> {
  await db.query('update accounts set password_hash = $2 where id = $1', [id, passwordHash]);
}

/** A generated password the account must change at first sign-in, valid until `expiresAt`. */
export async function setOneTimePassword(db: Db, id: number, passwordHash: string, expiresAt: Date): Promise<void> {
  await db.query(
    `update accounts set password_hash = $2, must_change_password = true, password_expires_at = $3,
        token_version = token_version + 1, updated_at = now() where id = $1`,
    [id, passwordHash, expiresAt],
  );
}

/** A staff account (admin or region manager) whose chat id on `channel` is `chatId`. */
export async function findStaffByChatId(db: Db, channel: 'wechaty' | 'wecom', chatId: string): Promise<Account | undefined> {
  const column = channel === 'wechaty' ? 'wechat_id' : 'wecom_user_id';
  const [row] = await db.query<AccountRow>(
    `select * from accounts where ${column} = $1 and role in ('admin', 'region_manager') and not disabled order by id limit 1`,
    [chatId],
  );
  return row ? toAccount(row) : undefined;
}

/** Revoke one session token until it would have expired anyway (logout). */
export async function revokeToken(db: Db, jti: string, expiresAt: Date): Promise<void> {
  await db.query('delete from revoked_tokens where expires_at < now()');
  await db.query('insert into revoked_tokens (jti, expires_at) values ($1, $2) on conflict (jti) do nothing', [jti, expiresAt]);
}

export async function isTokenRevoked(db: Db, jti: string): Promise<boolean> {
  const rows = await db.query('select 1 from revoked_tokens where jti = $1', [jti]);
  return rows.length > 0;
}

export async function countAdmins(db: Db): Promise<number> {
  const [row] = await db.query<{ n: string | number }>("select count(*) as n from accounts where role = 'admin'");
  return Number(row?.n ?? 0);
}

/** Whether a console account that may administer groups (admin or region manager) uses this chat identity. */
export async function isConsoleAdminChatIdentity(db: Db, identity: { wechatId?: string; wecomUserId?: string }): Promise<boolean> {
  const [row] = await db.query(
    `select 1 from accounts
      where role in ('admin', 'region_manager') and not disabled
        and (($1::text is not null and wechat_id = $1) or ($2::text is not null and wecom_user_id = $2))
      limit 1`,
    [identity.wechatId ?? null, identity.wecomUserId ?? null],
  );
  return !!row;
}

/** The mini-program account of an openid, created as a student the first time. */
export async function ensureStudentAccount(db: Db, openid: string): Promise<Account> {
  await db.query(`insert into accounts (role, openid) values ('student', $1) on conflict (openid) do nothing`, [openid]);
  const [row] = await db.query<AccountRow>('select * from accounts where openid = $1', [openid]);
  return toAccount(row!);
}

/** A redeemed contact bind code: the account becomes the college's contact (old sessions end). */
export async function makeCollegeContact(db: Db, accountId: number, collegeId: number): Promise<void> {
  await db.query(
    `update accounts set role = 'college_contact', college_id = $2, token_version = token_version + 1, updated_at = now() where id = $1`,
    [accountId, collegeId],
  );
}

/** 停用 / 启用 a staff account; disabling signs out every session (token_version). */
export async function setAccountDisabled(db: Db, id: number, disabled: boolean): Promise<Account | undefined> {
  const [row] = await db.query<AccountRow>(
    `update accounts set disabled = $2, token_version = token_version + case when $2 then 1 else 0 end, updated_at = now()
      where id = $1 and role in ('admin', 'region_manager') returning *`,
    [id, disabled],
  );
  return row ? toAccount(row) : undefined;
}

/** Delete a staff account; what it authored (notices, bind codes) stays, without the author. */
export async function deleteStaffAccount(db: Db, id: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('update notices set author_id = null where author_id = $1', [id]);
    await tx.query('update bind_codes set created_by = null where created_by = $1', [id]);
    const rows = await tx.query<{ id: string }>(`delete from accounts where id = $1 and role in ('admin', 'region_manager') returning id`, [id]);
    return rows.length > 0;
  });
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const [row] = await db.query<{ n: string | number }>("select count(*) as n from accounts where role = 'admin' and not disabled");
  return Number(row?.n ?? 0);
}
