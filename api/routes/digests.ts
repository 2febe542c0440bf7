import Router from '@koa/router';
import { z } from 'zod';
import { auditChange } from '../audit/record.js';
import { localDate } from '../clock.js';
import { requireRole } from '../http/auth.js';
import { badRequest, notFound } from '../http/errors.js';
import { parse } from '../http/middleware.js';
import { regionFilter } from '../http/scope.js';
import { buildDigest } from '../reports/digest.js';
import { sendDigestNow } from '../reports/digest-delivery.js';
import { periodOrCurrent } from '../reports/service.js';
import type { Services } from '../services.js';
import { reportFilters } from './reports.js';

/** A region's digest (the 区域管家's summary of a period), and 发送测试: sending it now. */
export function digestRoutes(services: Pick<Services, 'db' | 'signer' | 'clock' | 'config' | 'log' | 'senders'>): Router {
  const { db, signer, clock } = services;
  const router = new Router({ prefix: '/api' });
  const staff = requireRole(db, signer, 'admin', 'region_manager');
  const periodOf = (id?: string) => periodOrCurrent(services, id);
  const filters = reportFilters;

  router.get('/digests', staff, async (ctx) => {
    const q = parse(filters, ctx.query);
    const region = regionFilter(ctx.state.account, q.region);
    if (!region) throw badRequest('请指定区域，例如 ?region=huadong');
    const digest = await buildDigest(db, region, periodOf(q.period), localDate(services.config.TIMEZONE, clock()));
    if (!digest) throw notFound('区域不存在');
    ctx.body = { digest };
  });

  /** 发送测试: send the region's digest now through the outbox and report what happened. */
  router.post('/admin/digests/test', staff, async (ctx) => {
    const { region } = parse(z.object({ region: z.string().trim().min(1).max(20) }), ctx.request.body);
    const result = await sendDigestNow(services, regionFilter(ctx.state.account, region)!);
    if (!result) throw notFound('区域不存在');
    await auditChange(db, ctx, { action: 'digest.test', entity: 'region', entityId: region, after: { deliveries: result.deliveries.length } });
    ctx.body = result;
  });

  return router;
}
