import type { Context, Next } from 'koa';
import type { Db } from '../db/index.js';
import type { Account, AccountRole } from '../accounts/repository.js';
import { accountForToken } from '../accounts/service.js';
import type { SessionClaims, TokenSigner } from '../accounts/tokens.js';
import { AppError, forbidden, unauthorized } from './errors.js';

declare module 'koa' {
  interface DefaultState {
    account?: Account;
    session?: SessionClaims;
  }
}

export const SESSION_COOKIE = 'onex_session';
/** The console sends this header on every request; a cross-site form or image cannot. */
export const CSRF_HEADER = 'x-requested-with';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function tokenOf(ctx: Context): { token: string; from: 'bearer' | 'cookie' } | undefined {
  const header = ctx.get('authorization');
  if (header.toLowerCase().startsWith('bearer ')) return { token: header.slice(7).trim(), from: 'bearer' };
  const cookie = ctx.cookies.get(SESSION_COOKIE);
  return cookie ? { token: cookie, from: 'cookie' } : undefined;
}

/**
 * A cookie is sent by the browser on its own, so an unsafe request carrying only the cookie must
 * also prove it comes from our pages: the custom header (which a cross-site page cannot set
 * without a CORS preflight this API never grants), and an Origin, when sent, equal to ours.
 * Bearer tokens are not sent automatically and need neither.
 */
export function assertSameOrigin(ctx: Context): void {
  if (SAFE_METHODS.has(ctx.method)) return;
  const origin = ctx.get('origin');
  // (Koa 3's ctx.origin is the Origin header itself, so compare with our scheme and host.)
  if (origin && origin !== `${ctx.protocol}://${ctx.host}`) throw new AppError(403, 'csrf', '请求来源不正确，请刷新页面后重试');
  if (!ctx.get(CSRF_HEADER)) throw new AppError(403, 'csrf', '请求来源不正确，请刷新页面后重试');
}

async function authenticate(db: Db, signer: TokenSigner, ctx: Context): Promise<Account> {
  const found = tokenOf(ctx);
  const session = found ? await accountForToken(db, signer, found.token) : undefined;
  if (!session) throw unauthorized();
  if (found!.from === 'cookie') assertSameOrigin(ctx);
  ctx.state.account = session.account;
  ctx.state.session = session.claims;
  return session.account;
}

/**
 * Require a signed-in account with one of `roles` (401 without a session, 403 with the wrong
 * role, 403 `password_change_required` until a generated first-start password is changed).
 */
export function requireRole(db: Db, signer: TokenSigner, ...roles: AccountRole[]) {
  return Object.assign(
    async function requireRoleMiddleware(ctx: Context, next: Next) {
      const account = await authenticate(db, signer, ctx);
      if (!roles.includes(account.role)) throw forbidden();
      if (account.mustChangePassword) throw new AppError(403, 'password_change_required', '请先修改初始密码');
      await next();
    },
    { roles }, // lets test/region-scope.test.ts find every staff route
  );
}

/** Any valid console session, also one that still has to change its password (me, password, logout). */
export function requireSession(db: Db, signer: TokenSigner) {
  return Object.assign(
    async function requireSessionMiddleware(ctx: Context, next: Next) {
      const account = await authenticate(db, signer, ctx);
      if (account.role !== 'admin' && account.role !== 'region_manager') throw forbidden();
      await next();
    },
    { roles: ['admin', 'region_manager'] as AccountRole[] },
  );
}

/** Set ctx.state.account when a valid session of one of `roles` is present; never refuses (public endpoints that do more for signed-in users). */
export function optionalAccount(db: Db, signer: TokenSigner, ...roles: AccountRole[]) {
  return async function optionalAccountMiddleware(ctx: Context, next: Next) {
    const token = tokenOf(ctx);
    const found = token ? await accountForToken(db, signer, token.token).catch(() => undefined) : undefined;
    if (found && roles.includes(found.account.role)) ctx.state.account = found.account;
    await next();
  };
}
