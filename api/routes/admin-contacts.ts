import Router from '@koa/router';
import { z } from 'zod';
import { auditChange } from '../audit/record.js';
import { archiveContact, createContact, getContact, listContactsByRegion, listProvinces, listRegions, regionOfContact, updateContact } from '../contacts/repository.js';
import { requireRole } from '../http/auth.js';
import { AppError, badRequest, notFound } from '../http/errors.js';
import { externalId, id, phone, regionQuery } from '../http/fields.js';
import { parse } from '../http/middleware.js';
import { assertRegion, regionFilter, regionOfProvinceInScope } from '../http/scope.js';
import type { Services } from '../services.js';

/** Console: the people to call (province leads, region managers); a region manager sees and edits its own region's. */
export function adminContactRoutes(services: Pick<Services, 'db' | 'signer'>): Router {
  const { db, signer } = services;
  const router = new Router({ prefix: '/api/admin' });
  const staff = requireRole(db, signer, 'admin', 'region_manager');

  router.get('/contacts', staff, async (ctx) => {
    const { region } = parse(regionQuery, ctx.query);
    const scoped = regionFilter(ctx.state.account, region);
    ctx.body = { contacts: await listContactsByRegion(db, scoped), provinces: await listProvinces(db) };
  });

  router.patch('/contacts/:id', staff, async (ctx) => {
    const contactId = parse(id, ctx.params.id);
    const patch = parse(
      z.object({ name: z.string().trim().min(1).max(40).optional(), phone: phone.optional(), wecomUserId: externalId.optional(), wechatId: externalId.optional() }),
      ctx.request.body,
    );
    const existing = await getContact(db, contactId);
    if (!existing) throw notFound('联系人不存在');
    assertRegion(ctx.state.account, await regionOfContact(db, existing));
    const updated = await updateContact(db, contactId, patch);
    await auditChange(db, ctx, { action: 'contact.update', entity: 'contact', entityId: contactId, before: existing, after: updated });
    ctx.body = { contact: updated };
  });

  router.post('/contacts', staff, async (ctx) => {
    const body = parse(
      z.object({
        name: z.string().trim().min(1).max(40),
        phone,
        role: z.enum(['province_lead', 'region_manager']),
        provinceCode: z.string().optional(),
        regionCode: z.string().optional(),
      }),
      ctx.request.body,
    );
    const account = ctx.state.account;
    let input: { provinceCode: string | null; regionCode: string | null };
    if (body.role === 'province_lead') {
      // The province decides the region; a region in the body may only agree with it.
      if (!body.provinceCode) throw badRequest('省区负责人需要指定省份');
      const region = await regionOfProvinceInScope(db, account, body.provinceCode);
      if (body.regionCode && body.regionCode !== region) throw new AppError(400, 'province_not_in_region', '该省份不属于所选区域');
      input = { provinceCode: body.provinceCode, regionCode: null };
    } else {
      if (!body.regionCode) throw badRequest('区域管家需要指定区域');
      if (body.provinceCode) throw badRequest('区域管家不属于某个省份，请不要指定省份');
      if (!(await listRegions(db)).some((r) => r.code === body.regionCode)) throw badRequest('区域不存在');
      assertRegion(account, body.regionCode);
      input = { provinceCode: null, regionCode: body.regionCode };
    }
    // The source is public (answers cite it): it names the console, not the account.
    const contact = await createContact(db, { name: body.name, phone: body.phone, role: body.role, ...input, source: '管理后台录入' });
    await auditChange(db, ctx, { action: 'contact.create', entity: 'contact', entityId: contact.id, after: contact });
    ctx.status = 201;
    ctx.body = { contact };
  });

  router.delete('/contacts/:id', staff, async (ctx) => {
    const contactId = parse(id, ctx.params.id);
    const existing = await getContact(db, contactId);
    if (!existing) throw notFound('联系人不存在');
    assertRegion(ctx.state.account, await regionOfContact(db, existing));
    await archiveContact(db, contactId);
    await auditChange(db, ctx, { action: 'contact.archive', entity: 'contact', entityId: contactId, before: existing });
    ctx.body = { ok: true };
  });

  return router;
}
