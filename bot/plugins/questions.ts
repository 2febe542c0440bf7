import type { Message, Wechaty } from 'wechaty';
import { types } from 'wechaty-puppet';
import { handleChatMessage } from '../../api/chat/handle.js';
import { mayAdministerGroup } from '../../api/chat/identity.js';
import { RateLimiter } from '../../api/http/rate-limit.js';
import type { Services } from '../../api/services.js';
import { addressedText, splitReply } from '../etiquette.js';
import { rememberRoom } from '../relink.js';

/**
 * The Q&A behaviour, in wechaty plugin style: one `bot.on('message')` that turns a message
 * addressed to the bot into a chat command or an assistant question and says the reply back.
 */
export interface QuestionsPluginConfig {
  keywords: string[];
  adminIds: string[];
  ratePerMinute: number;
}

export function QuestionsPlugin(services: Services, config: QuestionsPluginConfig) {
  const limiter = new RateLimiter(config.ratePerMinute);
  const lastReply = new Map<string, string[]>();
  const log = services.log.child({ module: 'bot.questions' });

  const isGroupAdmin = async (message: Message): Promise<boolean> =>
    mayAdministerGroup(services, { channel: 'wechaty', senderId: message.talker().id, groupOwnerId: message.room()?.owner()?.id });

  return function questionsPlugin(bot: Wechaty): void {
    bot.on('message', async (message: Message) => {
      try {
        if (message.self()) return;
        services.channelStatus.touch('wechaty');
        if (message.type() !== types.Message.Text) return;
        if (message.talker().type() === types.Contact.Official) return; // other bots and accounts
        const room = message.room();
        const conversation = room?.id ?? message.talker().id;
        const raw = message.text();
        if (lastReply.get(conversation)?.some((said) => raw === said || raw.endsWith(` ${said}`))) return; // an echo of our own reply
        const mentioned = room ? await message.mentionSelf() : false;
        const text = addressedText({
          text: raw,
          inRoom: !!room,
          mentioned,
          mentionFreeText: mentioned ? await message.mentionText() : undefined,
          keywords: config.keywords,
        });
        if (!text) return;
        // In a group the reply @-mentions the asker (on its first piece).
        const say = async (reply: string) => {
          const pieces = splitReply(reply);
          lastReply.set(conversation, pieces);
          for (const [i, piece] of pieces.entries()) {
            if (room && i === 0) await room.say(piece, message.talker());
            else await (room ?? message.talker()).say(piece);
          }
        };
        const allowed = limiter.takeOrFirstRefusal(message.talker().id);
        if (allowed !== 'ok') {
          // Said once per window: answering every extra message would be the flood itself.
          if (allowed === 'refused-first') await say('您提问太快啦，请稍等一分钟再问 🙏');
          return;
        }
        const reply = await handleChatMessage(services, {
          text,
          channel: 'wechaty',
          from: { id: message.talker().id, name: message.talker().name() },
          group: room ? { externalId: room.id, name: await room.topic() } : undefined,
          isGroupAdmin: await isGroupAdmin(message),
        });
        await say(reply);
        if (room) await rememberRoom(services, room); // its binding can be found again after a re-login
      } catch (err) {
        log.error({ err }, 'could not answer a message');
      }
    });
  };
}
