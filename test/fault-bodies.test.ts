import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/db.js';
import { startTestService, type TestService } from './support/service.js';

// Hostile HTTP: bodies that cannot be decoded and methods nobody routes get a 4xx/5xx in the
// one JSON error format, never a 500 or a plain-text page.
describe('bodies and methods the API does not accept', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(backends[0]!);
  });
  afterAll(() => svc.close());

  const errorOf = async (res: Response) => {
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    return ((await res.json()) as { error: { code: string; message: string } }).error;
  };

  const undecodable: Array<[string, string, string, Buffer]> = [
    ['gzip that is not gzip', 'application/json', 'gzip', Buffer.from('{"username":"admin"}')],
    ['truncated gzip', 'application/json', 'gzip', zlib.gzipSync('{"username":"admin","password":"x"}').subarray(0, 12)],
    ['deflate that is not deflate', 'application/json', 'deflate', Buffer.from('plain')],
    ['brotli that is not brotli', 'application/json', 'br', Buffer.from('plain text')],
    ['a form in broken gzip', 'application/x-www-form-urlencoded', 'gzip', Buffer.from('a=1')],
  ];
  it.each(undecodable)('%s gives 400 undecodable_body', async (_name, type, encoding, body) => {
    for (const path of ['/api/auth/login', '/api/ask', '/api/reports']) {
      const res = await fetch(svc.url + path, { method: 'POST', headers: { 'content-type': type, 'content-encoding': encoding }, body: new Uint8Array(body) });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe('undecodable_body');
    }
  });

  it('a correctly gzipped body still works', async () => {
    const res = await fetch(svc.url + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: new Uint8Array(zlib.gzipSync(JSON.stringify({ username: 'admin', password: 'admin-pass-123' }))),
    });
    expect(res.status).toBe(200);
  });

  it('an unknown Content-Encoding is 415 in the JSON format', async () => {
    const res = await fetch(svc.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'zstd' }, body: '{}' });
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe('unsupported_media_type');
  });

  it('a method the path does not have is 405 with Allow, an unknown method 501, both in JSON', async () => {
    const wrong = await fetch(svc.url + '/api/auth/login', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toMatch(/POST/);
    expect((await errorOf(wrong)).code).toBe('method_not_allowed');
    const unknown = await fetch(svc.url + '/api/provinces', { method: 'PROPFIND' });
    expect(unknown.status).toBe(501);
    expect((await errorOf(unknown)).code).toBe('not_implemented');
    const missing = await fetch(svc.url + '/api/no-such-thing');
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('not_found');
  });
});
