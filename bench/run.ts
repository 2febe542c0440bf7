import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

async function httpSection(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'onex-bench-'));
  const bare = await spawnServer('bench/bare-koa.ts', { PORT: '0' }, /LISTENING (\d+)/);
  const service = await spawnServer(
    'api/server.ts',
    { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ADMIN_PASSWORD: 'bench-admin-pass', SCHEDULER_ENABLED: 'false', ASK_RATE_PER_MINUTE: '100000000' },
    /"url":"http:\/\/127\.0\.0\.1:(\d+)"/,
  );
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
    record({ section: 'memory', name: 'service peak RSS (VmHWM)', value: service.peakRssMb(), unit: 'MB', target: '< 200 MB', met: service.peakRssMb() < 200 });
  } finally {
    await service.stop();
    await bare.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Endpoints added by other parts of the product (ask, WeCom callback). */
function extraEndpoints(_base: string): Array<[string, () => Promise<HttpFigures>]> {
  return [];
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

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`${'section'.padEnd(22)} ${'figure'.padEnd(44)} ${'value'.padStart(10)} ${'unit'.padEnd(8)} target`);
  await httpSection();
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
