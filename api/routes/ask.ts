import Router from '@koa/router';
import type { Context, Next } from 'koa';
import { z } from 'zod';
import { tooManyRequests } from '../http/errors.js';
import { parse } from '../http/middleware.js';
import { RateLimiter } from '../http/rate-limit.js';
import { optionalAccount } from '../http/auth.js';
import { accountProvince } from '../miniapp/repository.js';
import type { Services } from '../services.js';

/** POST /api/ask: the assistant over HTTP (mini-program 问答, console playground). */
export function askRoutes(services: Services): Router {
  const router = new Router({ prefix: '/api' });
  const limiter = new RateLimiter(services.config.ASK_RATE_PER_MINUTE);
  const limit = async (ctx: Context, next: Next) => {
    if (!limiter.take(ctx.ip)) throw tooManyRequests('提问太频繁啦，请一分钟后再试。');
    await next();
  };
  const body = z.object({
    text: z.string().trim().min(1, '请输入问题').max(500, '问题太长了，请精简到500字以内'),
    /** Ask as a group bound to this province (console playground). */
    provinceCode: z.string().regex(/^\d{2}$/).optional(),
  });

  // A signed-in mini-program user's question is theirs: it shows in "我的提问" and a staff answer comes back to them.
  const miniappUser = optionalAccount(services.db, services.signer, 'student', 'college_contact');

  router.post('/ask', limit, miniappUser, async (ctx) => {
    const input = parse(body, ctx.request.body);
    const account = ctx.state.account;
    ctx.body = await services.assistant.answer(
      {
        text: input.text,
        channel: account || ctx.get('x-client') === 'miniapp' ? 'miniapp' : 'api',
        from: { id: account ? `account:${account.id}` : ctx.ip },
        group: input.provinceCode ? { id: `api:${input.provinceCode}`, provinceCode: input.provinceCode } : undefined,
      },
      account ? { accountId: account.id, provinceCode: await accountProvince(services.db, account.id) } : {},
    );
  });
  return router;
}
