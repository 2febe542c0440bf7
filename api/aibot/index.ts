import type { Services } from '../services.js';

/**
 * Background starter (api/background.ts) for the WeCom 智能机器人: the long connection by default
 * (WECOM_AIBOT_ID + WECOM_AIBOT_SECRET), or — with WECOM_AIBOT_MODE=callback — the callback URL
 * /wecom/aibot/callback (api/aibot/callback.ts), which needs no background part.
 */
export async function startWecomAibot(services: Services): Promise<() => Promise<void>> {
  const { config, log } = services;
  if (config.WECOM_AIBOT_MODE === 'callback') {
    const ready = !!(config.WECOM_AIBOT_TOKEN && config.WECOM_AIBOT_ENCODING_AES_KEY);
    services.channelStatus.set('wecom_aibot', ready ? 'connected' : 'error', {
      mode: 'callback',
      error: ready ? undefined : '未配置 WECOM_AIBOT_TOKEN / WECOM_AIBOT_ENCODING_AES_KEY',
    });
    log.info({ ready }, 'WeCom 智能机器人 in callback mode: messages arrive at /wecom/aibot/callback');
    return async () => {};
  }
  if (!config.WECOM_AIBOT_ID && !config.WECOM_AIBOT_SECRET) {
    services.channelStatus.set('wecom_aibot', 'disabled', { mode: 'long_connection' });
    log.info('WeCom 智能机器人 disabled: set WECOM_AIBOT_ID and WECOM_AIBOT_SECRET to enable it (long connection, no public address needed)');
    return async () => {};
  }
  const { startAibotLongConnection } = await import('./long-connection.js');
  return startAibotLongConnection(services);
}
