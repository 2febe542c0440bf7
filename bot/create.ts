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

