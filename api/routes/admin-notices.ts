import Router from '@koa/router';
import { z } from 'zod';
import { auditChange } from '../audit/record.js';
import { listDeliveries } from '../delivery/repository.js';
import { requireRole } from '../http/auth.js';
import { notFound } from '../http/errors.js';
import { id } from '../http/fields.js';
import { parse } from '../http/middleware.js';
import { ownRegion } from '../http/scope.js';
import { getNotice, listNotices } from '../notices/repository.js';
import { checkTargetScope, createNotice, noticeInRegion, previewNotice, publishNow, withdrawNotice } from '../notices/service.js';
import type { Services } from '../services.js';

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

/** Console: writing, previewing, publishing and withdrawing notices, and each notice's deliveries (a region manager: its own region's). */
export function adminNoticeRoutes(services: Pick<Services, 'db' | 'signer' | 'clock' | 'config'>): Router {
  const { db, signer, clock, config } = services;
  const router = new Router({ prefix: '/api' });
  const staff = requireRole(db, signer, 'admin', 'region_manager');
  const ctxFor = () => ({ db, templateId: config.MINIAPP_NOTICE_TEMPLATE_ID, timeZone: config.TIMEZONE });

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

  return router;
}
