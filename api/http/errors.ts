/**
 * The one error type the API throws. `code` is stable (clients and tests match on it);
 * `message` is for people and may be Chinese when a user will read it.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError(400, 'bad_request', message, details);
export const unauthorized = (message = '请先登录') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = '没有权限') => new AppError(403, 'forbidden', message);
export const notFound = (message = '未找到') => new AppError(404, 'not_found', message);
export const conflict = (message: string) => new AppError(409, 'conflict', message);
export const tooManyRequests = (message = '请求太频繁，请稍后再试') => new AppError(429, 'rate_limited', message);
export const unavailable = (message = '服务暂时不可用，请稍后再试') => new AppError(503, 'unavailable', message);

/** PostgreSQL constraint violations (SQLSTATE) the API turns into client errors. */
const CONSTRAINT_CODES = { unique: '23505', foreignKey: '23503', check: '23514' } as const;
export type ConstraintKind = keyof typeof CONSTRAINT_CODES;

/**
 * The one place a database constraint violation becomes an AppError: `messages` says what each
 * kind of violation means for this write (unique → 409, the others → 400); anything else is
 * rethrown unchanged.
 */
export function constraintError(err: unknown, messages: Partial<Record<ConstraintKind, string>>): unknown {
  const code = (err as { code?: unknown } | undefined)?.code;
  for (const [kind, sqlstate] of Object.entries(CONSTRAINT_CODES) as Array<[ConstraintKind, string]>) {
    const message = messages[kind];
    if (code === sqlstate && message) return kind === 'unique' ? conflict(message) : badRequest(message);
  }
  return err;
}
