import Router from '@koa/router';
import type { Services } from '../services.js';

/** Liveness (the process answers) and readiness (the database answers). */
export function healthRoutes(services: Services): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    try {
      await services.db.query('select 1');
      ctx.body = { status: 'ready', database: services.db.kind };
    } catch (err) {
      ctx.state.log.warn({ err }, 'readiness check failed');
      ctx.status = 503;
      ctx.body = { status: 'unavailable', error: { code: 'database_unavailable', message: '数据库暂时不可用' } };
    }
  });
  return router;
}
