import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import type Router from '@koa/router';
import { decodedBody, errorHandler, PARSED_METHODS, requestContext } from './http/middleware.js';
import { healthRoutes } from './routes/health.js';
import { directoryRoutes } from './routes/directory.js';
import { authRoutes } from './routes/auth.js';
import { adminContactRoutes } from './routes/admin-contacts.js';
import { adminRegionRoutes } from './routes/admin-regions.js';
import { adminCollegeRoutes } from './routes/admin-colleges.js';
import { adminExamRoutes } from './routes/admin-exams.js';
import { adminAccountRoutes } from './routes/admin-accounts.js';
import { adminConsoleRoutes } from './routes/admin-console.js';
import { adminPlaygroundRoutes } from './routes/admin-playground.js';
import { askRoutes } from './routes/ask.js';
import { wecomCallbackRoutes } from './wecom/callback.js';
import { aibotCallbackRoutes } from './aibot/callback.js';
import { adminChannelRoutes } from './routes/admin-channels.js';
import { noticeRoutes } from './routes/notices.js';
import { adminNoticeRoutes } from './routes/admin-notices.js';
import { adminDeliveryRoutes } from './routes/admin-deliveries.js';
import { reportRoutes } from './routes/reports.js';
import { periodRoutes } from './routes/periods.js';
import { digestRoutes } from './routes/digests.js';
import { adminKnowledgeRoutes } from './routes/admin-knowledge.js';
import { adminQuestionRoutes } from './routes/admin-questions.js';
import { adminDashboardRoutes } from './routes/admin-dashboard.js';
import { miniappRoutes } from './routes/miniapp.js';
import { adminBindCodeRoutes } from './routes/admin-bind-codes.js';
import { adminGroupRoutes } from './routes/admin-groups.js';
import { adminAuditRoutes } from './routes/admin-audit.js';
import type { Services } from './services.js';
import { refuseNulBytes } from './http/nul.js';

/** Compose the Koa app: request context, one error handler, body limits, then the routers. */
export function createApp(services: Services): Koa {
  // X-Forwarded-* only counts behind a configured number of trusted proxies (TRUST_PROXY).
  const app = new Koa({ proxy: services.config.TRUST_PROXY > 0, maxIpsCount: services.config.TRUST_PROXY });
  app.silent = true; // errors are logged by errorHandler, not printed by Koa
  serialiseJsonBodies(app);
  app.use(requestContext(services.log));
  app.use(errorHandler());
  app.use(
    decodedBody(bodyParser({
      parsedMethods: PARSED_METHODS,
      enableTypes: ['json', 'form'],
      jsonLimit: `${services.config.BODY_LIMIT_KB}kb`,
      formLimit: `${services.config.BODY_LIMIT_KB}kb`,
      encoding: 'utf-8',
    })),
  );
  app.use(refuseNulBytes());
  for (const router of apiRouters(services)) app.use(router.routes()).use(router.allowedMethods());
  return app;
}

/**
 * A plain object or array set as a body is written as JSON there and then, as Koa would write it
 * when responding (the same bytes and headers: a JSON content type unless one is set, the
 * length). Koa's body setter and its response step ask whether an object body is a fetch
 * Response, and the first such question loads Node's fetch implementation (undici): ~5 MB of
 * memory and ~30 ms at the first JSON response, in a service that never sends a Response.
 * Anything else (a string, bytes, a stream, an object of a class) goes to Koa's setter as before.
 */
function serialiseJsonBodies(app: Koa): void {
  Object.defineProperty(app.context, 'body', {
    configurable: true,
    get(this: Koa.Context) {
      return this.response.body;
    },
    set(this: Koa.Context, value: unknown) {
      if (value !== null && typeof value === 'object' && (Array.isArray(value) || [Object.prototype, null].includes(Object.getPrototypeOf(value)))) {
        const json = JSON.stringify(value) as string | undefined;
        if (typeof json === 'string') {
          if (!this.response.type || !/\bjson\b/i.test(this.response.type)) this.response.type = 'json';
          this.response.body = json;
          return;
        }
      }
      this.response.body = value as Koa.Context['body'];
    },
  });
}

/**
 * Every router of the service, in mounting order (also enumerated by test/region-scope.test.ts).
 * A request passes every router before the one with its route (each looks its path up), so the
 * busiest public endpoints come first: the public lists, the questions asked over HTTP and the
 * WeCom callback. No two routers have a route for the same method and path, so the order
 * changes no answer.
 */
export function apiRouters(services: Services): Router[] {
  return [
    directoryRoutes(services),
    askRoutes(services),
    wecomCallbackRoutes(services),
    healthRoutes(services),
    authRoutes(services),
    adminContactRoutes(services),
    adminRegionRoutes(services),
    adminCollegeRoutes(services),
    adminExamRoutes(services),
    adminAccountRoutes(services),
    aibotCallbackRoutes(services),
    noticeRoutes(services),
    adminNoticeRoutes(services),
    adminDeliveryRoutes(services),
    reportRoutes(services),
    periodRoutes(services),
    digestRoutes(services),
    adminKnowledgeRoutes(services),
    adminQuestionRoutes(services),
    adminDashboardRoutes(services),
    miniappRoutes(services),
    adminBindCodeRoutes(services),
    adminGroupRoutes(services),
    adminChannelRoutes(services),
    adminAuditRoutes(services),
    adminPlaygroundRoutes(services),
    adminConsoleRoutes(services.config.TIMEZONE),
  ];
}
