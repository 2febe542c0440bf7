import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import type { Db } from '../db/index.js';
import { regionManagers, regionWebhookKey } from '../contacts/repository.js';
import { localDate } from '../clock.js';
import { queueDeliveries, type NewDelivery } from '../delivery/outbox.js';
import { DeliveryWorker } from '../delivery/worker.js';
import { listDeliveries, type DeliveryRow } from '../delivery/repository.js';
import type { Services } from '../services.js';
import { buildDigest, type Digest } from './digest.js';
import { calendarOf } from './service.js';

/**
 * Where a region's digest goes under DIGEST_CHANNEL: each 区域管家's WeCom user id (wecom_app)
 * or WeChat id (wechaty), or the region's robot webhook (wecom_robot). What cannot be delivered
 * is returned by name, so the dashboard, the digest test and the log can say what to fill in.
 */
export interface DigestRoute {
  deliveries: Array<Omit<NewDelivery, 'job' | 'payload'> & { to: string }>;
  /** Human-readable reasons, e.g. 区域管家王敏娜未填写企业微信账号. */
  missing: string[];
}

const FIELD = { wecom_app: '企业微信账号', wechaty: '微信号' } as const;

export async function digestRoute(db: Db, regionCode: string, channel: Config['DIGEST_CHANNEL']): Promise<DigestRoute> {
  if (channel === 'none') return { deliveries: [], missing: ['DIGEST_CHANNEL=none：摘要不发送'] };
  if (channel === 'wecom_robot') {
    const key = await regionWebhookKey(db, regionCode);
    return key
      ? { deliveries: [{ channel: 'wecom_robot', destination: key, to: '区域群机器人' }], missing: [] }
      : { deliveries: [], missing: ['区域未填写群机器人 webhook key'] };
  }
  const route: DigestRoute = { deliveries: [], missing: [] };
  const managers = await regionManagers(db, regionCode);
  if (!managers.length) route.missing.push('区域没有区域管家');
  for (const m of managers) {
    const destination = channel === 'wecom_app' ? m.wecomUserId : m.wechatId;
    if (destination) route.deliveries.push({ channel: channel === 'wecom_app' ? 'wecom_app' : 'wechaty_contact', destination, to: m.name });
    else route.missing.push(`区域管家${m.name}未填写${FIELD[channel]}`);
  }
  return route;
}

/**
 * 发送测试: build the region's digest for the current period and send it at once through the
 * outbox (a row per destination, sent by the worker now; a failure stays queued for retries).
 */
export async function sendDigestNow(services: Pick<Services, 'db' | 'clock' | 'config' | 'log' | 'senders'>, regionCode: string): Promise<{ digest: Digest; deliveries: DeliveryRow[]; missing: string[] } | undefined> {
  const { db, config, clock } = services;
  const now = clock();
  const period = calendarOf(services).current(now);
  const digest = await buildDigest(db, regionCode, period, localDate(config.TIMEZONE, now));
  if (!digest) return undefined;
  const route = await digestRoute(db, regionCode, config.DIGEST_CHANNEL);
  const job = `digest-test:${regionCode}:${now.toISOString()}:${randomUUID().slice(0, 8)}`; // each test press is its own send
  const ids = await queueDeliveries(
    db,
    route.deliveries.map((d) => ({ job, channel: d.channel, destination: d.destination, payload: { text: `【测试】\n${digest.text}` }, notBefore: now })),
  );
  if (ids.length) {
    const worker = new DeliveryWorker(db, services.senders, { maxAttempts: config.DELIVERY_MAX_ATTEMPTS, baseDelayMs: config.DELIVERY_BASE_DELAY_MS }, services.log);
    await worker.runOnce(now, ids);
  }
  return { digest, deliveries: await listDeliveries(db, { job }), missing: route.missing };
}
