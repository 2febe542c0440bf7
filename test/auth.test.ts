import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Router from '@koa/router';
import { backends } from './support/db.js';
import { startTestService, type TestService } from './support/service.js';
import { apiRouters } from '../api/app.js';

// Every console and manager endpoint refuses a request without a session, and a forged one.
describe('authentication on every admin and manager endpoint', () => {
  let svc: TestService;
  let endpoints: Array<{ method: string; path: string }>;
  beforeAll(async () => {
    svc = await startTestService(backends[0]!);
    // Every router the app mounts, so a new one is covered without being listed here.
    const routers: Router[] = apiRouters(svc.services);
    endpoints = routers
      .flatMap((r) => r.stack.flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((method) => ({ method, path: String(layer.path) }))))
      .filter((e) => e.path.startsWith('/api/admin') || /\/api\/(reports|digests|miniapp\/(bind|reports)|notices\/subscriptions)/.test(e.path));
  });
  afterAll(async () => {
    await svc.close();
  });

  it('finds the protected endpoints', () => {
    expect(endpoints.length).toBeGreaterThan(25);
  });

  it('answers 401 without a session and with a forged token', async () => {
    for (const e of endpoints) {
      const path = e.path.replace(/:\w+/g, '1');
      const init = { method: e.method, json: e.method === 'GET' ? undefined : {} };
      expect((await svc.request(path, init)).status, `${e.method} ${path}`).toBe(401);
      const forged = await svc.request(path, { ...init, headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwicm9sZSI6ImFkbWluIn0.AAAA' } });
      expect(forged.status, `${e.method} ${path} forged`).toBe(401);
    }
  });
});
