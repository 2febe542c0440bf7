import Router from '@koa/router';
import { z } from 'zod';
import type { Context } from 'koa';
import { hashPassword } from '../accounts/passwords.js';
import { createAccount, listAccounts, setPassword, getAccount } from '../accounts/repository.js';
import { ensureCollege, listColleges } from '../colleges/repository.js';
import {
  archiveContact,
  createContact,
  getContact,
  listContacts,
  listProvinces,
  regionOfProvince,
  listRegions,
  regionWebhookKey,
  setRegionWebhookKey,
  updateContact,
  type Contact,
} from '../contacts/repository.js';
import { collegeDestinations } from '../groups/repository.js';
import { digestRoute } from '../reports/digest-delivery.js';
import { archiveExam, createExam, listExams } from '../exams/repository.js';
import { assertRegionAccess, requireRole } from '../http/auth.js';
import { badRequest, conflict, notFound } from '../http/errors.js';
import { parse } from '../http/middleware.js';
import type { Services } from '../services.js';

const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-\s]{5,20}$/, '电话号码格式不正确')
  .nullable();
const id = z.coerce.number().int().positive();
/** A WeCom user id, WeChat id or webhook key; empty or null clears it. */
const externalId = z
  .string()
  .trim()
  .max(128)
  .regex(/^[\w@.\-:]*$/, '只能包含字母、数字和 _ - . @ :')
  .nullable()
  .transform((s) => (s ? s : null));

/**
 * Console endpoints for the directory: contacts, colleges, exam sessions, accounts.
 * Admins see everything; a region manager sees and edits only its own region.
 * Every edit refreshes the assistant so its answers change at once.
 */
