import Router from '@koa/router';
import { ping } from '../db/index.js';
import type { Services } from '../services.js';

/**
 * Liveness and readiness, for a load balancer or orchestrator:
 *  - /healthz: the process is alive and answers (never touches the database; do not restart
 *    the service because the database is away — it recovers by itself);
 *  - /readyz: the database is reachable too (send traffic here only when it is 200).
 */
export function healthRoutes(services: Services): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    try {
      await ping(services.db);
      ctx.body = { status: 'ready', database: services.db.kind, reachable: true };
    } catch (err) {
      ctx.state.log.warn({ err: (err as Error).message }, 'readiness check failed');
      ctx.status = 503;
      ctx.body = {
        status: 'unavailable',
        database: services.db.kind,
        reachable: false,
        error: { code: 'db_unavailable', message: '数据库暂时不可用' },
      };
    }
  });
  return router;
}
