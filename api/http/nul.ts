import type { Context, Next } from 'koa';
import { AppError } from './errors.js';

const NUL = /%00|\u0000/i;

/**
 * PostgreSQL text cannot hold a NUL character, so a request carrying one (in the path, the query
 * or any string of a JSON/form body) would fail deep inside a query with a 500. Refuse it at the
 * boundary with a 400 instead. (Chat messages, which are not refused, have NULs removed where
 * they enter: api/chat/handle.ts.)
 */
export function refuseNulBytes() {
  return function refuseNulBytesMiddleware(ctx: Context, next: Next) {
    const body = ctx.request.body;
    if (NUL.test(ctx.path) || (ctx.querystring !== '' && hasNul(ctx.query)) || (body !== undefined && hasNul(body))) {
      throw new AppError(400, 'nul_character', '输入中含有不允许的空字符（\\u0000）');
    }
    return next();
  };
}

function hasNul(value: unknown): boolean {
  // Iterative, so that a deeply nested body cannot overflow the stack.
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return true;
    } else if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) return true;
        stack.push(child);
      }
    }
  }
  return false;
}