export function adminDirectoryRoutes(services: Services): Router {
  const { db, signer } = services;
  const router = new Router({ prefix: '/api/admin' });
  const staff = requireRole(db, signer, 'admin', 'region_manager');
  const adminOnly = requireRole(db, signer, 'admin');

  const regionOfContact = async (c: Contact) => c.regionCode ?? (await regionOfProvince(db, c.provinceCode));
  const refreshAssistant = async () => {
    services.cache.clear();
    await services.assistant.reload();
  };
  const scopeRegion = (ctx: Context, requested?: string) => {
    const account = ctx.state.account!;
    if (account.role === 'region_manager') {
      assertRegionAccess(account, requested ?? account.regionCode);
      return account.regionCode!;
    }
    return requested;
  };

  router.get('/contacts', staff, async (ctx) => {
    const { region } = parse(z.object({ region: z.string().optional() }), ctx.query);
    const scoped = scopeRegion(ctx, region);
    const provinces = await listProvinces(db);
    const regionOf = new Map(provinces.map((p) => [p.code, p.regionCode]));
    const contacts = (await listContacts(db)).map((c) => ({ ...c, region: c.regionCode ?? regionOf.get(c.provinceCode ?? '') ?? null }));
    ctx.body = { contacts: scoped ? contacts.filter((c) => c.region === scoped) : contacts, provinces };
  });

  router.patch('/contacts/:id', staff, async (ctx) => {
    const contactId = parse(id, ctx.params.id);
    const patch = parse(
      z.object({ name: z.string().trim().min(1).max(40).optional(), phone: phone.optional(), wecomUserId: externalId.optional(), wechatId: externalId.optional() }),
      ctx.request.body,
    );
    const existing = await getContact(db, contactId);
    if (!existing) throw notFound('联系人不存在');
    assertRegionAccess(ctx.state.account, await regionOfContact(existing));
    const updated = await updateContact(db, contactId, patch);
    await refreshAssistant();
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
    if (body.role === 'province_lead' && !body.provinceCode) throw badRequest('省区负责人需要指定省份');
    if (body.role === 'region_manager' && !body.regionCode) throw badRequest('区域管家需要指定区域');
    const region = body.regionCode ?? (await regionOfProvince(db, body.provinceCode));
    if (!region) throw badRequest('省份或区域不存在');
    assertRegionAccess(ctx.state.account, region);
    const contact = await createContact(db, { ...body, source: `管理后台录入（${ctx.state.account!.username ?? ctx.state.account!.id}）` });
    await refreshAssistant();
    ctx.status = 201;
    ctx.body = { contact };
  });

  router.delete('/contacts/:id', staff, async (ctx) => {
    const contactId = parse(id, ctx.params.id);
    const existing = await getContact(db, contactId);
    if (!existing) throw notFound('联系人不存在');
    assertRegionAccess(ctx.state.account, await regionOfContact(existing));
    await archiveContact(db, contactId);
    await refreshAssistant();
    ctx.body = { ok: true };
  });

  /** Each region's digest destinations: the robot webhook key (for DIGEST_CHANNEL=wecom_robot). */
  router.patch('/regions/:code', staff, async (ctx) => {
    const code = parse(z.string().max(20), ctx.params.code);
    const body = parse(z.object({ digestWebhookKey: externalId }), ctx.request.body);
    assertRegionAccess(ctx.state.account, code);
    if (!(await setRegionWebhookKey(db, code, body.digestWebhookKey))) throw notFound('区域不存在');
    ctx.body = { region: { code, digestWebhookKey: body.digestWebhookKey } };
  });

  /**
   * Where everything goes, for the console: each region's digest route (webhook key, managers'
   * ids, what is missing) and each college's destinations; colleges nothing can reach are counted.
   */
  router.get('/destinations', staff, async (ctx) => {
    const { region } = parse(z.object({ region: z.string().optional() }), ctx.query);
    const scoped = scopeRegion(ctx, region || undefined);
    const regions = (await listRegions(db)).filter((r) => !scoped || r.code === scoped);
    const colleges = await collegeDestinations(db, scoped);
    ctx.body = {
      digestChannel: services.config.DIGEST_CHANNEL,
      regions: await Promise.all(
        regions.map(async (r) => {
          const route = await digestRoute(db, r.code, services.config.DIGEST_CHANNEL);
          return { code: r.code, name: r.name, digestWebhookKey: await regionWebhookKey(db, r.code), digestTo: route.deliveries.map((d) => d.to), missing: route.missing };
        }),
      ),
      colleges,
      unreachable: colleges.filter((c) => !c.groups.length).length,
    };
  });

  router.get('/colleges', staff, async (ctx) => {
    const scoped = scopeRegion(ctx, undefined);
    const provinces = await listProvinces(db);
    const regionOf = new Map(provinces.map((p) => [p.code, p.regionCode]));
    const colleges = await listColleges(db);
    ctx.body = { colleges: scoped ? colleges.filter((c) => regionOf.get(c.provinceCode) === scoped) : colleges };
  });

  router.post('/colleges', staff, async (ctx) => {
    const body = parse(z.object({ name: z.string().trim().min(2).max(80), provinceCode: z.string() }), ctx.request.body);
    const region = await regionOfProvince(db, body.provinceCode);
    if (!region) throw badRequest('省份不存在');
    assertRegionAccess(ctx.state.account, region);
    const college = await ensureCollege(db, body.name, body.provinceCode);
    await refreshAssistant();
    ctx.status = 201;
    ctx.body = { college };
  });

  router.get('/exams', staff, async (ctx) => {
    ctx.body = { exams: await listExams(db) };
  });

  router.post('/exams', adminOnly, async (ctx) => {
    const body = parse(
      z.object({
        year: z.number().int().min(2019).max(2100),
        month: z.number().int().min(1).max(12),
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
        title: z.string().max(80).optional(),
        note: z.string().max(500).optional(),
        source: z.string().trim().min(2).max(200),
      }),
      ctx.request.body,
    );
    if (body.date && (Number(body.date.slice(0, 4)) !== body.year || Number(body.date.slice(5, 7)) !== body.month)) {
      throw badRequest('日期与年份、月份不一致');
    }
    const exam = await createExam(db, body);
    await refreshAssistant();
    ctx.status = 201;
    ctx.body = { exam };
  });

  router.delete('/exams/:id', adminOnly, async (ctx) => {
    if (!(await archiveExam(db, parse(id, ctx.params.id)))) throw notFound('考试安排不存在');
    await refreshAssistant();
    ctx.body = { ok: true };
  });

  router.get('/accounts', adminOnly, async (ctx) => {
    ctx.body = { accounts: await listAccounts(db) };
  });

  router.post('/accounts', adminOnly, async (ctx) => {
    const body = parse(
      z.object({
        username: z.string().trim().regex(/^[\w.-]{3,32}$/, '用户名为3-32位字母、数字或 . _ -'),
        displayName: z.string().trim().max(40).optional(),
        password: z.string().min(8, '密码至少8位').max(128),
        role: z.enum(['admin', 'region_manager']),
        regionCode: z.string().optional(),
      }),
      ctx.request.body,
    );
    if (body.role === 'region_manager' && !body.regionCode) throw badRequest('区域管家账号需要指定区域');
    try {
      const account = await createAccount(db, {
        role: body.role,
        username: body.username,
        displayName: body.displayName ?? null,
        passwordHash: await hashPassword(body.password),
        regionCode: body.role === 'region_manager' ? body.regionCode : null,
      });
      ctx.status = 201;
      ctx.body = { account };
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw conflict('用户名已存在');
      if ((err as { code?: string }).code === '23503') throw badRequest('区域不存在');
      throw err;
    }
  });

  router.post('/accounts/:id/password', staff, async (ctx) => {
    const accountId = parse(id, ctx.params.id);
    const { password } = parse(z.object({ password: z.string().min(8, '密码至少8位').max(128) }), ctx.request.body);
    const me = ctx.state.account!;
    if (me.role !== 'admin' && me.id !== accountId) throw notFound('账号不存在');
    if (!(await getAccount(db, accountId))) throw notFound('账号不存在');
    await setPassword(db, accountId, await hashPassword(password));
    ctx.body = { ok: true };
  });

  return router;
}
