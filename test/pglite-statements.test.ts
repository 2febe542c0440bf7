import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite, protocol } from '@electric-sql/pglite';
import { bindExecuteSync, PgliteStatements } from '../api/db/pglite-statements.js';
import { openDb, type Db } from '../api/db/index.js';
import { migrate } from '../api/db/migrate.js';

/**
 * PGlite queries as prepared statements (api/db/pglite-statements.ts): the same rows and errors as
 * PGlite's own query(), statements prepared again when a table changes or when they are old, and a
 * bounded number of them kept.
 */
describe('PGlite prepared statements', () => {
  let lite: PGlite;
  let db: Db;
  beforeAll(async () => {
    lite = new PGlite();
    await lite.waitReady;
    await lite.exec(`create table t (id serial primary key, name text not null unique, at timestamptz, tags text[], doc jsonb, n bigint, ok boolean, score real)`);
    db = await openDb({});
    await migrate(db);
  });
  afterAll(async () => {
    await lite.close();
    await db.close();
  });

  it('returns the rows query() returns, for every parameter and column type the service uses', async () => {
    const statements = new PgliteStatements(lite);
    const at = new Date('2026-11-27T08:00:00.000Z');
    const params = ['甲', at, ['a', 'b,c', 'd"e', null], { k: ['v', 1] }, 9007199254740991, true, 0.5];
    const insert = `insert into t (name, at, tags, doc, n, ok, score) values ($1, $2, $3, $4, $5, $6, $7) returning *`;
    const mine = await statements.query<Record<string, unknown>>(insert, params, false);
    const theirs = (await lite.query<Record<string, unknown>>(insert, ['乙', ...params.slice(1)])).rows;
    expect(mine).toHaveLength(1);
    expect({ ...mine[0], id: 0, name: '' }).toEqual({ ...theirs[0], id: 0, name: '' });
    expect(mine[0]).toMatchObject({ name: '甲', at, tags: ['a', 'b,c', 'd"e', null], doc: { k: ['v', 1] }, ok: true, score: 0.5 });
    // the second call runs the prepared statement: same columns, parsed the same way
    const select = `select name, at, tags, n from t where name = any($1::text[]) order by name`;
    const once = await statements.query(select, [['甲', '乙']], false);
    expect(await statements.query(select, [['甲', '乙']], false)).toEqual(once);
    expect(once).toEqual((await lite.query(select, [['甲', '乙']])).rows);
    expect(await statements.query(`update t set ok = $1 where name = $2`, [false, '无'], false)).toEqual([]);
  });

  it("writes a call's Bind, Execute and Sync as PGlite's serializer does, byte for byte", () => {
    const theirs = (statement: string, values: Array<string | null>) => {
      const parts = [protocol.serialize.bind({ statement, values }), protocol.serialize.execute({}), protocol.serialize.sync()];
      return Buffer.concat(parts.map((p) => Buffer.from(p)));
    };
    const cases: Array<[string, Array<string | null>]> = [
      ['onex_1', []],
      ['onex_22', ['']],
      ['onex_333', [null]],
      ['s', ['api', null, '127.0.0.1', '考试什么时候报名？', '😀 emoji', 'a"b\\c{d,e}', '\n', '0.5', 't', 'x'.repeat(5000), '\ud800 lone surrogate']],
      ['长名字', Array.from({ length: 14 * 32 }, (_, i) => (i % 7 === 0 ? null : `值${i}`))],
    ];
    for (const [statement, values] of cases) expect(Buffer.from(bindExecuteSync(statement, values))).toEqual(theirs(statement, values));
  });

  it('fails a statement a constraint refuses with the database error, and runs it again afterwards', async () => {
    const statements = new PgliteStatements(lite);
    const insert = `insert into t (name) values ($1) returning name`;
    expect(await statements.query(insert, ['丙'], false)).toEqual([{ name: '丙' }]);
    await expect(statements.query(insert, ['丙'], false)).rejects.toMatchObject({ code: '23505', query: insert });
    expect(await statements.query(insert, ['丁'], false)).toEqual([{ name: '丁' }]);
    await expect(statements.query(`select nope from t where id = $1`, [1], false)).rejects.toMatchObject({ code: '42703' });
    expect(await statements.query(`select count(*)::int as n from t where name = $1`, ['丁'], false)).toEqual([{ n: 1 }]);
  });

  it('prepares a statement again when its table changed under it', async () => {
    const statements = new PgliteStatements(lite);
    await lite.exec(`create table w (id int primary key)`);
    const select = `select * from w where id = $1`;
    await lite.query(`insert into w values (1)`);
    expect(await statements.query(select, [1], false)).toEqual([{ id: 1 }]);
    await lite.exec(`alter table w add column label text default '新列'`);
    expect(await statements.query(select, [1], false)).toEqual([{ id: 1, label: '新列' }]);
  });

  it('prepares statements again after DDL through exec, so a changed table is read right inside a transaction too', async () => {
    await db.exec(`create table stmt_ddl (id int primary key)`);
    await db.query(`insert into stmt_ddl values ($1)`, [1]);
    const read = () => db.transaction((tx) => tx.query(`select * from stmt_ddl where id = $1`, [1]));
    expect(await read()).toEqual([{ id: 1 }]);
    await db.exec(`alter table stmt_ddl add column label text default '新列'`); // a migration
    expect(await read()).toEqual([{ id: 1, label: '新列' }]);
  });

  it('keeps a transaction usable: a failing statement rolls it back, the next one commits', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`insert into settings (key, value) values ($1, $2)`, ['stmt-test', '"x"']);
        await tx.query(`insert into settings (key, value) values ($1, $2)`, ['stmt-test', '"y"']);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await db.query(`select value from settings where key = $1`, ['stmt-test'])).toEqual([]);
    await db.transaction((tx) => tx.query(`insert into settings (key, value) values ($1, $2)`, ['stmt-test', '"z"']));
    expect(await db.query(`select value from settings where key = $1`, ['stmt-test'])).toEqual([{ value: '"z"' }]);
  });

  it('keeps at most its capacity of statements, and plans a statement again after its last use allowed', async () => {
    const statements = new PgliteStatements(lite, 5, 3);
    const count = async () => (await lite.query<{ n: number }>(`select count(*)::int as n from pg_prepared_statements where name like 'onex_%'`)).rows[0]!.n;
    const before = await count();
    for (let i = 0; i < 20; i++) expect(await statements.query(`select $1::int + ${i} as v`, [1], false)).toEqual([{ v: 1 + i }]);
    // evicted statements are closed with the next one prepared: at most capacity + 1 exist
    expect((await count()) - before).toBeLessThanOrEqual(6);
    for (let i = 0; i < 10; i++) expect(await statements.query(`select $1::int as v`, [i], false)).toEqual([{ v: i }]);
    expect((await count()) - before).toBeLessThanOrEqual(6);
  });
});
