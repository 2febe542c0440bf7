import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

export interface AdminBundle {
  js: string;
  css: string;
}

/** Bundle the console (preact + htm) in memory with esbuild: no CDN, nothing to build by hand. */
export async function buildAdminBundle(): Promise<AdminBundle> {
  const result = await build({
    entryPoints: [path.join(ROOT, 'src/main.ts')],
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
