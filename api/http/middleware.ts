import { randomUUID } from 'node:crypto';
import type { Context, Middleware, Next } from 'koa';
import pino, { type Logger } from 'pino';
import { z } from 'zod';
import { AppError } from './errors.js';
import { isDbUnavailable } from '../db/index.js';

declare module 'koa' {
  interface DefaultState {
    requestId: string;
    log: Logger;
  }
}

/**
 * A request's state: its id, and a logger tagged with it, made when a handler first logs (most
 * requests only write the request line; a child logger per request was a measurable share of
 * the hot path, npm run bench). A class, so the lazy logger is a getter of its prototype rather
 * than a property defined on every request's object.
 */
class RequestState {
  private child: Logger | undefined;
  constructor(
    private readonly logger: Logger,
    readonly requestId: string,
  ) {}

  get log(): Logger {
    return (this.child ??= this.logger.child({ reqId: this.requestId }));
  }

  /** The request line: through the tagged logger when there is one (a handler logged), else with the id as a field. */
  logRequest(method: string, url: string, status: number, ms: number): void {
    // the fields written as one object literal each way (no spread of another): the same line
    if (this.child) this.child.info({ method, url, status, ms }, 'request');
    else if (!writeRequestLine(this.logger, this.requestId, method, url, status, ms)) this.logger.info({ reqId: this.requestId, method, url, status, ms }, 'request');
  }
}

const S = pino.symbols;
/** Loggers whose request line may be written here (a plain pino logger), with their stream. */
const plainLoggers = new WeakMap<Logger, { write(line: string): unknown } | null>();

/**
 * The request line as pino writes `logger.info({ reqId, method, url, status, ms }, 'request')`
 * (the same characters: test/request-log.test.ts compares them), written here without pino's
 * general path (its loop over the object's keys, each value's serializer and stringifier, its
 * character-by-character escaping), ~2 us of a GET /api/exams' ~35. Only for a logger with none
 * of the options that would change the line (hooks, a mixin, a log formatter, a nested key, a
 * message prefix, serializers of these keys, a stream that wants the record): false otherwise,
 * or when info is off, and the caller logs through pino.
 */
export function writeRequestLine(logger: Logger, reqId: string, method: string, url: string, status: number, ms: number): boolean {
  let stream = plainLoggers.get(logger);
  if (stream === undefined) plainLoggers.set(logger, (stream = plainStream(logger)));
  if (stream === null || !logger.isLevelEnabled('info')) return false;
  const l = logger as unknown as Record<symbol, any>;
  stream.write(
    `${l[S.lsCacheSym][30]}${l[S.timeSym]()}${l[S.chindingsSym]},"reqId":${JSON.stringify(reqId)},"method":${JSON.stringify(method)},"url":${JSON.stringify(url)},"status":${Number.isFinite(status) ? status : null},"ms":${Number.isFinite(ms) ? ms : null},"msg":"request"${l[S.endSym]}`,
  );
  return true;
}

function plainStream(logger: Logger): { write(line: string): unknown } | null {
  const l = logger as unknown as Record<symbol, any>;
  const hooks = l[S.hooksSym] ?? {};
  const serializers = l[S.serializersSym] ?? {};
  const stringifiers = l[S.stringifiersSym] ?? {};
  const stream = l[S.streamSym];
  const plain =
    logger.levels.values.info === 30 && !hooks.logMethod && !hooks.streamWrite && !l[S.mixinSym] && !l[S.formattersSym]?.log && !l[S.nestedKeySym] &&
    typeof l[(S as unknown as Record<string, symbol>).msgPrefixSym!] !== 'string' && l[S.messageKeySym] === 'msg' && typeof l[S.lsCacheSym]?.[30] === 'string' && typeof l[S.timeSym] === 'function' &&
    typeof l[S.chindingsSym] === 'string' && typeof l[S.endSym] === 'string' && stream && typeof stream.write === 'function' && stream[S.needsMetadataGsym] !== true &&
    !Object.getOwnPropertySymbols(stringifiers).length &&
    ['reqId', 'method', 'url', 'status', 'ms', 'msg'].every((k) => !serializers[k] && !stringifiers[k]);
  return plain ? stream : null;
}

const SANE_REQUEST_ID = /^[\w.-]{1,64}$/;

/** Give each request an id (kept from X-Request-Id when sane) and a logger tagged with it; log one line per request. */
export function requestContext(logger: Logger) {
  return async function requestContextMiddleware(ctx: Context, next: Next) {
    const incoming = ctx.req.headers['x-request-id'];
    const id = typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const state = new RequestState(logger, id);
    ctx.state = state;
    ctx.res.setHeader('X-Request-Id', id);
    const started = performance.now();
    try {
      await next();
    } finally {
      state.logRequest(ctx.method, ctx.url, ctx.status, Math.round((performance.now() - started) * 10) / 10);
    }
  };
}

