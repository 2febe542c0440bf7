import Router from '@koa/router';
import { z } from 'zod';
import { auditChange } from '../audit/record.js';
import { ensureCollege, findCollege, getCollege } from '../colleges/repository.js';
import { regionOfProvince } from '../contacts/repository.js';
import { requireRole } from '../http/auth.js';
import { badRequest, conflict, notFound } from '../http/errors.js';
import { parse } from '../http/middleware.js';
import { assertRegion, regionFilter, regionOfProvinceInScope } from '../http/scope.js';
import { bindCodeRegion, revokeBindCode } from '../miniapp/repository.js';
import { issueBindCode, listBindCodes } from '../miniapp/service.js';
import type { Services } from '../services.js';

/**
 * Console: one-time bind codes, issued for a college (a new college is created on the way) to
 * verify a mini-program college contact or to bind a chat group; listed and revoked in scope.
 */
export function adminBindCodeRoutes(services: Pick<Services, 'db' | 'signer' | 'clock'>): Router {
  const { db, signer, clock } = services;
  const router = new Router({ prefix: '/api' });
  const staff = requireRole(db, signer, 'admin', 'region_manager');

  router.get('/admin/bind-codes', staff, async (ctx) => {
    ctx.body = { bindCodes: await listBindCodes(db, regionFilter(ctx.state.account)) };
  });

  router.post('/admin/bind-codes', staff, async (ctx) => {
    const body = parse(
      z.object({
        collegeId: z.number().int().positive().optional(),
        collegeName: z.string().trim().min(2).max(80).optional(),
        provinceCode: z.string().regex(/^\d{2}$/).optional(),
        /** contact: verifies a mini-program college contact; group: binds a chat group (绑定 CODE). */
        purpose: z.enum(['contact', 'group']).default('contact'),
      }),
      ctx.request.body,
    );
    const account = ctx.state.account;
    let college = body.collegeId ? await getCollege(db, body.collegeId) : body.collegeName ? await findCollege(db, body.collegeName) : undefined;
    if (!college && body.collegeName && body.provinceCode) {
      // Scope and existence of the province are checked before anything is created.
      await regionOfProvinceInScope(db, account, body.provinceCode);
      college = await ensureCollege(db, body.collegeName, body.provinceCode);
      await auditChange(db, ctx, { action: 'college.create', entity: 'college', entityId: college.id, after: college });
    }
    if (!college) throw badRequest('请选择院校（新院校请同时选择省份）');
    assertRegion(account, await regionOfProvince(db, college.provinceCode));
    const issued = await issueBindCode(db, college.id, account!.id, clock(), body.purpose);
    await auditChange(db, ctx, { action: 'bind_code.issue', entity: 'college', entityId: college.id, after: { purpose: body.purpose, expiresAt: issued.expiresAt } });
    ctx.status = 201;
    ctx.body = { bindCode: { ...issued, purpose: body.purpose, collegeId: college.id, collegeName: college.name } };
  });

  /** 作废: a code sent to the wrong place can no longer be used. */
  router.delete('/admin/bind-codes/:code', staff, async (ctx) => {
    const code = parse(z.string().trim().min(4).max(32), ctx.params.code);
    const found = await bindCodeRegion(db, code);
    if (!found) throw notFound('绑定码不存在');
    assertRegion(ctx.state.account, found.regionCode);
    if (found.usedAt) throw conflict('绑定码已被使用，不能作废；如绑定有误，请在“院校与群”中解除绑定');
    if (!(await revokeBindCode(db, code, clock()))) throw conflict('绑定码已作废');
    await auditChange(db, ctx, { action: 'bind_code.revoke', entity: 'bind_code', entityId: code });
    ctx.body = { ok: true };
  });

  return router;
}
