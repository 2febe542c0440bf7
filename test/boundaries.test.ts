import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isSql, readSource, sourceFiles, sqlIn, stringLiterals } from './support/sql-scan.js';

/**
 * One owner per table: SQL lives only in `api/db/` (the driver, migrations) and in the
 * `repository.ts` of each domain folder. Routers, services, channels, the bot, the scheduler and
 * the knowledge engine call a repository. (`bench/` is a tool that builds its own data sets.)
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const SCANNED = ['api', 'bot', 'knowledge', 'admin', 'miniapp'].filter((d) => existsSync(`${root}/${d}`));
const mayHoldSql = (file: string) => file.startsWith('api/db/') || file.endsWith('/repository.ts');

describe('SQL stays behind repositories', () => {
  it('finds SQL outside api/db/ and */repository.ts nowhere', () => {
    const files = sourceFiles(root, SCANNED);
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter((f) => !mayHoldSql(f)).flatMap((f) => sqlIn(readSource(root, f)).map((sql) => `${f}: ${sql.replace(/\s+/g, ' ').slice(0, 80)}`));
    expect(offenders).toEqual([]);
  });

  it('a college’s region is read through the one view (college_regions), not a join written again', () => {
    const again = sourceFiles(root, ['api'])
      .filter((f) => !f.startsWith('api/db/'))
      .filter((f) => /join\s+provinces\s+\w+\s+on\s+\w+\.code\s*=\s*c\.province_code/.test(readSource(root, f)) && /colleges c\b/.test(readSource(root, f)));
    expect(again).toEqual([]);
  });

  it('the detector sees the repositories’ SQL (so an empty result above means something)', () => {
    const repositories = sourceFiles(root, ['api']).filter((f) => f.endsWith('/repository.ts'));
    expect(repositories.length).toBeGreaterThan(10);
    for (const f of repositories) expect(sqlIn(readSource(root, f)).length, f).toBeGreaterThan(0);
  });

  it('detects a planted statement in any shape, and leaves prose, comments and regexps alone', () => {
    const planted = [
      "const rows = await db.query('select id from notices where status = $1', ['draft']);",
      'await tx.query(`\n  insert into deliveries (channel, destination)\n  values ($1, $2)`, [a, b]);',
      'db.query(`update contacts set phone = ${"$"}2 where id = $1`, [id, phone]);',
      'await db.query("DELETE FROM chat_groups WHERE id = $1", [id]);',
      "await db.query('select 1');",
      'const sql = `with open as (select * from questions) select count(*) from open`;',
      "await db.exec('create table if not exists t (id int)');",
      "db.query(`insert into settings (key, value) values ($1, $2) on conflict (key) do nothing`);",
    ];
    for (const source of planted) expect(sqlIn(source), source).toHaveLength(1);

    const clean = [
      '// select the contacts from the province, then update the cache',
      '/* delete from the list: insert into the queue */ const a = 1;',
      "const help = '请选择院校（新院校请同时选择省份）';",
      "const re = /select|from/i; const b = 'x';",
      "throw badRequest('Select a file from your computer');",
      "log.info({ job }, 'scheduled job ran');",
    ];
    for (const source of clean) expect(sqlIn(source), source).toEqual([]);
  });

  it('reads string literals through comments, escapes and template expressions', () => {
    expect(stringLiterals("const a = 'it\\'s'; // 'not this'\nconst b = `x ${f('y')} z`;")).toEqual(["it's", 'y', 'x $1 z']);
    expect(isSql('选择省份')).toBe(false);
  });
});

/**
 * Types the API sends to its clients are declared once (api/contract.ts, and the report fields in
 * api/reports/fields.ts); the console and the mini-program import them instead of copying them.
 */
describe('shared types are declared once', () => {
  const SHARED = ['ExamSession', 'Contact', 'PublicContact', 'Province', 'Region', 'ProvinceContacts', 'ContactRole', 'PublicNotice', 'MyQuestion', 'MiniappSettings', 'NoticeStatus'];

  it('the declarations are in api/contract.ts', () => {
    const source = readSource(root, 'api/contract.ts');
    for (const name of SHARED) expect(source, name).toMatch(new RegExp(`export (?:interface|type) ${name}\\b`));
  });

  it('no client declares one of them itself (it imports api/contract.ts)', () => {
    const clients = sourceFiles(root, ['admin/src', 'miniapp/src']);
    expect(clients.length).toBeGreaterThan(20);
    const copies = clients.flatMap((f) => {
      const source = readSource(root, f);
      return SHARED.filter((name) => new RegExp(`\\binterface\\s+${name}\\s*\\{`).test(source)).map((name) => `${f}: interface ${name}`);
    });
    expect(copies).toEqual([]);
    expect(readSource(root, 'miniapp/src/lib/exams.ts')).toContain('api/contract');
    expect(readSource(root, 'miniapp/src/lib/contacts.ts')).toContain('api/contract');
    expect(readSource(root, 'miniapp/src/lib/report-form.ts')).toContain('api/reports/fields');
  });
});
