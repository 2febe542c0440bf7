import type { Context, Next } from 'koa';
import type { Db } from '../db/index.js';
import type { Account, AccountRole } from '../accounts/repository.js';
import { accountForToken } from '../accounts/service.js';
import type { TokenSigner } from '../accounts/tokens.js';
import { forbidden, unauthorized } from './errors.js';

declare module 'koa' {
  interface DefaultState {
    account?: Account;
  }
}

export const SESSION_COOKIE = 'onex_session';

function tokenOf(ctx: Context): string | undefined {
  const header = ctx.get('authorization');
  if (header.toLowerCase().startsWith('bearer ')) return header.slice(7).trim();
  return ctx.cookies.get(SESSION_COOKIE) ?? undefined;
}

/** Require a signed-in account with one of `roles` (401 without a session, 403 with the wrong role). */
export function requireRole(db: Db, signer: TokenSigner, ...roles: AccountRole[]) {
  return async function requireRoleMiddleware(ctx: Context, next: Next) {
    const token = tokenOf(ctx);
    const found = token ? await accountForToken(db, signer, token) : undefined;
    if (!found) throw unauthorized();
    if (!roles.includes(found.account.role)) throw forbidden();
    ctx.state.account = found.account;
    await next();
  };
}

/**
 * Region scoping: an admin may act on any region; a region manager only on its own.
 * Throws 403 otherwise.
 */
export function assertRegionAccess(account: Account | undefined, regionCode: string | null | undefined): void {
  if (!account) throw unauthorized();
  if (account.role === 'admin') return;
  if (account.role === 'region_manager' && regionCode && account.regionCode === regionCode) return;
  throw forbidden('只能查看或修改本区域的数据');
}

/** Set ctx.state.account when a valid session of one of `roles` is present; never refuses (public endpoints that do more for signed-in users). */
export function optionalAccount(db: Db, signer: TokenSigner, ...roles: AccountRole[]) {
  return async function optionalAccountMiddleware(ctx: Context, next: Next) {
    const token = tokenOf(ctx);
    const found = token ? await accountForToken(db, signer, token).catch(() => undefined) : undefined;
    if (found && roles.includes(found.account.role)) ctx.state.account = found.account;
    await next();
  };
}
