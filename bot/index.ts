import type { Services } from '../api/services.js';

/**
 * The personal-WeChat group bot. Started with the service when WECHATY_PUPPET is set; it
 * reconnects with backoff after errors or logout and never takes the API down with it.
 * wechaty is loaded only then, so the API starts fast without it.
 */
/** Background starter (api/background.ts). */
export async function startWechatyBot(services: Services): Promise<() => Promise<void>> {
  const { config } = services;
  const log = services.log.child({ module: 'bot' });
  if (!config.WECHATY_PUPPET) {
    log.info('wechaty bot disabled: set WECHATY_PUPPET=wechaty-puppet-wechat4u (personal WeChat, scan the QR code in the log) or WECHATY_PUPPET=wechaty-puppet-service with WECHATY_PUPPET_SERVICE_TOKEN to enable it');
    return async () => {};
  }
  try {
    await import(config.WECHATY_PUPPET);
  } catch {
    log.error(`wechaty bot not started: the puppet package "${config.WECHATY_PUPPET}" is not installed — run \`npm install ${config.WECHATY_PUPPET}\` and restart`);
    return async () => {};
  }
  const { createBot, registerRoomSender } = await import('./create.js');
  const bot = createBot(services, config.WECHATY_PUPPET, config.WECHATY_PUPPET_SERVICE_TOKEN ? { token: config.WECHATY_PUPPET_SERVICE_TOKEN } : undefined);
  let stopped = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  const restart = (why: string) => {
    if (stopped || timer) return;
    const delay = Math.min(5 * 60_000, 2_000 * 2 ** attempt++);
    log.warn({ why, delayMs: delay }, 'wechaty bot will reconnect');
    timer = setTimeout(async () => {
      timer = undefined;
      try {
        await bot.stop().catch(() => {});
        await bot.start();
      } catch (err) {
        restart(String((err as Error).message));
      }
    }, delay);
    timer.unref();
  };
  bot.on('scan', (qrcode) => log.info({ qrcode: `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}` }, '请用微信扫描二维码登录机器人账号'));
  const unregister = registerRoomSender(services, bot);
  bot.on('login', (user) => {
    attempt = 0;
    log.info({ user: user.name() }, 'wechaty bot logged in');
  });
  bot.on('logout', () => restart('logout'));
  bot.on('error', (err) => {
    log.error({ err }, 'wechaty error');
    restart('error');
  });
  bot.start().catch((err) => restart(String((err as Error).message)));
  return async () => {
    stopped = true;
    unregister();
    if (timer) clearTimeout(timer);
    await bot.stop().catch(() => {});
  };
}
