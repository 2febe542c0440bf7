import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/db.js';
import { startTestService, type TestService } from './support/service.js';
import { RateLimiter } from '../api/http/rate-limit.js';
import { loadConfig } from '../api/config.js';

/** M1: X-Forwarded-* counts only behind TRUST_PROXY hops; the limiter keys on the real client. */
describe.each(backends)('TRUST_PROXY and the /api/ask limit on %s', (backend) => {
  let direct: TestService;
  let proxied: TestService;
  beforeAll(async () => {
    direct = await startTestService(backend, { ASK_RATE_PER_MINUTE: '3' });
    proxied = await startTestService(backend, { ASK_RATE_PER_MINUTE: '3', TRUST_PROXY: '1' });
  }, 120_000);
  afterAll(async () => {
    await direct?.close();
    await proxied?.close();
  });

  const ask = (svc: TestService, xff: string, text = '你好') => svc.request('/api/ask', { json: { text }, headers: { 'x-forwarded-for': xff } });

  it('off by default: a spoofed X-Forwarded-For neither lifts the limit nor becomes the stored sender', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await ask(direct, `203.0.113.${i}`, `伪造来源${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const senders = await direct.db.query<{ sender: string }>("select sender from questions where question like '伪造来源%'");
    expect(senders.length).toBe(3);
    for (const s of senders) expect(s.sender).not.toMatch(/203\.0\.113/);
  });

  it('behind one proxy: the address the proxy appended is the client, whatever the client wrote before it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await ask(proxied, `198.51.100.${i}, 192.0.2.7`, `代理来源${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect((await ask(proxied, '192.0.2.8')).status).toBe(200); // another real client
    const senders = await proxied.db.query<{ sender: string }>("select distinct sender from questions where question like '代理来源%'");
    expect(senders).toEqual([{ sender: '192.0.2.7' }]);
  });

  it('marks the session cookie Secure when the trusted proxy says the request was HTTPS', async () => {
    const login = (svc: TestService, headers: Record<string, string>) => svc.request('/api/auth/login', { json: { username: 'admin', password: 'admin-pass-123' }, headers });
    const https = await login(proxied, { 'x-forwarded-proto': 'https' });
    expect(https.headers.get('set-cookie')).toMatch(/;\s*secure/i);
    const spoofed = await login(direct, { 'x-forwarded-proto': 'https' });
    expect(spoofed.headers.get('set-cookie')).not.toMatch(/;\s*secure/i);
  });
});

describe('the rate limiter', () => {
  it('evicts the least recently used windows instead of forgetting every window at once', () => {
    const limiter = new RateLimiter(2, () => 0, 100);
    expect(limiter.take('abuser')).toBe(true);
    expect(limiter.take('abuser')).toBe(true);
    expect(limiter.take('abuser')).toBe(false);
    for (let i = 0; i < 99; i++) limiter.take(`flood-${i}`);
    expect(limiter.take('abuser')).toBe(false); // still limited: it was used more recently than the flood's first key
    for (let i = 99; i < 500; i++) limiter.take(`flood-${i}`);
    expect(limiter.size).toBe(100);
  });

  it('keeps exactly the most recently used keys, however keys come and go', () => {
    const limiter = new RateLimiter(1, () => 0, 50); // a kept key has used up its window; a forgotten one has not
    const recent: string[] = []; // the model: least recently used first
    const seen = new Set<string>();
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5_000; i++) {
      const key = random() < 0.6 ? `k${Math.floor(random() * 80)}` : `new${i}`;
      limiter.take(key);
      seen.add(key);
      const at = recent.indexOf(key);
      if (at !== -1) recent.splice(at, 1);
      recent.push(key);
      if (recent.length > 50) recent.shift();
      if (i % 250 === 249) {
        expect(limiter.size).toBe(recent.length);
        for (const k of seen) expect(limiter.exhausted(k)).toBe(recent.includes(k));
      }
    }
  });

  it('says "too fast" once per window', () => {
    const limiter = new RateLimiter(1, () => 0);
    expect([1, 2, 3, 4].map(() => limiter.takeOrFirstRefusal('u'))).toEqual(['ok', 'refused-first', 'refused', 'refused']);
  });

  it('reads TRUST_PROXY as off, true (one hop) or a hop count', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(0);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });
});
