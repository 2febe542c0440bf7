import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { encrypt, getSignature } from '@wecom/crypto';
import { testConfig } from '../api/config.js';
import { openDb } from '../api/db/index.js';
import { buildServices } from '../api/service.js';
import { buildDigest } from '../api/reports/digest.js';
import { PeriodCalendar } from '../api/reports/periods.js';
import { parseEvalFile } from '../knowledge/evaluation.js';
import os from 'node:os';
import path from 'node:path';
import { load, type HttpFigures } from './http.js';
import { spawnServer } from './spawn.js';

/**
 * `npm run bench`: prints a table of figures with their targets and writes bench/results/*.json.
 * Speed is measured here, never asserted in tests.
 */
interface Figure {
  section: string;
  name: string;
  value: number;
  unit: string;
  target?: string;
  met?: boolean;
}

const figures: Figure[] = [];
const record = (f: Figure) => {
  figures.push(f);
  const mark = f.met === undefined ? '' : f.met ? '  ok' : '  MISSED';
  console.log(`${f.section.padEnd(22)} ${f.name.padEnd(44)} ${f.value.toFixed(2).padStart(10)} ${f.unit.padEnd(8)} ${f.target ?? ''}${mark}`);
};

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);

const WECOM = { corpId: 'wwbench000000001', token: 'benchtoken', aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };
const QUESTIONS = parseEvalFile(readFileSync(path.resolve('knowledge/eval/dev.jsonl'), 'utf8')).map((c) => c.q);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Assistant latency in process: the dev set repeated, on the seed knowledge base and one scaled past 1,000 passages. */
async function assistantSection(): Promise<void> {
  const db = await openDb({});
  const services = await buildServices(testConfig({ ADMIN_PASSWORD: 'bench-admin-pass' }), { db });
  const measure = (label: string) => {
    const times: number[] = [];
    for (let round = 0; round < 30; round++) {
      for (const q of QUESTIONS) {
        const t = process.hrtime.bigint();
        services.assistant.answerOnly({ text: q, channel: 'cli' });
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }
    times.sort((a, b) => a - b);
    record({ section: 'assistant', name: `${label} p50`, value: percentile(times, 50), unit: 'ms' });
    record({ section: 'assistant', name: `${label} p95`, value: percentile(times, 95), unit: 'ms' });
    const p99 = percentile(times, 99);
    record({ section: 'assistant', name: `${label} p99`, value: p99, unit: 'ms', target: '< 5 ms', met: p99 < 5 });
  };
  const [{ n }] = await db.query<{ n: number }>('select count(*)::int as n from knowledge_entries');
  measure(`seed knowledge base (${n} passages)`);
  // Scale: synthetic passages made from the seed ones, each a different "document".
  const seed = await db.query<{ title: string; body: string; source_document: string }>('select title, body, source_document from knowledge_entries');
  await db.transaction(async (tx) => {
    for (let i = 0; i < 1100; i++) {
      const p = seed[i % seed.length]!;
      await tx.query(`insert into knowledge_entries (kind, title, body, source_document, section, origin) values ('passage', $1, $2, $3, $1, 'console')`, [
        `${p.title}（第${i}号补充）`, `${p.body} 第${i}号补充说明。`, `${p.source_document}（补充${Math.floor(i / 50)}）`,
      ]);
    }
  });
  await services.assistant.reload();
  const [{ m }] = await db.query<{ m: number }>('select count(*)::int as m from knowledge_entries');
  measure(`scaled knowledge base (${m} passages)`);
  await db.close();
}

/** A manager digest for every region over 3,000 synthetic colleges in one period. */
async function digestSection(): Promise<void> {
  const db = await openDb({});
  const services = await buildServices(testConfig({ ADMIN_PASSWORD: 'bench-admin-pass' }), { db });
  const provinces = await db.query<{ code: string }>('select code from provinces');
  const period = new PeriodCalendar('Asia/Shanghai', [10, 25]).period(2026, 11, 0);
  await db.transaction(async (tx) => {
    await tx.query(
      `insert into colleges (name, province_code) select '院校' || i, (array[${provinces.map((p) => `'${p.code}'`).join(',')}])[1 + i % ${provinces.length}] from generate_series(1, 3000) i`,
    );
    await tx.query(`insert into reports (college_id, period_id, progress, late) select id, $1, '进展', id % 7 = 0 from colleges where id % 2 = 0`, [period.id]);
  });
  const regions = await db.query<{ code: string }>('select code from regions');
  const started = process.hrtime.bigint();
  let lines = 0;
  for (const r of regions) lines += (await buildDigest(db, r.code, period, '2026-11-09'))!.text.split('\n').length;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  record({ section: 'digest', name: `all 5 regions, 3,000 colleges (${lines} lines)`, value: ms, unit: 'ms', target: '< 1000 ms', met: ms < 1000 });
  void services;
  await db.close();
}

function wecomRequest(): { path: string; body: string } {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(6).toString('hex');
  const inner = `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[bench]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${QUESTIONS[Math.floor(Math.random() * QUESTIONS.length)]}]]></Content><MsgId>${randomBytes(8).readBigUInt64BE()}</MsgId><AgentID>1</AgentID></xml>`;
  const enc = encrypt(WECOM.aesKey, inner, WECOM.corpId);
  const sig = getSignature(WECOM.token, timestamp, nonce, enc);
  return { path: `/wecom/callback?msg_signature=${sig}&timestamp=${timestamp}&nonce=${nonce}`, body: `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt></xml>` };
}

const SERVICE_ENV = {
  PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ADMIN_PASSWORD: 'bench-admin-pass', SCHEDULER_ENABLED: 'false', ASK_RATE_PER_MINUTE: '100000000',
  WECOM_CORP_ID: WECOM.corpId, WECOM_TOKEN: WECOM.token, WECOM_ENCODING_AES_KEY: WECOM.aesKey,
};
const LISTENING = /"url":"http:\/\/127\.0\.0\.1:(\d+)"/;

async function httpSection(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'onex-bench-'));
  const bare = await spawnServer('bench/bare-koa.ts', { PORT: '0' }, /LISTENING (\d+)/);
  // Start once to create the embedded database, then measure a normal (re)start.
  await (await spawnServer('api/server.ts', { ...SERVICE_ENV, DATA_DIR: dataDir }, LISTENING)).stop();
  const service = await spawnServer('api/server.ts', { ...SERVICE_ENV, DATA_DIR: dataDir }, LISTENING);
  try {
    const base = `http://127.0.0.1:${service.port}`;
    // warm up both
    await load(`http://127.0.0.1:${bare.port}/`, { duration: 1 });
    await load(`${base}/api/exams`, { duration: 1 });

    const baseline = await load(`http://127.0.0.1:${bare.port}/`, { duration: DURATION });
    reportHttp('bare Koa hello (baseline)', baseline);
    const endpoints: Array<[string, () => Promise<HttpFigures>]> = [
      ['GET /api/exams', () => load(`${base}/api/exams`, { duration: DURATION })],
      ...extraEndpoints(base),
    ];
    for (const [name, run] of endpoints) {
      const figs = await run();
      reportHttp(name, figs, baseline);
    }
    const peak = service.peakRssMb();
    record({ section: 'memory', name: 'service peak RSS, embedded PGlite', value: peak, unit: 'MB', target: '< 200 MB', met: peak < 200 });
  } finally {
    await service.stop();
    await bare.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The assistant over HTTP and the WeCom callback with real encrypted payloads (a new MsgId each). */
function extraEndpoints(base: string): Array<[string, () => Promise<HttpFigures>]> {
  let i = 0;
  return [
    ['POST /api/ask', () => load(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, bodies: () => ({ path: '/api/ask', body: JSON.stringify({ text: QUESTIONS[i++ % QUESTIONS.length] }) }), duration: DURATION })],
    ['POST /wecom/callback (encrypted)', () => load(`${base}/wecom/callback`, { method: 'POST', headers: { 'content-type': 'text/xml' }, bodies: wecomRequest, duration: DURATION })],
  ];
}

