import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Db } from '../db/index.js';
import { AppError, badRequest, constraintError, notFound, unauthorized } from '../http/errors.js';
import { passwordProblem } from './password-policy.js';
import { DUMMY_HASH, generatePassword, hashPassword, needsRehash, verifyPassword } from './passwords.js';
import {
  countActiveAdmins,
  countAdmins,
  createAccount,
  deleteStaffAccount,
  findAccountByUsername,
  getAccount,
  isTokenRevoked,
  rehashPassword,
  setOneTimePassword,
  setAccountDisabled,
  setPassword,
  type Account,
  type AccountRole,
} from './repository.js';
import type { SessionClaims, TokenSigner } from './tokens.js';

/** A generated first-start password is valid this long, and only for choosing a new one. */
export const ONE_TIME_PASSWORD_HOURS = 24;
export const ONE_TIME_PASSWORD_FILE = 'admin-initial-password.txt';

export interface BootstrapOptions {
  /** Where the generated password is written (mode 0600); never into the log. */
  dataDir: string;
  now: Date;
  /** The password's hash, when the caller started computing it early (a first start, see buildServices). */
  passwordHash?: Promise<string>;
}

/**
 * First start: create the admin account. With ADMIN_PASSWORD set it is that password; without,
 * a one-time password is written to DATA_DIR/admin-initial-password.txt (0600) — the log only
 * says where. It must be changed at the first sign-in and expires after 24 hours; an admin that
 * never changed it gets ADMIN_PASSWORD at the next start, or a fresh one-time password when the
 * old one expired.
 */
export async function bootstrapAdmin(db: Db, username: string, password: string | undefined, log: Logger, opts: BootstrapOptions): Promise<void> {
  const existing = await findAccountByUsername(db, username);
  const pending = existing?.role === 'admin' && existing.mustChangePassword;
  if (!pending && (await countAdmins(db)) > 0) return;
  if (password) {
    const hash = await (opts.passwordHash ?? hashPassword(password));
    if (pending) await setPassword(db, existing.id, hash);
    else await createAccount(db, { role: 'admin', username, displayName: '管理员', passwordHash: hash });
    log.info({ username }, 'admin account password set from ADMIN_PASSWORD');
    return;
  }
  if (pending && existing.passwordExpiresAt && new Date(existing.passwordExpiresAt).getTime() > opts.now.getTime()) return;
  const plain = generatePassword();
  const expiresAt = new Date(opts.now.getTime() + ONE_TIME_PASSWORD_HOURS * 3_600_000);
  const hash = await hashPassword(plain);
  if (pending) await setOneTimePassword(db, existing.id, hash, expiresAt);
  else await createAccount(db, { role: 'admin', username, displayName: '管理员', passwordHash: hash, mustChangePassword: true, passwordExpiresAt: expiresAt });
  const file = writeOneTimePassword(opts.dataDir, username, plain, expiresAt);
  log.warn({ username, file, expiresAt: expiresAt.toISOString() }, `created the admin account "${username}" with a one-time password in ${file} (readable by this user only): sign in within ${ONE_TIME_PASSWORD_HOURS} hours and choose a new password`);
}

function writeOneTimePassword(dataDir: string, username: string, plain: string, expiresAt: Date): string {
  mkdirSync(dataDir, { recursive: true });
  const file = path.resolve(dataDir, ONE_TIME_PASSWORD_FILE);
  writeFileSync(file, `username: ${username}\npassword: ${plain}\nexpires: ${expiresAt.toISOString()}\n`, { mode: 0o600 });
  return file;
}

export async function login(db: Db, signer: TokenSigner, username: string, password: string, now: Date): Promise<{ token: string; account: Account }> {
  const found = await findAccountByUsername(db, username);
  // Verify even when the user is unknown so timing does not reveal which usernames exist.
  const ok = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
  if (!found || !ok || found.disabled || !['admin', 'region_manager'].includes(found.role)) throw unauthorized('用户名或密码不正确');
  if (found.mustChangePassword && found.passwordExpiresAt && new Date(found.passwordExpiresAt).getTime() <= now.getTime()) {
    throw new AppError(401, 'password_expired', '初始密码已过期：请设置 ADMIN_PASSWORD 后重启服务，或重启服务生成新的初始密码');
  }
  if (needsRehash(found.passwordHash)) await rehashPassword(db, found.id, await hashPassword(password));
  const { passwordHash: _omit, ...account } = found;
  return { token: await signer.sign(account), account };
}

