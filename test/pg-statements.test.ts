import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../api/db/index.js';
import { StatementNames } from '../api/db/pg-statements.js';
import { TEST_DATABASE_URL } from './support/db.js';

/**
 * Statements the service sends to PostgreSQL again and again are prepared once per connection
 * (api/db/pg-statements.ts): the same rows and errors as unnamed ones, a bounded number of names,
 * and a statement whose table changed under it sent again instead of failing.
 */
describe('loading pg', () => {
  it("does not load Node's fetch implementation (undici), and leaves no navigator behind", () => {
    // a fresh process: this one loaded pg (and maybe undici) already
    const script = `
      const { loadPg } = await import(${JSON.stringify(new URL('../api/db/index.ts', import.meta.url).href)});
      const pg = loadPg();
      const undici = process.moduleLoadList.filter((m) => m.includes('undici'));
      console.log(JSON.stringify({ pool: typeof pg.Pool, undici, navigator: typeof navigator }));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({ pool: 'function', undici: [], navigator: 'undefined' });
  });
});

describe('which statements are named', () => {
  it('names a text from its second call, keeps its name, and names at most `capacity` texts', () => {
    const names = new StatementNames(2, 2);
    expect(names.nameFor('select 1')).toBeUndefined();
    const one = names.nameFor('select 1');
    expect(one).toBeDefined();
    expect(names.nameFor('select 1')).toBe(one);
    names.nameFor('select 2');
    const two = names.nameFor('select 2');
    expect(two).toBeDefined();
    expect(two).not.toBe(one);
    names.nameFor('select 3');
    expect(names.nameFor('select 3')).toBeUndefined(); // two names kept already
    expect(names.size).toBe(2);
  });

  it('gives a forgotten text a new name, never an old one', () => {
    const names = new StatementNames(10, 2);
    names.nameFor('select 1');
    const first = names.nameFor('select 1');
    names.forget('select 1');
    expect(names.nameFor('select 1')).toBeUndefined(); // seen afresh…
    const again = names.nameFor('select 1'); // …and named again under another name
    expect(again).toBeDefined();
    expect(again).not.toBe(first);
  });
});

describe.skipIf(!TEST_DATABASE_URL)('named statements on PostgreSQL', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let db: Db;
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    // one connection: what it has prepared is what pg_prepared_statements shows
    db = await openDb({ url: TEST_DATABASE_URL, schema, poolMax: 1 });
    await db.exec(`create table t (id serial primary key, name text not null unique, tags text[], n bigint)`);
  });
  afterAll(async () => {
    await db.close();
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  const prepared = async (text: string) =>
    (await db.query<{ n: number }>(`select count(*)::int as n from pg_prepared_statements where statement = $1`, [text]))[0]!.n;

  it('prepares a statement sent again once, with the same rows and errors as unnamed', async () => {
    const insert = `insert into t (name, tags, n) values ($1, $2, $3) returning name, tags, n`;
    const rows = [];
    for (const [i, name] of ['甲', '乙', '丙'].entries()) rows.push(...(await db.query(insert, [name, ['a', 'b,c', null], 9007199254740991 - i])));
    expect(rows).toEqual([
      { name: '甲', tags: ['a', 'b,c', null], n: '9007199254740991' },
      { name: '乙', tags: ['a', 'b,c', null], n: '9007199254740990' },
      { name: '丙', tags: ['a', 'b,c', null], n: '9007199254740989' },
    ]);
    expect(await prepared(insert)).toBe(1);
    await expect(db.query(insert, ['甲', [], 1])).rejects.toMatchObject({ code: '23505' });
    expect(await db.query(insert, ['丁', [], 1])).toEqual([{ name: '丁', tags: [], n: '1' }]);
  });

  it('sends a statement again when its table changed under it (another instance migrated), instead of failing', async () => {
    const select = `select * from t where name = $1`;
    for (let i = 0; i < 3; i++) expect(await db.query(select, ['甲'])).toHaveLength(1);
    expect(await prepared(select)).toBe(1);
    await db.exec(`alter table t add column note text`);
    const [row] = await db.query<Record<string, unknown>>(select, ['甲']);
    expect(row).toMatchObject({ name: '甲', note: null });
    // prepared again (under a new name) from its next calls on
    for (let i = 0; i < 3; i++) expect(await db.query(select, ['甲'])).toEqual([row]);
    expect(await prepared(select)).toBe(1);
  });
});
