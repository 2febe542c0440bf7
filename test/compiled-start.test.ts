import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, startScript, type Spawned } from '../bench/spawn.js';
import { buildServices } from '../api/service.js';
import { testConfig } from '../api/config.js';
import { parseEvalFile } from '../knowledge/evaluation.js';
import { backends, seededDb } from './support/db.js';

// `npm start` as it runs: build.mjs, then the start script's node command on dist/ (no tsx), on an
// empty DATA_DIR that the migrated template fills — so the first start migrates nothing.
const LISTENING = /"url":"http:\/\/127\.0\.0\.1:(\d+)"/;

describe('npm start: the compiled service', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'onex-compiled-'));
  const lines: string[] = [];
  let service: Spawned;
  beforeAll(async () => {
    execFileSync(process.execPath, ['build.mjs'], { stdio: 'ignore' });
    const start = startScript();
    service = await spawnServer(start.entry, { ...start.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_PASSWORD: 'admin-pass-123', SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'info', ASK_RATE_PER_MINUTE: '1000' }, LISTENING, (l) => lines.push(l), start.nodeArgs);
  });
  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs JavaScript from dist/ and starts an empty DATA_DIR from the migrated, seeded template', async () => {
    const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.start!;
    expect(start).toMatch(/dist\/bundle\/server\.js$/); // the service bundled by build.mjs
    expect(existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
    expect(lines.some((l) => l.includes('migrations applied'))).toBe(false);
    // the seed already in the template, and the assistant's parts made for it by build.mjs
    const steps = lines.find((l) => l.includes('start-up steps'));
    expect(steps).toContain('seed (unchanged)');
    expect(steps).toContain('assistant (kept parts)');
    expect(lines.some((l) => l.includes('service listening'))).toBe(true);
  });

  it('answers, records the question, and serves the pre-built console', async () => {
    const base = `http://127.0.0.1:${service.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const exams = (await (await fetch(`${base}/api/exams`)).json()) as { exams: unknown[] };
    expect(exams.exams.length).toBeGreaterThan(0); // seeded
    const asked = await fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '山东考试找谁' }) });
    expect(asked.status).toBe(200);
    expect(((await asked.json()) as { text: string }).text).toContain('王鹤璇');
    const js = await fetch(`${base}/admin/app.js`);
    expect(js.status).toBe(200);
    expect(await js.text()).toBe(readFileSync('dist/admin/console/app.js', 'utf8')); // bundled by build.mjs, not at run time
  });

  it("carries zod's English messages alone, and still says which field a request lacks", async () => {
    const bundle = readdirSync('dist/bundle').filter((f) => f.endsWith('.js')).map((f) => readFileSync(path.join('dist/bundle', f), 'utf8')).join('\n');
    const locales = [...new Set(bundle.match(/node_modules\/zod\/v4\/locales\/[\w-]+\.js/g) ?? [])];
    expect(locales).toEqual(['node_modules/zod/v4/locales/en.js']);
    expect(readdirSync('node_modules/zod/v4/locales').filter((f) => f.endsWith('.js')).length).toBeGreaterThan(40); // what was left out
    const res = await fetch(`http://127.0.0.1:${service.port}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
    // validation answers as before, in Chinese
    expect(((await res.json()) as { error: { details: unknown[] } }).error.details).toEqual([{ path: 'text', message: '必填' }]);
  });

  it('carries one table of mime-db, and reads JSON and form bodies and answers the console as before', async () => {
    const bundle = readdirSync('dist/bundle').filter((f) => f.endsWith('.js')).map((f) => readFileSync(path.join('dist/bundle', f), 'utf8')).join('\n');
    expect(bundle.match(/^\/\/ node_modules\/[\w/-]*mime-db\/db\.json$/gm)).toEqual(['// node_modules/mime-db/db.json']);
    expect(bundle.match(/^\/\/ node_modules\/[\w/-]*mime-types\/index\.js$/gm)).toHaveLength(2); // Koa's 3.x and one 2.1.x
    const base = `http://127.0.0.1:${service.port}`;
    const ask = (type: string, body: string) => fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': type }, body });
    for (const [type, body] of [['application/json; charset=utf-8', '{"text":"山东考试找谁"}'], ['application/vnd.api+json', '{"text":"山东考试找谁"}'], ['application/x-www-form-urlencoded', `text=${encodeURIComponent('山东考试找谁')}`]]) {
      const res = await ask(type!, body!);
      expect(res.status, type).toBe(200);
      expect(((await res.json()) as { text: string }).text).toContain('王鹤璇');
    }
    expect((await ask('text/plain', 'text')).status).toBe(400); // not a type the body parser reads
    const page = await fetch(`${base}/admin/`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await fetch(`${base}/admin/app.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it("has jieba's common words cut by the build, the same bytes a start-up without it cuts", async () => {
    const kept = readdirSync('dist/knowledge').filter((f) => f.startsWith('jieba-common-') && f.endsWith('.txt'));
    expect(kept).toHaveLength(1); // an older cut is removed
    const { createRequire } = await import('node:module');
    const { cutCommonWords, commonWords } = await import('../knowledge/engine/jieba-dict.js');
    const cut = cutCommonWords(readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt')));
    expect(cut.length).toBeGreaterThan(1_000_000);
    expect(readFileSync(path.join('dist/knowledge', kept[0]!)).equals(cut)).toBe(true);
    expect(commonWords().equals(cut)).toBe(true); // beside the sources there is no cut file: cut at start-up
    // the compiled module (and the bundle, which keeps its import.meta.url) reads that file
    const compiled = (await import(pathToFileURL(path.resolve('dist/knowledge/engine/jieba-dict.js')).href)) as typeof import('../knowledge/engine/jieba-dict.js');
    expect(compiled.commonWordsFile()).toBe(path.resolve('dist/knowledge', kept[0]!));
    expect(compiled.commonWords().equals(cut)).toBe(true);
  });

  it('is ASCII (V8 then keeps its source as one byte a character), and answers as the modules it was made from', async () => {
    for (const name of readdirSync('dist/bundle').filter((f) => f.endsWith('.js'))) {
      expect([...readFileSync(path.join('dist/bundle', name))].some((b) => b > 127), name).toBe(false);
    }
    // the engine's Chinese regular expressions are \u escapes in the bundle: the same answers
    const db = await seededDb(backends[0]!);
    try {
      const services = await buildServices(testConfig({ ADMIN_PASSWORD: 'admin-pass-123' }), { db });
      const questions = parseEvalFile(readFileSync('knowledge/eval/dev.jsonl', 'utf8')).map((c) => c.q).slice(0, 40);
      for (const text of questions) {
        const res = await fetch(`http://127.0.0.1:${service.port}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
        const { questionId: _, ...answer } = (await res.json()) as Record<string, unknown>;
        expect(answer, text).toEqual(JSON.parse(JSON.stringify(services.assistant.answerOnly({ text, channel: 'api', from: { id: '127.0.0.1' } }))));
      }
    } finally {
      await db.close();
    }
  });
});
