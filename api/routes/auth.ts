import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { changeOwnPassword, login } from '../accounts/service.js';
import { MAX_PASSWORD_LENGTH, passwordProblem } from '../accounts/password-policy.js';
import { revokeToken } from '../accounts/repository.js';
import { recordAudit } from '../audit/repository.js';
import { auditChange } from '../audit/record.js';
import { SESSION_COOKIE, requireSession, tokenOf } from '../http/auth.js';
import { AppError, tooManyRequests } from '../http/errors.js';
import { parse } from '../http/middleware.js';
import { RateLimiter } from '../http/rate-limit.js';
import type { Services } from '../services.js';

/** A new password: the policy of api/accounts/password-policy.ts as a zod schema. */
export const newPassword = z
  .string()
  .max(MAX_PASSWORD_LENGTH)
  .superRefine((p, ctx) => {
    const problem = passwordProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * Sign in and out for the console; the token also works as a Bearer token for API clients.
 * Failed sign-ins are limited per username and per client address (429 after
 * LOGIN_FAILURES_PER_MINUTE in a minute) and written to the audit log.
 */
export function authRoutes(services: Services): Router {
  const { db, signer, config, clock } = services;
  const router = new Router({ prefix: '/api/auth' });
  const failures = new RateLimiter(config.LOGIN_FAILURES_PER_MINUTE, () => clock().getTime());
  const session = requireSession(db, signer);

  const setCookie = (ctx: Context, token: string) =>
    ctx.cookies.set(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      maxAge: config.SESSION_TTL_HOURS * 3600 * 1000,
      secure: config.COOKIE_SECURE === 'true' || (config.COOKIE_SECURE === 'auto' && ctx.secure),
    });

  router.post('/login', async (ctx) => {
    const body = parse(z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }), ctx.request.body);
    const keys = [`user:${body.username.toLowerCase()}`, `ip:${ctx.ip}`];
    if (keys.some((k) => failures.exhausted(k))) {
      ctx.state.log.warn({ username: body.username, ip: ctx.ip }, 'sign-in refused: too many failures');
      throw tooManyRequests('登录失败次数太多，请1分钟后再试');
    }
    try {
      const { token, account } = await login(db, signer, body.username, body.password, clock());
      if (config.COOKIE_SECURE === 'true') ctx.cookies.secure = true; // TLS ends at a proxy that does not say so
      setCookie(ctx, token);
      await recordAudit(db, { actorId: account.id, actor: account.username ?? `account:${account.id}`, action: 'auth.login', entity: 'account', entityId: account.id, ip: ctx.ip });
      ctx.body = { token, account };
    } catch (err) {
      if (err instanceof AppError && err.status === 401) {
        for (const k of keys) failures.hit(k);
        ctx.state.log.warn({ username: body.username, ip: ctx.ip, code: err.code }, 'sign-in failed');
        await recordAudit(db, { actor: body.username.slice(0, 64), action: 'auth.login_failed', entity: 'account', ip: ctx.ip });
      }
      throw err;
    }
  });

  /** Ends this session on the server too: the token is refused from now on, as cookie or Bearer. */
  router.post('/logout', async (ctx) => {
    const found = tokenOf(ctx);
    const claims = found ? await signer.verify(found.token) : undefined;
    if (claims) await revokeToken(db, claims.jti, new Date(claims.exp * 1000));
    ctx.cookies.set(SESSION_COOKIE, '', { maxAge: 0 });
    ctx.body = { ok: true };
  });

  router.get('/me', session, (ctx) => {
    ctx.body = { account: ctx.state.account };
  });

  /** Change one's own password (required first with a generated first-start password). */
  router.post('/password', session, async (ctx) => {
    const body = parse(z.object({ currentPassword: z.string().min(1).max(256), newPassword }), ctx.request.body);
    const problem = passwordProblem(body.newPassword, ctx.state.account!.username);
    if (problem) throw new AppError(400, 'weak_password', problem);
    const { token, account } = await changeOwnPassword(db, signer, ctx.state.account!, body.currentPassword, body.newPassword);
    if (tokenOf(ctx)?.from === 'cookie') setCookie(ctx, token);
    await auditChange(db, ctx, { action: 'account.password', entity: 'account', entityId: account.id });
    ctx.body = { token, account };
  });

  return router;
}
