import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import { systemClock, type Clock } from './clock.js';
import { openDb, serviceDbOptions, untilAvailable, waitForDatabase, type Db } from './db/index.js';
import { migrate } from './db/migrate.js';
import { isNewDataDir, READY_DIR } from './db/pglite-template.js';
import { loadSeedDataIfChanged } from './seed.js';
import { TokenSigner, resolveSessionSecret } from './accounts/tokens.js';
import { bootstrapAdmin } from './accounts/service.js';
import { hashPassword } from './accounts/passwords.js';
import { createApp } from './app.js';
import { listenWithTurnBudget, type TurnBudget } from './http/accept-turns.js';
import { backgroundStarters } from './background.js';
import type { Services } from './services.js';
import { loadFacts } from '../knowledge/facts.js';
import { AssistantService } from './assistant/service.js';
import { SenderRegistry, payloadText } from './delivery/senders.js';
import { WecomClient } from './wecom/client.js';
import { WechatClient } from './wechat/client.js';
import { ReadCache } from './cache/read-cache.js';
import { onKnowledgeChange } from './knowledge/changes.js';
import { ChannelStatusBoard } from './chat/status.js';
import { GatheredLines } from './log-lines.js';

export interface RunningService {
  url: string;
  server: http.Server;
  services: Services;
  /** How requests are started while connections arrive (counts for tests). */
  turns: TurnBudget;
  /** Stop accepting, finish in-flight requests, stop background work, close the database. Idempotent. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Use this database instead of opening one from config (tests). */
  db?: Db;
  clock?: Clock;
  logger?: Logger;
  /** Start the background parts (default true); tests of one part may turn them off. */
  background?: boolean;
  /** ADMIN_PASSWORD's hash, begun early by a first start (api/server.ts). */
  adminPasswordHash?: Promise<string>;
  /** The configured database (serviceDbOptions), being opened since process start (api/server.ts): the service's own, closed by stop(). */
  opening?: Promise<Db>;
}

/**
 * JSON logs to stdout, written asynchronously (buffered) so that logging every request does not
 * halve throughput; the buffer is flushed on shutdown. One write takes up to 256 KB of it (the
 * default, 16 KB, is one write per turn of the event loop: under 500 clients a turn takes
 * milliseconds, the log fell behind and its buffer held ~10 MB of lines). A turn's lines reach
 * the buffer together (GatheredLines), and it is written once 16 KB are waiting (or a second
 * after a line came): `GET /api/exams` (one line per request), in turns with lines handed over
 * one by one and written from 4 KB, ~37 -> ~34 us of CPU per request.
 */
export function createLogger(config: Config): Logger {
  const stdout = pino.destination({ dest: 1, sync: false, minLength: 16 * 1024, maxWrite: 256 * 1024 });
  return pino({ level: config.LOG_LEVEL, base: { service: 'onex-liaison' } }, new GatheredLines(stdout));
}

