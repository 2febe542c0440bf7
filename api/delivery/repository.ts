import type { Db } from '../db/index.js';
import type { DeliveryChannel, NewDelivery } from './outbox.js';

/**
 * The outbox's one owner: every statement on `deliveries` (queueing, the worker's claims and
 * outcomes, the console's lists, re-pointing queued rows at a group's new id) is here.
 *
 * The worker's writes: Every write a worker makes to a claimed row names the
 * claim's lease token, so an instance that lost its claim (its lease ran out and another
 * instance took the row over) can neither send the row nor record an outcome for it.
 */

export interface ClaimedDelivery {
  id: number;
  noticeId: number | null;
  job: string | null;
  channel: DeliveryChannel;
  destination: string;
  payload: Record<string, unknown>;
  attempts: number;
  /** Set when an earlier send of this row had an unknown outcome (this may be a repeat). */
  outcomeUnknownAt: Date | null;
}

interface ClaimedRow {
  id: string | number;
  notice_id: string | number | null;
  job: string | null;
  channel: DeliveryChannel;
  destination: string;
  payload: Record<string, unknown> | string;
  attempts: number;
  outcome_unknown_at: Date | string | null;
}

export interface Lease {
  owner: string;
  token: string;
}

/**
 * Rows whose lease ran out (their worker died or lost the database): a row whose send had not
 * started goes back to the queue; a row whose send had started has an unknown outcome.
 */
export async function recoverExpired(db: Db, now: Date): Promise<{ requeued: number[]; unknown: number[] }> {
  const rows = await db.query<{ id: string | number; status: string }>(
    `update deliveries set
        status = case when in_flight_at is null then 'queued' else 'unknown' end,
        attempts = case when in_flight_at is null then greatest(attempts - 1, 0) else attempts end,
        outcome_unknown_at = case when in_flight_at is null then outcome_unknown_at else $1 end,
        last_error = case when in_flight_at is null then last_error
                          else 'outcome unknown: the sending instance stopped during the send (' || coalesce(lease_owner, '?') || ')' end,
        next_attempt_at = $1, lease_owner = null, lease_token = null, lease_until = null, in_flight_at = null
      where status = 'sending' and lease_until <= $1
      returning id, status`,
    [now],
  );
  return {
    requeued: rows.filter((r) => r.status === 'queued').map((r) => Number(r.id)),
    unknown: rows.filter((r) => r.status === 'unknown').map((r) => Number(r.id)),
  };
}

/** Claim up to `batch` due rows (queued, and unknown ones when they are to be resent) under a new lease. */
export async function claimDue(
  db: Db,
  lease: Lease,
  opts: { now: Date; leaseUntil: Date; batch: number; resendUnknown: boolean; only?: number[] },
): Promise<ClaimedDelivery[]> {
  const rows = await db.query<ClaimedRow>(
    `update deliveries set status = 'sending', attempts = attempts + 1, lease_owner = $2, lease_token = $3, lease_until = $4, in_flight_at = null
      where id in (
        select id from deliveries
         where (status = 'queued' or (status = 'unknown' and $6::boolean)) and next_attempt_at <= $1
           and ($7::bigint[] is null or id = any($7::bigint[]))
         order by id limit $5
         for update skip locked)
      returning id, notice_id, job, channel, destination, payload, attempts, outcome_unknown_at`,
    [opts.now, lease.owner, lease.token, opts.leaseUntil, opts.batch, opts.resendUnknown, opts.only ?? null],
  );
  return rows
    .map((r) => ({
      id: Number(r.id),
      noticeId: r.notice_id === null ? null : Number(r.notice_id),
      job: r.job,
      channel: r.channel,
      destination: r.destination,
      payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as Record<string, unknown>) : r.payload,
      attempts: r.attempts,
      outcomeUnknownAt: r.outcome_unknown_at === null ? null : new Date(r.outcome_unknown_at),
    }))
    .sort((a, b) => a.id - b.id);
}

/** Extend the lease of every row still held under `token`; returns how many. */
export async function renewLease(db: Db, token: string, leaseUntil: Date): Promise<number> {
  const rows = await db.query(`update deliveries set lease_until = $2 where lease_token = $1 and status = 'sending' returning id`, [token, leaseUntil]);
  return rows.length;
}

/**
 * Just before sending: check that the row is still ours under a live lease, record that its
 * send has started, and give it a full lease from now (`leaseUntil`). False means the claim was
 * lost: do not send.
 */
export async function startSend(db: Db, id: number, token: string, now: Date, leaseUntil: Date = now): Promise<boolean> {
  const rows = await db.query(
    `update deliveries set in_flight_at = $3, lease_until = greatest(lease_until, $4)
      where id = $1 and lease_token = $2 and status = 'sending' and lease_until > $3 returning id`,
    [id, token, now, leaseUntil],
  );
  return rows.length > 0;
}

/**
 * Record a send that succeeded. Normally the row is still ours; if our lease ran out meanwhile,
 * the row is still recorded as sent unless another instance has already started sending it
 * (which stops that instance from sending it again). False: another instance is sending it.
 */
export async function markSent(db: Db, id: number, token: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    `update deliveries set status = 'sent', sent_at = $3, last_error = null,
            lease_owner = null, lease_token = null, lease_until = null, in_flight_at = null
      where id = $1 and (lease_token = $2 or status in ('queued', 'unknown') or (status = 'sending' and in_flight_at is null))
      returning id`,
    [id, token, now],
  );
  return rows.length > 0;
}

