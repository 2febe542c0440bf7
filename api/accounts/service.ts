import type { Logger } from 'pino';
import type { Db } from '../db/index.js';
import { unauthorized } from '../http/errors.js';
import { generatePassword, hashPassword, verifyPassword } from './passwords.js';
import { countAdmins, createAccount, findAccountByUsername, getAccount, type Account } from './repository.js';
import type { SessionClaims, TokenSigner } from './tokens.js';

/**
 * First start: create the admin account. With ADMIN_PASSWORD set it is that password; without,
 * a one-time password is printed once to the log and must be changed in the console.
 */
export async function bootstrapAdmin(db: Db, username: string, password: string | undefined, log: Logger): Promise<void> {
  if ((await countAdmins(db)) > 0) return;
  const plain = password ?? generatePassword();
  await createAccount(db, { role: 'admin', username, displayName: '管理员', passwordHash: await hashPassword(plain) });
  if (password) log.info({ username }, 'created the admin account from ADMIN_PASSWORD');
  else log.warn({ username, oneTimePassword: plain }, `created the admin account "${username}" with one-time password ${plain} — sign in and change it`);
}

export async function login(db: Db, signer: TokenSigner, username: string, password: string): Promise<{ token: string; account: Account }> {
  const found = await findAccountByUsername(db, username);
  // Verify even when the user is unknown so timing does not reveal which usernames exist.
  const ok = await verifyPassword(password, found?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
  if (!found || !ok || found.disabled) throw unauthorized('用户名或密码不正确');
  const { passwordHash: _omit, ...account } = found;
  return { token: await signer.sign(account), account };
}

/** The account behind a token, if the token is valid and not revoked (password change, disabled). */
export async function accountForToken(db: Db, signer: TokenSigner, token: string): Promise<{ account: Account; claims: SessionClaims } | undefined> {
  const claims = await signer.verify(token);
  if (!claims) return undefined;
  const account = await getAccount(db, claims.sub);
  if (!account || account.disabled || account.tokenVersion !== claims.ver) return undefined;
  return { account, claims };
}