/** Change one's own password, proving the current one; signs out every other session. */
export async function changeOwnPassword(db: Db, signer: TokenSigner, account: Account, current: string, next: string): Promise<{ token: string; account: Account }> {
  const found = await findAccountByUsername(db, account.username ?? '');
  if (!found || found.id !== account.id || !(await verifyPassword(current, found.passwordHash))) throw new AppError(400, 'wrong_password', '当前密码不正确');
  if (current === next) throw new AppError(400, 'same_password', '新密码不能与当前密码相同');
  await setPassword(db, account.id, await hashPassword(next));
  const updated = (await getAccount(db, account.id))!;
  return { token: await signer.sign(updated), account: updated };
}

/** The account behind a token, if the token is valid and not revoked (logout, password change, disabled). */
export async function accountForToken(db: Db, signer: TokenSigner, token: string): Promise<{ account: Account; claims: SessionClaims } | undefined> {
  const claims = await signer.verify(token);
  if (!claims) return undefined;
  const account = await getAccount(db, claims.sub);
  if (!account || account.disabled || account.tokenVersion !== claims.ver) return undefined;
  if (await isTokenRevoked(db, claims.jti)) return undefined;
  return { account, claims };
}

/** The policy's verdict on a new password, as the API's error. */
function assertStrong(password: string, username: string | null): void {
  const weak = passwordProblem(password, username);
  if (weak) throw new AppError(400, 'weak_password', weak);
}

/** An admin creates a console account (an admin, or a region manager of one region). */
export async function createStaffAccount(
  db: Db,
  input: { username: string; displayName?: string | null; password: string; role: Extract<AccountRole, 'admin' | 'region_manager'>; regionCode?: string | null },
): Promise<Account> {
  if (input.role === 'region_manager' && !input.regionCode) throw badRequest('区域管家账号需要指定区域');
  assertStrong(input.password, input.username);
  try {
    return await createAccount(db, {
      role: input.role,
      username: input.username,
      displayName: input.displayName ?? null,
      passwordHash: await hashPassword(input.password),
      regionCode: input.role === 'region_manager' ? input.regionCode : null,
    });
  } catch (err) {
    throw constraintError(err, { unique: '用户名已存在', foreignKey: '区域不存在' });
  }
}

/** An admin sets another account's password (a forgotten one); one's own goes through changeOwnPassword. */
export async function resetPassword(db: Db, actor: Account, accountId: number, password: string): Promise<void> {
  if (actor.id === accountId) throw new AppError(400, 'use_own_password_change', '修改自己的密码请在“修改我的密码”中进行（需要当前密码）');
  const target = await getAccount(db, accountId);
  if (!target) throw notFound('账号不存在');
  assertStrong(password, target.username);
  await setPassword(db, accountId, await hashPassword(password));
}

/** 停用/启用 or delete another staff account: never oneself, never the last active admin. */
export async function changeStaffAccount(db: Db, actor: Account, accountId: number, change: { disabled: boolean } | 'delete'): Promise<Account | undefined> {
  if (actor.id === accountId) throw new AppError(400, 'own_account', '不能停用或删除自己正在使用的账号');
  const target = await getAccount(db, accountId);
  if (!target || (target.role !== 'admin' && target.role !== 'region_manager')) throw notFound('账号不存在');
  const removing = change === 'delete' || change.disabled;
  if (removing && target.role === 'admin' && !target.disabled && (await countActiveAdmins(db)) <= 1) throw new AppError(400, 'last_admin', '这是最后一个可用的管理员账号，不能停用或删除');
  if (change === 'delete') {
    await deleteStaffAccount(db, accountId);
    return undefined;
  }
  return setAccountDisabled(db, accountId, change.disabled);
}
