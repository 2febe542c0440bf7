import { z } from 'zod';
import { handleChatTurn } from '../chat/handle.js';
import { mayAdministerGroup } from '../chat/identity.js';
import { splitUtf8 } from '../chat/split.js';
import { recordFeedback, setFeedbackRef, type QuestionFeedback } from '../questions/repository.js';
import type { Services } from '../services.js';
import { claimMessage, completeMessage, failMessage, markDelivered, type MessageClaim } from '../wecom/repository.js';

/**
 * The WeCom 智能机器人 conversation, the same whichever way the messages come (long connection
 * or callback URL): parse the callback body, deduplicate by msgid, run the shared chat call, tie
 * the reply's feedback id to the question, store users' feedback, and say the welcome.
 * Callback bodies follow WeCom's documents 100719 (messages) and 101027 (events).
 */

/** WeCom's limit for one stream or markdown message. */
export const AIBOT_TEXT_MAX_BYTES = 20_480;
export const AIBOT_THINKING = '正在查询，请稍候…';
export const AIBOT_SORRY = '抱歉，刚才没有处理成功，请稍后再发一次。';
export const AIBOT_WELCOME =
  '您好！我是1+X联络助手。可以问我：某省考试组织找谁、下次考试什么时间、证书怎么查询等。在群里请@我提问；群绑定学校后，可发送“进展：……”报送本期进展。';
/** A message still being handled after this long is taken to be orphaned (its process died). */
const HANDLER_STALE_MS = 120_000;

const from = z.object({ userid: z.string().min(1).max(128) });
const messageBody = z.object({
  msgid: z.string().min(1).max(256),
  chatid: z.string().min(1).max(256).optional(),
  chattype: z.enum(['single', 'group']).default('single'),
  from,
  msgtype: z.string(),
  text: z.object({ content: z.string().max(20_000) }).optional(),
  voice: z.object({ content: z.string().max(20_000) }).optional(),
  /** Text and pictures together: the text items are the message. */
  mixed: z.object({ msg_item: z.array(z.object({ msgtype: z.string(), text: z.object({ content: z.string().max(20_000) }).optional() })).max(50) }).optional(),
});
export type AibotMessage = z.infer<typeof messageBody>;

const eventBody = z.object({
  msgid: z.string().min(1).max(256),
  chatid: z.string().max(256).optional(),
  from,
  msgtype: z.literal('event'),
  event: z.object({ eventtype: z.string() }).passthrough(),
});
export type AibotEvent = z.infer<typeof eventBody>;

export function parseAibotMessage(body: unknown): AibotMessage | undefined {
  const r = messageBody.safeParse(body);
  return r.success ? r.data : undefined;
}

export function parseAibotEvent(body: unknown): AibotEvent | undefined {
  const r = eventBody.safeParse(body);
  return r.success ? r.data : undefined;
}

/** The text of a message for the bot: in a group it starts with the @-mention of the bot, which is removed. */
export function messageText(m: AibotMessage): string | undefined {
  const raw = m.text?.content ?? m.voice?.content ?? m.mixed?.msg_item.map((i) => i.text?.content ?? '').join(' ');
  if (!raw) return undefined;
  const text = (m.chattype === 'group' ? raw.replace(/^(?:\s*@\S+)+\s*/, '') : raw).trim();
  return text || undefined;
}

/** The feedback id a reply to this message carries (WeCom sends it back with the user's verdict). */
export const feedbackIdFor = (msgid: string) => `aibot:${msgid}`;
const messageKey = (msgid: string) => `aibot:${msgid}`;

/** Claim a message by its msgid (see handleAibotMessage); lets a channel answer at once before handling. */
export function claimAibotMessage(services: Pick<Services, 'db' | 'clock'>, msgid: string): Promise<MessageClaim> {
  return claimMessage(services.db, messageKey(msgid), services.clock(), HANDLER_STALE_MS);
}

export type AibotTurn =
  /** Handle it: the reply, to be sent and then confirmed with `delivered()`. */
  | { kind: 'reply'; text: string; feedbackId: string; delivered: () => Promise<void> }
  /** A redelivery of a message handled before whose reply never reached WeCom: send this again. */
  | { kind: 'resend'; text: string; feedbackId: string; delivered: () => Promise<void> }
  /** Nothing to say (a duplicate already answered or still being answered, or not for the bot). */
  | { kind: 'ignore' }
  /** Handling failed; a redelivery handles it again. */
  | { kind: 'failed'; text: string };

