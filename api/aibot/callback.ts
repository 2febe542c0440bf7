import Router from '@koa/router';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { withinDeadline } from '../chat/deadline.js';
import { AppError } from '../http/errors.js';
import { readRawBody } from '../http/body.js';
import { parse } from '../http/middleware.js';
import type { Services } from '../services.js';
import { signatureMatches } from '../wecom/crypto.js';
import { markDelivered, peekMessage } from '../wecom/repository.js';
import {
  AIBOT_SORRY,
  AIBOT_THINKING,
  claimAibotMessage,
  feedbackIdFor,
  handleAibotEvent,
  handleAibotMessage,
  messageText,
  parseAibotEvent,
  parseAibotMessage,
} from './conversation.js';

/**
 * The WeCom 智能机器人 in callback mode (WECOM_AIBOT_MODE=callback): WeCom posts encrypted JSON to
 *   GET  /wecom/aibot/callback  URL verification (echostr), as for every WeCom callback
 *   POST /wecom/aibot/callback  { encrypt } → a message, a stream refresh, or an event
 * and takes an encrypted JSON passive reply { encrypt, msgsignature, timestamp, nonce }.
 * A reply not ready within WECOM_AIBOT_REPLY_DEADLINE_MS is answered with an unfinished stream;
 * WeCom then polls with `msgtype: stream` refresh callbacks and gets the answer when it is ready.
 * The receive id of an internal bot's messages is empty (document 101033).
 * No proactive push in this mode: notices to 智能机器人 groups need the long connection.
 */
const query = z.object({
  msg_signature: z.string().regex(/^[0-9a-f]{40}$/i, 'msg_signature'),
  timestamp: z.string().regex(/^\d{1,12}$/, 'timestamp'),
  nonce: z.string().min(1).max(64),
});
const envelope = z.object({ encrypt: z.string().min(1).max(64 * 1024) });
const refresh = z.object({ msgid: z.string().optional(), msgtype: z.literal('stream'), stream: z.object({ id: z.string().min(1).max(512) }) });

/** The stream id of a message's reply: its msgid, so a refresh callback finds the stored reply. */
const streamIdFor = (msgid: string) => Buffer.from(msgid).toString('base64url');
const msgidOfStream = (id: string) => Buffer.from(id, 'base64url').toString();

