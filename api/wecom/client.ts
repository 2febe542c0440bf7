import { splitUtf8 } from '../chat/split.js';
import { TOKEN_EXPIRED, TencentApiError, callTencentApi } from '../http/tencent-api.js';

/**
 * Outbound WeCom HTTP API: group-robot webhooks and app messages (with a cached access token).
 * Everything goes through WECOM_API_BASE so tests can point it at a local stand-in.
 */

interface TokenCache {
  token: string;
  expiresAt: number;
}

export class WecomClient {
  private cache?: TokenCache;
  private pending?: Promise<string>;

  constructor(private readonly opts: { base: string; corpId?: string; secret?: string; agentId?: string; now?: () => number; timeoutMs?: number }) {}

  private call(path: string, init?: { json?: unknown }): Promise<Record<string, unknown>> {
    return callTencentApi(this.opts.base, path, init?.json, this.opts.timeoutMs);
  }

  /** Group robot: POST /cgi-bin/webhook/send?key=KEY — a text over 2,048 bytes goes as numbered parts, in order. */
  async robotSend(key: string, text: string): Promise<void> {
    for (const part of textParts(text)) await this.call(`/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`, { json: { msgtype: 'text', text: { content: part } } });
  }

  /** The app's access token, fetched once and reused until shortly before it expires. */
  async accessToken(force = false): Promise<string> {
    const now = this.opts.now?.() ?? Date.now();
    if (!force && this.cache && this.cache.expiresAt > now) return this.cache.token;
    if (!this.opts.corpId || !this.opts.secret) throw new TencentApiError(-1, 'WECOM_CORP_ID and WECOM_SECRET are not configured');
    this.pending ??= this.call(`/cgi-bin/gettoken?corpid=${encodeURIComponent(this.opts.corpId)}&corpsecret=${encodeURIComponent(this.opts.secret)}`)
      .then((body) => {
        const token = String(body.access_token);
        this.cache = { token, expiresAt: now + (Number(body.expires_in ?? 7200) - 300) * 1000 };
        return token;
      })
      .finally(() => (this.pending = undefined));
    return this.pending;
  }

  /**
   * App message to users (ids joined by |): POST /cgi-bin/message/send. With
   * `duplicateCheckSeconds`, WeCom drops the same message to the same user within that interval
   * (enable_duplicate_check), so sending again after an unknown outcome does not repeat it.
   */
  async appSend(toUser: string, text: string, opts: { duplicateCheckSeconds?: number } = {}): Promise<void> {
    const dedupe = opts.duplicateCheckSeconds ? { enable_duplicate_check: 1, duplicate_check_interval: opts.duplicateCheckSeconds } : {};
    const send = async (content: string, token: string) =>
      this.call(`/cgi-bin/message/send?access_token=${encodeURIComponent(token)}`, {
        json: { touser: toUser, msgtype: 'text', agentid: Number(this.opts.agentId ?? 0), text: { content }, ...dedupe },
      });
    const sendWithToken = async (content: string) => {
      try {
        await send(content, await this.accessToken());
      } catch (err) {
        if (err instanceof TencentApiError && TOKEN_EXPIRED.has(err.errcode)) await send(content, await this.accessToken(true));
        else throw err;
      }
    };
    // Over 2,048 bytes: numbered parts, in order (with duplicate checking on, a retry does not repeat the parts already delivered).
    for (const part of textParts(text)) await sendWithToken(part);
  }
}

/** WeCom's limit for one text message (app message and group robot), in UTF-8 bytes. */
export const WECOM_TEXT_LIMIT_BYTES = 2048;

/** A text as the messages WeCom accepts: itself, or parts of at most 2,048 bytes numbered （1/3）. */
export function textParts(text: string): string[] {
  if (Buffer.byteLength(text) <= WECOM_TEXT_LIMIT_BYTES) return [text];
  const parts = splitUtf8(text, WECOM_TEXT_LIMIT_BYTES - 16);
  return parts.map((p, i) => `（${i + 1}/${parts.length}）${p}`);
}
