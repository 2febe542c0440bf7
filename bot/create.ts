import { WechatyBuilder, type Wechaty } from 'wechaty';
import type { Services } from '../api/services.js';
import { QuestionsPlugin } from './plugins/questions.js';

/** A Wechaty bot on the given puppet (a name such as wechaty-puppet-wechat4u, or an instance) with the bot's plugins. */
export function createBot(services: Services, puppet: string | object, puppetOptions?: Record<string, unknown>): Wechaty {
  const { config } = services;
  const bot = WechatyBuilder.build({ name: config.WECHATY_NAME, puppet: puppet as never, puppetOptions: puppetOptions as never });
  bot.use(QuestionsPlugin(services, { keywords: config.BOT_KEYWORDS, adminIds: config.BOT_ADMIN_IDS, ratePerMinute: config.BOT_RATE_PER_MINUTE }));
  return bot;
}


/** Let the outbox send to WeChat groups and people through this bot; returns the unregister function. */
export function registerRoomSender(services: Services, bot: Wechaty): () => void {
  const offRoom = services.senders.register('wechaty_room', async (roomId, payload) => {
    const room = await bot.Room.find({ id: roomId });
    if (!room) throw new Error(`wechaty room ${roomId} not found (bot not in the group or not logged in)`);
    // An answer to someone's question mentions them (payload.mention: contact ids).
    const mentioned = Array.isArray(payload.mention)
      ? (await Promise.all(payload.mention.map((id) => bot.Contact.find({ id: String(id) })))).filter((c) => c !== undefined)
      : [];
    if (mentioned.length) await room.say(String(payload.text ?? ''), ...mentioned);
    else await room.say(String(payload.text ?? ''));
  });
  const offContact = services.senders.register('wechaty_contact', async (contactId, payload) => {
    const contact = await bot.Contact.find({ id: contactId });
    if (!contact) throw new Error(`wechaty contact ${contactId} not found`);
    await contact.say(String(payload.text ?? ''));
  });
  return () => {
    offRoom();
    offContact();
  };
}
