import type { Db } from '../db/index.js';

/** Notices and their deliveries. */
export interface NoticeTarget {
  all?: boolean;
  regions?: string[];
  provinces?: string[];
  groups?: number[];
  miniapp?: boolean;
}

import type { NoticeStatus } from '../contract.js';
export type { NoticeStatus };

export interface Notice {
  id: number;
  title: string;
  body: string;
  target: NoticeTarget;
  status: NoticeStatus;
  publishAt: string | null;
  publishedAt: string | null;
  authorId: number | null;
  createdAt: string;
}

interface Row {
  id: string | number;
  title: string;
  body: string;
  target: NoticeTarget | string;
  status: NoticeStatus;
  publish_at: Date | string | null;
  published_at: Date | string | null;
  author_id: string | number | null;
  created_at: Date | string;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
export const toNotice = (r: Row): Notice => ({
  id: Number(r.id),
  title: r.title,
  body: r.body,
  target: typeof r.target === 'string' ? (JSON.parse(r.target) as NoticeTarget) : r.target,
  status: r.status,
  publishAt: iso(r.publish_at),
  publishedAt: iso(r.published_at),
  authorId: r.author_id === null ? null : Number(r.author_id),
  createdAt: iso(r.created_at)!,
});

export async function insertNotice(db: Db, n: { title: string; body: string; target: NoticeTarget; status: NoticeStatus; publishAt: Date | null; authorId: number | null }): Promise<Notice> {
  const [row] = await db.query<Row>(
    `insert into notices (title, body, target, status, publish_at, author_id) values ($1, $2, $3, $4, $5, $6) returning *`,
    [n.title, n.body, JSON.stringify(n.target), n.status, n.publishAt, n.authorId],
  );
  return toNotice(row!);
}

/**
 * Insert a notice under an idempotency key of its author; when the author already used the key,
 * insert nothing and return the notice created the first time (`created: false`).
 */
export async function insertNoticeOnce(
  db: Db,
  n: { title: string; body: string; target: NoticeTarget; status: NoticeStatus; publishAt: Date | null; authorId: number; idempotencyKey: string },
): Promise<{ notice: Notice; created: boolean }> {
  const [row] = await db.query<Row>(
    `insert into notices (title, body, target, status, publish_at, author_id, idempotency_key) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (author_id, idempotency_key) where idempotency_key is not null do nothing
     returning *`,
    [n.title, n.body, JSON.stringify(n.target), n.status, n.publishAt, n.authorId, n.idempotencyKey],
  );
  if (row) return { notice: toNotice(row), created: true };
  const [existing] = await db.query<Row>('select * from notices where author_id = $1 and idempotency_key = $2', [n.authorId, n.idempotencyKey]);
  return { notice: toNotice(existing!), created: false };
}

export async function getNotice(db: Db, id: number): Promise<Notice | undefined> {
  const [row] = await db.query<Row>('select * from notices where id = $1', [id]);
  return row ? toNotice(row) : undefined;
}

export async function listNotices(db: Db, opts: { publishedOnly?: boolean; limit?: number } = {}): Promise<Notice[]> {
  const rows = await db.query<Row>(
    `select * from notices where ($1::boolean = false or status = 'published')
      order by coalesce(published_at, publish_at, created_at) desc, id desc limit $2`,
    [opts.publishedOnly ?? false, opts.limit ?? 50],
  );
  return rows.map(toNotice);
}

/**
 * Who a published notice is for, as a reader is: a province (and its region), a chat group,
 * and whether they read it in the mini-program. A notice for everyone reaches all; one for
 * mini-program subscribers reaches mini-program readers; otherwise the reader's province,
 * region or group must be in its target. A reader with none of these sees only notices for all.
 */
export interface NoticeAudience {
  provinceCode?: string | null;
  regionCode?: string | null;
  groupId?: number | null;
  miniapp?: boolean;
}

const AUDIENCE = `(coalesce((n.target->>'all')::boolean, false)
    or ($1::boolean and coalesce((n.target->>'miniapp')::boolean, false))
    or ($2::text is not null and coalesce(n.target->'regions', '[]'::jsonb) @> jsonb_build_array($2::text))
    or ($3::text is not null and coalesce(n.target->'provinces', '[]'::jsonb) @> jsonb_build_array($3::text))
    or ($4::bigint is not null and coalesce(n.target->'groups', '[]'::jsonb) @> jsonb_build_array($4::bigint)))`;

export async function listNoticesFor(db: Db, audience: NoticeAudience, limit = 20): Promise<Notice[]> {
  const rows = await db.query<Row>(
    `select n.* from notices n where n.status = 'published' and ${AUDIENCE}
      order by n.published_at desc nulls last, n.id desc limit $5`,
    [!!audience.miniapp, audience.regionCode ?? null, audience.provinceCode ?? null, audience.groupId ?? null, limit],
  );
  return rows.map(toNotice);
}

export async function getNoticeFor(db: Db, id: number, audience: NoticeAudience): Promise<Notice | undefined> {
  const [row] = await db.query<Row>(`select n.* from notices n where n.status = 'published' and ${AUDIENCE} and n.id = $5`, [
    !!audience.miniapp,
    audience.regionCode ?? null,
    audience.provinceCode ?? null,
    audience.groupId ?? null,
    id,
  ]);
  return row ? toNotice(row) : undefined;
}

/** The bound chat groups a target reaches (a notice's group deliveries). */
export async function targetGroups(db: Db, t: NoticeTarget): Promise<Array<{ channel: 'wechaty' | 'wecom' | 'wecom_robot'; external_id: string; name: string | null }>> {
  return db.query(
    `select distinct on (g.channel, g.external_id) g.channel, g.external_id, g.name from chat_groups g
       left join college_regions c on c.id = g.college_id
      where (g.college_id is not null and ($1::boolean or c.region_code = any($2::text[]) or c.province_code = any($3::text[])))
         or g.id = any($4::bigint[])`,
    [!!t.all, t.regions ?? [], t.provinces ?? [], t.groups ?? []],
  );
}

/** Mark a draft or scheduled notice published; undefined when it was not publishable (already done, withdrawn). */
export async function markPublished(db: Db, id: number, now: Date): Promise<Notice | undefined> {
  const [row] = await db.query<Row>(`update notices set status = 'published', published_at = $2 where id = $1 and status in ('draft', 'scheduled') returning *`, [id, now]);
  return row ? toNotice(row) : undefined;
}

/** Withdraw a draft or scheduled notice; undefined when it was already published (or withdrawn). */
export async function markWithdrawn(db: Db, id: number): Promise<Notice | undefined> {
  const [row] = await db.query<Row>(`update notices set status = 'withdrawn' where id = $1 and status in ('draft', 'scheduled') returning *`, [id]);
  return row ? toNotice(row) : undefined;
}

/** Scheduled notices whose time has come, oldest first. */
export async function dueScheduledNotices(db: Db, now: Date): Promise<number[]> {
  const rows = await db.query<{ id: string | number }>(`select id from notices where status = 'scheduled' and publish_at <= $1 order by publish_at`, [now]);
  return rows.map((r) => Number(r.id));
}
