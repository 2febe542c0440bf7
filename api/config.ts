import { z } from 'zod';
import { passwordProblem } from './accounts/password-policy.js';

/**
 * The one place that reads process.env. Every setting has a default that works on a laptop
 * with nothing set; a bad value stops start-up with a message naming the variable.
 */
const csvInts = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s, ctx) => {
      const parts = s.split(',').map((p) => p.trim()).filter(Boolean).map(Number);
      if (parts.some((n) => !Number.isInteger(n))) {
        ctx.addIssue({ code: 'custom', message: 'expected comma-separated integers' });
        return z.NEVER;
      }
      return parts;
    });

const csv = (fallback = '') =>
  z
    .string()
    .default(fallback)
    .transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean));

const optional = z
  .string()
  .optional()
  .transform((s) => (s && s.trim() !== '' ? s.trim() : undefined));

const bool = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .default(fallback)
    .transform((s) => s === 'true' || s === '1' || s === 'yes');

const port = z.coerce.number().int().min(0).max(65535);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: port.default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TIMEZONE: z.string().default('Asia/Shanghai'),
  /** PGlite keeps its files here when DATABASE_URL is unset. */
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optional,
  /** PostgreSQL: give up opening a connection after this many milliseconds. */
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(3_000),
  /** PostgreSQL: the server cancels a statement running longer than this (statement_timeout). */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  /** PostgreSQL: a query with no answer within this (a partition) fails with 503 and its connection is dropped. */
  DB_QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(6_000),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  /** Start-up waits for an unreachable database, retrying with backoff up to this delay between attempts. */
  DB_STARTUP_RETRY_MAX_MS: z.coerce.number().int().positive().default(10_000),
  /** Largest JSON/form body accepted by the API, in kilobytes. */
  BODY_LIMIT_KB: z.coerce.number().int().positive().default(256),
  ADMIN_USERNAME: z.string().min(1).default('admin'),
  ADMIN_PASSWORD: optional.superRefine((s, ctx) => {
    const problem = s === undefined ? undefined : passwordProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: `too weak (${problem}): use at least 12 characters that are not a common password` });
  }),
  /** Signs session tokens. Unset: a random secret is generated once and kept in the database. */
  SESSION_SECRET: optional,
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /**
   * Reverse proxies in front of the service: `false`/`0` (default) trusts no X-Forwarded-* header;
   * a hop count N (or `true` = 1) takes the client address from the N-th X-Forwarded-For entry from
   * the right, and the scheme from X-Forwarded-Proto.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((s, ctx) => {
      const v = s.trim().toLowerCase();
      if (v === 'false' || v === '' || v === 'no') return 0;
      if (v === 'true' || v === 'yes') return 1;
      if (/^\d{1,2}$/.test(v)) return Number(v);
      ctx.addIssue({ code: 'custom', message: 'expected false, true or a hop count such as 1' });
      return z.NEVER;
    }),
  /** The session cookie's Secure flag: `auto` when the request came over HTTPS, or always / never. */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Failed console sign-ins allowed per minute, per username and per client address. */
  LOGIN_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(10),

  // Assistant
  ASK_RATE_PER_MINUTE: z.coerce.number().int().positive().default(30),

  // WeCom (企业微信) self-built app and group robots
  WECOM_CORP_ID: optional,
  WECOM_TOKEN: optional,
  WECOM_ENCODING_AES_KEY: optional,
  WECOM_AGENT_ID: optional,
  WECOM_SECRET: optional,
  WECOM_API_BASE: z.string().url().default('https://qyapi.weixin.qq.com'),
  WECOM_TIMESTAMP_WINDOW_SECONDS: z.coerce.number().int().positive().default(300),
  WECOM_BODY_LIMIT_KB: z.coerce.number().int().positive().default(64),
  /** A reply not ready this long after the callback arrives is sent with the app-message API instead (WeCom waits 5 s); 0: always. */
  WECOM_REPLY_DEADLINE_MS: z.coerce.number().int().min(0).max(4_500).default(3_500),

  // WeCom 智能机器人 (AI bot): long connection (default, no public address needed) or callback URL
  WECOM_AIBOT_MODE: z.enum(['long_connection', 'callback']).default('long_connection'),
  WECOM_AIBOT_ID: optional,
  WECOM_AIBOT_SECRET: optional,
  WECOM_AIBOT_WS_URL: z.string().url().default('wss://openws.work.weixin.qq.com'),
  WECOM_AIBOT_TOKEN: optional,
  WECOM_AIBOT_ENCODING_AES_KEY: optional,
  /** Callback mode: a reply not ready this long after the callback is streamed (WeCom polls for the rest). */
  WECOM_AIBOT_REPLY_DEADLINE_MS: z.coerce.number().int().min(0).max(4_500).default(1_000),

  // wechaty (personal WeChat groups)
  WECHATY_PUPPET: optional,
  WECHATY_PUPPET_SERVICE_TOKEN: optional,
  WECHATY_NAME: z.string().default('onex-liaison'),
  BOT_KEYWORDS: csv('小助手,1+X助手'),
  /** WeChat ids (contact ids) allowed to bind any group, in addition to group owners. */
  BOT_ADMIN_IDS: csv(),
  BOT_RATE_PER_MINUTE: z.coerce.number().int().positive().default(6),

  // WeChat mini-program
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  MINIAPP_APPID: optional,
  MINIAPP_SECRET: optional,
  MINIAPP_NOTICE_TEMPLATE_ID: optional,
  /** Subscribe-message template telling a student their question was answered (thing1 question, thing2 answer). */
  MINIAPP_ANSWER_TEMPLATE_ID: optional,

  // Reports, reminders and digests
  REPORT_DUE_DAYS: csvInts('10,25'),
  REMINDER_DAYS_BEFORE: csvInts('3,1'),
  QUIET_HOURS: z
    .string()
    .default('22-8')
    .refine((s) => /^\d{1,2}-\d{1,2}$/.test(s), 'expected START-END hours, e.g. 22-8'),
  DIGEST_CHANNEL: z.enum(['wecom_app', 'wecom_robot', 'wechaty', 'none']).default('wecom_app'),
  SCHEDULER_ENABLED: bool('true'),

  // Delivery outbox
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().positive().default(6),
  DELIVERY_BASE_DELAY_MS: z.coerce.number().int().positive().default(30_000),
  /** A worker's claim on deliveries lasts this long unless renewed (it renews every third of it while sending). */
  DELIVERY_LEASE_MS: z.coerce.number().int().min(300).default(15_000),
  /** How often each instance looks for due deliveries. */
  DELIVERY_POLL_MS: z.coerce.number().int().min(50).default(3_000),
  /** Deliveries claimed at a time by one worker. */
  DELIVERY_BATCH: z.coerce.number().int().positive().default(20),
  /** Resend a delivery whose outcome is unknown (its sender stopped mid-send): at least once; false: leave it for an admin. */
  DELIVERY_RESEND_UNKNOWN: bool('true'),
  /** WeCom app messages of notices and jobs ask WeCom to drop the same message to the same user within this many seconds. */
  WECOM_DUPLICATE_CHECK_SECONDS: z.coerce.number().int().min(0).max(14_400).default(1_800),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

/** Parse and validate configuration; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Configuration for tests: defaults plus overrides, never read from the real environment. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', ...overrides });
}
