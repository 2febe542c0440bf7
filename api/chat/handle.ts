import { findGroup } from '../groups/repository.js';
import type { Services } from '../services.js';
import { runChatCommands, type ChatCommandInput } from './commands.js';
import { conversationKey } from './identity.js';

/**
 * What every chat channel does with a message addressed to the bot: a chat command if it is
 * one, otherwise a question for the assistant, asked as the conversation's bound college and
 * province. `questionId` is set when the message was a question (its row in the questions log).
 */
export async function handleChatTurn(services: Services, input: ChatCommandInput): Promise<{ text: string; questionId?: number }> {
  const commandReply = await runChatCommands(services, input);
  if (commandReply !== undefined) return { text: commandReply };
  const key = conversationKey(input);
  const bound = await findGroup(services.db, input.channel, key);
  const answer = await services.assistant.answer({
    text: input.text,
    channel: input.channel,
    from: input.from,
    group: input.group || bound
      ? { id: key, name: bound?.name ?? input.group?.name, provinceCode: bound?.provinceCode, collegeId: bound?.collegeId, collegeName: bound?.collegeName }
      : undefined,
  });
  return { text: answer.text, questionId: answer.questionId };
}

/** The reply text only (channels that need nothing else). */
export async function handleChatMessage(services: Services, input: ChatCommandInput): Promise<string> {
  return (await handleChatTurn(services, input)).text;
}
