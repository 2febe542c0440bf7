import type { Db } from '../db/index.js';

/**
 * WeCom messages (app callbacks by MsgId; 智能机器人 messages as 'aibot:<msgid>') and their outcome (MsgId → processing / done with its reply / failed).
 * The first delivery claims the MsgId; a retry of a failed message, or of one whose handler died
 * (processing for longer than `staleAfterMs`), claims it again; any other retry is told what
 * happened so the callback can answer it the same way.
 */
export type MessageClaim =
  | { kind: 'claimed'; attempts: number }
  | { kind: 'done'; reply: string | null; delivered: boolean }
  | { kind: 'in_progress' };

export async function claimMessage(db: Db, msgKey: string, now: Date, staleAfterMs: number): Promise<MessageClaim> {
  const staleBefore = new Date(now.getTime() - staleAfterMs);
  const [claimed] = await db.query<{ attempts: number }>(
    `insert into wecom_messages (msg_id, status, received_at, updated_at) values ($1, 'processing', $2, $2)
     on conflict (msg_id) do update set status = 'processing', attempts = wecom_messages.attempts + 1, updated_at = $2
      where wecom_messages.status = 'failed' or (wecom_messages.status = 'processing' and wecom_messages.updated_at < $3)
     returning attempts`,
    [msgKey, now, staleBefore],
  );
  if (claimed) return { kind: 'claimed', attempts: Number(claimed.attempts) };
  const [row] = await db.query<{ status: string; reply: string | null; delivered: boolean }>('select status, reply, delivered from wecom_messages where msg_id = $1', [msgKey]);
  if (row?.status === 'done') return { kind: 'done', reply: row.reply, delivered: row.delivered };
  return { kind: 'in_progress' };
}

/**
 * The message was handled; `reply` is the reply to repeat on a retry (null: nothing to repeat).
 * `delivered: false` when the reply still has to reach the platform (see markDelivered).
 */
export async function completeMessage(db: Db, msgKey: string, reply: string | null, now: Date, delivered = true): Promise<void> {
  await db.query(`update wecom_messages set status = 'done', reply = $2, delivered = $4, last_error = null, updated_at = $3 where msg_id = $1`, [msgKey, reply, now, delivered]);
}

/** The platform acknowledged the reply: a redelivery of the message is not answered again. */
export async function markDelivered(db: Db, msgKey: string): Promise<void> {
  await db.query('update wecom_messages set delivered = true where msg_id = $1', [msgKey]);
}

/** Handling failed: WeCom's retry handles it again. */
export async function failMessage(db: Db, msgKey: string, error: string, now: Date): Promise<void> {
  await db.query(`update wecom_messages set status = 'failed', last_error = $2, updated_at = $3 where msg_id = $1`, [msgKey, error.slice(0, 500), now]);
}

/** A message's outcome without claiming it (undefined: never seen). */
export async function peekMessage(db: Db, msgKey: string): Promise<{ status: 'processing' | 'done' | 'failed'; reply: string | null } | undefined> {
  const [row] = await db.query<{ status: 'processing' | 'done' | 'failed'; reply: string | null }>('select status, reply from wecom_messages where msg_id = $1', [msgKey]);
  return row;
}
