import Router from '@koa/router';
import { z } from 'zod';
import { auditChange } from '../audit/record.js';
import { CHAT_CHANNELS, CHAT_CHANNEL_LABELS, type ChatChannel } from '../chat/identity.js';
import { GROUP_DELIVERY_CHANNEL } from '../delivery/outbox.js';
import { GroupRelinkConflict, boundGroupsOf, getGroup, relinkGroup } from '../groups/repository.js';
import { requireRole } from '../http/auth.js';
import { AppError, notFound } from '../http/errors.js';
import { parse } from '../http/middleware.js';
import type { Services } from '../services.js';

/**
 * The console's 渠道 page (admins): each chat channel's state on this instance — connected,
 * waiting for a QR scan (the code drawn as an image), error, last message — with its bound groups;
 * re-link a binding to another group the channel sees (a wechaty room renamed while the bot was
 * logged out), and send a test message to a group. Unbinding is DELETE /api/admin/groups/:id.
 */
const channelParam = z.enum(CHAT_CHANNELS);
const id = z.coerce.number().int().positive();
const TEST_TEXT = '【测试消息】这是1+X联络助手后台发送的测试消息，收到即表示本群可以收到通知和提醒。';

export function adminChannelRoutes(services: Services): Router {
  const { db, signer } = services;
  const router = new Router({ prefix: '/api/admin' });
  const admin = requireRole(db, signer, 'admin');

  router.get('/channels', admin, async (ctx) => {
    ctx.body = {
      channels: await Promise.all(
        CHAT_CHANNELS.map(async (channel) => {
          const s = services.channelStatus.get(channel);
          return {
            channel,
            label: CHAT_CHANNEL_LABELS[channel],
            state: s?.state ?? 'disabled',
            mode: s?.mode ?? null,
            error: s?.error ?? null,
            since: s?.since ?? null,
            lastMessageAt: s?.lastMessageAt ?? null,
            qrImage: s?.state === 'waiting_qr' && s.qr ? await (await import('qrcode')).default.toDataURL(s.qr, { margin: 2, scale: 6 }) : null,
            canRelink: !!services.channelStatus.actionsOf(channel).conversations,
            groups: await boundGroupsOf(db, channel),
          };
        }),
      ),
    };
  });

  router.get('/channels/:channel/conversations', admin, async (ctx) => {
    const list = services.channelStatus.actionsOf(parse(channelParam, ctx.params.channel)).conversations;
    ctx.body = { conversations: list ? await list() : [] };
  });

  router.post('/channels/groups/:id/relink', admin, async (ctx) => {
    const group = await getGroup(db, parse(id, ctx.params.id));
    if (!group || group.channel === 'wecom_robot') throw notFound('群不存在');
    const { externalId } = parse(z.object({ externalId: z.string().trim().min(1).max(256) }), ctx.request.body);
    const list = services.channelStatus.actionsOf(group.channel as ChatChannel).conversations;
    const seen = list ? (await list()).find((c) => c.id === externalId) : undefined;
    if (!seen) throw new AppError(400, 'unknown_conversation', '机器人当前看不到这个群，请确认机器人已登录并在群内');
    try {
      const after = await relinkGroup(db, group.id, externalId, null, seen.name);
      await auditChange(db, ctx, { action: 'group.relink', entity: 'group', entityId: group.id, before: group, after });
      ctx.body = { group: after };
    } catch (err) {
      if (err instanceof GroupRelinkConflict) throw new AppError(409, 'group_taken', '这个群已经绑定了其他学校，请先解除那个绑定');
      throw err;
    }
  });

  router.post('/channels/:channel/test', admin, async (ctx) => {
    const channel = parse(channelParam, ctx.params.channel);
    const { externalId, text } = parse(z.object({ externalId: z.string().trim().min(1).max(256), text: z.string().trim().min(1).max(500).optional() }), ctx.request.body);
    try {
      await services.senders.send(GROUP_DELIVERY_CHANNEL[channel], externalId, { text: text ?? TEST_TEXT });
    } catch (err) {
      throw new AppError(502, 'send_failed', `发送失败：${String((err as Error)?.message ?? err).slice(0, 300)}`);
    }
    await auditChange(db, ctx, { action: 'channel.test', entity: 'group', entityId: null, after: { channel, externalId } });
    ctx.body = { ok: true };
  });

  return router;
}
