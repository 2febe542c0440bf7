/**
 * WeChat and WeCom HTTP APIs answer JSON with `errcode` (0 = success). One call helper for both
 * clients: a timeout, and every failure as a TencentApiError carrying the errcode (negative for
 * transport errors and configuration problems).
 */
export class TencentApiError extends Error {
  constructor(readonly errcode: number, message: string) {
    super(message);
    this.name = 'TencentApiError';
  }
}

export async function callTencentApi(base: string, path: string, json?: unknown, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  const res = await fetch(new URL(path, base), {
    method: json === undefined ? 'GET' : 'POST',
    headers: json === undefined ? undefined : { 'content-type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new TencentApiError(-res.status, `HTTP ${res.status}`);
  const body = (await res.json()) as Record<string, unknown>;
  const errcode = Number(body.errcode ?? 0);
  if (errcode !== 0) throw new TencentApiError(errcode, `errcode ${errcode}: ${String(body.errmsg ?? '')}`);
  return body;
}

/** Token errors after which a cached access token must be fetched again. */
export const TOKEN_EXPIRED = new Set([40001, 40014, 42001]);

/**
 * Errors that sending the same message again will not fix — the recipient is outside the app's
 * visible range (81013), the userid does not exist (40003), the group robot's webhook is gone
 * (93000, 93004). The outbox fails these at once instead of retrying; an operator fixes the cause
 * and presses 重试. (A service-wide setting such as an untrusted IP, 60020, is retried: fixing it
 * in the WeCom admin makes the queued messages go.)
 */
export const PERMANENT_ERRCODES = new Set([40003, 81013, 93000, 93004]);

export function isPermanentError(err: unknown): boolean {
  return err instanceof TencentApiError && PERMANENT_ERRCODES.has(err.errcode);
}
