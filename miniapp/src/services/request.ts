import { config } from '../config';

/**
 * The one request helper: the API base from config, the session token, one retry on a network
 * failure, a fresh login when the session has expired, and errors passed on in Chinese.
 *
 * Reading (GET) is quiet: the page shows the failure in its own error state with 重试. An action
 * (POST) also shows a toast, unless `quiet`.
 */
export class RequestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

const TOKEN_KEY = 'session_token';

export function setToken(token: string | null): void {
  if (token) wx.setStorageSync(TOKEN_KEY, token);
  else wx.removeStorageSync(TOKEN_KEY);
}

export function getToken(): string {
  return (wx.getStorageSync(TOKEN_KEY) as string) || '';
}

function once<T>(path: string, method: 'GET' | 'POST', data?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const token = getToken();
    wx.request({
      url: config.apiBase + path,
      method,
      data: data as WechatMiniprogram.IAnyObject,
      header: { 'content-type': 'application/json', 'x-client': 'miniapp', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      success(res) {
        const body = res.data as { error?: { code?: string; message?: string } };
        if (res.statusCode >= 200 && res.statusCode < 300) resolve(res.data as T);
        else reject(new RequestError(res.statusCode, body?.error?.code ?? 'http_error', body?.error?.message ?? '服务暂时不可用，请稍后再试'));
      },
      fail() {
        reject(new RequestError(0, 'network', '网络不太好，请检查网络后重试'));
      },
    });
  });
}

async function withNetworkRetry<T>(path: string, method: 'GET' | 'POST', data?: unknown): Promise<T> {
  try {
    return await once<T>(path, method, data);
  } catch (err) {
    if (err instanceof RequestError && err.code === 'network') return await once<T>(path, method, data);
    throw err;
  }
}

/** wx.login → the API's session, kept in storage. Always a new login. */
export function login(): Promise<{ token: string; account: { role: string; collegeId: number | null } }> {
  return new Promise((resolve, reject) => {
    wx.login({
      success: async ({ code }) => {
        try {
          const res = await withNetworkRetry<{ token: string; account: { role: string; collegeId: number | null } }>('/api/miniapp/login', 'POST', { code });
          setToken(res.token);
          resolve(res);
        } catch (err) {
          reject(err);
        }
      },
      fail: () => reject(new RequestError(0, 'wx_login', '微信登录失败，请稍后重试')),
    });
  });
}

let pending: Promise<unknown> | undefined;
/** A session before the first signed-in request: the one started at launch, or a new one. */
export function ensureSession(): Promise<unknown> {
  if (getToken()) return Promise.resolve();
  if (!pending) {
    const started = login().then(
      () => {
        pending = undefined;
      },
      (err) => {
        pending = undefined;
        throw err;
      },
    );
    pending = started;
  }
  return pending;
}

/**
 * `auth: true` — the endpoint needs the user's session (logs in first, and again once on a 401);
 * `auth: 'optional'` — the endpoint does more with a session (their province, 我的提问) but works without.
 */
export async function request<T>(path: string, options: { method?: 'GET' | 'POST'; data?: unknown; quiet?: boolean; auth?: boolean | 'optional' } = {}): Promise<T> {
  const method = options.method ?? (options.data ? 'POST' : 'GET');
  try {
    if (options.auth === 'optional') await ensureSession().catch(() => undefined);
    if (options.auth !== true) return await withNetworkRetry<T>(path, method, options.data);
    await ensureSession();
    try {
      return await withNetworkRetry<T>(path, method, options.data);
    } catch (err) {
      // An expired or revoked session (a week old, or ended by a bind): log in again once.
      if (!(err instanceof RequestError) || err.status !== 401) throw err;
      setToken(null);
      await ensureSession();
      return await withNetworkRetry<T>(path, method, options.data);
    }
  } catch (err) {
    if (method !== 'GET' && !options.quiet) wx.showToast({ title: (err as Error).message, icon: 'none' });
    throw err;
  }
}
