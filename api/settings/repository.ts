import type { Db } from '../db/index.js';

/** Instance-wide settings kept in the database (`settings`: key → value). */

/** The value of `key`, storing `initial` first when there is none (the first of several instances wins). */
export async function settingOrInit(db: Db, key: string, initial: string): Promise<string> {
  await db.query('insert into settings (key, value) values ($1, $2) on conflict (key) do nothing', [key, initial]);
  const [row] = await db.query<{ value: string }>('select value from settings where key = $1', [key]);
  return row!.value;
}
