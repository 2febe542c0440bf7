import { cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * A pre-initialised PGlite data directory shipped with the project (what `initdb` makes, no
 * schema), so that a first start on an empty DATA_DIR costs what a restart costs: initdb in
 * process takes seconds and ~900 MB of memory; copying the template takes tens of milliseconds.
 * The template is tied to the PGlite version that made it (the catalog format); with another
 * version installed it is not used and PGlite runs initdb as before.
 * Regenerate with `npm run build:pglite-template` after upgrading PGlite.
 *
 * build.mjs goes one step further for `npm start`: it migrates and seeds a copy of the template
 * once (dist/api/db/pglite-ready/, remade when the migrations, the knowledge files or PGlite
 * change), so a first start skips the migrations and the first seeding too. Start-up still runs
 * both as always; on a ready copy they find nothing to do.
 */
const HERE = path.dirname(fileURLToPath(import.meta.url));
export const TEMPLATE_NAME = 'pglite-template.tgz';
export const TEMPLATE_INFO_NAME = 'pglite-template.json';

export interface TemplateInfo {
  /** The @electric-sql/pglite version that made the template. */
  pglite: string;
}

/** The installed PGlite version (its package.json is not exported, so found beside its entry point). */
export function installedPgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  let dir = path.dirname(entry);
  for (let i = 0; i < 4; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite' && pkg.version) return pkg.version;
    }
  }
  throw new Error('cannot find the installed @electric-sql/pglite version');
}

/** The migrated, seeded copy build.mjs makes beside the compiled module (absent when running from the sources). */
export const READY_DIR = path.join(HERE, 'pglite-ready');

/** The ready copy's data directory, when there is one made by the installed PGlite. */
export function readyDataDir(): string | undefined {
  try {
    const info = JSON.parse(readFileSync(path.join(READY_DIR, TEMPLATE_INFO_NAME), 'utf8')) as TemplateInfo;
    const data = path.join(READY_DIR, 'data');
    return info.pglite === installedPgliteVersion() && existsSync(path.join(data, 'PG_VERSION')) ? data : undefined;
  } catch {
    return undefined;
  }
}

export function templatePaths(): { tarball: string; info: string } | undefined {
  // beside this module: api/db, or dist/api/db where build.mjs links it
  const tarball = path.join(HERE, TEMPLATE_NAME);
  const info = path.join(HERE, TEMPLATE_INFO_NAME);
  return existsSync(tarball) && existsSync(info) ? { tarball, info } : undefined;
}

/** Why the template cannot be used, or undefined when it can. */
export function templateUnusable(): string | undefined {
  const found = templatePaths();
  if (!found) return `no ${TEMPLATE_NAME}`;
  const info = JSON.parse(readFileSync(found.info, 'utf8')) as TemplateInfo;
  const installed = installedPgliteVersion();
  if (info.pglite !== installed) return `${TEMPLATE_NAME} was made by PGlite ${info.pglite}, ${installed} is installed`;
  return undefined;
}

/** The template tarball (gzip) when it matches the installed PGlite, for `loadDataDir` of an in-memory database. */
export function templateTarball(): Buffer | undefined {
  if (templateUnusable()) return undefined;
  return readFileSync(templatePaths()!.tarball);
}

/**
 * Fill an empty or missing PGlite data directory from the template. Extracted into a sibling
 * directory and renamed into place, so a start interrupted half way leaves no half directory.
 * Returns false (and leaves the directory alone) when the directory already holds a database,
 * is not empty, or the template does not match the installed PGlite.
 */
