import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
/** The compiled service (dist/admin) has the console bundled by build.mjs; the sources stay in admin/src. */
const PREBUILT = path.join(ROOT, 'console');
const SRC = existsSync(path.join(ROOT, 'src')) ? path.join(ROOT, 'src') : path.resolve(ROOT, '../../admin/src');

export interface AdminBundle {
  js: string;
  css: string;
}

/**
 * The console (preact + htm) as one script and one style sheet: the bundle build.mjs made for
 * `npm start`, or, when running from the sources (development, tests), bundled in memory by
 * esbuild — loaded only then, so the service does not carry a bundler it does not use.
 */
export async function buildAdminBundle(): Promise<AdminBundle> {
  if (existsSync(path.join(PREBUILT, 'app.js'))) {
    return { js: readFileSync(path.join(PREBUILT, 'app.js'), 'utf8'), css: readFileSync(path.join(PREBUILT, 'app.css'), 'utf8') };
  }
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [path.join(SRC, 'main.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    write: false,
    outdir: 'out',
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  return { js, css };
}
