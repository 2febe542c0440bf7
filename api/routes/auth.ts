import Router from '@koa/router';
import { z } from 'zod';
import { login } from '../accounts/service.js';
import { SESSION_COOKIE, requireRole } from '../http/auth.js';
import { parse } from '../http/middleware.js';
import type { Services } from '../services.js';

/** Sign in and out for the console; the token also works as a Bearer token for API clients. */
export function authRoutes(services: Services): Router {
  const { db, signer, config } = services;
  const router = new Router({ prefix: '/api/auth' });

  router.post('/login', async (ctx) => {
    const body = parse(z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }), ctx.request.body);
    const { token, account } = await login(db, signer, body.username, body.password);
    ctx.cookies.set(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      maxAge: config.SESSION_TTL_HOURS * 3600 * 1000,
      secure: false,
    });
    ctx.body = { token, account };
  });

  router.post('/logout', (ctx) => {
    ctx.cookies.set(SESSION_COOKIE, '', { maxAge: 0 });
    ctx.body = { ok: true };
  });

  router.get('/me', requireRole(db, signer, 'admin', 'region_manager'), (ctx) => {
    ctx.body = { account: ctx.state.account };
  });

  return router;
}
