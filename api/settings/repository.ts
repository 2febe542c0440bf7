import type { Db } from '../db/index.js';

/** Instance-wide settings kept in the database (`settings`: key → value). */

/** The value of `key`, storing `initial` first when there is none (the first of several instances wins). */
export async function settingOrInit(db: Db, key: string, initial: string): Promise<string> {
  await db.query('insert into settings (key, value) values ($1, $2) on conflict (key) do nothing', [key, initial]);
  const [row] = await db.query<{ value: string }>('select value from settings where key = $1', [key]);
  return row!.value;
}

/** The value of `key`, or undefined when it was never set. */
export async function getSetting(db: Db, key: string): Promise<string | undefined> {
  const [row] = await db.query<{ value: string }>('select value from settings where key = $1', [key]);
  return row?.value;
}

/** Set `key` to `value`, replacing what was there. */
export async function setSetting(db: Db, key: string, value: string): Promise<void> {
  await db.query('insert into settings (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value', [key, value]);
}