/**
 * Run the body parser so that a body it cannot decode (a Content-Encoding that does not inflate,
 * a truncated gzip stream) is a 400, not a 500. Errors from later middleware pass through.
 */
/** The methods whose bodies are parsed (the body parser's parsedMethods, and decodedBody's). */
export const PARSED_METHODS = ['POST', 'PUT', 'PATCH'];

export function decodedBody(parser: Middleware, parsedMethods = PARSED_METHODS) {
  // the parser reads no body for the other methods (GET, HEAD, DELETE…): they pass straight on
  return (ctx: Context, next: Next) => (parsedMethods.includes(ctx.method) ? decodedBodyMiddleware(ctx, next) : next());
  async function decodedBodyMiddleware(ctx: Context, next: Next) {
    let parsed = false;
    try {
      await parser(ctx, async () => {
        parsed = true;
        await next();
      });
    } catch (err) {
      const e = err as { status?: number; statusCode?: number };
      if (!parsed && e?.status === undefined && e?.statusCode === undefined) {
        throw new AppError(400, 'undecodable_body', '请求内容无法解码');
      }
      throw err;
    }
  }
}

/** Statuses the router sets without a body (an unknown method on a known path). */
const BODYLESS_STATUS: Record<number, [string, string]> = {
  404: ['not_found', '未找到该接口'],
  405: ['method_not_allowed', '该接口不支持此请求方法'],
  501: ['not_implemented', '不支持此请求方法'],
};

/** The one error handler: every error becomes `{ error: { code, message, requestId } }`. */
export function errorHandler() {
  return async function errorHandlerMiddleware(ctx: Context, next: Next) {
    try {
      await next();
      const bodyless = ctx.body === undefined || ctx.body === null ? BODYLESS_STATUS[ctx.status] : undefined;
      if (bodyless) throw new AppError(ctx.status, bodyless[0], bodyless[1]);
    } catch (err) {
      const e = err as { status?: number; statusCode?: number; expose?: boolean; message?: string; type?: string };
      let appErr: AppError;
      if (err instanceof AppError) appErr = err;
      else if (err instanceof z.ZodError) appErr = invalidInput(err);
      else if (isDbUnavailable(err)) appErr = new AppError(503, 'db_unavailable', '服务暂时不可用，请稍后再试');
      else if ((e.status === 413 || e.statusCode === 413)) appErr = new AppError(413, 'payload_too_large', '请求内容太大');
      else if ((e.status ?? e.statusCode ?? 500) < 500 && e.expose !== false) {
        const status = e.status ?? e.statusCode ?? 400;
        const code = status === 415 ? 'unsupported_media_type' : status === 400 ? 'malformed_body' : 'bad_request';
        appErr = new AppError(status, code, status === 400 ? '请求内容格式不正确' : e.message || '请求不正确');
      } else appErr = new AppError(500, 'internal', '服务器内部错误');
      if (appErr.status >= 500) ctx.state.log?.error({ err }, 'request failed');
      else ctx.state.log?.warn({ code: appErr.code, msg: appErr.message }, 'request refused');
      ctx.status = appErr.status;
      ctx.body = {
        error: { code: appErr.code, message: appErr.message, requestId: ctx.state.requestId, ...(appErr.details ? { details: appErr.details } : {}) },
      };
    }
  };
}

/** Parse `value` with a zod schema or throw a 400 with the issues. */
export function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(result.error);
  return result.data;
}

/**
 * Why a field was refused, in words a console user reads: a schema's own (Chinese) message as
 * written, otherwise one made from the issue (zod's defaults are English).
 */
function reason(issue: z.core.$ZodIssue): string {
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  const i = issue as z.core.$ZodIssue & { origin?: string; minimum?: number | bigint; maximum?: number | bigint; input?: unknown; expected?: string };
  switch (i.code) {
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) <= 1 ? '不能为空' : `至少 ${i.minimum} 个字符`;
      if (i.origin === 'array' || i.origin === 'set') return `至少 ${i.minimum} 项`;
      return `不能小于 ${i.minimum}`;
    case 'too_big':
      if (i.origin === 'string') return `最多 ${i.maximum} 个字符`;
      if (i.origin === 'array' || i.origin === 'set') return `最多 ${i.maximum} 项`;
      return `不能大于 ${i.maximum}`;
    case 'invalid_type':
      return i.input === undefined || /received undefined/.test(i.message) ? '必填' : i.expected === 'number' ? '应为数字' : '格式不正确';
    case 'invalid_value':
      return '不是可选的值';
    case 'invalid_format':
      return '格式不正确';
    case 'unrecognized_keys':
      return '包含不支持的字段';
    default:
      return '不正确';
  }
}

function invalidInput(error: z.ZodError): AppError {
  return new AppError(400, 'invalid_input', '输入不正确', error.issues.map((i) => ({ path: i.path.join('.'), message: reason(i) })));
}
