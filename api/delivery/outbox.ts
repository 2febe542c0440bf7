import type { Db } from '../db/index.js';
import { insertDelivery } from './repository.js';

/**
 * The outbox: every outbound message (notice, reminder, digest) is first a row here, one per
 * (message, destination); a worker sends it and records the outcome. Channels:
 *  - wechaty_room:  destination = wechaty room id; payload { text }
 *  - wechaty_contact: destination = WeChat contact id (private chat); payload { text }
 *  - wecom_robot:   destination = robot webhook key; payload { text } or { markdown }
 *  - wecom_app:     destination = WeCom user id(s) "a|b"; payload { text }
 *  - miniapp_subscribe: destination = openid; payload { templateId, data, page? }
 *  - wecom_aibot:   destination = WeCom 智能机器人 chatid (group) or userid (1:1); payload { text }, sent as markdown
 */
export type DeliveryChannel = 'wechaty_room' | 'wechaty_contact' | 'wecom_robot' | 'wecom_app' | 'wecom_aibot' | 'miniapp_subscribe';

/** How a message reaches a chat group of each kind (chat_groups.channel → outbox channel). */
export const GROUP_DELIVERY_CHANNEL = { wechaty: 'wechaty_room', wecom_robot: 'wecom_robot', wecom: 'wecom_app', wecom_aibot: 'wecom_aibot' } as const satisfies Record<string, DeliveryChannel>;
export type GroupChannel = keyof typeof GROUP_DELIVERY_CHANNEL;

export interface NewDelivery {
  /** Set for a notice's deliveries. */
  noticeId?: number | null;
  /** Set for scheduled jobs: e.g. `reminder:2026-11-a:d-3` or `digest:2026-11-a:before`. */
  job?: string | null;
  /** Set for a staff answer sent back to the person who asked. */
  questionId?: number | null;
  channel: DeliveryChannel;
  destination: string;
  payload: Record<string, unknown>;
  /** Not before this time (quiet hours). */
  notBefore?: Date;
}

/**
 * Queue deliveries. Idempotent per (notice, channel, destination) for notices, per
 * (job, channel, destination) for jobs and per (question, channel, destination) for answers:
 * enqueueing the same one twice keeps one row.
 * Call it inside the transaction that records the reason for sending, so nothing is lost.
 */
export async function enqueueDeliveries(db: Db, items: NewDelivery[]): Promise<number> {
  return (await queueDeliveries(db, items)).length;
}

/** As enqueueDeliveries, returning the ids of the rows it inserted. */
export async function queueDeliveries(db: Db, items: NewDelivery[]): Promise<number[]> {
  const ids: number[] = [];
  for (const d of items) {
    const id = await insertDelivery(db, d);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}
