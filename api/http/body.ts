import type { Context } from 'koa';
import { AppError } from './errors.js';

/** Read a raw request body, refusing more than `limit` bytes (declared or streamed) with 413. */
export async function readRawBody(ctx: Context, limit: number): Promise<Buffer> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limit) throw new AppError(413, 'payload_too_large', '请求内容太大');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new AppError(413, 'payload_too_large', '请求内容太大');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
