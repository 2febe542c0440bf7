import Router from '@koa/router';
import type { MiniappSettings, MyQuestion } from '../../shared/types.js';
import { z } from 'zod';
import { ensureCollege, getCollege, findCollege } from '../colleges/repository.js';
import { contactsForProvince, findProvince, getProvince, regionOfProvince } from '../contacts/repository.js';
import { requireRole } from '../http/auth.js';
import { assertRegion, regionFilter, regionOfProvinceInScope } from '../http/scope.js';
import { auditChange } from '../audit/record.js';
import { badRequest, conflict, notFound } from '../http/errors.js';
import { parse } from '../http/middleware.js';
import { accountProvince, bindCodeRegion, revokeBindCode, setAccountProvince } from '../miniapp/repository.js';
import { questionsOfAccount } from '../questions/repository.js';
import { issueBindCode, listBindCodes, miniappLogin, redeemBindCode } from '../miniapp/service.js';
import { findReport } from '../reports/repository.js';
import { calendarOf, submitReport } from '../reports/service.js';
import type { Services } from '../services.js';
import { reportBody, type ReportBody } from '../reports/schema.js';

/** The mini-program's endpoints: login, bind codes, 找人 lookup, the college contact's report. */
export function miniappRoutes(services: Services): Router {
  const { db, signer, clock } = services;
  const router = new Router({ prefix: '/api' });
  const anyUser = requireRole(db, signer, 'student', 'college_contact');
  const contact = requireRole(db, signer, 'college_contact');

  router.post('/miniapp/login', async (ctx) => {
    const { code } = parse(z.object({ code: z.string().trim().min(1).max(128) }), ctx.request.body);
    ctx.body = await miniappLogin(services, code);
  });

  router.post('/miniapp/bind', anyUser, async (ctx) => {
    const { bindCode } = parse(z.object({ bindCode: z.string().trim().min(4).max(16) }), ctx.request.body);
    const result = await redeemBindCode(services, ctx.state.account!, bindCode);
    const college = await getCollege(db, result.account.collegeId!);
    ctx.body = { ...result, college };
  });

  /** What the mini-program needs from the server's settings: the subscribe-message templates ('' when not set). */
  router.get('/miniapp/settings', (ctx) => {
    const settings: MiniappSettings = { noticeTemplateId: services.config.MINIAPP_NOTICE_TEMPLATE_ID ?? '', answerTemplateId: services.config.MINIAPP_ANSWER_TEMPLATE_ID ?? '' };
    ctx.body = settings;
  });

  /** 找人: a province, city or college name → the province's leads and the region's 区域管家. */
  router.get('/miniapp/lookup', async (ctx) => {
    const { q } = parse(z.object({ q: z.string().trim().min(1).max(40) }), ctx.query);
    const resolved = services.assistant.resolveProvince(q);
    const province = (await findProvince(db, q)) ?? (resolved ? await getProvince(db, resolved) : undefined);
    if (!province) throw notFound(`没有找到“${q}”对应的省份。可以输入省份、城市或学校名称，例如“山东”“济南”。（不含香港、澳门、台湾）`);
    const college = await findCollege(db, q);
    ctx.body = { ...(await contactsForProvince(db, province)), college: college ?? null };
  });

  /** The user's province (students choose it; it decides which notices they see and who answers their questions). */
  router.get('/miniapp/profile', anyUser, async (ctx) => {
    const code = await accountProvince(db, ctx.state.account!.id);
    ctx.body = { provinceCode: code, province: code ? ((await getProvince(db, code)) ?? null) : null };
  });

  router.post('/miniapp/profile', anyUser, async (ctx) => {
    const { province } = parse(z.object({ province: z.string().trim().min(1).max(40).nullable() }), ctx.request.body);
    const found = province ? ((await findProvince(db, province)) ?? (await getProvince(db, province))) : undefined;
    if (province && !found) throw badRequest(`没有找到省份“${province}”（不含香港、澳门、台湾）`);
    await setAccountProvince(db, ctx.state.account!.id, found?.code ?? null);
    ctx.body = { provinceCode: found?.code ?? null, province: found ?? null };
  });

  /** 我的提问: the user's questions, with the staff answer once there is one. */
  router.get('/miniapp/questions', anyUser, async (ctx) => {
    const questions = await questionsOfAccount(db, ctx.state.account!.id);
    ctx.body = {
      questions: questions.map((q): MyQuestion => ({ id: q.id, question: q.question, reply: q.reply, answer: q.answer, status: q.status === 'open' ? 'waiting' : q.answer ? 'answered' : 'done', createdAt: q.createdAt })),
    };
  });

  router.get('/miniapp/reports/current', contact, async (ctx) => {
    const account = ctx.state.account!;
    const calendar = calendarOf(services);
    const current = calendar.current(clock());
    const previous = calendar.previous(current);
    ctx.body = {
      college: await getCollege(db, account.collegeId!),
      current: { period: current, report: (await findReport(db, account.collegeId!, current.id)) ?? null },
      previous: { period: previous, report: (await findReport(db, account.collegeId!, previous.id)) ?? null },
    };
  });

  router.post('/miniapp/reports', contact, async (ctx) => {
    const body = parse(reportBody, ctx.request.body) as ReportBody;
    const account = ctx.state.account!;
    const { report, updated, period } = await submitReport(services, { ...body, collegeId: account.collegeId!, channel: 'miniapp', submittedBy: `miniapp:${account.id}` });
    ctx.status = updated ? 200 : 201;
    ctx.body = { report, updated, period };
  });

  router.get('/admin/bind-codes', requireRole(db, signer, 'admin', 'region_manager'), async (ctx) => {
    ctx.body = { bindCodes: await listBindCodes(db, regionFilter(ctx.state.account)) };
  });

  router.post('/admin/bind-codes', requireRole(db, signer, 'admin', 'region_manager'), async (ctx) => {
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
  router.delete('/admin/bind-codes/:code', requireRole(db, signer, 'admin', 'region_manager'), async (ctx) => {
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
