import { findGroup } from '../groups/repository.js';
import type { Services } from '../services.js';
import { runChatCommands, type ChatCommandInput } from './commands.js';

/**
 * What every chat channel does with a message addressed to the bot: a chat command if it is
 * one, otherwise a question for the assistant, asked as the group's bound college and province.
 */
export async function handleChatMessage(services: Services, input: ChatCommandInput): Promise<string> {
  const commandReply = await runChatCommands(services, input);
  if (commandReply !== undefined) return commandReply;
  const key = input.group?.externalId ?? (input.channel === 'wecom' ? input.from.id : undefined);
  const bound = key ? await findGroup(services.db, input.channel, key) : undefined;
  const answer = await services.assistant.answer({
    text: input.text,
    channel: input.channel,
    from: input.from,
    group: key
      ? { id: key, name: bound?.name ?? input.group?.name, provinceCode: bound?.provinceCode, collegeId: bound?.collegeId, collegeName: bound?.collegeName }
      : undefined,
  });
  return answer.text;
}
