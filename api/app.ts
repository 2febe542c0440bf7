import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import type Router from '@koa/router';
import { decodedBody, errorHandler, requestContext } from './http/middleware.js';
import { healthRoutes } from './routes/health.js';
import { directoryRoutes } from './routes/directory.js';
import { authRoutes } from './routes/auth.js';
import { adminDirectoryRoutes } from './routes/admin-directory.js';
import { adminConsoleRoutes } from './routes/admin-console.js';
import { askRoutes } from './routes/ask.js';
import { wecomCallbackRoutes } from './wecom/callback.js';
import { aibotCallbackRoutes } from './aibot/callback.js';
import { noticeRoutes } from './routes/notices.js';
import { reportRoutes } from './routes/reports.js';
import { adminKnowledgeRoutes } from './routes/admin-knowledge.js';
import { adminDashboardRoutes } from './routes/admin-dashboard.js';
import { miniappRoutes } from './routes/miniapp.js';
import { adminGroupRoutes } from './routes/admin-groups.js';
import type { Services } from './services.js';

/** Compose the Koa app: request context, one error handler, body limits, then the routers. */
export function createApp(services: Services): Koa {
  const app = new Koa({ proxy: true });
  app.silent = true; // errors are logged by errorHandler, not printed by Koa
  app.use(requestContext(services.log));
  app.use(errorHandler());
  app.use(
    decodedBody(bodyParser({
      enableTypes: ['json', 'form'],
      jsonLimit: `${services.config.BODY_LIMIT_KB}kb`,
      formLimit: `${services.config.BODY_LIMIT_KB}kb`,
      encoding: 'utf-8',
    })),
  );
  const routers: Router[] = [
    healthRoutes(services),
    directoryRoutes(services),
    authRoutes(services),
    adminDirectoryRoutes(services),
    askRoutes(services),
    wecomCallbackRoutes(services),
    aibotCallbackRoutes(services),
    noticeRoutes(services),
    reportRoutes(services),
    adminKnowledgeRoutes(services),
    adminDashboardRoutes(services),
    miniappRoutes(services),
    adminGroupRoutes(services),
    adminConsoleRoutes(),
  ];
  for (const router of routers) app.use(router.routes()).use(router.allowedMethods());
  return app;
}
