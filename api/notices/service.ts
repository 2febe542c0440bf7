import { textParts } from '../wecom/client.js';
import type { Db } from '../db/index.js';
import type { Account } from '../accounts/repository.js';
import { createHash } from 'node:crypto';
import { localDate } from '../clock.js';
import { GROUP_DELIVERY_CHANNEL, enqueueDeliveries, type NewDelivery } from '../delivery/outbox.js';
import { AppError, forbidden, badRequest, notFound, conflict } from '../http/errors.js';
import { regionOfProvince } from '../contacts/repository.js';
import { dueScheduledNotices, getNotice, insertNoticeOnce, markPublished, markWithdrawn, targetGroups, type Notice, type NoticeStatus, type NoticeTarget } from './repository.js';
import { countSubscribers, takeSubscribers } from '../miniapp/repository.js';
import { regionsOfGroups } from '../groups/repository.js';
import { ownRegion } from '../http/scope.js';

/**
 * Publishing notices: one outbox row per destination, queued in the same transaction that
 * marks the notice published, so a notice is never half-published and never published twice.
 */

export interface NoticeContext {
  db: Db;
  templateId?: string;
  /** TIMEZONE: the date shown in the subscribe message is the local one. */
  timeZone?: string;
}

export function noticeText(n: { title: string; body: string }): string {
  return `【通知】${n.title}\n${n.body}`;
}

const OWN_REGION_ONLY = '区域管家只能向本区域发送通知';

/** Who may target what (the policy of api/http/scope.ts): admins anything; a region manager only its own region's provinces and groups. */
export async function checkTargetScope(db: Db, account: Account, target: NoticeTarget): Promise<void> {
  if (!target.all && !target.regions?.length && !target.provinces?.length && !target.groups?.length && !target.miniapp) {
    throw badRequest('请选择通知对象');
  }
  const own = ownRegion(account);
  if (own === undefined) return;
  if (target.all || target.miniapp) throw forbidden(OWN_REGION_ONLY);
  if (target.regions?.some((r) => r !== own)) throw forbidden(OWN_REGION_ONLY);
  for (const p of target.provinces ?? []) if ((await regionOfProvince(db, p)) !== own) throw forbidden(OWN_REGION_ONLY);
  if (target.groups?.length) {
    const regions = await regionsOfGroups(db, target.groups);
    if (regions.length !== target.groups.length || regions.some((r) => r !== own)) throw forbidden(OWN_REGION_ONLY);
  }
}

/** The notices a region manager may see: those whose whole target lies in its region (what it could have sent). */
export async function noticeInRegion(db: Db, region: string, notices: Notice[]): Promise<Notice[]> {
  const asManager = { role: 'region_manager', regionCode: region } as Account;
  const visible: Notice[] = [];
  for (const n of notices) {
    try {
      await checkTargetScope(db, asManager, n.target);
      visible.push(n);
    } catch {
      // another region's or a national notice
    }
  }
  return visible;
}

/**
 * Create (and, unless a draft or scheduled, publish) a notice. With an idempotency key, a repeat
 * of the same request by the same author (a double click, a retry after a lost answer) returns
 * the first notice (`replayed: true`) and publishes nothing more; a repeat whose notice is still
 * unpublished (the first request stopped half-way) completes the publishing. The same key with
 * a different notice is refused.
 */
export async function createNotice(
  ctx: NoticeContext,
  input: { title: string; body: string; target: NoticeTarget; publishAt?: Date; draft?: boolean; idempotencyKey?: string },
  author: Account,
  now: Date,
): Promise<Notice & { replayed?: boolean }> {
  await checkTargetScope(ctx.db, author, input.target);
  const scheduled = input.publishAt && input.publishAt.getTime() > now.getTime();
  const fields = {
    title: input.title,
    body: input.body,
    target: input.target,
    status: (input.draft ? 'draft' : scheduled ? 'scheduled' : 'draft') as NoticeStatus,
    publishAt: input.publishAt ?? null,
    authorId: author.id,
  };
  let notice: Notice;
  let replayed = false;
  // Without a key, the same content from the same author within the same ten minutes is the same
  // request (a double click on a form that sends no key); a re-post later is a new notice.
  const key = input.idempotencyKey ?? `content:${contentHash(input)}:${Math.floor(now.getTime() / REPEAT_WINDOW_MS)}`;
  {
    const once = await insertNoticeOnce(ctx.db, { ...fields, idempotencyKey: key });
    notice = once.notice;
    replayed = !once.created;
    if (replayed && (notice.title !== input.title || notice.body !== input.body || canonicalTarget(notice.target) !== canonicalTarget(input.target))) {
      throw new AppError(422, 'idempotency_key_reused', '该幂等键已用于另一条通知');
    }
  }
  if (input.draft || scheduled || notice.status !== 'draft') return replayed ? { ...notice, replayed } : notice;
  const published = (await publishNotice(ctx, notice.id, now)) ?? (await getNotice(ctx.db, notice.id)) ?? notice;
  return replayed ? { ...published, replayed } : published;
}

