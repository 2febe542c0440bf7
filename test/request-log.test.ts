import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../api/config.js';
import { startService, type RunningService } from '../api/service.js';
import { writeRequestLine } from '../api/http/middleware.js';
import { backends, type TestDb } from './support/db.js';

// One line per request, tagged with the request id the client sees; a handler's own lines carry
// the same id (its tagged logger is made only when it logs).
describe('the request log', () => {
  const lines: Array<Record<string, unknown>> = [];
  let db: TestDb;
  let running: RunningService;
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    db = await backends[0]!.open();
    running = await startService(testConfig({ PORT: '0', HOST: '127.0.0.1', ADMIN_PASSWORD: 'admin-pass-123', LOG_LEVEL: 'info' }), { db, logger: pino({ level: 'info' }, sink), background: false });
  });
  afterAll(async () => {
    await running.stop();
    await db.close();
  });

  it('writes one line per request with its id, method, url and status', async () => {
    const res = await fetch(`${running.url}/healthz`, { headers: { 'x-request-id': 'bench-1' } });
    expect(res.headers.get('x-request-id')).toBe('bench-1');
    await expect.poll(() => lines.filter((l) => l.msg === 'request' && l.reqId === 'bench-1')).toHaveLength(1);
    expect(lines.find((l) => l.reqId === 'bench-1')).toMatchObject({ method: 'GET', url: '/healthz', status: 200 });
  });

  it("tags a handler's own line with the same id as the request line", async () => {
    const res = await fetch(`${running.url}/api/provinces/nowhere/contacts`);
    const id = res.headers.get('x-request-id');
    expect(res.status).toBe(404);
    await expect.poll(() => lines.filter((l) => l.reqId === id).map((l) => l.msg)).toEqual(['request refused', 'request']);
    expect(lines.find((l) => l.reqId === id && l.msg === 'request')).toMatchObject({ status: 404, method: 'GET' });
  });

  it('writes the request line with the same characters as pino would', () => {
    const written: string[] = [];
    const sink = { write: (s: string) => written.push(s) };
    const lines = (logger: pino.Logger, reqId: string, method: string, url: string, status: number, ms: number) => {
      written.length = 0;
      expect(writeRequestLine(logger, reqId, method, url, status, ms)).toBe(true);
      logger.info({ reqId, method, url, status, ms }, 'request');
      return written.map((l) => l.replace(/"time":\d+/, '"time":0'));
    };
    const service = pino({ level: 'info', base: { service: 'onex-liaison' } }, sink);
    const plain = pino({ level: 'info' }, sink);
    for (const logger of [service, plain]) {
      for (const [url, ms] of [
        ['/api/exams', 0.3],
        ['/api/provinces/%E5%B1%B1%E4%B8%9C/contacts?x="a"\\b', 12],
        [`/x?${'q'.repeat(150)}`, 1234.5],
        ['/\u0001\u001f\u007f\u00e9', Number.NaN],
      ] as const) {
        const [fast, viaPino] = lines(logger, 'bench-1', 'GET', url, 200, ms);
        expect(fast).toBe(viaPino);
        expect(JSON.parse(fast!)).toMatchObject({ msg: 'request', reqId: 'bench-1', url });
      }
    }
  });

  it('leaves the request line to pino when the logger has options that change it, or info is off', () => {
    const sink = { write: () => {} };
    expect(writeRequestLine(pino({ level: 'info', mixin: () => ({ a: 1 }) }, sink), 'r', 'GET', '/', 200, 1)).toBe(false);
    expect(writeRequestLine(pino({ level: 'info', formatters: { log: (o) => o } }, sink), 'r', 'GET', '/', 200, 1)).toBe(false);
    expect(writeRequestLine(pino({ level: 'info', serializers: { url: (u: string) => u } }, sink), 'r', 'GET', '/', 200, 1)).toBe(false);
    expect(writeRequestLine(pino({ level: 'warn' }, sink), 'r', 'GET', '/', 200, 1)).toBe(false);
  });
});
