import type { Db } from '../db/index.js';

/**
 * WeCom callback messages and their outcome (MsgId → processing / done with its reply / failed).
 * The first delivery claims the MsgId; a retry of a failed message, or of one whose handler died
 * (processing for longer than `staleAfterMs`), claims it again; any other retry is told what
 * happened so the callback can answer it the same way.
 */
export type MessageClaim =
  | { kind: 'claimed'; attempts: number }
  | { kind: 'done'; reply: string | null }
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
  const [row] = await db.query<{ status: string; reply: string | null }>('select status, reply from wecom_messages where msg_id = $1', [msgKey]);
  if (row?.status === 'done') return { kind: 'done', reply: row.reply };
  return { kind: 'in_progress' };
}

/** The message was handled; `reply` is the passive reply to repeat on a retry (null: nothing to repeat). */
export async function completeMessage(db: Db, msgKey: string, reply: string | null, now: Date): Promise<void> {
  await db.query(`update wecom_messages set status = 'done', reply = $2, last_error = null, updated_at = $3 where msg_id = $1`, [msgKey, reply, now]);
}

/** Handling failed: WeCom's retry handles it again. */
export async function failMessage(db: Db, msgKey: string, error: string, now: Date): Promise<void> {
  await db.query(`update wecom_messages set status = 'failed', last_error = $2, updated_at = $3 where msg_id = $1`, [msgKey, error.slice(0, 500), now]);
}
