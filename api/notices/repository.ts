import type { Db } from '../db/index.js';

/** Notices and their deliveries. */
export interface NoticeTarget {
  all?: boolean;
  regions?: string[];
  provinces?: string[];
  groups?: number[];
  miniapp?: boolean;
}

export type NoticeStatus = 'draft' | 'scheduled' | 'published' | 'withdrawn';

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
       left join colleges c on c.id = g.college_id
       left join provinces p on p.code = c.province_code
      where (g.college_id is not null and ($1::boolean or p.region_code = any($2::text[]) or p.code = any($3::text[])))
         or g.id = any($4::bigint[])`,
    [!!t.all, t.regions ?? [], t.provinces ?? [], t.groups ?? []],
  );
}

/** Mini-program users who allowed one more message of this template. */
export async function countSubscribers(db: Db, templateId: string): Promise<number> {
  const [row] = await db.query<{ n: string | number }>(
    `select count(*) as n from miniapp_subscriptions s join accounts a on a.id = s.account_id where s.template_id = $1 and s.remaining > 0 and a.openid is not null`,
    [templateId],
  );
  return Number(row?.n ?? 0);
}

export interface DeliveryRow {
  id: number;
  noticeId: number | null;
  job: string | null;
  channel: string;
  destination: string;
  status: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
  groupName: string | null;
  /** When a send of this delivery had an unknown outcome (its instance stopped mid-send); a later resend may have repeated it. */
  outcomeUnknownAt: string | null;
}

export async function listDeliveries(db: Db, filter: { noticeId?: number; questionId?: number; job?: string; status?: string; limit?: number }): Promise<DeliveryRow[]> {
  const rows = await db.query<{
    id: string | number; notice_id: string | number | null; job: string | null; channel: string; destination: string;
    status: string; attempts: number; last_error: string | null; sent_at: Date | null; created_at: Date; group_name: string | null;
    outcome_unknown_at: Date | null;
  }>(
    `select d.*, g.name as group_name from deliveries d
       left join chat_groups g on g.external_id = d.destination
        and g.channel = case d.channel when 'wechaty_room' then 'wechaty' when 'wecom_robot' then 'wecom_robot' when 'wecom_app' then 'wecom' end
      where ($1::bigint is null or d.notice_id = $1) and ($2::text is null or d.status = $2)
        and ($4::bigint is null or d.question_id = $4) and ($5::text is null or d.job = $5)
      order by d.id desc limit $3`,
    [filter.noticeId ?? null, filter.status ?? null, filter.limit ?? 500, filter.questionId ?? null, filter.job ?? null],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    noticeId: r.notice_id === null ? null : Number(r.notice_id),
    job: r.job,
    channel: r.channel,
    destination: r.destination,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    sentAt: iso(r.sent_at),
    createdAt: iso(r.created_at)!,
    groupName: r.group_name,
    outcomeUnknownAt: iso(r.outcome_unknown_at),
  }));
}
