import Router from '@koa/router';
import type { PublicNotice } from '../../shared/types.js';
import { z } from 'zod';
import type { Context } from 'koa';
import { localDate } from '../clock.js';
import { findProvince, regionOfProvince } from '../contacts/repository.js';
import { optionalAccount, requireRole } from '../http/auth.js';
import { accountProvince } from '../miniapp/repository.js';
import { badRequest, notFound } from '../http/errors.js';
import { parse } from '../http/middleware.js';
import { getNotice, getNoticeFor, listNotices, listNoticesFor, type Notice, type NoticeAudience } from '../notices/repository.js';
import { addSubscription } from '../miniapp/repository.js';
import { checkTargetScope, createNotice, previewNotice, publishNow, withdrawNotice } from '../notices/service.js';
import type { Services } from '../services.js';
import { auditChange } from '../audit/record.js';
import { noticeInRegion } from '../notices/service.js';
import { ownRegion } from '../http/scope.js';
import { listDeliveries, retryDelivery } from '../delivery/repository.js';

const id = z.coerce.number().int().positive();
/** Idempotency-Key header or idempotencyKey field: the client's name for one publishing (a UUID). */
const idempotencyKey = z.string().regex(/^[\w.:-]{8,128}$/, '幂等键应为 8–128 位字母、数字或 . : - _');
const target = z
  .object({
    all: z.boolean().optional(),
    regions: z.array(z.string().max(20)).max(10).optional(),
    provinces: z.array(z.string().regex(/^\d{2}$/)).max(40).optional(),
    groups: z.array(z.number().int().positive()).max(1000).optional(),
    miniapp: z.boolean().optional(),
  })
  .strict();

const noticeBody = z.object({
  title: z.string().trim().min(1, '请填写标题').max(80),
  body: z.string().trim().min(1, '请填写内容').max(2000),
  target,
  publishAt: z.string().datetime({ offset: true }).optional(),
  draft: z.boolean().optional(),
});

