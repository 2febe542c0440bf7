import Router from '@koa/router';
import type { MiniappSettings, MyQuestion } from '../contract.js';
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

/** The mini-program's endpoints: login, redeeming a bind code, 找人 lookup, 我的提问, the college contact's report. Issuing codes: admin-bind-codes.ts. */
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

  return router;
}
