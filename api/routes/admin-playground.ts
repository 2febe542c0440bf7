import Router from '@koa/router';
import { z } from 'zod';
import { requireRole } from '../http/auth.js';
import { parse } from '../http/middleware.js';
import { ownRegion } from '../http/scope.js';
import type { Services } from '../services.js';

/**
 * 问答测试: staff try the assistant as a group of a chosen province would be answered. A test is
 * not a real question: nothing is written to the questions log (so it never shows in 待答问题).
 */
export function adminPlaygroundRoutes(services: Services): Router {
  const router = new Router({ prefix: '/api/admin' });
  const staff = requireRole(services.db, services.signer, 'admin', 'region_manager');
  const body = z.object({
    text: z.string().trim().min(1, '请输入问题').max(500, '问题太长了，请精简到500字以内'),
    provinceCode: z.string().regex(/^\d{2}$/).optional(),
  });

  router.post('/playground', staff, async (ctx) => {
    ownRegion(ctx.state.account); // staff only; every region may try any province (public answers)
    const input = parse(body, ctx.request.body);
    ctx.body = await services.assistant.tryAnswer({
      text: input.text,
      channel: 'admin',
      from: { id: `account:${ctx.state.account!.id}` },
      group: input.provinceCode ? { id: `playground:${input.provinceCode}`, provinceCode: input.provinceCode } : undefined,
    });
  });
  return router;
}