/** Record a failed send: back to the queue at `retryAt`, or failed for good when `retryAt` is null. */
export async function markFailed(db: Db, id: number, token: string, error: string, retryAt: Date | null): Promise<boolean> {
  const rows = await db.query(
    `update deliveries set status = case when $4::timestamptz is null then 'failed' else 'queued' end,
            last_error = $3, next_attempt_at = coalesce($4, next_attempt_at),
            lease_owner = null, lease_token = null, lease_until = null, in_flight_at = null
      where id = $1 and lease_token = $2 and status = 'sending'
      returning id`,
    [id, token, error, retryAt],
  );
  return rows.length > 0;
}

/** Give back the rows of a claim whose sends never started (shutdown, lost lease). */
export async function releaseUnstarted(db: Db, token: string): Promise<number> {
  const rows = await db.query(
    `update deliveries set status = 'queued', attempts = greatest(attempts - 1, 0), lease_owner = null, lease_token = null, lease_until = null
      where lease_token = $1 and status = 'sending' and in_flight_at is null
      returning id`,
    [token],
  );
  return rows.length;
}

/** An admin asks for a failed delivery, or one whose outcome is unknown, to be sent again. */
export async function retryDelivery(db: Db, id: number, now: Date): Promise<boolean> {
  const rows = await db.query(
    `update deliveries set status = 'queued', attempts = 0, next_attempt_at = $2, last_error = null
      where id = $1 and status in ('failed', 'unknown') returning id`,
    [id, now],
  );
  return rows.length > 0;
}

/** Queue one delivery unless the same (notice | job | question, channel, destination) is queued already; its id when inserted. */
export async function insertDelivery(db: Db, d: NewDelivery): Promise<number | undefined> {
  const rows = await db.query<{ id: string | number }>(
    `insert into deliveries (notice_id, job, question_id, channel, destination, payload, next_attempt_at)
     select $1, $2, $7, $3, $4, $5, coalesce($6, now())
     where not exists (
       select 1 from deliveries
        where channel = $3 and destination = $4
        and ((notice_id is not null and notice_id = $1) or (job is not null and job = $2)
           or (question_id is not null and question_id = $7)))
     returning id`,
    [d.noticeId ?? null, d.job ?? null, d.channel, d.destination, JSON.stringify(d.payload), d.notBefore ?? null, d.questionId ?? null],
  );
  return rows[0] ? Number(rows[0].id) : undefined;
}

/** Messages still queued for a group's old platform id follow it to the new one (a relinked group). */
export async function redirectQueued(db: Db, channel: DeliveryChannel, from: string, to: string): Promise<void> {
  await db.query(`update deliveries set destination = $3 where channel = $1 and destination = $2 and status in ('queued', 'sending')`, [channel, from, to]);
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

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
  /** For people: what was sent (the notice's title, or the question answered) and to whom (a contact's name). */
  noticeTitle?: string | null;
  questionText?: string | null;
  recipientName?: string | null;
  nextAttemptAt?: string | null;
}

export async function listDeliveries(db: Db, filter: { noticeId?: number; questionId?: number; job?: string; status?: string; limit?: number }): Promise<DeliveryRow[]> {
  const rows = await db.query<{
    id: string | number; notice_id: string | number | null; job: string | null; channel: string; destination: string;
    status: string; attempts: number; last_error: string | null; sent_at: Date | null; created_at: Date; group_name: string | null;
    outcome_unknown_at: Date | null; notice_title: string | null; question_text: string | null; recipient_name: string | null; next_attempt_at: Date | null;
  }>(
    `select d.*, g.name as group_name, n.title as notice_title, q.question as question_text,
            case when d.channel = 'wecom_app' then (select ct.name from contacts ct where ct.wecom_user_id = d.destination and not ct.archived order by ct.id limit 1) end as recipient_name
       from deliveries d
       left join chat_groups g on g.external_id = d.destination
        and g.channel = case d.channel when 'wechaty_room' then 'wechaty' when 'wecom_robot' then 'wecom_robot' when 'wecom_app' then 'wecom' end
       left join notices n on n.id = d.notice_id
       left join questions q on q.id = d.question_id
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
    noticeTitle: r.notice_title,
    questionText: r.question_text,
    recipientName: r.recipient_name,
    nextAttemptAt: iso(r.next_attempt_at),
  }));
}

/** An answer's way back to its asker: the outbox row's state, by question. */
export type AnswerDelivery = Pick<DeliveryRow, 'channel' | 'destination' | 'status' | 'attempts' | 'lastError' | 'sentAt'> & { questionId: number };

/** The outbox rows that carry answers back to their askers, for the given questions. */
export async function answerDeliveries(db: Db, questionIds: number[]): Promise<AnswerDelivery[]> {
  if (!questionIds.length) return [];
  const rows = await db.query<{ question_id: string | number; channel: string; destination: string; status: string; attempts: number; last_error: string | null; sent_at: Date | null }>(
    `select question_id, channel, destination, status, attempts, last_error, sent_at from deliveries where question_id = any($1::bigint[]) order by id`,
    [questionIds],
  );
  return rows.map((r) => ({
    questionId: Number(r.question_id),
    channel: r.channel,
    destination: r.destination,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
  }));
}
