import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../api/db/index.js';
import { migrate } from '../api/db/migrate.js';
import { extractTar, fillFromTemplate, installedPgliteVersion, templatePaths, templateUnusable, type TemplateInfo } from '../api/db/pglite-template.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'onex-template-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** One ustar header + body, as tar writes it. */
function tarEntry(name: string, body: string, type = '0'): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100);
  header.write(`${Buffer.byteLength(body).toString(8).padStart(11, '0')}\0`, 124);
  header.write(type, 156);
  header.write('ustar\0', 257);
  const data = Buffer.alloc(Math.ceil(Buffer.byteLength(body) / 512) * 512);
  data.write(body);
  return Buffer.concat([header, data]);
}

describe('the shipped PGlite template (no initdb at first start)', () => {
  it('was made by the installed PGlite (after an upgrade: npm run build:pglite-template)', () => {
    const found = templatePaths();
    expect(found).toBeDefined();
    const info = JSON.parse(readFileSync(found!.info, 'utf8')) as TemplateInfo;
    expect(info.pglite).toBe(installedPgliteVersion());
    expect(templateUnusable()).toBeUndefined();
  });

  it('fills a new data directory that PGlite opens as an existing database and migrates', async () => {
    const dir = path.join(tmp, 'new', 'pglite');
    expect(fillFromTemplate(dir)).toBe('template'); // from the sources there is no migrated copy (build.mjs makes one in dist/)
    expect(readFileSync(path.join(dir, 'PG_VERSION'), 'utf8').trim()).toMatch(/^\d+$/);
    expect(readdirSync(path.dirname(dir))).toEqual(['pglite']); // no staging directory left behind
    const db = await openDb({ dataDir: dir });
    try {
      expect((await migrate(db)).length).toBeGreaterThan(0);
      await db.query(`insert into regions (code, name, source) values ('t', '测试', 'test')`);
    } finally {
      await db.close();
    }
    // the data outlives the process's handle: a restart finds it, and the template is not applied again
    expect(fillFromTemplate(dir)).toBe(false);
    const again = await openDb({ dataDir: dir });
    try {
      expect(await again.query(`select name from regions where code = 't'`)).toEqual([{ name: '测试' }]);
    } finally {
      await again.close();
    }
  });

  it('leaves an empty directory filled but a non-empty one alone', () => {
    const empty = path.join(tmp, 'empty');
    mkdirSync(empty);
    expect(fillFromTemplate(empty)).toBe('template');
    expect(existsSync(path.join(empty, 'PG_VERSION'))).toBe(true);
    const other = path.join(tmp, 'other');
    mkdirSync(other);
    writeFileSync(path.join(other, 'notes.txt'), 'mine');
    expect(fillFromTemplate(other)).toBe(false);
    expect(readdirSync(other)).toEqual(['notes.txt']);
  });

  it('extracts files and directories, and refuses an entry that points outside the directory', () => {
    const ok = path.join(tmp, 'tar-ok');
    const files = extractTar(Buffer.concat([tarEntry('/base/', '', '5'), tarEntry('/base/1', 'one'), tarEntry('PG_VERSION', '17\n'), Buffer.alloc(1024)]), ok);
    expect(files).toBe(2);
    expect(readFileSync(path.join(ok, 'base', '1'), 'utf8')).toBe('one');
    expect(readFileSync(path.join(ok, 'PG_VERSION'), 'utf8')).toBe('17\n');
    const bad = path.join(tmp, 'tar-bad');
    expect(() => extractTar(Buffer.concat([tarEntry('../escaped', 'x'), Buffer.alloc(1024)]), bad)).toThrow(/outside/);
    expect(existsSync(path.join(tmp, 'escaped'))).toBe(false);
    expect(() => extractTar(Buffer.concat([tarEntry('link', '', '2'), Buffer.alloc(1024)]), bad)).toThrow(/unsupported/);
  });
});