/** The service's memory on a PostgreSQL server (DATABASE_URL), where PGlite's WASM heap is not in the process. */
async function postgresMemorySection(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch {
    console.log('(no PostgreSQL server reachable: skipping the server-backed memory figure)');
    return;
  }
  await admin.query(`create schema ${schema}`);
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  try {
    const service = await spawnServer('api/server.ts', { ...SERVICE_ENV, DATABASE_URL: withSchema.toString() }, LISTENING);
    const base = `http://127.0.0.1:${service.port}`;
    await load(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '山东考试找谁' }), duration: 2 });
    const figs = await load(`${base}/api/exams`, { duration: 2 });
    record({ section: 'http', name: 'GET /api/exams on PostgreSQL req/s', value: figs.rps, unit: 'req/s' });
    const peak = service.peakRssMb();
    record({ section: 'memory', name: 'service peak RSS, PostgreSQL server', value: peak, unit: 'MB', target: '< 200 MB', met: peak < 200 });
    await service.stop();
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

function reportHttp(name: string, f: HttpFigures, baseline?: HttpFigures): void {
  record({ section: 'http', name: `${name} req/s`, value: f.rps, unit: 'req/s' });
  record({ section: 'http', name: `${name} latency p50`, value: f.p50, unit: 'ms' });
  record({ section: 'http', name: `${name} latency p99`, value: f.p99, unit: 'ms' });
  if (f.errors || f.non2xx) record({ section: 'http', name: `${name} errors / non-2xx`, value: f.errors + f.non2xx, unit: 'count' });
  if (baseline) {
    const ratio = f.rps / baseline.rps;
    record({ section: 'http', name: `${name} / bare Koa`, value: ratio, unit: 'ratio', target: '>= 0.50', met: ratio >= 0.5 });
  }
}

