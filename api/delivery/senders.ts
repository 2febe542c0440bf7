import type { DeliveryChannel } from './outbox.js';

/**
 * How each outbox channel sends. The WeCom and mini-program senders are registered when the
 * services are built; the wechaty bot registers 'wechaty_room' when it is running. A channel
 * with no sender fails its deliveries with a clear error (retried later, e.g. after the bot logs in).
 */
export type Sender = (destination: string, payload: Record<string, unknown>, context: SendContext) => Promise<void>;

export interface SendContext {
  /**
   * The message is a broadcast (a notice, a reminder, a digest): the same one twice to the same
   * destination is never intended, so a channel that can drop repeats (WeCom app messages'
   * duplicate check) should ask for it — a resend after an unknown outcome is then harmless.
   */
  duplicateCheck: boolean;
}

export class SenderRegistry {
  private readonly senders = new Map<DeliveryChannel, Sender>();

  register(channel: DeliveryChannel, sender: Sender): () => void {
    this.senders.set(channel, sender);
    return () => {
      if (this.senders.get(channel) === sender) this.senders.delete(channel);
    };
  }

  async send(channel: DeliveryChannel, destination: string, payload: Record<string, unknown>, context: SendContext = { duplicateCheck: false }): Promise<void> {
    const sender = this.senders.get(channel);
    if (!sender) throw new Error(`no sender for channel ${channel} (not configured or not running)`);
    await sender(destination, payload, context);
  }
}

/** The text of a payload: notices and digests carry `text`. */
export function payloadText(payload: Record<string, unknown>): string {
  return String(payload.text ?? '');
}
