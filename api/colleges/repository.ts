import type { Db } from '../db/index.js';
import { knowledgeChanged } from '../knowledge/changes.js';

/** Pilot colleges, each in one province; chat groups and reports hang off them. */
export interface College {
  id: number;
  name: string;
  aliases: string[];
  provinceCode: string;
}

interface CollegeRow {
  id: string | number;
  name: string;
  aliases: string[];
  province_code: string;
}

const toCollege = (r: CollegeRow): College => ({
  id: Number(r.id),
  name: r.name,
  aliases: r.aliases,
  provinceCode: r.province_code,
});

export async function listColleges(db: Db): Promise<College[]> {
  return (await db.query<CollegeRow>('select * from colleges order by province_code, name')).map(toCollege);
}

/** Colleges with their region (the college_regions view), optionally of one region. */
export async function listCollegesByRegion(db: Db, regionCode?: string): Promise<Array<College & { regionCode: string }>> {
  const rows = await db.query<CollegeRow & { region_code: string }>(
    'select id, name, aliases, province_code, region_code from college_regions where ($1::text is null or region_code = $1) order by province_code, name',
    [regionCode ?? null],
  );
  return rows.map((r) => ({ ...toCollege(r), regionCode: r.region_code }));
}

export async function getCollege(db: Db, id: number): Promise<College | undefined> {
  const [row] = await db.query<CollegeRow>('select * from colleges where id = $1', [id]);
  return row ? toCollege(row) : undefined;
}

/** Exact match on the name or an alias. */
export async function findCollege(db: Db, nameOrAlias: string): Promise<College | undefined> {
  const [row] = await db.query<CollegeRow>(
    'select * from colleges where name = $1 or $1 = any(aliases) limit 1',
    [nameOrAlias.trim()],
  );
  return row ? toCollege(row) : undefined;
}

/** Create the college, or return the existing one with that name (its province is kept). */
export async function ensureCollege(db: Db, name: string, provinceCode: string, aliases: string[] = []): Promise<College> {
  const [row] = await db.query<CollegeRow & { inserted: boolean }>(
    `insert into colleges (name, province_code, aliases) values ($1, $2, $3)
     on conflict (name) do update set name = excluded.name returning *, (xmax = 0) as inserted`,
    [name.trim(), provinceCode, aliases],
  );
  if (row!.inserted) await knowledgeChanged(db, 'colleges');
  return toCollege(row!);
}

/** How many colleges each region has (region code → count). */
export async function countCollegesByRegion(db: Db): Promise<Record<string, number>> {
  const rows = await db.query<{ region_code: string; n: string | number }>(
    `select c.region_code, count(*) as n from college_regions c group by c.region_code`,
  );
  return Object.fromEntries(rows.map((r) => [r.region_code, Number(r.n)]));
}
