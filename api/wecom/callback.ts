import Router from '@koa/router';
import { z } from 'zod';
import { AppError } from '../http/errors.js';
import { parse } from '../http/middleware.js';
import { readRawBody } from '../http/body.js';
import { handleChatMessage } from '../chat/handle.js';
import type { Services } from '../services.js';
import { open, seal, signatureMatches, type WecomKeys } from './crypto.js';
import { XmlError, buildWecomXml, parseWecomXml } from './xml.js';

/**
 * The WeCom self-built app callback (企业微信自建应用 · 接收消息):
 *   GET  /wecom/callback  URL verification: verify, decrypt echostr, echo it
 *   POST /wecom/callback  encrypted message → verify → decrypt → check corp id → answer,
 *                         as an encrypted, signed passive reply
 * Refusals: bad signature 401, stale timestamp 401, replayed MsgId 409, body over the limit 413,
 * malformed XML 400, another corp's message 403. None of them is answered.
 */
const WECOM_REPLY_MAX_BYTES = 2000;

const query = z.object({
  msg_signature: z.string().regex(/^[0-9a-f]{40}$/i, 'msg_signature'),
  timestamp: z.string().regex(/^\d{1,12}$/, 'timestamp'),
  nonce: z.string().min(1).max(64),
});

export function wecomCallbackRoutes(services: Services): Router {
  const { config, db, clock } = services;
  const router = new Router({ prefix: '/wecom' });
  const limit = config.WECOM_BODY_LIMIT_KB * 1024;

  const keys = (): WecomKeys => {
    if (!config.WECOM_TOKEN || !config.WECOM_ENCODING_AES_KEY || !config.WECOM_CORP_ID) {
      throw new AppError(503, 'wecom_not_configured', '企业微信回调未配置（WECOM_TOKEN、WECOM_ENCODING_AES_KEY、WECOM_CORP_ID）');
    }
    return { token: config.WECOM_TOKEN, encodingAesKey: config.WECOM_ENCODING_AES_KEY, corpId: config.WECOM_CORP_ID };
  };

  const checkFresh = (timestamp: string) => {
    const skew = Math.abs(clock().getTime() / 1000 - Number(timestamp));
    if (skew > config.WECOM_TIMESTAMP_WINDOW_SECONDS) throw new AppError(401, 'stale_timestamp', 'timestamp outside the accepted window');
  };

  const verifyAndOpen = (k: WecomKeys, q: z.infer<typeof query>, encrypted: string) => {
    if (!signatureMatches(k, q.msg_signature, q.timestamp, q.nonce, encrypted)) throw new AppError(401, 'bad_signature', 'signature mismatch');
    checkFresh(q.timestamp);
    const opened = open(k, encrypted);
    if (!opened) throw new AppError(400, 'bad_ciphertext', 'cannot decrypt');
    if (opened.receiveId !== k.corpId) throw new AppError(403, 'unknown_corp', 'message for another corp id');
    return opened.message;
  };

  router.get('/callback', (ctx) => {
    const k = keys();
    const q = parse(query.extend({ echostr: z.string().min(1).max(4096) }), ctx.query);
    ctx.type = 'text/plain';
    ctx.body = verifyAndOpen(k, q, q.echostr);
  });

  router.post('/callback', async (ctx) => {
    const k = keys();
    const q = parse(query, ctx.query);
    const raw = (await readRawBody(ctx, limit)).toString('utf8');
    const outer = parseXmlOr400(raw);
    if (!outer.Encrypt) throw new AppError(400, 'malformed_xml', 'no Encrypt element');
    const inner = parseXmlOr400(verifyAndOpen(k, q, outer.Encrypt));

    const msgKey = inner.MsgId ?? `${inner.FromUserName}:${inner.CreateTime}:${inner.Event ?? inner.MsgType}`;
    const fresh = await db.query("insert into wecom_messages (msg_id) values ($1) on conflict do nothing returning msg_id", [msgKey]);
    if (!fresh.length) throw new AppError(409, 'replayed', 'message already handled');

    if (inner.MsgType !== 'text' || !inner.Content || !inner.FromUserName) {
      ctx.type = 'text/plain';
      ctx.body = ''; // events and media: acknowledged, not answered
      return;
    }
    const reply = await handleChatMessage(services, {
      text: inner.Content.trim(),
      channel: 'wecom',
      from: { id: inner.FromUserName },
      isGroupAdmin: config.BOT_ADMIN_IDS.includes(inner.FromUserName),
    });
    const plain = buildWecomXml(
      { ToUserName: inner.FromUserName, FromUserName: k.corpId, CreateTime: Math.floor(clock().getTime() / 1000), MsgType: 'text', Content: truncateBytes(reply, WECOM_REPLY_MAX_BYTES) },
      ['ToUserName', 'FromUserName', 'MsgType', 'Content'],
    );
    const sealed = seal(k, plain, String(Math.floor(clock().getTime() / 1000)));
    ctx.type = 'application/xml';
    ctx.body = buildWecomXml(
      { Encrypt: sealed.encrypted, MsgSignature: sealed.signature, TimeStamp: sealed.timestamp, Nonce: sealed.nonce },
      ['Encrypt', 'MsgSignature', 'Nonce'],
    );
  });

  return router;
}

function parseXmlOr400(text: string): Record<string, string> {
  try {
    return parseWecomXml(text);
  } catch (err) {
    if (err instanceof XmlError) throw new AppError(400, 'malformed_xml', err.message);
    throw err;
  }
}

function truncateBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = text;
  while (Buffer.byteLength(out + '…') > max) out = out.slice(0, -1);
  return out + '…';
}
