import Router from '@koa/router';
import { z } from 'zod';
import { hashPassword } from '../accounts/passwords.js';
import { passwordProblem } from '../accounts/password-policy.js';
import { auditChange } from '../audit/record.js';
import { createAccount, listAccounts, setPassword, getAccount } from '../accounts/repository.js';
import { ensureCollege, listColleges } from '../colleges/repository.js';
import {
  archiveContact,
  createContact,
  getContact,
  listContacts,
  listProvinces,
  listRegions,
  regionOfContact,
  regionWebhookKey,
  setRegionWebhookKey,
  updateContact,
} from '../contacts/repository.js';
import { collegeDestinations } from '../groups/repository.js';
import { digestRoute } from '../reports/digest-delivery.js';
import { archiveExam, createExam, listExams } from '../exams/repository.js';
import { requireRole } from '../http/auth.js';
import { AppError, badRequest, conflict, notFound } from '../http/errors.js';
import { parse } from '../http/middleware.js';
import { assertRegion, inScope, isAdmin, regionFilter, regionOfProvinceInScope } from '../http/scope.js';
import type { Services } from '../services.js';
import { newPassword } from './auth.js';

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

  const refreshAssistant = async () => {
    services.cache.clear();
    await services.assistant.reload();
  };

  router.get('/contacts', staff, async (ctx) => {
    const { region } = parse(z.object({ region: z.string().optional() }), ctx.query);
    const scoped = regionFilter(ctx.state.account, region);
    const provinces = await listProvinces(db);
    const regionOf = new Map(provinces.map((p) => [p.code, p.regionCode]));
    // A province lead belongs to its province's region, whatever region_code the row carries.
    const contacts = (await listContacts(db)).map((c) => ({ ...c, region: (c.role === 'province_lead' ? regionOf.get(c.provinceCode ?? '') : c.regionCode) ?? null }));
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
    assertRegion(ctx.state.account, await regionOfContact(db, existing));
    const updated = await updateContact(db, contactId, patch);
    await auditChange(db, ctx, { action: 'contact.update', entity: 'contact', entityId: contactId, before: existing, after: updated });
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
    await refreshAssistant();
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
    await refreshAssistant();
    ctx.body = { ok: true };
  });

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
    const { region } = parse(z.object({ region: z.string().optional() }), ctx.query);
    const scoped = regionFilter(ctx.state.account, region || undefined);
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
    const provinces = await listProvinces(db);
    const regionOf = new Map(provinces.map((p) => [p.code, p.regionCode]));
    const colleges = await listColleges(db);
    ctx.body = { colleges: colleges.filter((c) => inScope(ctx.state.account, regionOf.get(c.provinceCode))) };
  });

  router.post('/colleges', staff, async (ctx) => {
    const body = parse(z.object({ name: z.string().trim().min(2).max(80), provinceCode: z.string() }), ctx.request.body);
    await regionOfProvinceInScope(db, ctx.state.account, body.provinceCode);
    const college = await ensureCollege(db, body.name, body.provinceCode);
    await auditChange(db, ctx, { action: 'college.create', entity: 'college', entityId: college.id, after: college });
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
    await auditChange(db, ctx, { action: 'exam.create', entity: 'exam', entityId: exam.id, after: exam });
    await refreshAssistant();
    ctx.status = 201;
    ctx.body = { exam };
  });

  router.delete('/exams/:id', adminOnly, async (ctx) => {
    const examId = parse(id, ctx.params.id);
    if (!(await archiveExam(db, examId))) throw notFound('考试安排不存在');
    await auditChange(db, ctx, { action: 'exam.archive', entity: 'exam', entityId: examId });
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
        password: newPassword,
        role: z.enum(['admin', 'region_manager']),
        regionCode: z.string().optional(),
      }),
      ctx.request.body,
    );
    if (body.role === 'region_manager' && !body.regionCode) throw badRequest('区域管家账号需要指定区域');
    const weak = passwordProblem(body.password, body.username);
    if (weak) throw new AppError(400, 'weak_password', weak);
    try {
      const account = await createAccount(db, {
        role: body.role,
        username: body.username,
        displayName: body.displayName ?? null,
        passwordHash: await hashPassword(body.password),
        regionCode: body.role === 'region_manager' ? body.regionCode : null,
      });
      await auditChange(db, ctx, { action: 'account.create', entity: 'account', entityId: account.id, after: account });
      ctx.status = 201;
      ctx.body = { account };
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw conflict('用户名已存在');
      if ((err as { code?: string }).code === '23503') throw badRequest('区域不存在');
      throw err;
    }
  });

  /**
   * An admin sets another account's password (a forgotten one). One's own password is changed at
   * POST /api/auth/password, which asks for the current one — a stolen session cannot.
   */
  router.post('/accounts/:id/password', adminOnly, async (ctx) => {
    const accountId = parse(id, ctx.params.id);
    const { password } = parse(z.object({ password: newPassword }), ctx.request.body);
    if (ctx.state.account!.id === accountId) throw new AppError(400, 'use_own_password_change', '修改自己的密码请在“修改我的密码”中进行（需要当前密码）');
    const target = await getAccount(db, accountId);
    if (!target) throw notFound('账号不存在');
    const weak = passwordProblem(password, target.username);
    if (weak) throw new AppError(400, 'weak_password', weak);
    await setPassword(db, accountId, await hashPassword(password));
    await auditChange(db, ctx, { action: 'account.password', entity: 'account', entityId: accountId });
    ctx.body = { ok: true };
  });

  return router;
}
