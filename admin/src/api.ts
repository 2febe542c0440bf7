/** The console's one HTTP helper: JSON in and out, the session cookie, errors as Chinese messages. */
export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: FieldIssue[]) {
    super(message);
  }
}

/** Fired when the API says the session is gone: the shell returns to the sign-in form. */
export const SIGNED_OUT_EVENT = 'onex:signed-out';

export async function api<T = any>(path: string, init: { method?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {}): Promise<T> {
  // The server refuses cookie-authenticated changes without this header (CSRF).
  const headers: Record<string, string> = { ...init.headers, 'x-requested-with': 'onex-console' };
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  let res: Response;
  try {
    res = await fetch(path, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', '网络连接失败，请检查网络后重试');
  }
  const text = await res.text();
  const data = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    const details = Array.isArray(err?.details) ? (err!.details as FieldIssue[]).filter((d) => d && typeof d.message === 'string') : undefined;
    const error = new ApiError(res.status, err?.code ?? 'http_' + res.status, err?.message ?? `请求失败（${res.status}）`, details);
    // An expired or revoked session anywhere but the sign-in calls themselves.
    if (res.status === 401 && !path.startsWith('/api/auth/login') && !path.startsWith('/api/auth/me')) {
      dispatchEvent(new CustomEvent(SIGNED_OUT_EVENT, { detail: error.message }));
    }
    throw error;
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