/** Notices: public reading (mini-program, bot), console publishing and delivery status. */
export function noticeRoutes(services: Services): Router {
  const { db, signer, clock, config } = services;
  const router = new Router({ prefix: '/api' });
  const staff = requireRole(db, signer, 'admin', 'region_manager');
  const miniappUser = requireRole(db, signer, 'student', 'college_contact');
  const ctxFor = () => ({ db, templateId: config.MINIAPP_NOTICE_TEMPLATE_ID, timeZone: config.TIMEZONE });

  /**
   * Who is reading: a signed-in mini-program user's province (chosen, or their college's), else
   * `?province=` (code or name). Without one, only notices for everyone are shown.
   */
  const reader = optionalAccount(db, signer, 'student', 'college_contact');
  const audienceOf = async (ctx: Context): Promise<NoticeAudience> => {
    const { province } = parse(z.object({ province: z.string().trim().max(40).optional() }), ctx.query);
    const account = ctx.state.account;
    const code = account ? await accountProvince(db, account.id) : province ? ((await findProvince(db, province))?.code ?? (/^\d{2}$/.test(province) ? province : null)) : null;
    return { provinceCode: code, regionCode: (await regionOfProvince(db, code)) ?? null, miniapp: !!account || ctx.get('x-client') === 'miniapp' };
  };
  const publicNotice = ({ target: _t, authorId: _a, ...n }: Notice): PublicNotice => ({ ...n, date: n.publishedAt ? localDate(config.TIMEZONE, new Date(n.publishedAt)) : null });

  router.get('/notices', reader, async (ctx) => {
    const { limit } = parse(z.object({ limit: z.coerce.number().int().min(1).max(50).default(20) }), { limit: ctx.query.limit });
    ctx.body = { notices: (await listNoticesFor(db, await audienceOf(ctx), limit)).map(publicNotice) };
  });

  router.get('/notices/:id', reader, async (ctx) => {
    const notice = await getNoticeFor(db, parse(id, ctx.params.id), await audienceOf(ctx));
    if (!notice) throw notFound('通知不存在或已撤回');
    ctx.body = { notice: publicNotice(notice) };
  });

  router.post('/notices/subscriptions', miniappUser, async (ctx) => {
    const { templateId } = parse(z.object({ templateId: z.string().min(1).max(128) }), ctx.request.body);
    const known = [config.MINIAPP_NOTICE_TEMPLATE_ID, config.MINIAPP_ANSWER_TEMPLATE_ID].filter(Boolean);
    if (known.length && !known.includes(templateId)) throw badRequest('未知的订阅模板');
    ctx.body = { remaining: await addSubscription(db, ctx.state.account!.id, templateId) };
  });

  router.get('/admin/notices', staff, async (ctx) => {
    const own = ownRegion(ctx.state.account);
    const notices = await listNotices(db, { limit: 100 });
    ctx.body = { notices: own ? await noticeInRegion(db, own, notices) : notices };
  });

  router.post('/admin/notices', staff, async (ctx) => {
    const body = parse(noticeBody.extend({ idempotencyKey: idempotencyKey.optional() }), ctx.request.body);
    const key = ctx.get('idempotency-key') ? parse(idempotencyKey, ctx.get('idempotency-key')) : body.idempotencyKey;
    const { replayed, ...notice } = await createNotice(
      ctxFor(),
      { ...body, publishAt: body.publishAt ? new Date(body.publishAt) : undefined, idempotencyKey: key },
      ctx.state.account!,
      clock(),
    );
    if (replayed) ctx.set('Idempotent-Replayed', 'true');
    else await auditChange(db, ctx, { action: 'notice.create', entity: 'notice', entityId: notice.id, after: notice });
    ctx.status = replayed ? 200 : 201;
    ctx.body = { notice };
  });

  /** What publishing would send: the text and the number of recipients (the console confirms with it). */
  router.post('/admin/notices/preview', staff, async (ctx) => {
    const body = parse(noticeBody, ctx.request.body);
    ctx.body = { preview: await previewNotice(ctxFor(), body, ctx.state.account!) };
  });

  /** Publish a draft (or a scheduled notice now); also what completes a notice left unpublished by a crash. */
  router.post('/admin/notices/:id/publish', staff, async (ctx) => {
    const notice = await publishNow(ctxFor(), parse(id, ctx.params.id), ctx.state.account!, clock());
    await auditChange(db, ctx, { action: 'notice.publish', entity: 'notice', entityId: notice.id, after: { status: notice.status } });
    ctx.body = { notice };
  });

  router.post('/admin/notices/:id/withdraw', staff, async (ctx) => {
    const notice = await withdrawNotice(db, parse(id, ctx.params.id), ctx.state.account!);
    await auditChange(db, ctx, { action: 'notice.withdraw', entity: 'notice', entityId: notice.id, after: { status: notice.status } });
    ctx.body = { notice };
  });

  router.get('/admin/notices/:id/deliveries', staff, async (ctx) => {
    const notice = await getNotice(db, parse(id, ctx.params.id));
    if (!notice) throw notFound('通知不存在');
    await checkTargetScope(db, ctx.state.account!, notice.target);
    ctx.body = { notice, deliveries: await listDeliveries(db, { noticeId: notice.id }) };
  });

  router.get('/admin/deliveries', requireRole(db, signer, 'admin'), async (ctx) => {
    const { status } = parse(z.object({ status: z.enum(['queued', 'sending', 'sent', 'failed', 'unknown']).optional() }), ctx.query);
    ctx.body = { deliveries: await listDeliveries(db, { status, limit: 200 }) };
  });

  router.post('/admin/deliveries/:id/retry', requireRole(db, signer, 'admin'), async (ctx) => {
    if (!(await retryDelivery(db, parse(id, ctx.params.id), clock()))) throw notFound('没有可重试的失败或结果未知的投递');
    await auditChange(db, ctx, { action: 'delivery.retry', entity: 'delivery', entityId: ctx.params.id });
    ctx.body = { ok: true };
  });

  return router;
}
