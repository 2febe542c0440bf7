import { isConsoleAdminChatIdentity } from '../accounts/repository.js';
import type { Services } from '../services.js';

/**
 * The seam every chat channel shares, defined once: the channel names, which conversation a
 * message belongs to, and who may administer a group.
 */

/** Chat channels (also `chat_groups.channel` and `questions.channel`). */
export const CHAT_CHANNELS = ['wechaty', 'wecom', 'wecom_aibot'] as const;
export type ChatChannel = (typeof CHAT_CHANNELS)[number];

/** How each channel is named to people (console, replies). */
export const CHAT_CHANNEL_LABELS: Record<ChatChannel, string> = {
  wechaty: '微信群（wechaty）',
  wecom: '企业微信自建应用',
  wecom_aibot: '企业微信智能机器人',
};

/** Whose identity a channel's sender ids are: a personal-WeChat id or a WeCom user id. */
const IDENTITY_KIND: Record<ChatChannel, 'wechat' | 'wecom'> = { wechaty: 'wechat', wecom: 'wecom', wecom_aibot: 'wecom' };

export interface Conversation {
  channel: ChatChannel;
  from: { id: string };
  /** Absent in a private chat. */
  group?: { externalId: string };
}

/**
 * The key of the conversation a message belongs to, under which a binding is kept: the group's
 * key, or for a private chat the sender (a WeCom user's 1:1 chat can be bound to a college too).
 */
export function conversationKey(c: Conversation): string {
  return c.group?.externalId ?? c.from.id;
}

/**
 * Staff in chat: an id listed in BOT_ADMIN_IDS, or a console admin / region manager whose WeChat
 * id or WeCom user id is the sender. Only staff may bind a group to a college by its name; anyone
 * else needs a one-time group code issued in the console (see api/groups/commands.ts).
 */
export async function isChatStaff(services: Pick<Services, 'config' | 'db'>, who: { channel: ChatChannel; senderId: string }): Promise<boolean> {
  if (services.config.BOT_ADMIN_IDS.includes(who.senderId)) return true;
  const kind = IDENTITY_KIND[who.channel];
  return isConsoleAdminChatIdentity(services.db, kind === 'wechat' ? { wechatId: who.senderId } : { wecomUserId: who.senderId });
}

/**
 * Who may unbind a group: staff (isChatStaff) or the group's owner,
 * when the platform says who that is.
 */
export async function mayAdministerGroup(
  services: Pick<Services, 'config' | 'db'>,
  who: { channel: ChatChannel; senderId: string; groupOwnerId?: string },
): Promise<boolean> {
  if (who.groupOwnerId && who.groupOwnerId === who.senderId) return true;
  return isChatStaff(services, who);
}
