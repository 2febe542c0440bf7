import type { ChatChannel } from './identity.js';

/**
 * Each chat channel's state on this instance, for the console's 渠道 page: whether it is
 * configured, connected, waiting for a QR scan (with the QR payload to draw), or failing, and
 * when it last received a message. Channels report into it; nothing is stored.
 */
export type ChannelState = 'disabled' | 'connecting' | 'connected' | 'waiting_qr' | 'error';

export interface ChannelStatus {
  channel: ChatChannel;
  state: ChannelState;
  /** How the channel runs, e.g. 'long_connection' / 'callback' / a puppet name. */
  mode?: string;
  /** The QR code payload to scan (waiting_qr). */
  qr?: string;
  error?: string;
  lastMessageAt?: string;
  since: string;
}

/** What a running channel can tell the console beyond its state. */
export interface ChannelActions {
  /** The groups the channel sees now (for re-linking a binding to one of them). */
  conversations?: () => Promise<Array<{ id: string; name: string }>>;
}

export class ChannelStatusBoard {
  private readonly states = new Map<ChatChannel, ChannelStatus>();
  private readonly actions = new Map<ChatChannel, ChannelActions>();

  /** A running channel offers actions; returns the function that withdraws them. */
  provide(channel: ChatChannel, actions: ChannelActions): () => void {
    this.actions.set(channel, actions);
    return () => {
      if (this.actions.get(channel) === actions) this.actions.delete(channel);
    };
  }

  actionsOf(channel: ChatChannel): ChannelActions {
    return this.actions.get(channel) ?? {};
  }

  constructor(private readonly now: () => Date) {}

  set(channel: ChatChannel, state: ChannelState, extra: { mode?: string; qr?: string; error?: string } = {}): void {
    const prev = this.states.get(channel);
    this.states.set(channel, {
      channel,
      state,
      mode: extra.mode ?? prev?.mode,
      qr: state === 'waiting_qr' ? extra.qr : undefined,
      error: state === 'error' ? extra.error : undefined,
      lastMessageAt: this.lastMessage.get(channel)?.toISOString(),
      since: this.now().toISOString(),
    });
  }

  /**
   * A message arrived on the channel. Its time is kept as it is and written as text when the
   * status is read (every WeCom callback touches its channel: toISOString each time was ~0.6 %
   * of a callback's CPU).
   */
  touch(channel: ChatChannel): void {
    const at = this.now();
    this.lastMessage.set(channel, at);
    if (!this.states.has(channel)) this.states.set(channel, { channel, state: 'connected', since: at.toISOString() });
  }

  get(channel: ChatChannel): ChannelStatus | undefined {
    const s = this.states.get(channel);
    const last = this.lastMessage.get(channel);
    if (s && last) s.lastMessageAt = last.toISOString();
    return s;
  }

  private readonly lastMessage = new Map<ChatChannel, Date>();
}