export function fillFromTemplate(dataDir: string, options: { ready?: boolean } = {}): 'ready' | 'template' | false {
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) return false;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) return false;
  const ready = options.ready === false ? undefined : readyDataDir();
  const tarball = ready ? undefined : templateTarball();
  if (!ready && !tarball) return false;
  const staging = `${dataDir}.template-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(path.dirname(staging), { recursive: true });
  try {
    if (ready) cpSync(ready, staging, { recursive: true });
    else {
      mkdirSync(staging, { mode: 0o700 });
      extractTar(gunzipSync(tarball!), staging);
    }
    rmSync(dataDir, { recursive: true, force: true }); // empty (checked above)
    renameSync(staging, dataDir);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  return ready ? 'ready' : 'template';
}

const filling = new Map<string, Promise<void>>();

/** Whether a PGlite data directory holds no database yet (missing or empty): a first start. */
export function isNewDataDir(dataDir: string): boolean {
  return !existsSync(path.join(dataDir, 'PG_VERSION')) && !(existsSync(dataDir) && readdirSync(dataDir).length > 0);
}

/**
 * A first start: begin filling a new data directory from the migrated copy in the background,
 * so that its ~1,100 files are copied (by libuv's threads, several at a time) while the
 * service's modules load; openDb waits for it (fillingDone). Does nothing when there is no
 * migrated copy or the directory is not new. A failed copy leaves nothing behind: openDb then
 * fills the directory itself, as without this.
 */
export function startFilling(dataDir: string): void {
  const dir = path.resolve(dataDir);
  if (filling.has(dir) || !isNewDataDir(dir)) return;
  const ready = readyDataDir();
  if (!ready) return;
  filling.set(dir, copyInto(ready, dir).catch(() => {}));
}

/** Wait for the background fill of this directory, when one was started. */
export async function fillingDone(dataDir: string): Promise<void> {
  await filling.get(path.resolve(dataDir));
}

/**
 * The files of the databases template1 (base/1) and template0 (base/4): the service only ever
 * connects to the database "postgres" (base/5), and no statement it runs reads or writes
 * another database's files (they are what CREATE DATABASE would copy). They are linked, not
 * copied — 600 of the template's 1,100 files and 15 of its 40 MB: 0.4-0.6 s of copying became
 * 0.2-0.3 s here. The migrated copy they are linked from is itself never written in place
 * (build.mjs makes a new one beside it and renames it), so the links stay what initdb wrote.
 */
const NEVER_WRITTEN = /^base[\\/](1|4)[\\/]/;

async function copyInto(from: string, dataDir: string): Promise<void> {
  const staging = `${dataDir}.template-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(path.dirname(staging), { recursive: true });
  try {
    const files: Array<[string, string]> = [];
    const walk = (src: string, dst: string) => {
      mkdirSync(dst, { recursive: true, mode: 0o700 });
      for (const entry of readdirSync(src, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(path.join(src, entry.name), path.join(dst, entry.name));
        else files.push([path.join(src, entry.name), path.join(dst, entry.name)]);
      }
    };
    walk(from, staging);
    let next = 0;
    const copyNext = async (): Promise<void> => {
      while (next < files.length) {
        const [src, dst] = files[next++]!;
        if (NEVER_WRITTEN.test(path.relative(from, src))) {
          try {
            linkSync(src, dst);
            continue;
          } catch {
            // another file system: copied
          }
        }
        await copyFile(src, dst);
      }
    };
    await Promise.all(Array.from({ length: 8 }, copyNext));
    if (existsSync(path.join(dataDir, 'PG_VERSION'))) throw new Error('filled meanwhile');
    rmSync(dataDir, { recursive: true, force: true }); // empty (checked before)
    renameSync(staging, dataDir);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

/** Extract a (ustar) tar archive of regular files and directories into `dest`. */
export function extractTar(tar: Buffer, dest: string): number {
  const root = path.resolve(dest);
  let files = 0;
  for (let off = 0; off + 512 <= tar.length; ) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break; // end of archive
    const field = (start: number, len: number) => {
      const raw = header.subarray(start, start + len);
      const end = raw.indexOf(0);
      return raw.subarray(0, end < 0 ? len : end).toString('utf8');
    };
    const name = field(0, 100);
    const prefix = header.subarray(257, 262).toString('latin1') === 'ustar' ? field(345, 155) : '';
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156]!);
    const rel = (prefix ? `${prefix}/${name}` : name).replace(/^\/+/, '');
    const target = path.resolve(root, rel);
    if (target !== root && !target.startsWith(root + path.sep)) throw new Error(`tar entry outside the directory: ${rel}`);
    const body = off + 512;
    if (type === '5') {
      mkdirSync(target, { recursive: true, mode: 0o700 });
    } else if (type === '0' || type === '\0') {
      mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
      writeFileSync(target, tar.subarray(body, body + size), { mode: 0o600 });
      files++;
    } else {
      throw new Error(`unsupported tar entry type ${JSON.stringify(type)} for ${rel}`);
    }
    off = body + Math.ceil(size / 512) * 512;
  }
  return files;
}