/**
 * Text parsers on 100,000 hostile characters (M5: a report of 30,000 digits once froze the service
 * for 5 s), and /healthz answering while such a report arrives through the chat handler.
 */
async function parsersSection(): Promise<void> {
  const { parseReport } = await import('../api/reports/parse.js');
  const { addressedText, splitReply } = await import('../bot/etiquette.js');
  const { parseWecomXml } = await import('../api/wecom/xml.js');
  const { handleChatTurn } = await import('../api/chat/handle.js');
  const { startService } = await import('../api/service.js');
  const N = 100_000;
  const inputs: Array<[string, string]> = [['digits', '1'.repeat(N)], ['教师 1 repeated', '教师 1'.repeat(N / 4)], ['spaces', ' '.repeat(N)], ['报名 repeated', '报名'.repeat(N / 2)]];
  const time = (fn: () => unknown) => {
    const t = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  for (const [label, body] of inputs) {
    const ms = Math.max(time(() => parseReport(`进展：${body}`)), time(() => addressedText({ text: `小助手 ${body}`, inRoom: true, mentioned: false, keywords: ['小助手'] })), time(() => splitReply(body)), time(() => parseWecomXml(`<xml><Content><![CDATA[${body}]]></Content></xml>`)));
    record({ section: 'parsers', name: `100,000 chars (${label}), slowest parser`, value: ms, unit: 'ms', target: '< 50 ms', met: ms < 50 });
  }
  const db = await openDb({});
  const running = await startService(testConfig({ PORT: '0', HOST: '127.0.0.1', ADMIN_PASSWORD: 'bench-admin-pass' }), { db, background: false });
  try {
    const report = `进展：${'1'.repeat(N)}`;
    await fetch(`${running.url}/healthz`); // warm the connection
    const worst: number[] = [];
    for (let round = 0; round < 20; round++) {
      const t = process.hrtime.bigint();
      const health = fetch(`${running.url}/healthz`).then(() => Number(process.hrtime.bigint() - t) / 1e6);
      await handleChatTurn(running.services, { text: report, channel: 'wechaty', from: { id: 'bench' }, group: { externalId: 'bench-room' }, isGroupAdmin: false });
      worst.push(await health);
    }
    worst.sort((a, b) => a - b);
    record({ section: 'parsers', name: '/healthz while a 100,000-char report arrives p50', value: percentile(worst, 50), unit: 'ms' });
    const max = worst[worst.length - 1]!;
    record({ section: 'parsers', name: '/healthz while a 100,000-char report arrives max', value: max, unit: 'ms', target: '< 100 ms', met: max < 100 });
  } finally {
    await running.stop();
    await db.close();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`${'section'.padEnd(22)} ${'figure'.padEnd(44)} ${'value'.padStart(10)} ${'unit'.padEnd(8)} target`);
  // BENCH_ONLY=parsers (or another section name) runs one section.
  const sections: Record<string, () => Promise<void>> = { parsers: parsersSection, assistant: assistantSection, digest: digestSection, http: httpSection, postgres: postgresMemorySection };
  for (const [name, run] of Object.entries(sections)) if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === name) await run();
  const outDir = path.resolve('bench/results');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), cpus: os.cpus().length, node: process.version, seconds: (Date.now() - started) / 1000, figures }, null, 2));
  console.log(`\nwritten ${path.relative(process.cwd(), file)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
