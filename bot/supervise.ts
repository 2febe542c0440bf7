import type { Wechaty } from 'wechaty';
import type { Services } from '../api/services.js';
import { relinkRooms, rememberRoom } from './relink.js';

/**
 * Keep a wechaty bot running and observable: its state on the console's 渠道 page (waiting for a
 * QR scan with the code to draw, connected, error), group bindings re-linked at every login, and
 * restarts after errors or logout with exponential backoff — one log line per attempt, however
 * many errors the puppet emits meanwhile (no stack traces: puppets repeat the same one).
 */
export function superviseBot(services: Services, bot: Wechaty, opts: { puppet: string; maxDelayMs?: number; baseDelayMs?: number }): () => Promise<void> {
  const log = services.log.child({ module: 'bot' });
  const status = services.channelStatus;
  const maxDelay = opts.maxDelayMs ?? 5 * 60_000;
  const baseDelay = opts.baseDelayMs ?? 2_000;
  let stopped = false;
  let attempt = 0;
  let suppressed = 0;
  let timer: NodeJS.Timeout | undefined;

  const restart = (why: string) => {
    status.set('wechaty', 'error', { mode: opts.puppet, error: why });
    if (stopped) return;
    if (timer) {
      suppressed++; // already scheduled: counted, not logged
      return;
    }
    const delay = Math.min(maxDelay, baseDelay * 2 ** attempt++);
    log.warn({ attempt, delayMs: delay, why: why.slice(0, 200), suppressedErrors: suppressed }, 'wechaty bot will restart');
    suppressed = 0;
    timer = setTimeout(async () => {
      timer = undefined;
      try {
        await bot.stop().catch(() => {});
        status.set('wechaty', 'connecting', { mode: opts.puppet });
        await bot.start();
      } catch (err) {
        restart(messageOf(err));
      }
    }, delay);
    timer.unref();
  };

  const relink = () =>
    relinkRooms(services, bot).catch((err) => log.warn({ why: messageOf(err) }, 'could not re-link group bindings'));

  bot.on('scan', (qrcode) => {
    if (!qrcode) return; // "scanned, confirm on the phone": nothing new to draw
    status.set('wechaty', 'waiting_qr', { mode: opts.puppet, qr: qrcode });
    log.info({ qrcode: `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}` }, '请用微信扫描二维码登录机器人账号（也可在后台“渠道”页扫码）');
  });
  bot.on('login', (user) => {
    attempt = 0;
    status.set('wechaty', 'connected', { mode: opts.puppet });
    log.info({ user: user.name() }, 'wechaty bot logged in');
    void relink();
  });
  bot.on('ready', () => void relink()); // rooms are all loaded now
  // A topic changed while we watch: the binding's stable key follows it.
  bot.on('room-topic', (room) => void rememberRoom(services, room).catch(() => {}));
  bot.on('logout', () => restart('logout'));
  bot.on('error', (err) => restart(messageOf(err)));

  const withdraw = status.provide('wechaty', {
    conversations: async () => {
      if (!bot.isLoggedIn) return [];
      const rooms = await bot.Room.findAll();
      return Promise.all(rooms.map(async (r) => ({ id: r.id, name: await r.topic() })));
    },
  });
  status.set('wechaty', 'connecting', { mode: opts.puppet });
  bot.start().catch((err) => restart(messageOf(err)));
  return async () => {
    stopped = true;
    withdraw();
    if (timer) clearTimeout(timer);
    await bot.stop().catch(() => {});
  };
}

function messageOf(err: unknown): string {
  return String((err as Error)?.message ?? err);
}