/** Open storage, migrate, load the seed data, and build the services. */
export async function buildServices(config: Config, options: StartOptions = {}): Promise<Services> {
  const log = options.logger ?? createLogger(config);
  // How long each start-up step took, in one log line (where a slow start spends its time).
  const steps: Record<string, number> = { 'process and modules': Math.round(process.uptime() * 1000) };
  let stepStart = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = Math.round(now - stepStart);
    stepStart = now;
  };
  // A new embedded database needs the admin's password hash (scrypt, ~0.3 s on a worker
  // thread): started now, it is computed while the database opens and the assistant loads.
  const pgliteDir = config.DATABASE_URL ? undefined : path.resolve(config.DATA_DIR, 'pglite');
  const adminHash =
    options.adminPasswordHash ?? (!options.db && pgliteDir && config.ADMIN_PASSWORD && isNewDataDir(pgliteDir) ? hashPassword(config.ADMIN_PASSWORD) : undefined);
  adminHash?.catch(() => {}); // awaited by bootstrapAdmin; a failure surfaces there
  const db = options.db ?? (await (options.opening ?? openDb(serviceDbOptions(config))));
  // a database that is not up yet is waited for (one log line per attempt), not a crash loop
  const backoff = { maxDelayMs: config.DB_STARTUP_RETRY_MAX_MS };
  await waitForDatabase(db, log, backoff);
  step('database');
  const applied = await untilAvailable('migrate', () => migrate(db), log, backoff);
  if (applied.length) log.info({ applied }, 'migrations applied');
  step('migrations');
  const clock = options.clock ?? systemClock;
  // The admin account (at a first start: its password hash, scrypt on a libuv thread, unless
  // api/server.ts began it) while the seed is written, and done before the assistant loads:
  // scrypt's 32 MiB at the same time as a first build of the assistant's parts made a
  // PostgreSQL first start's peak ~20 MB higher (139 MB instead of 118).
  const adminStarted = performance.now();
  const admin = bootstrapAdmin(db, config.ADMIN_USERNAME, config.ADMIN_PASSWORD, log, { dataDir: path.resolve(config.DATA_DIR), now: clock(), passwordHash: adminHash }).finally(() => {
    steps['accounts (alongside the seed)'] = Math.round(performance.now() - adminStarted);
  });
  const facts = loadFacts();
  const [adminDone, seedDone] = await Promise.allSettled([admin, untilAvailable('seed', () => loadSeedDataIfChanged(db, facts), log, backoff)]);
  if (adminDone.status === 'rejected') throw adminDone.reason;
  if (seedDone.status === 'rejected') throw seedDone.reason;
  step(seedDone.value ? 'seed' : 'seed (unchanged)');
  const signer = new TokenSigner(await resolveSessionSecret(db, config.SESSION_SECRET), config.SESSION_TTL_HOURS);
  // The engine's slow parts are kept in DATA_DIR between starts; a first start finds the ones
  // build.mjs made for the seeded template. Not for a database given by the caller (tests).
  const engineCache = options.db ? undefined : { read: [path.resolve(config.DATA_DIR, 'cache'), READY_DIR], write: path.resolve(config.DATA_DIR, 'cache') };
  const assistant = await AssistantService.create(db, facts, config, clock, log, engineCache);
  step(assistant.partsKept ? 'assistant (kept parts)' : 'assistant');
  const cpu = process.cpuUsage();
  // the process's CPU time by now: on a busy machine the steps' wall-clock times say little
  log.info({ steps, cpuMs: Math.round((cpu.user + cpu.system) / 1000) }, 'start-up steps (ms)');
  const wecom = new WecomClient({ base: config.WECOM_API_BASE, corpId: config.WECOM_CORP_ID, secret: config.WECOM_SECRET, agentId: config.WECOM_AGENT_ID });
  const wechat = new WechatClient({ base: config.WECHAT_API_BASE, appId: config.MINIAPP_APPID, secret: config.MINIAPP_SECRET });
  const senders = new SenderRegistry();
  senders.register('wecom_robot', (key, payload) => wecom.robotSend(key, payloadText(payload)));
  senders.register('wecom_app', (users, payload, { duplicateCheck }) =>
    wecom.appSend(users, payloadText(payload), { duplicateCheckSeconds: duplicateCheck ? config.WECOM_DUPLICATE_CHECK_SECONDS : undefined }),
  );
  senders.register('miniapp_subscribe', (openid, payload) =>
    wechat.subscribeSend({ touser: openid, template_id: String(payload.templateId), page: payload.page as string | undefined, data: payload.data as Record<string, { value: string }> }),
  );
  const cache = new ReadCache();
  onKnowledgeChange(db, () => cache.clear());
  return { config, db, log, clock, signer, facts, assistant, senders, wecom, wechat, cache, channelStatus: new ChannelStatusBoard(clock) };
}

/** Start the HTTP service (and, when configured, the background parts). */
export async function startService(config: Config, options: StartOptions = {}): Promise<RunningService> {
  const services = await buildServices(config, options);
  const app = createApp(services);
  const server = http.createServer();
  // Requests start within a per-turn budget while connections arrive, so that a burst of new
  // connections is accepted within milliseconds instead of one per (long) turn: see TurnBudget.
  const turns = listenWithTurnBudget(server, app.callback());
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  const url = `http://${host}:${port}`;
  services.log.info({ url, database: services.db.kind }, 'service listening');
  services.log.flush(); // the start-up lines (and where a one-time password is) should not wait in the buffer

  const stoppers: Array<() => Promise<void>> = [];
  if (options.background !== false) {
    for (const { name, start } of backgroundStarters) {
      stoppers.push(await start(services));
      services.log.debug({ part: name }, 'background part started');
    }
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      services.log.info('shutting down');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed; // in-flight requests finish first
      for (const stopPart of stoppers.reverse()) await stopPart().catch((err) => services.log.error({ err }, 'stop failed'));
      if (!options.db) await services.db.close();
      services.log.info('stopped');
      services.log.flush();
    })());
  return { url, server, services, turns, stop };
}
