import type { Db } from '../db/index.js';
import type { AskInput } from '../../knowledge/assistant/types.js';
import { enqueueDeliveries, type NewDelivery } from '../delivery/outbox.js';
import { conflict, notFound } from '../http/errors.js';
import { takeSubscription } from '../miniapp/repository.js';
import { answerQuestion, getQuestion, type QuestionRecord } from './repository.js';

/**
 * Follow-up to the asker: a question the assistant declined (or was unsure of) is answered by
 * staff in the console, and the answer goes back through the channel it came from, as an outbox
 * row linked to the question (its status is shown on the question).
 *
 * Two small maps, one entry per channel — a new channel adds one entry to each:
 *   REPLY_ADDRESSES  how to reach the asker later, read from the AskInput when the question is logged
 *   ANSWER_ROUTES    the outbox deliveries that carry an answer back
 */
export interface ReplyAddress {
  /** wechaty room id, or the person's id (WeChat contact, WeCom user id, `account:<id>`). */
  conversationId: string;
  inGroup: boolean;
  /** The mini-program account that asked. */
  accountId?: number;
}

/** Who is asking, beyond the AskInput: the signed-in mini-program account, if any. */
export interface AskMeta {
  accountId?: number;
  /** The province the mini-program user chose: routes their declined questions to its region. */
  provinceCode?: string | null;
}

/**
 * A group, or the asker's private chat. A private chat bound to a college is passed as a `group`
 * keyed by the asker (api/chat/identity.ts conversationKey), which is still a private chat.
 */
function groupOrPerson(input: AskInput): ReplyAddress | undefined {
  if (input.group && input.group.id !== input.from?.id) return { conversationId: input.group.id, inGroup: true };
  return input.from ? { conversationId: input.from.id, inGroup: false } : undefined;
}

export const REPLY_ADDRESSES: Partial<Record<AskInput['channel'], (input: AskInput, meta: AskMeta) => ReplyAddress | undefined>> = {
  // In a group the chat layer passes the room as `group`; in a private chat there is none.
  wechaty: (input) => groupOrPerson(input),
  // 智能机器人: a group chat id, or the user's 1:1 chat.
  wecom_aibot: (input) => groupOrPerson(input),
  // WeCom app messages are always one person's.
  wecom: (input) => (input.from ? { conversationId: input.from.id, inGroup: false } : undefined),
  miniapp: (_input, meta) => (meta.accountId ? { conversationId: `account:${meta.accountId}`, inGroup: false, accountId: meta.accountId } : undefined),
};

export interface AnswerRouteContext {
  db: Db;
  /** The mini-program subscribe-message template for answers (MINIAPP_ANSWER_TEMPLATE_ID). */
  answerTemplateId?: string;
}

export type AnswerRoute = (q: QuestionRecord, text: string, ctx: AnswerRouteContext) => Promise<Array<Omit<NewDelivery, 'questionId'>>>;

export const ANSWER_ROUTES: Record<string, AnswerRoute> = {
  wechaty: async (q, text) =>
    q.inGroup
      ? // wechaty puts "@name" in front when the asker is passed as a mention
        [{ channel: 'wechaty_room', destination: q.conversationId!, payload: { text, mention: q.sender ? [q.sender] : [] } }]
      : [{ channel: 'wechaty_contact', destination: q.conversationId!, payload: { text } }],
  wecom: async (q, text) => [{ channel: 'wecom_app', destination: q.conversationId!, payload: { text } }],
  // WeCom markdown mentions a member as <@userid>.
  wecom_aibot: async (q, text) => [{ channel: 'wecom_aibot', destination: q.conversationId!, payload: { text: q.inGroup && q.sender ? `<@${q.sender}> ${text}` : text } }],
  // The answer is always in the student's "我的提问"; a subscribe message tells them, when they allowed one.
  miniapp: async (q, _text, ctx) => {
    if (!q.accountId || !ctx.answerTemplateId) return [];
    const openid = await takeSubscription(ctx.db, q.accountId, ctx.answerTemplateId);
    if (!openid) return [];
    return [
      {
        channel: 'miniapp_subscribe',
        destination: openid,
        payload: {
          templateId: ctx.answerTemplateId,
          page: 'pages/ask/index?tab=mine',
          data: { thing1: { value: q.question.slice(0, 20) }, thing2: { value: (q.answer ?? '').slice(0, 20) } },
        },
      },
    ];
  },
};

/** The message that carries a staff answer back. */
export function followUpText(q: Pick<QuestionRecord, 'question'>, answer: string, by: string): string {
  const question = q.question.length > 40 ? `${q.question.slice(0, 40)}…` : q.question;
  return `【答复】您之前问：“${question}”\n${answer}\n——${by}`;
}

/**
 * Record a staff answer and queue its way back to the asker, in one transaction. 404 for an
 * unknown question, 409 when it was already answered (a second click sends nothing twice).
 */
export async function answerAndSendBack(
  ctx: AnswerRouteContext,
  id: number,
  answer: string,
  by: { id: string; name: string },
): Promise<{ question: QuestionRecord; queued: number }> {
  return ctx.db.transaction(async (tx) => {
    const existing = await getQuestion(tx, id);
    if (!existing) throw notFound('问题不存在');
    const question = await answerQuestion(tx, id, answer, by.id);
    if (!question) throw conflict('这个问题已经答复过了');
    const route = question.conversationId ? ANSWER_ROUTES[question.channel] : undefined;
    const items = route ? await route(question, followUpText(question, answer, by.name), { ...ctx, db: tx }) : [];
    const queued = await enqueueDeliveries(tx, items.map((d) => ({ ...d, questionId: question.id })));
    return { question, queued };
  });
}