export function aibotCallbackRoutes(services: Services): Router {
  const { config, clock } = services;
  const router = new Router({ prefix: '/wecom/aibot' });
  const log = services.log.child({ module: 'aibot.callback' });

  const keys = () => {
    if (config.WECOM_AIBOT_MODE !== 'callback' || !config.WECOM_AIBOT_TOKEN || !config.WECOM_AIBOT_ENCODING_AES_KEY) {
      throw new AppError(503, 'aibot_callback_not_configured', '智能机器人回调未配置（WECOM_AIBOT_MODE=callback、WECOM_AIBOT_TOKEN、WECOM_AIBOT_ENCODING_AES_KEY）');
    }
    return { token: config.WECOM_AIBOT_TOKEN, aesKey: config.WECOM_AIBOT_ENCODING_AES_KEY };
  };

  const open = (q: z.infer<typeof query>, encrypted: string): string => {
    const k = keys();
    if (!signatureMatches({ token: k.token, encodingAesKey: k.aesKey, corpId: '' }, q.msg_signature, q.timestamp, q.nonce, encrypted)) {
      throw new AppError(401, 'bad_signature', 'signature mismatch');
    }
    if (Math.abs(clock().getTime() / 1000 - Number(q.timestamp)) > config.WECOM_TIMESTAMP_WINDOW_SECONDS) throw new AppError(401, 'stale_timestamp', 'timestamp outside the accepted window');
    let opened: { message: string; id: string };
    try {
      opened = decrypt(k.aesKey, encrypted);
    } catch {
      throw new AppError(400, 'bad_ciphertext', 'cannot decrypt');
    }
    if (opened.id !== '' && opened.id !== config.WECOM_CORP_ID) throw new AppError(403, 'unknown_receiver', 'message for another receiver');
    return opened.message;
  };

  const seal = (reply: unknown) => {
    const k = keys();
    const timestamp = String(Math.floor(clock().getTime() / 1000));
    const nonce = randomBytes(8).toString('hex');
    const encrypted = encrypt(k.aesKey, JSON.stringify(reply), '');
    return { encrypt: encrypted, msgsignature: getSignature(k.token, timestamp, nonce, encrypted), timestamp: Number(timestamp), nonce };
  };
  const stream = (id: string, content: string, finish: boolean, feedbackId?: string) =>
    seal({ msgtype: 'stream', stream: { id, finish, content, ...(feedbackId ? { feedback: { id: feedbackId } } : {}) } });

  router.get('/callback', (ctx) => {
    const q = parse(query.extend({ echostr: z.string().min(1).max(4096) }), ctx.query);
    ctx.type = 'text/plain';
    ctx.body = open(q, q.echostr);
  });

  router.post('/callback', async (ctx) => {
    const q = parse(query, ctx.query);
    const given = (ctx.request as { body?: unknown }).body;
    const raw = given && typeof given === 'object' && 'encrypt' in given ? given : parseJsonOr400((await readRawBody(ctx, config.WECOM_BODY_LIMIT_KB * 1024)).toString('utf8'));
    const body = parseJsonOr400(open(q, parse(envelope, raw).encrypt));

    // WeCom polling an unfinished stream: the answer when it is ready.
    const poll = refresh.safeParse(body);
    if (poll.success) {
      const msgid = msgidOfStream(poll.data.stream.id);
      const seen = await peekMessage(services.db, `aibot:${msgid}`);
      if (seen?.status === 'done' && seen.reply) {
        ctx.body = stream(poll.data.stream.id, seen.reply, true);
        await markDelivered(services.db, `aibot:${msgid}`);
      } else if (seen?.status === 'processing') ctx.body = stream(poll.data.stream.id, AIBOT_THINKING, false);
      else ctx.body = stream(poll.data.stream.id, AIBOT_SORRY, true); // failed or never seen: ask to send it again
      return;
    }

    const event = parseAibotEvent(body);
    if (event) {
      const { welcome } = await handleAibotEvent(services, event);
      ctx.body = welcome ? seal({ msgtype: 'text', text: { content: welcome } }) : '';
      return;
    }

    const m = parseAibotMessage(body);
    if (!m) throw new AppError(400, 'bad_message', 'not a 智能机器人 message or event');
    const streamId = streamIdFor(m.msgid);
    const claim = await claimAibotMessage(services, m.msgid);
    if (claim.kind === 'claimed' && !messageText(m)) {
      await handleAibotMessage(services, m, claim); // recorded, nothing to say
      ctx.body = '';
      return;
    }
    const outcome = await withinDeadline(handleAibotMessage(services, m, claim), config.WECOM_AIBOT_REPLY_DEADLINE_MS);
    if (outcome.kind === 'late') {
      ctx.body = stream(streamId, AIBOT_THINKING, false, feedbackIdFor(m.msgid)); // WeCom polls for the rest
      return;
    }
    if (outcome.kind === 'failed') throw outcome.error;
    const turn = outcome.value;
    if (turn.kind === 'ignore') {
      // A duplicate: the same stream again (finished when the reply is known).
      ctx.body = claim.kind === 'done' && claim.reply ? stream(streamId, claim.reply, true) : stream(streamId, AIBOT_THINKING, false);
      return;
    }
    if (turn.kind === 'failed') throw new AppError(503, 'handling_failed', '消息处理失败，请稍后重试'); // WeCom retries; the message is handled again
    ctx.body = stream(streamId, turn.text, true, turn.feedbackId);
    await turn.delivered(); // the passive reply is the delivery
    log.debug({ msgid: m.msgid }, 'answered');
  });

  return router;
}

function parseJsonOr400(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(400, 'malformed_json', 'body is not JSON');
  }
}
