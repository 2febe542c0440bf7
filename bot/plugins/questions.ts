import type { Message, Wechaty } from 'wechaty';
import { types } from 'wechaty-puppet';
import { handleChatMessage } from '../../api/chat/handle.js';
import { RateLimiter } from '../../api/http/rate-limit.js';
import type { Services } from '../../api/services.js';
import { addressedText, splitReply } from '../etiquette.js';

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
  const lastReply = new Map<string, string>();
  const log = services.log.child({ module: 'bot.questions' });

  const isGroupAdmin = async (message: Message): Promise<boolean> => {
    const talker = message.talker();
    if (config.adminIds.includes(talker.id)) return true;
    const room = message.room();
    if (room && (await room.owner())?.id === talker.id) return true;
    const [row] = await services.db.query(
      "select 1 from accounts where wechat_id = $1 and role in ('admin', 'region_manager') and not disabled",
      [talker.id],
    );
    return !!row;
  };

  return function questionsPlugin(bot: Wechaty): void {
    bot.on('message', async (message: Message) => {
      try {
        if (message.self() || message.type() !== types.Message.Text) return;
        if (message.talker().type() === types.Contact.Official) return; // other bots and accounts
        const room = message.room();
        const conversation = room?.id ?? message.talker().id;
        const raw = message.text();
        if (raw === lastReply.get(conversation)) return; // an echo of our own reply
        const mentioned = room ? await message.mentionSelf() : false;
        const text = addressedText({
          text: raw,
          inRoom: !!room,
          mentioned,
          mentionFreeText: mentioned ? await message.mentionText() : undefined,
          keywords: config.keywords,
        });
        if (!text) return;
        const say = async (reply: string) => {
          lastReply.set(conversation, reply);
          for (const piece of splitReply(reply)) await (room ?? message.talker()).say(piece);
        };
        if (!limiter.take(message.talker().id)) {
          await say('您提问太快啦，请稍等一分钟再问 🙏');
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
      } catch (err) {
        log.error({ err }, 'could not answer a message');
      }
    });
  };
}
