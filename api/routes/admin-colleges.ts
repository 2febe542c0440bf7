import Router from '@koa/router';
import { z } from 'zod';
import { auditChange } from '../audit/record.js';
import { ensureCollege, listCollegesByRegion } from '../colleges/repository.js';
import { requireRole } from '../http/auth.js';
import { parse } from '../http/middleware.js';
import { regionFilter, regionOfProvinceInScope } from '../http/scope.js';
import type { Services } from '../services.js';

/** Console: the pilot colleges; a region manager sees and adds its own region's. */
export function adminCollegeRoutes(services: Pick<Services, 'db' | 'signer'>): Router {
  const { db, signer } = services;
  const router = new Router({ prefix: '/api/admin' });
  const staff = requireRole(db, signer, 'admin', 'region_manager');

  router.get('/colleges', staff, async (ctx) => {
    ctx.body = { colleges: await listCollegesByRegion(db, regionFilter(ctx.state.account)) };
  });

  router.post('/colleges', staff, async (ctx) => {
    const body = parse(z.object({ name: z.string().trim().min(2).max(80), provinceCode: z.string() }), ctx.request.body);
    await regionOfProvinceInScope(db, ctx.state.account, body.provinceCode);
    const college = await ensureCollege(db, body.name, body.provinceCode);
    await auditChange(db, ctx, { action: 'college.create', entity: 'college', entityId: college.id, after: college });
    ctx.status = 201;
    ctx.body = { college };
  });

  return router;
}
