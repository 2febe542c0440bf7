import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { GatheredLines } from '../api/log-lines.js';

// The service's log destination: a turn's lines handed to pino's SonicBoom together. No line is
// lost, reordered or left waiting.
describe('gathered log lines', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'onex-log-lines-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const open = (name: string, options?: ConstructorParameters<typeof GatheredLines>[1]) => {
    const file = path.join(dir, name);
    const stdout = pino.destination({ dest: file, sync: false, minLength: 16 * 1024, maxWrite: 256 * 1024 });
    const log = pino({ level: 'info' }, new GatheredLines(stdout, options));
    const lines = () => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { n: number; msg: string });
    return { log, lines };
  };

  it('writes every line in order, across turns and past the size that hands them over at once', async () => {
    const { log, lines } = open('order.log', { maxChars: 2000 });
    for (let n = 0; n < 3000; n++) {
      log.info({ n }, n % 7 ? 'request' : '请求');
      if (n % 250 === 0) await new Promise((r) => setImmediate(r));
    }
    await new Promise<void>((resolve, reject) => log.flush((err) => (err ? reject(err) : resolve())));
    expect(lines().map((l) => l.n)).toEqual(Array.from({ length: 3000 }, (_, n) => n));
    expect(lines()[7]!.msg).toBe('请求');
  });

  it('writes a few lines (under the buffer\'s minimum) without being asked to flush', async () => {
    const { log, lines } = open('idle.log', { idleFlushMs: 50 });
    log.info({ n: 1 }, 'request');
    log.info({ n: 2 }, 'request');
    await expect.poll(() => lines().map((l) => l.n)).toEqual([1, 2]);
  });
});
