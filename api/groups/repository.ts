import type { Db } from '../db/index.js';
import { redirectQueued } from '../delivery/repository.js';
import type { ChatChannel } from '../chat/identity.js';

/** Chat groups (wechaty rooms, WeCom chats, WeCom 智能机器人 chats, WeCom robot webhooks) and the college each is bound to. */
export type GroupChannel = ChatChannel | 'wecom_robot';

export interface ChatGroup {
  id: number;
  channel: GroupChannel;
  externalId: string;
  name: string | null;
  collegeId: number | null;
  collegeName: string | null;
  provinceCode: string | null;
  provinceName: string | null;
  boundBy: string | null;
  /** wechaty: the room's topic and owner, to find the room again after a re-login changes its id. */
  stableKey: string | null;
}

interface Row {
  id: string | number;
  channel: GroupChannel;
  external_id: string;
  name: string | null;
  college_id: string | number | null;
  college_name: string | null;
  province_code: string | null;
  province_name: string | null;
  bound_by: string | null;
  stable_key: string | null;
}

const SELECT = `select g.id, g.channel, g.external_id, g.name, g.college_id, g.bound_by, g.stable_key,
       c.name as college_name, c.province_code, c.province_name
  from chat_groups g
  left join college_regions c on c.id = g.college_id`;

const toGroup = (r: Row): ChatGroup => ({
  id: Number(r.id),
  channel: r.channel,
  externalId: r.external_id,
  name: r.name,
  collegeId: r.college_id === null ? null : Number(r.college_id),
  collegeName: r.college_name,
  provinceCode: r.province_code,
  provinceName: r.province_name,
  boundBy: r.bound_by,
  stableKey: r.stable_key,
});

export async function findGroup(db: Db, channel: GroupChannel, externalId: string): Promise<ChatGroup | undefined> {
  const [row] = await db.query<Row>(`${SELECT} where g.channel = $1 and g.external_id = $2`, [channel, externalId]);
  return row ? toGroup(row) : undefined;
}

/**
 * Several findGroup lookups with one statement (the chat path's shared lookup, see
 * groups/lookup.ts): one answer per key, in order (undefined: no such group).
 */
export async function findGroups(db: Db, keys: Array<{ channel: GroupChannel; externalId: string }>): Promise<Array<ChatGroup | undefined>> {
  if (!keys.length) return [];
  const rows = await db.query<Row>(
    `${SELECT} where (g.channel, g.external_id) in (select * from unnest($1::text[], $2::text[]))`,
    [keys.map((k) => k.channel), keys.map((k) => k.externalId)],
  );
  const found = new Map(rows.map((r) => [`${r.channel}\u0000${r.external_id}`, toGroup(r)]));
  return keys.map((k) => found.get(`${k.channel}\u0000${k.externalId}`));
}

export async function listGroups(db: Db): Promise<ChatGroup[]> {
  return (await db.query<Row>(`${SELECT} order by g.id`)).map(toGroup);
}

/** Bind (or re-bind) a group to a college; creates the group row when new. */
export async function bindGroup(db: Db, g: { channel: GroupChannel; externalId: string; name?: string | null; collegeId: number; boundBy: string }): Promise<ChatGroup> {
  await db.query(
    `insert into chat_groups (channel, external_id, name, college_id, bound_by, bound_at)
     values ($1, $2, $3, $4, $5, now())
     on conflict (channel, external_id) do update set college_id = excluded.college_id,
       name = coalesce(excluded.name, chat_groups.name), bound_by = excluded.bound_by, bound_at = now()`,
    [g.channel, g.externalId, g.name ?? null, g.collegeId, g.boundBy],
  );
  return (await findGroup(db, g.channel, g.externalId))!;
}

export async function unbindGroup(db: Db, channel: GroupChannel, externalId: string): Promise<boolean> {
  const rows = await db.query(
    `update chat_groups set college_id = null, bound_by = null, bound_at = null
      where channel = $1 and external_id = $2 and college_id is not null returning id`,
    [channel, externalId],
  );
  return rows.length > 0;
}

/**
 * Colleges nothing can reach: no bound group (wechaty room, WeCom robot) and no bound WeCom
 * user, so reminders and notices have nowhere to go. Optionally for one region.
 */
export async function unreachableColleges(db: Db, regionCode?: string): Promise<Array<{ id: number; name: string; regionCode: string }>> {
  const rows = await db.query<{ id: string | number; name: string; region_code: string }>(
    `select c.id, c.name, c.region_code from college_regions c
      where ($1::text is null or c.region_code = $1)
        and not exists (select 1 from chat_groups g where g.college_id = c.id)
      order by c.province_seq, c.name`,
    [regionCode ?? null],
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name, regionCode: r.region_code }));
}

/** Every college with where messages for it can go: its bound groups and WeCom users, and its verified mini-program contacts. */
export async function collegeDestinations(
  db: Db,
  regionCode?: string,
): Promise<Array<{ id: number; name: string; provinceCode: string; regionCode: string; groups: Array<{ id: number; channel: GroupChannel; externalId: string; name: string | null }>; miniappContacts: number }>> {
  const rows = await db.query<{ id: string | number; name: string; province_code: string; region_code: string; groups: Array<{ id: number; channel: GroupChannel; external_id: string; name: string | null }> | string | null; miniapp_contacts: string | number }>(
    `select c.id, c.name, c.province_code, c.region_code,
            (select coalesce(json_agg(json_build_object('id', g.id, 'channel', g.channel, 'external_id', g.external_id, 'name', g.name) order by g.id), '[]'::json)
               from chat_groups g where g.college_id = c.id) as groups,
            (select count(*) from accounts a where a.college_id = c.id and a.role = 'college_contact' and not a.disabled) as miniapp_contacts
       from college_regions c
      where ($1::text is null or c.region_code = $1)
      order by c.province_seq, c.name`,
    [regionCode ?? null],
  );
  return rows.map((r) => {
    const groups = (typeof r.groups === 'string' ? JSON.parse(r.groups) : r.groups ?? []) as Array<{ id: number; channel: GroupChannel; external_id: string; name: string | null }>;
    return {
      id: Number(r.id),
      name: r.name,
      provinceCode: r.province_code,
      regionCode: r.region_code,
      groups: groups.map((g) => ({ id: Number(g.id), channel: g.channel, externalId: g.external_id, name: g.name })),
      miniappContacts: Number(r.miniapp_contacts),
    };
  });
}

