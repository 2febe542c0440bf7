// Compile the mini-program: src/**/*.ts → dist/**/*.js (CommonJS, what WeChat runs), and copy
// .wxml/.wxss/.json as they are. `npm run build:miniapp`, then open miniapp/ in WeChat DevTools.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/**
 * Each file is compiled on its own (the mini-program's modules stay separate files), except what
 * it imports from outside src/ — the declarations shared with the API (api/reports/fields.ts,
 * api/contract.ts) — which is bundled into it, so dist/ needs nothing outside miniapp/.
 */
const sharedInlined = {
  name: 'shared-inlined',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const resolved = path.resolve(args.resolveDir, args.path);
      return resolved.startsWith(src + path.sep) || !args.path.startsWith('.') ? { path: args.path, external: true } : undefined;
    });
  },
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const files = walk(src);
await build({
  entryPoints: files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')),
  outdir: dist,
  outbase: src,
  format: 'cjs',
  target: 'es2017',
  platform: 'neutral',
  bundle: true,
  plugins: [sharedInlined],
  logLevel: 'warning',
});
for (const f of files.filter((f) => !f.endsWith('.ts'))) {
  const out = path.join(dist, path.relative(src, f));
  mkdirSync(path.dirname(out), { recursive: true });
  cpSync(f, out);
}
console.log(`mini-program built into ${path.relative(process.cwd(), dist) || 'dist'}`);
