import { WSClient, generateReqId, type WsFrame } from '@wecom/aibot-node-sdk';
import { splitUtf8 } from '../chat/split.js';
import type { Services } from '../services.js';
import {
  AIBOT_TEXT_MAX_BYTES,
  AIBOT_THINKING,
  claimAibotMessage,
  feedbackIdFor,
  handleAibotEvent,
  handleAibotMessage,
  messageText,
  parseAibotEvent,
  parseAibotMessage,
} from './conversation.js';

/**
 * The WeCom 智能机器人 over its long connection (document 101463), through the official SDK:
 * no public address needed. The SDK subscribes with the bot id and secret, keeps the connection
 * alive and reconnects with backoff; this adapter turns its frames into the shared chat call,
 * streams each reply (the first frame at once), says the welcome, stores feedback, and lets the
 * outbox push markdown to a chat (`aibot_send_msg`) as the `wecom_aibot` delivery channel.
 */
export async function startAibotLongConnection(services: Services): Promise<() => Promise<void>> {
  const { config } = services;
  const log = services.log.child({ module: 'aibot' });
  const status = services.channelStatus;
  if (!config.WECOM_AIBOT_ID || !config.WECOM_AIBOT_SECRET) {
    log.error('WeCom 智能机器人 long connection not started: set WECOM_AIBOT_ID and WECOM_AIBOT_SECRET (企业微信管理后台 → 智能机器人 → API 模式 → 长连接)');
    status.set('wecom_aibot', 'error', { mode: 'long_connection', error: '未配置 WECOM_AIBOT_ID / WECOM_AIBOT_SECRET' });
    return async () => {};
  }
  const client = new WSClient({
    botId: config.WECOM_AIBOT_ID,
    secret: config.WECOM_AIBOT_SECRET,
    wsUrl: config.WECOM_AIBOT_WS_URL,
    maxReconnectAttempts: -1, // keep trying; one log line per attempt
    logger: {
      debug: () => {},
      info: () => {},
      warn: (message: string) => log.warn({ sdk: true }, message),
      error: (message: string) => log.warn({ sdk: true }, message),
    },
  });
  status.set('wecom_aibot', 'connecting', { mode: 'long_connection' });

  client.on('authenticated', () => {
    status.set('wecom_aibot', 'connected', { mode: 'long_connection' });
    log.info('WeCom 智能机器人 long connection authenticated');
  });
  client.on('reconnecting', (attempt: number) => {
    status.set('wecom_aibot', 'connecting');
    log.warn({ attempt }, 'WeCom 智能机器人 reconnecting');
  });
  client.on('disconnected', (reason: string) => status.set('wecom_aibot', 'error', { error: `连接断开：${reason}` }));
  client.on('error', (err: Error) => status.set('wecom_aibot', 'error', { error: err.message }));

  const inFlight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  const onMessage = async (frame: WsFrame) => {
    const m = parseAibotMessage(frame.body);
    if (!m) return log.warn('智能机器人 message in an unexpected shape, ignored');
    if (m.msgtype !== 'text' && m.msgtype !== 'voice' && m.msgtype !== 'mixed') return;
    const streamId = generateReqId('stream');
    const claim = await claimAibotMessage(services, m.msgid);
    // The first stream frame goes out at once, before the answer is worked out; it carries the
    // feedback id so the user can mark the answer 准确/不准确. The answer follows in the same stream.
    const first =
      claim.kind === 'claimed' && messageText(m) ? client.replyStream(frame, streamId, AIBOT_THINKING, false, undefined, { id: feedbackIdFor(m.msgid) }) : undefined;
    first?.catch(() => {}); // a failed first frame shows in the final frame's outcome
    const turn = await handleAibotMessage(services, m, claim);
    if (turn.kind === 'ignore') return;
    await first?.catch(() => {});
    if (turn.kind === 'failed') {
      await client.replyStream(frame, streamId, turn.text, true);
      return;
    }
    if (turn.kind === 'resend') await client.replyStream(frame, streamId, turn.text, true, undefined, { id: turn.feedbackId });
    else await client.replyStream(frame, streamId, turn.text, true);
    await turn.delivered();
  };

  client.on('message', (frame: WsFrame) => track(onMessage(frame).catch((err) => log.warn({ err }, 'could not reply on the long connection'))));
  client.on('event', (frame: WsFrame) =>
    track(
      (async () => {
        const e = parseAibotEvent(frame.body);
        if (!e) return;
        const { welcome } = await handleAibotEvent(services, e);
        if (welcome) await client.replyWelcome(frame, { msgtype: 'text', text: { content: welcome } });
      })().catch((err) => log.warn({ err }, 'could not handle a 智能机器人 event')),
    ),
  );

  const unregister = services.senders.register('wecom_aibot', async (chatId, payload) => {
    if (!client.isConnected) throw new Error('WeCom 智能机器人 long connection is not connected');
    for (const content of splitUtf8(String(payload.markdown ?? payload.text ?? ''), AIBOT_TEXT_MAX_BYTES)) {
      await client.sendMessage(chatId, { msgtype: 'markdown', markdown: { content } });
    }
  });
  client.connect();
  return async () => {
    unregister();
    await Promise.allSettled([...inFlight]);
    client.disconnect();
  };
}
