import { findChatGroup } from '../groups/lookup.js';
import type { ChatGroup } from '../groups/repository.js';
import type { NewQuestion } from '../questions/repository.js';
import type { AskInput } from '../../knowledge/assistant/types.js';
import type { Services } from '../services.js';
import { isChatCommand, runChatCommands, type ChatCommandDeps, type ChatCommandInput } from './commands.js';
import { conversationKey } from './identity.js';
import { MAX_REPORT_CHARS } from '../reports/parse.js';

/** What a chat turn uses: what the commands use, and the assistant. */
export type ChatTurnDeps = ChatCommandDeps & Pick<Services, 'assistant'>;

/** The longest chat message handled (a report is at most this long too). */
export const MAX_CHAT_CHARS = MAX_REPORT_CHARS;

/**
 * What every chat channel does with a message addressed to the bot: a chat command if it is
 * one, otherwise a question for the assistant, asked as the conversation's bound college and
 * province. `questionId` is set when the message was a question (its row in the questions log).
 */
export async function handleChatTurn(
  services: ChatTurnDeps,
  raw: ChatCommandInput,
  /** The conversation's group when the channel already asked for it (findChatGroup for this channel and conversationKey). */
  conversation?: Promise<ChatGroup | undefined>,
): Promise<{ text: string; questionId?: number }> {
  const turn = await commandOrQuestion(services, raw, conversation);
  if ('reply' in turn) return { text: turn.reply };
  const answer = await services.assistant.answer(turn.ask);
  return { text: answer.text, questionId: answer.questionId };
}

/**
 * As handleChatTurn, but a question's row in the questions log is returned to be stored, not
 * stored: for a channel that stores it with its own record of the message by one statement
 * (the WeCom callback, with the MsgId's outcome), before it sends the reply.
 */
export async function handleChatTurnToRecord(
  services: ChatTurnDeps,
  raw: ChatCommandInput,
  conversation?: Promise<ChatGroup | undefined>,
): Promise<{ text: string; question?: NewQuestion }> {
  const turn = await commandOrQuestion(services, raw, conversation);
  if ('reply' in turn) return { text: turn.reply };
  const { answer, question } = await services.assistant.answerToRecord(turn.ask);
  return { text: answer.text, question };
}

/**
 * What handleChatTurn will do with a message, told from its text alone: reply that it is too
 * long, run a command, or ask the assistant. A channel can then answer a question before it
 * records anything (nothing but reads happen on the way) and store the question with its record
 * of the message by one statement (the WeCom callback, see answerChatQuestionToRecord).
 */
export function chatMessageKind(text: string): 'too_long' | 'command' | 'question' {
  const clean = withoutNul(text);
  if (clean.length > MAX_CHAT_CHARS) return 'too_long';
  return isChatCommand(clean) ? 'command' : 'question';
}

/**
 * A message chatMessageKind calls a question: the answer, and its row in the questions log to
 * store (not stored), as handleChatTurnToRecord would give for it — without looking for a command.
 */
export async function answerChatQuestionToRecord(
  services: ChatTurnDeps,
  raw: ChatCommandInput,
  conversation?: Promise<ChatGroup | undefined>,
): Promise<{ text: string; question: NewQuestion }> {
  const { answer, question } = await services.assistant.answerToRecord(await questionOf(services, { ...raw, text: withoutNul(raw.text) }, conversation));
  return { text: answer.text, question };
}

/** A chat turn up to the assistant: a command's reply, or the question to ask it. */
async function commandOrQuestion(
  services: ChatTurnDeps,
  raw: ChatCommandInput,
  conversation?: Promise<ChatGroup | undefined>,
): Promise<{ reply: string } | { ask: AskInput }> {
  const input = raw.text.includes('\u0000') ? { ...raw, text: withoutNul(raw.text) } : raw;
  // The length cap at the boundary: no command or question is longer, and no parser sees more.
  if (input.text.length > MAX_CHAT_CHARS) return { reply: `消息太长了（超过${MAX_CHAT_CHARS}字），请精简后再发送。` };
  const commandReply = await runChatCommands(services, input);
  if (commandReply !== undefined) return { reply: commandReply };
  return { ask: await questionOf(services, input, conversation) };
}

/** A question for the assistant, asked as the conversation's bound college and province. */
async function questionOf(services: ChatTurnDeps, input: ChatCommandInput, conversation?: Promise<ChatGroup | undefined>): Promise<AskInput> {
  const key = conversationKey(input);
  const bound = await (conversation ?? findChatGroup(services.db, input.channel, key));
  return {
    text: input.text,
    channel: input.channel,
    from: input.from,
    group: input.group || bound
      ? { id: key, name: bound?.name ?? input.group?.name, provinceCode: bound?.provinceCode, collegeId: bound?.collegeId, collegeName: bound?.collegeName }
      : undefined,
  };
}

/**
 * A NUL cannot be stored (PostgreSQL text) and means nothing in a chat message: it is dropped,
 * so the question is still answered and logged.
 */
const withoutNul = (text: string) => text.replaceAll('\u0000', '');

/** The reply text only (channels that need nothing else). */
export async function handleChatMessage(services: ChatTurnDeps, input: ChatCommandInput, conversation?: Promise<ChatGroup | undefined>): Promise<string> {
  return (await handleChatTurn(services, input, conversation)).text;
}
