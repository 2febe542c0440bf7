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
}

export async function createAccount(db: Db, a: NewAccount): Promise<Account> {
  const [row] = await db.query<AccountRow>(
    `insert into accounts (role, username, display_name, password_hash, region_code, college_id, openid)
     values ($1, $2, $3, $4, $5, $6, $7) returning *`,
    [a.role, a.username ?? null, a.displayName ?? null, a.passwordHash ?? null, a.regionCode ?? null, a.collegeId ?? null, a.openid ?? null],
  );
  return toAccount(row!);
}

export async function setPassword(db: Db, id: number, passwordHash: string): Promise<void> {
  // Bumping token_version signs out every session of the account.
  await db.query(
    'update accounts set password_hash = $2, token_version = token_version + 1, updated_at = now() where id = $1',
    [id, passwordHash],
  );
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
