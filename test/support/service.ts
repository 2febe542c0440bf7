import { afterAll, beforeAll } from 'vitest';
import { testConfig } from '../../api/config.js';
import type { Clock } from '../../api/clock.js';
import { startService, type RunningService } from '../../api/service.js';
import type { Backend, TestDb } from './db.js';

export interface TestService extends RunningService {
  db: TestDb;
  /** fetch against the running service; JSON bodies are encoded for you. */
  request(path: string, init?: { method?: string; json?: unknown; headers?: Record<string, string>; body?: string }): Promise<Response>;
  close(): Promise<void>;
}

/** Start the real service on a random port over a fresh database of the given back end. */
export async function startTestService(
  backend: Backend,
  overrides: Record<string, string> = {},
  options: { clock?: Clock } = {},
): Promise<TestService> {
  const db = await backend.open();
  const config = testConfig({ PORT: '0', HOST: '127.0.0.1', ADMIN_PASSWORD: 'admin-pass-123', ...overrides });
  const running = await startService(config, { db, clock: options.clock });
  return {
    ...running,
    db,
    request(path, init = {}) {
      const headers: Record<string, string> = { ...(init.headers ?? {}) };
      let body = init.body;
      if (init.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(init.json);
      }
      return fetch(running.url + path, { method: init.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body });
    },
    async close() {
      await running.stop();
      await db.close();
    },
  };
}

/** Sign in and return an Authorization header. */
export async function authHeader(svc: TestService, username = 'admin', password = 'admin-pass-123'): Promise<Record<string, string>> {
  const res = await svc.request('/api/auth/login', { json: { username, password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  return { authorization: `Bearer ${token}` };
}

/** The running service and an admin's Authorization header, shared by the tests of one describe block. */
export interface ServiceWithAdmin {
  svc: TestService;
  admin: Record<string, string>;
}

/**
 * Call inside a describe block: starts the service over a fresh `backend` database and signs in as
 * admin before its tests, and closes it after them. Read the fields inside the tests (beforeAll sets them).
 */
export function useServiceWithAdmin(backend: Backend): ServiceWithAdmin {
  const ctx = {} as ServiceWithAdmin;
  beforeAll(async () => {
    ctx.svc = await startTestService(backend);
    ctx.admin = await authHeader(ctx.svc);
  }, 120_000);
  afterAll(async () => {
    await ctx.svc?.close();
  });
  return ctx;
}
