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
    services.channelStatus.set('wechaty', 'disabled');
    log.info('wechaty bot disabled: set WECHATY_PUPPET=wechaty-puppet-wechat4u (personal WeChat, scan the QR code in the log) or WECHATY_PUPPET=wechaty-puppet-service with WECHATY_PUPPET_SERVICE_TOKEN to enable it');
    return async () => {};
  }
  try {
    await import(config.WECHATY_PUPPET);
  } catch {
    services.channelStatus.set('wechaty', 'error', { mode: config.WECHATY_PUPPET, error: `未安装 ${config.WECHATY_PUPPET}` });
    log.error(`wechaty bot not started: the puppet package "${config.WECHATY_PUPPET}" is not installed — run \`npm install ${config.WECHATY_PUPPET}\` and restart`);
    return async () => {};
  }
  const { createBot, registerRoomSender } = await import('./create.js');
  const bot = createBot(services, config.WECHATY_PUPPET, config.WECHATY_PUPPET_SERVICE_TOKEN ? { token: config.WECHATY_PUPPET_SERVICE_TOKEN } : undefined);
  const { superviseBot } = await import('./supervise.js');
  const unregister = registerRoomSender(services, bot);
  const stop = superviseBot(services, bot, { puppet: config.WECHATY_PUPPET });
  return async () => {
    unregister();
    await stop();
  };
}
