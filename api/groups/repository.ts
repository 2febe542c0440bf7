import type { Db } from '../db/index.js';

/** Chat groups (wechaty rooms, WeCom chats, WeCom robot webhooks) and the college each is bound to. */
export type GroupChannel = 'wechaty' | 'wecom' | 'wecom_robot';

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
}

const SELECT = `select g.id, g.channel, g.external_id, g.name, g.college_id, g.bound_by,
       c.name as college_name, c.province_code, p.name as province_name
  from chat_groups g
  left join colleges c on c.id = g.college_id
  left join provinces p on p.code = c.province_code`;

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
});

export async function findGroup(db: Db, channel: GroupChannel, externalId: string): Promise<ChatGroup | undefined> {
  const [row] = await db.query<Row>(`${SELECT} where g.channel = $1 and g.external_id = $2`, [channel, externalId]);
  return row ? toGroup(row) : undefined;
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
