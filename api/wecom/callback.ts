import Router from '@koa/router';
import { z } from 'zod';
import { AppError } from '../http/errors.js';
import { parse } from '../http/middleware.js';
import { readRawBody } from '../http/body.js';
import { answerChatQuestionToRecord, chatMessageKind, handleChatTurnToRecord } from '../chat/handle.js';
import { findChatGroup } from '../groups/lookup.js';
import { mayAdministerGroup } from '../chat/identity.js';
import { splitUtf8 } from '../chat/split.js';
import { withinDeadline } from '../chat/deadline.js';
import { enqueueDeliveries } from '../delivery/outbox.js';
import { RateLimiter } from '../http/rate-limit.js';
import { isDbUnavailable, type Db } from '../db/index.js';
import { completeMessage, failMessage, recordAnswers, type AnswerClaim, type MessageClaim } from './repository.js';
import { logQuestions, type NewQuestion } from '../questions/repository.js';
import { wecomMessageLog } from './message-log.js';
import type { Services } from '../services.js';
import { open, seal, signatureMatches, type WecomKeys } from './crypto.js';
import { XmlError, buildWecomXml, parseWecomXml } from './xml.js';

/**
 * The WeCom self-built app callback (企业微信自建应用 · 接收消息):
 *   GET  /wecom/callback  URL verification: verify, decrypt echostr, echo it
 *   POST /wecom/callback  encrypted message → verify → decrypt → check corp id → answer,
 *                         as an encrypted, signed passive reply
 * Refusals: bad signature 401, stale timestamp 401, body over the limit 413, malformed XML 400,
 * another corp's message 403. None of them is answered.
 *
 * Retry-safe: the MsgId is recorded with its outcome (api/wecom/repository.ts). WeCom's retry of
 * a handled message gets the same reply; of one still being handled, an empty 200; of one whose
 * handling failed (503), a second handling. A question is answered before its MsgId is claimed
 * (the answer only reads) and then claimed, recorded as answered and stored in the questions log
 * by one statement that concurrent callbacks share; only the callback that claimed it sends the
 * answer, after that statement (a private chat not known to have a chat group is answered as
 * one without, which that statement checks). Commands and events are claimed before they are
 * handled. An answer not ready within WECOM_REPLY_DEADLINE_MS is acknowledged with an empty 200
 * and sent as app messages through the outbox; replies over 2,048 bytes are split, the rest
 * following as app messages.
 */
/** WeCom's limit for a text message (passive reply or app message). */
export const WECOM_TEXT_MAX_BYTES = 2048;
/** A message still "processing" this long after its handler started is taken to be orphaned (the process died). */
const HANDLER_STALE_MS = 60_000;
/** Private chats remembered as having a chat group (the least recently seen forgotten first). */
const KNOWN_GROUPS = 10_000;
const RATE_LIMITED_REPLY = '您发消息太快啦，请稍等一分钟再发 🙏';
const LATE_FAILURE_REPLY = '抱歉，刚才的消息没有处理成功，请重新发送一次。';

const query = z.object({
  msg_signature: z.string().regex(/^[0-9a-f]{40}$/i, 'msg_signature'),
  timestamp: z.string().regex(/^\d{1,12}$/, 'timestamp'),
  nonce: z.string().min(1).max(64),
});

