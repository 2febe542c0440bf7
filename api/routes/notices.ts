import Router from '@koa/router';
import type { PublicNotice } from '../contract.js';
import { z } from 'zod';
import type { Context } from 'koa';
import { localDate } from '../clock.js';
import { findProvince, regionOfProvince } from '../contacts/repository.js';
import { optionalAccount, requireRole } from '../http/auth.js';
import { accountProvince } from '../miniapp/repository.js';
import { badRequest, notFound } from '../http/errors.js';
import { id } from '../http/fields.js';
import { parse } from '../http/middleware.js';
import { getNoticeFor, listNoticesFor, type Notice, type NoticeAudience } from '../notices/repository.js';
import { addSubscription } from '../miniapp/repository.js';
import type { Services } from '../services.js';

/** Notices as readers see them (mini-program, public API), and the mini-program's subscriptions. Console: admin-notices.ts. */
export function noticeRoutes(services: Pick<Services, 'db' | 'signer' | 'config'>): Router {
  const { db, signer, config } = services;
  const router = new Router({ prefix: '/api' });
  const miniappUser = requireRole(db, signer, 'student', 'college_contact');

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

  return router;
}
