import { TOKEN_EXPIRED, TencentApiError, callTencentApi } from '../http/tencent-api.js';

/**
 * Outbound WeChat (mini-program) HTTP API: code2session, access token, subscribe messages.
 * Everything goes through WECHAT_API_BASE so tests can point it at a local stand-in.
 */

export class WechatClient {
  private cache?: { token: string; expiresAt: number };

  constructor(private readonly opts: { base: string; appId?: string; secret?: string; now?: () => number; timeoutMs?: number }) {}

  private call(path: string, json?: unknown): Promise<Record<string, unknown>> {
    return callTencentApi(this.opts.base, path, json, this.opts.timeoutMs);
  }

  private credentials(): { appId: string; secret: string } {
    if (!this.opts.appId || !this.opts.secret) throw new TencentApiError(-1, 'MINIAPP_APPID and MINIAPP_SECRET are not configured');
    return { appId: this.opts.appId, secret: this.opts.secret };
  }

  /** wx.login code → openid (GET /sns/jscode2session). */
  async code2session(code: string): Promise<{ openid: string; unionid?: string }> {
    const { appId, secret } = this.credentials();
    const body = await this.call(
      `/sns/jscode2session?appid=${encodeURIComponent(appId)}&secret=${encodeURIComponent(secret)}&js_code=${encodeURIComponent(code)}&grant_type=authorization_code`,
    );
    if (typeof body.openid !== 'string') throw new TencentApiError(-2, 'no openid in code2session response');
    return { openid: body.openid, unionid: typeof body.unionid === 'string' ? body.unionid : undefined };
  }

  async accessToken(force = false): Promise<string> {
    const now = this.opts.now?.() ?? Date.now();
    if (!force && this.cache && this.cache.expiresAt > now) return this.cache.token;
    const { appId, secret } = this.credentials();
    const body = await this.call(`/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(appId)}&secret=${encodeURIComponent(secret)}`);
    this.cache = { token: String(body.access_token), expiresAt: now + (Number(body.expires_in ?? 7200) - 300) * 1000 };
    return this.cache.token;
  }

  /** One subscribe message (POST /cgi-bin/message/subscribe/send). */
  async subscribeSend(msg: { touser: string; template_id: string; page?: string; data: Record<string, { value: string }> }): Promise<void> {
    const send = async (token: string) => this.call(`/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, msg);
    try {
      await send(await this.accessToken());
    } catch (err) {
      if (err instanceof TencentApiError && TOKEN_EXPIRED.has(err.errcode)) await send(await this.accessToken(true));
      else throw err;
    }
  }
}
