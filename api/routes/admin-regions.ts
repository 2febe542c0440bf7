import Router from '@koa/router';
import { z } from 'zod';
import { auditChange } from '../audit/record.js';
import { listRegions, regionWebhookKey, setRegionWebhookKey } from '../contacts/repository.js';
import { collegeDestinations } from '../groups/repository.js';
import { requireRole } from '../http/auth.js';
import { notFound } from '../http/errors.js';
import { externalId, regionQuery } from '../http/fields.js';
import { parse } from '../http/middleware.js';
import { assertRegion, regionFilter } from '../http/scope.js';
import { digestRoute } from '../reports/digest-delivery.js';
import type { Services } from '../services.js';

/** Console: each region's digest destinations, and where everything goes (区域与联系人 → 送达). */
export function adminRegionRoutes(services: Pick<Services, 'db' | 'signer' | 'config'>): Router {
  const { db, signer, config } = services;
  const router = new Router({ prefix: '/api/admin' });
  const staff = requireRole(db, signer, 'admin', 'region_manager');

  /** Each region's digest destinations: the robot webhook key (for DIGEST_CHANNEL=wecom_robot). */
  router.patch('/regions/:code', staff, async (ctx) => {
    const code = parse(z.string().max(20), ctx.params.code);
    const body = parse(z.object({ digestWebhookKey: externalId }), ctx.request.body);
    assertRegion(ctx.state.account, code);
    const before = await regionWebhookKey(db, code);
    if (!(await setRegionWebhookKey(db, code, body.digestWebhookKey))) throw notFound('区域不存在');
    await auditChange(db, ctx, { action: 'region.webhook', entity: 'region', entityId: code, before: { digestWebhookKey: before }, after: { digestWebhookKey: body.digestWebhookKey } });
    ctx.body = { region: { code, digestWebhookKey: body.digestWebhookKey } };
  });

  /**
   * Where everything goes, for the console: each region's digest route (webhook key, managers'
   * ids, what is missing) and each college's destinations; colleges nothing can reach are counted.
   */
  router.get('/destinations', staff, async (ctx) => {
    const { region } = parse(regionQuery, ctx.query);
    const scoped = regionFilter(ctx.state.account, region || undefined);
    const regions = (await listRegions(db)).filter((r) => !scoped || r.code === scoped);
    const colleges = await collegeDestinations(db, scoped);
    ctx.body = {
      digestChannel: config.DIGEST_CHANNEL,
      regions: await Promise.all(
        regions.map(async (r) => {
          const route = await digestRoute(db, r.code, config.DIGEST_CHANNEL);
          return { code: r.code, name: r.name, digestWebhookKey: await regionWebhookKey(db, r.code), digestTo: route.deliveries.map((d) => d.to), missing: route.missing };
        }),
      ),
      colleges,
      unreachable: colleges.filter((c) => !c.groups.length).length,
    };
  });

  return router;
}
