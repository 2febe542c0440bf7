import Router from '@koa/router';
import { z } from 'zod';
import { listAudit } from '../audit/repository.js';
import { requireRole } from '../http/auth.js';
import { parse } from '../http/middleware.js';
import type { Services } from '../services.js';

/** The audit log of console changes and sign-ins, for admins (console → 审计日志). */
export function adminAuditRoutes(services: Services): Router {
  const { db, signer } = services;
  const router = new Router({ prefix: '/api/admin' });

  router.get('/audit', requireRole(db, signer, 'admin'), async (ctx) => {
    const q = parse(
      z.object({ entity: z.string().max(40).optional(), action: z.string().max(60).optional(), limit: z.coerce.number().int().min(1).max(500).default(200) }),
      ctx.query,
    );
    ctx.body = { entries: await listAudit(db, q) };
  });

  return router;
}
