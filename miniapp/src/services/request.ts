import { config } from '../config';

/**
 * The one request helper: the API base from config, the session token, one retry on a network
 * failure, and errors shown kindly (a toast in Chinese) and passed on.
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
        reject(new RequestError(0, 'network', '网络不太好，请稍后再试'));
      },
    });
  });
}

export async function request<T>(path: string, options: { method?: 'GET' | 'POST'; data?: unknown; quiet?: boolean } = {}): Promise<T> {
  const method = options.method ?? (options.data ? 'POST' : 'GET');
  try {
    try {
      return await once<T>(path, method, options.data);
    } catch (err) {
      if (err instanceof RequestError && err.code === 'network') return await once<T>(path, method, options.data);
      throw err;
    }
  } catch (err) {
    if (!options.quiet) wx.showToast({ title: (err as Error).message, icon: 'none' });
    throw err;
  }
}