export function wecomCallbackRoutes(services: Services): Router {
  const { config, db, clock } = services;
  const log = services.log.child({ module: 'wecom.callback' });
  const router = new Router({ prefix: '/wecom' });
  const limiter = new RateLimiter(config.BOT_RATE_PER_MINUTE);
  const configured = !!(config.WECOM_TOKEN && config.WECOM_ENCODING_AES_KEY && config.WECOM_CORP_ID);
  services.channelStatus.set('wecom', configured ? 'connected' : 'disabled', { mode: 'callback' });
  const limit = config.WECOM_BODY_LIMIT_KB * 1024;
  /** Private chats (user ids) seen with a chat group lately: their questions look it up before they are answered. */
  const withGroup = new Map<string, true>();
  const rememberGroup = (user: string, has: boolean) => {
    withGroup.delete(user);
    if (!has) return;
    withGroup.set(user, true);
    if (withGroup.size > KNOWN_GROUPS) withGroup.delete(withGroup.keys().next().value!);
  };
  // the MsgId record: concurrent callbacks share one statement (group commit)
  const messages = wecomMessageLog(db, HANDLER_STALE_MS);

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

    const passiveReply = (to: string, text: string) => {
      const now = String(Math.floor(clock().getTime() / 1000));
      const plain = buildWecomXml({ ToUserName: to, FromUserName: k.corpId, CreateTime: Number(now), MsgType: 'text', Content: text }, ['ToUserName', 'FromUserName', 'MsgType', 'Content']);
      const sealed = seal(k, plain, now);
      ctx.type = 'application/xml';
      ctx.body = buildWecomXml({ Encrypt: sealed.encrypted, MsgSignature: sealed.signature, TimeStamp: sealed.timestamp, Nonce: sealed.nonce }, ['Encrypt', 'MsgSignature', 'Nonce']);
    };
    const emptyReply = () => {
      ctx.type = 'text/plain';
      ctx.body = ''; // WeCom: an empty 200 means "received, no passive reply"
    };

    services.channelStatus.touch('wecom');
    const msgKey = inner.MsgId ?? `${inner.FromUserName}:${inner.CreateTime}:${inner.Event ?? inner.MsgType}`;
    /** What WeCom's retry of a message already handled, or still being handled, is told. */
    const answerRetry = (claim: Exclude<MessageClaim, { kind: 'claimed' }>) => {
      // handled: the same reply again, never a second effect; being handled: an empty 200
      if (claim.kind === 'done' && claim.reply !== null && inner.FromUserName) return passiveReply(inner.FromUserName, claim.reply);
      return emptyReply();
    };

    // A question from a sender within the rate limit is answered first (nothing on the way writes:
    // the conversation's group is read, the answer computed), then claimed, recorded as answered
    // and logged by one statement shared with the other callbacks. Anything else (a command, an
    // event) is claimed before it is handled.
    const text = inner.MsgType === 'text' && inner.Content && inner.FromUserName ? inner.Content.trim() : undefined;
    if (text !== undefined && chatMessageKind(text) === 'question' && limiter.take(inner.FromUserName!)) {
      const user = inner.FromUserName!;
      let late = false;
      const work = (async () => {
        // A chat not known to have a group is answered as one without, and the statement that
        // records the answer checks that it still has none (one read less per question); one
        // that has a group is looked up first.
        for (let assume = !withGroup.has(user); ; assume = false) {
          const group = assume ? undefined : await findChatGroup(db, 'wecom', user);
          if (!assume) rememberGroup(user, !!group);
          const turn = await answerChatQuestionToRecord(services, { text, channel: 'wecom', from: { id: user }, isGroupAdmin: false }, Promise.resolve(group));
          const pieces = splitUtf8(turn.text, WECOM_TEXT_MAX_BYTES);
          const assumed = assume ? user : undefined;
          const passive = !late;
          let claim: AnswerClaim;
          if (passive && pieces.length === 1) claim = await recordAnswer(msgKey, pieces[0]!, turn.question, assumed);
          else {
            // The pieces that cannot go as the passive reply (all of them, past its window) are queued as
            // app messages in the transaction that records the answer.
            claim = await db.transaction(async (tx) => {
              const [found] = await recordAnswers(tx, [{ msgKey, now: clock(), reply: passive ? pieces[0]! : null, question: turn.question, assumedWithoutGroup: assumed }], HANDLER_STALE_MS);
              if (found!.kind === 'claimed') await enqueueReplyPieces(tx, msgKey, user, passive ? pieces.slice(1) : pieces, passive ? 1 : 0);
              return found!;
            });
          }
          if (claim.kind === 'has_group') {
            rememberGroup(user, true);
            continue; // answered again with its group
          }
          return { claim, pieces, passive };
        }
      })();
      const outcome = await withinDeadline(work, config.WECOM_REPLY_DEADLINE_MS);
      if (outcome.kind === 'failed') {
        // nothing was recorded: WeCom's retry answers it afresh
        log.warn({ err: outcome.error, msgKey }, 'WeCom question could not be answered; WeCom will retry it');
        throw new AppError(503, 'handling_failed', '消息处理失败，请稍后重试');
      }
      if (outcome.kind === 'late') {
        late = true;
        emptyReply(); // too slow for the passive reply: the answer goes out through the app-message API
        void work
          // recorded as answered by the passive reply just as its window closed: that piece goes as an app message instead
          .then(({ claim, pieces, passive }) => (claim.kind === 'claimed' && passive ? sendLater(msgKey, user, [pieces[0]!]) : undefined))
          .catch(async (err) => {
            log.error({ err, msgKey }, 'WeCom question could not be answered after the passive-reply window');
            await sendLater(msgKey, user, [LATE_FAILURE_REPLY], 'failed').catch((e) => log.error({ err: e, msgKey }, 'could not record the failure'));
          });
        return;
      }
      const { claim, pieces } = outcome.value;
      return claim.kind === 'claimed' ? passiveReply(user, pieces[0]!) : answerRetry(claim);
    }

    const claim = await messages.claim(msgKey, clock());
    if (claim.kind !== 'claimed') return answerRetry(claim);

    if (inner.MsgType !== 'text' || !inner.Content || !inner.FromUserName) {
      await messages.complete(msgKey, null, clock()); // events and media: acknowledged, not answered
      return emptyReply();
    }
    const user = inner.FromUserName;
    if (!limiter.take(user)) {
      await messages.complete(msgKey, RATE_LIMITED_REPLY, clock());
      return passiveReply(user, RATE_LIMITED_REPLY);
    }
    // a command (or a question past the rate limit's window between the two checks: its question's
    // row in the questions log is stored with the message's outcome, before the reply goes)
    const handling = handleChatTurnToRecord(services, {
      text: inner.Content.trim(),
      channel: 'wecom',
      from: { id: user },
      isGroupAdmin: () => mayAdministerGroup(services, { channel: 'wecom', senderId: user }),
    });
    const outcome = await withinDeadline(handling, config.WECOM_REPLY_DEADLINE_MS);
    if (outcome.kind === 'failed') {
      await failMessage(db, msgKey, String((outcome.error as Error)?.message ?? outcome.error), clock());
      log.warn({ err: outcome.error, msgKey }, 'WeCom message handling failed; WeCom will retry it');
      throw new AppError(503, 'handling_failed', '消息处理失败，请稍后重试');
    }
    if (outcome.kind === 'late') {
      emptyReply(); // too slow for the passive reply: the answer goes out through the app-message API
      void handling
        .then((turn) => sendLater(msgKey, user, splitUtf8(turn.text, WECOM_TEXT_MAX_BYTES), 'done', turn.question))
        .catch(async (err) => {
          log.error({ err, msgKey }, 'WeCom message handling failed after the passive-reply window');
          await sendLater(msgKey, user, [LATE_FAILURE_REPLY], 'failed').catch((e) => log.error({ err: e, msgKey }, 'could not record the failure'));
        });
      return;
    }
    const { question } = outcome.value;
    const [first, ...rest] = splitUtf8(outcome.value.text, WECOM_TEXT_MAX_BYTES);
    if (rest.length) {
      // the pieces beyond the passive reply are queued in the same transaction as the outcome (and the question)
      await db.transaction(async (tx) => {
        await enqueueReplyPieces(tx, msgKey, user, rest, 1);
        if (question) await logQuestions(tx, [question]);
        await completeMessage(tx, msgKey, first!, clock());
      });
    } else {
      await complete(msgKey, first!, question);
    }
    passiveReply(user, first!);
  });

  /**
   * Record a message's outcome with its question (one statement shared with other callbacks). A
   * question the log refuses does not cost the asker the answer, as on the other channels: the
   * outcome is recorded without it and the failure logged.
   */
  async function complete(msgKey: string, reply: string, question: NewQuestion | undefined) {
    try {
      await messages.complete(msgKey, reply, clock(), { question });
    } catch (err) {
      if (!question || isDbUnavailable(err)) throw err;
      log.error({ err, msgKey }, 'could not record the question');
      await messages.complete(msgKey, reply, clock());
    }
  }

  /**
   * Claim a question's message and record it as answered with its question (one statement shared
   * with other callbacks), or learn what came of it. A question the log refuses does not cost the
   * asker the answer, as on the other channels: the message is claimed and completed without it.
   */
  async function recordAnswer(msgKey: string, reply: string, question: NewQuestion, assumedWithoutGroup: string | undefined): Promise<AnswerClaim> {
    try {
      return await messages.answer(msgKey, clock(), reply, question, assumedWithoutGroup);
    } catch (err) {
      if (isDbUnavailable(err)) throw err;
      log.error({ err, msgKey }, 'could not record the question');
      if (assumedWithoutGroup !== undefined) return { kind: 'has_group' }; // not checked here: answered again after a lookup
      const claim = await messages.claim(msgKey, clock());
      if (claim.kind === 'claimed') await messages.complete(msgKey, reply, clock());
      return claim;
    }
  }

  /** Queue reply pieces as app messages and record the message's outcome (and its question), in one transaction. */
  async function sendLater(msgKey: string, user: string, pieces: string[], status: 'done' | 'failed' = 'done', question?: NewQuestion) {
    await db.transaction(async (tx) => {
      await enqueueReplyPieces(tx, msgKey, user, pieces, 0);
      if (question) await logQuestions(tx, [question]);
      if (status === 'done') await completeMessage(tx, msgKey, null, clock());
      else await failMessage(tx, msgKey, 'handling failed after the passive-reply window', clock());
    });
  }

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

/** Reply pieces beyond the passive reply go out as app messages through the outbox, in order. */
async function enqueueReplyPieces(db: Db, msgKey: string, user: string, pieces: string[], firstIndex: number): Promise<void> {
  await enqueueDeliveries(
    db,
    pieces.map((text, i) => ({ job: `wecom-reply:${msgKey}:${firstIndex + i}`, channel: 'wecom_app' as const, destination: user, payload: { text } })),
  );
}
