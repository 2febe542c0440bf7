import Router from '@koa/router';
import { z } from 'zod';
import { auditChange } from '../audit/record.js';
import { listDeliveries, retryDelivery } from '../delivery/repository.js';
import { requireRole } from '../http/auth.js';
import { notFound } from '../http/errors.js';
import { id } from '../http/fields.js';
import { parse } from '../http/middleware.js';
import type { Services } from '../services.js';

/** Console: the outbox (every outbound message), and sending a failed or unknown one again (admins). */
export function adminDeliveryRoutes(services: Pick<Services, 'db' | 'signer' | 'clock'>): Router {
  const { db, signer, clock } = services;
  const router = new Router({ prefix: '/api' });
  const adminOnly = requireRole(db, signer, 'admin');

  router.get('/admin/deliveries', adminOnly, async (ctx) => {
    const { status } = parse(z.object({ status: z.enum(['queued', 'sending', 'sent', 'failed', 'unknown']).optional() }), ctx.query);
    ctx.body = { deliveries: await listDeliveries(db, { status, limit: 200 }) };
  });

  router.post('/admin/deliveries/:id/retry', adminOnly, async (ctx) => {
    if (!(await retryDelivery(db, parse(id, ctx.params.id), clock()))) throw notFound('没有可重试的失败或结果未知的投递');
    await auditChange(db, ctx, { action: 'delivery.retry', entity: 'delivery', entityId: ctx.params.id });
    ctx.body = { ok: true };
  });

  return router;
}
