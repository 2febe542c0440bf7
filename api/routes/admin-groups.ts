import Router from '@koa/router';
import { z } from 'zod';
import { getCollege } from '../colleges/repository.js';
import { regionOfProvince } from '../contacts/repository.js';
import { bindGroup, getGroup, unbindGroup } from '../groups/repository.js';
import { requireRole } from '../http/auth.js';
import { assertRegion } from '../http/scope.js';
import { auditChange } from '../audit/record.js';
import { notFound } from '../http/errors.js';
import { parse } from '../http/middleware.js';
import type { Services } from '../services.js';

const id = z.coerce.number().int().positive();

/**
 * Bindings made in the console, effective at once: a college contact's WeCom user id bound to
 * the college (their app messages are then answered for that college, `进展：…` files its report,
 * reminders reach them), and unbinding any group.
 */
export function adminGroupRoutes(services: Services): Router {
  const { db, signer } = services;
  const router = new Router({ prefix: '/api/admin' });
  const staff = requireRole(db, signer, 'admin', 'region_manager');

  router.post('/wecom-users', staff, async (ctx) => {
    const body = parse(
      z.object({ collegeId: z.number().int().positive(), wecomUserId: z.string().trim().min(1).max(64).regex(/^[\w@.\-]+$/, '企业微信账号只能包含字母、数字和 _ - . @') }),
      ctx.request.body,
    );
    const college = await getCollege(db, body.collegeId);
    if (!college) throw notFound('院校不存在');
    assertRegion(ctx.state.account, await regionOfProvince(db, college.provinceCode));
    const account = ctx.state.account!;
    const group = await bindGroup(db, { channel: 'wecom', externalId: body.wecomUserId, collegeId: college.id, boundBy: `console:${account.username ?? account.id}` });
    await auditChange(db, ctx, { action: 'group.bind', entity: 'group', entityId: group.id, after: group });
    ctx.status = 201;
    ctx.body = { group };
  });

  router.delete('/groups/:id', staff, async (ctx) => {
    const group = await getGroup(db, parse(id, ctx.params.id));
    if (!group?.collegeId) throw notFound('绑定不存在');
    assertRegion(ctx.state.account, await regionOfProvince(db, group.provinceCode));
    await unbindGroup(db, group.channel, group.externalId);
    await auditChange(db, ctx, { action: 'group.unbind', entity: 'group', entityId: group.id, before: group });
    ctx.body = { ok: true };
  });

  return router;
}