export async function getGroup(db: Db, id: number): Promise<ChatGroup | undefined> {
  const [row] = await db.query<Row>(`${SELECT} where g.id = $1`, [id]);
  return row ? toGroup(row) : undefined;
}

/** Bound groups of one channel (the 渠道 page; re-linking after a re-login). */
export async function boundGroupsOf(db: Db, channel: GroupChannel): Promise<ChatGroup[]> {
  return (await db.query<Row>(`${SELECT} where g.channel = $1 and g.college_id is not null order by g.id`, [channel])).map(toGroup);
}

/** Keep a known group's name and stable key current (no row is created). */
export async function rememberGroupKey(db: Db, channel: GroupChannel, externalId: string, stableKey: string, name: string | null): Promise<void> {
  await db.query(
    `update chat_groups set stable_key = $3, name = coalesce($4, name)
      where channel = $1 and external_id = $2 and (stable_key is distinct from $3 or name is distinct from coalesce($4, name))`,
    [channel, externalId, stableKey, name],
  );
}

export class GroupRelinkConflict extends Error {}

/**
 * Point a group's binding at the platform's new id for the same group (after a re-login, or when
 * an operator re-links a group whose topic changed). Messages still queued for the old id follow
 * it. Refused when another bound group already has that id.
 */
export async function relinkGroup(db: Db, id: number, externalId: string, stableKey?: string | null, name?: string | null): Promise<ChatGroup> {
  return db.transaction(async (tx) => {
    const [g] = await tx.query<{ channel: GroupChannel; external_id: string }>('select channel, external_id from chat_groups where id = $1 for update', [id]);
    if (!g) throw new GroupRelinkConflict('group not found');
    if (g.external_id !== externalId) {
      const [holder] = await tx.query<{ id: string | number; college_id: unknown }>('select id, college_id from chat_groups where channel = $1 and external_id = $2', [g.channel, externalId]);
      if (holder && holder.college_id !== null) throw new GroupRelinkConflict('another bound group has that id');
      if (holder) await tx.query('delete from chat_groups where id = $1', [holder.id]); // an unbound row for the new id
      // only rooms addressed by id move (a robot's webhook key and a WeCom app chat do not)
      const outbox = g.channel === 'wechaty' ? 'wechaty_room' : g.channel === 'wecom_aibot' ? 'wecom_aibot' : undefined;
      if (outbox) await redirectQueued(tx, outbox, g.external_id, externalId);
    }
    await tx.query('update chat_groups set external_id = $2, stable_key = coalesce($3, stable_key), name = coalesce($4, name) where id = $1', [id, externalId, stableKey ?? null, name ?? null]);
    const [row] = await tx.query<Row>(`${SELECT} where g.id = $1`, [id]);
    return toGroup(row!);
  });
}

/** The groups bound to a college (for the "a second group for the same college" alert). */
export async function groupsOfCollege(db: Db, collegeId: number): Promise<ChatGroup[]> {
  return (await db.query<Row>(`${SELECT} where g.college_id = $1 order by g.bound_at, g.id`, [collegeId])).map(toGroup);
}

/** Colleges that more than one group is bound to, per region (console dashboard). */
export async function collegesWithSeveralGroups(db: Db, regionCode?: string): Promise<Array<{ collegeId: number; collegeName: string; regionCode: string; groups: string[] }>> {
  const rows = await db.query<{ college_id: string | number; college_name: string; region_code: string; groups: string[] }>(
    `select c.id as college_id, c.name as college_name, c.region_code, array_agg(coalesce(g.name, g.external_id) order by g.bound_at) as groups
       from chat_groups g join college_regions c on c.id = g.college_id
      where ($1::text is null or c.region_code = $1)
      group by c.id, c.name, c.region_code having count(*) > 1 order by c.name`,
    [regionCode ?? null],
  );
  return rows.map((r) => ({ collegeId: Number(r.college_id), collegeName: r.college_name, regionCode: r.region_code, groups: r.groups }));
}

/** The region of each of these groups' colleges (null for a group bound to no college); one entry per group found. */
export async function regionsOfGroups(db: Db, ids: number[]): Promise<Array<string | null>> {
  const rows = await db.query<{ region_code: string | null }>(
    `select c.region_code from chat_groups g left join college_regions c on c.id = g.college_id where g.id = any($1::bigint[])`,
    [ids],
  );
  return rows.map((r) => r.region_code);
}

/** The bound groups of colleges that have not reported for a period (whom a reminder goes to). */
export async function groupsOfCollegesWithoutReport(db: Db, periodId: string): Promise<Array<{ channel: GroupChannel; externalId: string; college: string }>> {
  const rows = await db.query<{ channel: GroupChannel; external_id: string; college: string }>(
    `select g.channel, g.external_id, c.name as college from chat_groups g join colleges c on c.id = g.college_id
      where not exists (select 1 from reports r where r.college_id = c.id and r.period_id = $1)
      order by g.id`,
    [periodId],
  );
  return rows.map((r) => ({ channel: r.channel, externalId: r.external_id, college: r.college }));
}
