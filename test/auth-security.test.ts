import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/db.js';
import { authHeader, startTestService, type TestService } from './support/service.js';
import { ConfigError, loadConfig } from '../api/config.js';
import { passwordProblem } from '../api/accounts/password-policy.js';
import { PARAMS, hashPassword, needsRehash, verifyPassword } from '../api/accounts/passwords.js';
import { listAudit } from '../api/audit/repository.js';

/** Sign-in throttling, the password policy, server-side logout, CSRF and the first-start password (M2, M3, M9, Low). */
describe.each(backends)('console sign-in and sessions on %s', (backend) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(backend);
  }, 120_000);
  afterAll(async () => {
    await svc?.close();
  });

  const login = (username: string, password: string, headers: Record<string, string> = {}) =>
    svc.request('/api/auth/login', { json: { username, password }, headers });

  it('M3: a logged-out token gets 401, as a Bearer token and as the cookie', async () => {
    const res = await login('admin', 'admin-pass-123');
    const { token } = (await res.json()) as { token: string };
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    expect((await svc.request('/api/auth/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await svc.request('/api/auth/me', { headers: { cookie } })).status).toBe(200);
    expect((await svc.request('/api/auth/logout', { method: 'POST', headers: { cookie, 'x-requested-with': 'test' } })).status).toBe(200);
    expect((await svc.request('/api/auth/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await svc.request('/api/auth/me', { headers: { cookie } })).status).toBe(401);
    // Another session of the same account is not affected.
    expect((await svc.request('/api/auth/me', { headers: await authHeader(svc) })).status).toBe(200);
  }, 60_000);

  it('M2: the 11th wrong sign-in in a minute is refused with 429 — per username and per client — and each is audited', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await login('admin', `wrong-${i}`, { 'x-forwarded-for': `10.0.0.${i}` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true); // a spoofed X-Forwarded-For does not help
    const refused = await login('admin', 'admin-pass-123');
    expect(refused.status).toBe(429); // even the right password waits out the window
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/登录失败次数太多/);
    expect((await login('another-user', 'whatever')).status).toBe(429); // the same client, another username
    const failed = await listAudit(svc.db, { action: 'auth.login_failed' });
    expect(failed.length).toBeGreaterThanOrEqual(10);
    expect(failed[0]).toMatchObject({ actor: 'admin', entity: 'account' });
  }, 120_000); // ten scrypt verifications

  it('M2: a password shorter than 12 characters or a common one is refused for new accounts', async () => {
    // A fresh service: the throttle above has locked this client out for a minute.
    const other = await startTestService(backend);
    try {
      const admin = await authHeader(other);
      for (const password of ['short-pw', 'password1234', 'aaaaaaaaaaaaaa', '123456789012']) {
        const res = await other.request('/api/admin/accounts', { json: { username: 'newbie', password, role: 'region_manager', regionCode: 'huadong' }, headers: admin });
        expect(res.status, password).toBe(400);
      }
      const ok = await other.request('/api/admin/accounts', { json: { username: 'newbie', password: 'correct horse battery', role: 'region_manager', regionCode: 'huadong' }, headers: admin });
      expect(ok.status).toBe(201);
      // An admin resets another account's password; its own needs the current one (/api/auth/password).
      const newbie = ((await ok.json()) as { account: { id: number } }).account.id;
      expect((await other.request(`/api/admin/accounts/${newbie}/password`, { json: { password: 'short' }, headers: admin })).status).toBe(400);
      expect((await other.request(`/api/admin/accounts/${newbie}/password`, { json: { password: 'another fine passphrase' }, headers: admin })).status).toBe(200);
      const me = ((await (await other.request('/api/auth/me', { headers: admin })).json()) as { account: { id: number } }).account.id;
      expect((await other.request(`/api/admin/accounts/${me}/password`, { json: { password: 'a stolen session sets this' }, headers: admin })).status).toBe(400);
      const audit = await listAudit(other.db, { action: 'account.create' });
      expect(audit[0]).toMatchObject({ actor: 'admin', entity: 'account' });
      expect(JSON.stringify(audit[0]!.after)).not.toMatch(/correct horse/);

      // CSRF: with the cookie alone, a change needs the console's header and our own Origin.
      const cookie = (await other.request('/api/auth/login', { json: { username: 'admin', password: 'admin-pass-123' } })).headers.get('set-cookie')!.split(';')[0]!;
      const body = { name: '新学院名称', provinceCode: '31' };
      const forged = await other.request('/api/admin/colleges', { json: body, headers: { cookie } });
      expect(forged.status, `${cookie} ${await forged.text()}`).toBe(403);
      // (fetch will not send a foreign Origin; node:http will)
      expect(await rawPost(`${other.url}/api/admin/colleges`, body, { cookie, 'x-requested-with': 'x', origin: 'https://evil.example' })).toBe(403);
      expect((await other.request('/api/admin/colleges', { json: body, headers: { cookie, 'x-requested-with': 'x' } })).status).toBe(201);
    } finally {
      await other.close();
    }
  }, 120_000);
});

describe('password policy and hashing', () => {
  it('refuses short, common and patterned passwords and accepts a passphrase', () => {
    expect(passwordProblem('a')).toBeDefined();
    expect(passwordProblem('elevenchars')).toBeDefined();
    expect(passwordProblem('Password1234')).toBeDefined();
    expect(passwordProblem('abcdefghijklmn')).toBeDefined();
    expect(passwordProblem('zzzzzzzzzzzzzzzz')).toBeDefined();
    expect(passwordProblem('huadong-manager', 'huadong-manager')).toBeDefined();
    expect(passwordProblem('admin-pass-123')).toBeUndefined();
    expect(passwordProblem('correct horse battery')).toBeUndefined();
  });

  it('ADMIN_PASSWORD=short stops start-up with a message naming the variable', () => {
    expect(() => loadConfig({ ADMIN_PASSWORD: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD: too weak/);
    expect(loadConfig({ ADMIN_PASSWORD: 'admin-pass-123' }).ADMIN_PASSWORD).toBe('admin-pass-123');
  });

  it('hashes with the OWASP scrypt cost and still verifies (and upgrades) older hashes', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash.split('$').slice(1, 4).map(Number)).toEqual([PARAMS.N, PARAMS.r, PARAMS.p]);
    expect(PARAMS.N * PARAMS.p).toBeGreaterThanOrEqual(2 ** 15 * 3);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('wrong', hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
    const old = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
    expect(needsRehash(old)).toBe(true);
  });
});

describe.each(backends)('the first-start password (M9) on %s', (backend) => {
  let dir: string;
  let svc: TestService;
  let now = new Date('2026-11-20T02:00:00Z').getTime();
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'onex-first-start-'));
    svc = await startTestService(backend, { ADMIN_PASSWORD: '', DATA_DIR: dir }, { clock: () => new Date(now) });
  }, 120_000);
  afterAll(async () => {
    await svc?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is written to a file only its owner can read, must be changed first, and expires', async () => {
    const file = path.join(dir, 'admin-initial-password.txt');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const password = /password: (\S+)/.exec(readFileSync(file, 'utf8'))![1]!;

    const res = await svc.request('/api/auth/login', { json: { username: 'admin', password } });
    expect(res.status).toBe(200);
    const { token, account } = (await res.json()) as { token: string; account: { mustChangePassword: boolean } };
    expect(account.mustChangePassword).toBe(true);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await svc.request('/api/admin/contacts', { headers: bearer })).status).toBe(403);
    expect((await svc.request('/api/auth/me', { headers: bearer })).status).toBe(200);

    // After 24 hours the generated password no longer signs in.
    now += 25 * 3_600_000;
    const expired = await svc.request('/api/auth/login', { json: { username: 'admin', password } });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('password_expired');
    now -= 25 * 3_600_000;

    const weak = await svc.request('/api/auth/password', { json: { currentPassword: password, newPassword: 'short' }, headers: bearer });
    expect(weak.status).toBe(400);
    const changed = await svc.request('/api/auth/password', { json: { currentPassword: password, newPassword: 'a brand new passphrase' }, headers: bearer });
    expect(changed.status).toBe(200);
    const fresh = (await changed.json()) as { token: string };
    expect((await svc.request('/api/admin/contacts', { headers: { authorization: `Bearer ${fresh.token}` } })).status).toBe(200);
    expect((await svc.request('/api/auth/me', { headers: bearer })).status).toBe(401); // the old session ended
    now += 25 * 3_600_000; // the chosen password does not expire
    expect((await svc.request('/api/auth/login', { json: { username: 'admin', password: 'a brand new passphrase' } })).status).toBe(200);
  }, 60_000);
});

function rawPost(url: string, json: unknown, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(JSON.stringify(json));
  });
}