/** How long identical content without an idempotency key counts as the same request. */
const REPEAT_WINDOW_MS = 10 * 60_000;

function contentHash(n: { title: string; body: string; target: NoticeTarget; publishAt?: Date; draft?: boolean }): string {
  return createHash('sha256')
    .update(JSON.stringify([n.title, n.body, canonicalTarget(n.target), n.publishAt?.toISOString() ?? null, !!n.draft]))
    .digest('hex')
    .slice(0, 32);
}

/** What publishing would send, for the console's preview: the text and how many recipients. */
export async function previewNotice(
  ctx: NoticeContext,
  input: { title: string; body: string; target: NoticeTarget },
  author: Account,
): Promise<{ text: string; groups: number; groupNames: string[]; miniappSubscribers: number; total: number; bytes: number; parts: number }> {
  await checkTargetScope(ctx.db, author, input.target);
  const groups = await targetGroups(ctx.db, input.target);
  const miniappSubscribers = (input.target.miniapp || input.target.all) && ctx.templateId ? await countSubscribers(ctx.db, ctx.templateId) : 0;
  const text = noticeText(input);
  return {
    text,
    // WeCom takes 2,048 bytes per message: a longer notice goes to the groups in numbered parts.
    bytes: Buffer.byteLength(text),
    parts: textParts(text).length,
    groups: groups.length,
    groupNames: groups.slice(0, 20).map((g) => g.name ?? g.external_id),
    miniappSubscribers,
    total: groups.length + miniappSubscribers,
  };
}

/** Publish a draft (or a scheduled notice, early) now, after the author's scope is checked. */
export async function publishNow(ctx: NoticeContext, id: number, account: Account, now: Date): Promise<Notice> {
  const existing = await getNotice(ctx.db, id);
  if (!existing) throw notFound('通知不存在');
  await checkTargetScope(ctx.db, account, existing.target);
  const published = await publishNotice(ctx, id, now);
  if (!published) throw conflict(existing.status === 'published' ? '通知已经发布过了' : '已撤回的通知不能发布');
  return published;
}

const canonicalTarget = (t: NoticeTarget) =>
  JSON.stringify({ all: !!t.all, regions: t.regions ?? [], provinces: t.provinces ?? [], groups: t.groups ?? [], miniapp: !!t.miniapp });

/** Publish a draft or scheduled notice now; undefined when it was not publishable (already done, withdrawn). */
export async function publishNotice(ctx: NoticeContext, id: number, now: Date): Promise<Notice | undefined> {
  return ctx.db.transaction(async (tx) => {
    const notice = await markPublished(tx, id, now);
    if (!notice) return undefined;
    const items = await destinations(tx, notice, ctx.templateId, ctx.timeZone ?? 'Asia/Shanghai');
    await enqueueDeliveries(tx, items.map((d) => ({ ...d, notBefore: now })));
    return notice;
  });
}

export async function withdrawNotice(db: Db, id: number, account: Account): Promise<Notice> {
  const existing = await getNotice(db, id);
  if (!existing) throw notFound('通知不存在');
  await checkTargetScope(db, account, existing.target);
  const withdrawn = await markWithdrawn(db, id);
  if (!withdrawn) throw conflict('已发布的通知无法撤回');
  return withdrawn;
}

/** Publish every scheduled notice whose time has come (each exactly once). */
export async function publishDue(ctx: NoticeContext, now: Date): Promise<number> {
  let published = 0;
  for (const id of await dueScheduledNotices(ctx.db, now)) if (await publishNotice(ctx, id, now)) published++;
  return published;
}

async function destinations(db: Db, notice: Notice, templateId: string | undefined, timeZone: string): Promise<NewDelivery[]> {
  const t = notice.target;
  const groups = await targetGroups(db, t);
  const text = noticeText(notice);
  const out: NewDelivery[] = groups.map((g) => ({ noticeId: notice.id, channel: GROUP_DELIVERY_CHANNEL[g.channel], destination: g.external_id, payload: { text } }));
  if ((t.miniapp || t.all) && templateId) {
    // One-time subscriptions: each acceptance allows one message, so take one as we queue it.
    for (const openid of await takeSubscribers(db, templateId)) {
      out.push({
        noticeId: notice.id,
        channel: 'miniapp_subscribe',
        destination: openid,
        payload: { templateId, page: `pages/notice-detail/index?id=${notice.id}`, data: { thing1: { value: notice.title.slice(0, 20) }, time2: { value: notice.publishedAt ? localDate(timeZone, new Date(notice.publishedAt)) : '' } } },
      });
    }
  }
  return out;
}
