import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/db.js';
import { authHeader, startTestService, type TestService } from './support/service.js';

/**
 * Staff accounts through the console router: the accounts service checks and hashes passwords,
 * and a database constraint (a taken username, an unknown region) becomes a clear client error
 * through the one mapping (constraintError), on both databases.
 */
describe.each(backends)('console accounts on $name', (backend) => {
  let svc: TestService;
  let admin: Record<string, string>;
  beforeAll(async () => {
    svc = await startTestService(backend);
    admin = await authHeader(svc);
  }, 60_000);
  afterAll(async () => {
    await svc?.close();
  });

  const create = (json: unknown) => svc.request('/api/admin/accounts', { json, headers: admin });
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

  it('creates a region manager who can sign in with the chosen password', async () => {
    const res = await create({ username: 'xinan-mgr', password: 'a-long-enough-passphrase', role: 'region_manager', regionCode: 'xinan' });
    expect(res.status).toBe(201);
    const { account } = (await res.json()) as { account: Record<string, unknown> };
    expect(account).toMatchObject({ username: 'xinan-mgr', role: 'region_manager', regionCode: 'xinan' });
    expect(JSON.stringify(account)).not.toContain('passwordHash');
    expect((await svc.request('/api/auth/login', { json: { username: 'xinan-mgr', password: 'a-long-enough-passphrase' } })).status).toBe(200);
  });

  it('maps a taken username to 409 and an unknown region to 400, and refuses weak or region-less input', async () => {
    const taken = await create({ username: 'xinan-mgr', password: 'another-long-passphrase', role: 'admin' });
    expect(taken.status).toBe(409);
    expect(await errorOf(taken)).toMatchObject({ code: 'conflict', message: '用户名已存在' });

    const unknownRegion = await create({ username: 'nowhere-mgr', password: 'a-long-enough-passphrase', role: 'region_manager', regionCode: 'atlantis' });
    expect(unknownRegion.status).toBe(400);
    expect((await errorOf(unknownRegion)).message).toBe('区域不存在');

    const noRegion = await create({ username: 'noregion-mgr', password: 'a-long-enough-passphrase', role: 'region_manager' });
    expect(noRegion.status).toBe(400);

    // the policy with the username (the accounts service's check): not the username itself
    const sameAsName = await create({ username: 'same-as-name-2026', password: 'same-as-name-2026', role: 'admin' });
    expect(sameAsName.status).toBe(400);
    expect((await errorOf(sameAsName)).code).toBe('weak_password');
    const short = await create({ username: 'short-pass', password: 'short', role: 'admin' });
    expect(short.status).toBe(400);
  });

  it('an admin resets another account’s password, never its own here', async () => {
    const { accounts } = (await (await svc.request('/api/admin/accounts', { headers: admin })).json()) as { accounts: Array<{ id: number; username: string }> };
    const me = accounts.find((a) => a.username === 'admin')!;
    const other = accounts.find((a) => a.username === 'xinan-mgr')!;
    const own = await svc.request(`/api/admin/accounts/${me.id}/password`, { json: { password: 'a-brand-new-passphrase' }, headers: admin });
    expect(own.status).toBe(400);
    expect((await errorOf(own)).code).toBe('use_own_password_change');
    expect((await svc.request(`/api/admin/accounts/999999/password`, { json: { password: 'a-brand-new-passphrase' }, headers: admin })).status).toBe(404);
    expect((await svc.request(`/api/admin/accounts/${other.id}/password`, { json: { password: 'a-brand-new-passphrase' }, headers: admin })).status).toBe(200);
    expect((await svc.request('/api/auth/login', { json: { username: 'xinan-mgr', password: 'a-long-enough-passphrase' } })).status).toBe(401);
    expect((await svc.request('/api/auth/login', { json: { username: 'xinan-mgr', password: 'a-brand-new-passphrase' } })).status).toBe(200);
  });
});