/**
 * Claim the message by msgid (a duplicate is never handled twice, a failed one is handled again)
 * and run it through the shared chat call.
 */
export async function handleAibotMessage(services: Services, m: AibotMessage, claimed?: MessageClaim): Promise<AibotTurn> {
  const { db, clock } = services;
  const log = services.log.child({ module: 'aibot' });
  const text = messageText(m);
  const key = messageKey(m.msgid);
  const feedbackId = feedbackIdFor(m.msgid);
  const claim = claimed ?? (await claimMessage(db, key, clock(), HANDLER_STALE_MS));
  if (claim.kind === 'in_progress') return { kind: 'ignore' };
  const delivered = () => markDelivered(db, key);
  if (claim.kind === 'done') return !claim.delivered && claim.reply ? { kind: 'resend', text: claim.reply, feedbackId, delivered } : { kind: 'ignore' };
  services.channelStatus.touch('wecom_aibot');
  if (!text) {
    await completeMessage(db, key, null, clock());
    return { kind: 'ignore' };
  }
  try {
    const inGroup = m.chattype === 'group' && m.chatid;
    const turn = await handleChatTurn(services, {
      text,
      channel: 'wecom_aibot',
      from: { id: m.from.userid },
      group: inGroup ? { externalId: m.chatid! } : undefined,
      isGroupAdmin: () => mayAdministerGroup(services, { channel: 'wecom_aibot', senderId: m.from.userid }),
    });
    const reply = splitUtf8(turn.text, AIBOT_TEXT_MAX_BYTES)[0]!;
    await db.transaction(async (tx) => {
      if (turn.questionId) await setFeedbackRef(tx, turn.questionId, feedbackId);
      await completeMessage(tx, key, reply, clock(), false);
    });
    return { kind: 'reply', text: reply, feedbackId, delivered };
  } catch (err) {
    log.error({ err, msgid: m.msgid }, 'could not handle a 智能机器人 message; a redelivery will handle it again');
    await failMessage(db, key, String((err as Error)?.message ?? err), clock()).catch(() => {});
    return { kind: 'failed', text: AIBOT_SORRY };
  }
}

/**
 * The user's verdict on a reply, as documented (101027): `event.feedback_event = { id, type,
 * content?, inaccurate_reason_list? }`, type 1 准确, 2 不准确, 3 withdrawn. The SDK's types put the
 * fields on `event` itself; both are read.
 */
export function parseFeedback(e: AibotEvent['event']): { id: string; feedback: QuestionFeedback | null; note: string | null } | undefined {
  const detail = z
    .object({ id: z.string().min(1).max(256), type: z.coerce.number().int(), content: z.string().max(2000).optional() })
    .safeParse((e as Record<string, unknown>).feedback_event ?? e);
  if (!detail.success) return undefined;
  const feedback = detail.data.type === 1 ? 'accurate' : detail.data.type === 2 ? 'inaccurate' : detail.data.type === 3 ? null : undefined;
  if (feedback === undefined) return undefined;
  return { id: detail.data.id, feedback, note: detail.data.content?.trim() || null };
}

/** An event: the welcome text to reply for enter_chat; feedback is stored on its question. */
export async function handleAibotEvent(services: Services, e: AibotEvent): Promise<{ welcome?: string }> {
  const log = services.log.child({ module: 'aibot' });
  const claim = await claimMessage(services.db, messageKey(e.msgid), services.clock(), HANDLER_STALE_MS);
  if (claim.kind !== 'claimed') return {}; // WeCom may send an event twice
  services.channelStatus.touch('wecom_aibot');
  const key = messageKey(e.msgid);
  try {
    const type = e.event.eventtype;
    if (type === 'feedback_event') {
      const fb = parseFeedback(e.event);
      if (!fb) log.warn({ event: e.event }, 'feedback event without a usable id/type');
      else if (!(await recordFeedback(services.db, fb.id, fb.feedback, fb.note, services.clock()))) {
        log.info({ feedbackId: fb.id }, 'feedback on a reply that was not a logged question');
      }
    }
    await completeMessage(services.db, key, null, services.clock());
    return type === 'enter_chat' ? { welcome: AIBOT_WELCOME } : {};
  } catch (err) {
    log.error({ err, msgid: e.msgid }, 'could not handle a 智能机器人 event; a redelivery will handle it again');
    await failMessage(services.db, key, String((err as Error)?.message ?? err), services.clock()).catch(() => {});
    return {};
  }
}
