import type { Services } from '../services.js';
import type { ChatChannel } from './identity.js';
import { groupBindingCommand } from '../groups/commands.js';
import { reportCommand } from '../reports/chat.js';

/**
 * Chat commands that are not questions for the assistant: group binding (`绑定 山东 某某职业学院`),
 * progress reports (`进展：…`), and the like. Every chat channel (wechaty, WeCom) runs the
 * message through `chatCommands` in order; the first one that matches it handles it, and only
 * when none does is the message passed to the assistant.
 */
export interface ChatCommandInput {
  /** The message with any @-mention or bot keyword removed. */
  text: string;
  channel: ChatChannel;
  from: { id: string; name?: string };
  /** Absent in a private chat. */
  group?: { externalId: string; name?: string };
  /**
   * Whether the sender may administer the group (owner, or listed in BOT_ADMIN_IDS / accounts).
   * A function is asked only when a command needs the answer (it may cost a database read that
   * most messages, being questions, never need).
   */
  isGroupAdmin: boolean | (() => Promise<boolean>);
}

/** What a chat command may use: the database, the clock, configuration and the log (not the channels or the HTTP parts). */
export type ChatCommandDeps = Pick<Services, 'db' | 'clock' | 'config' | 'log'>;

/**
 * A chat command: which messages it takes (by their text alone, so that a channel can tell a
 * question from a command before it does anything), and what it does with one — always a reply.
 */
export interface ChatCommand {
  matches(text: string): boolean;
  run(deps: ChatCommandDeps, input: ChatCommandInput): Promise<string>;
}

export const chatCommands: ChatCommand[] = [groupBindingCommand, reportCommand];

/** Whether a message is a chat command (one of them matches it); otherwise it is a question. */
export function isChatCommand(text: string): boolean {
  return chatCommands.some((c) => c.matches(text));
}

/** Run the first command that matches the message; its reply, or undefined when none does. */
export async function runChatCommands(services: ChatCommandDeps, input: ChatCommandInput): Promise<string | undefined> {
  return chatCommands.find((c) => c.matches(input.text))?.run(services, input);
}
