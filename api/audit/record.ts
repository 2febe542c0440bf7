import type { Context } from 'koa';
import type { Db } from '../db/index.js';
import { recordAudit, type NewAuditEntry } from './repository.js';

/** Record a console change made by the signed-in account of this request. */
export async function auditChange(db: Db, ctx: Context, e: Omit<NewAuditEntry, 'actor' | 'actorId' | 'ip'>): Promise<void> {
  const account = ctx.state.account;
  await recordAudit(db, {
    ...e,
    actorId: account?.id ?? null,
    actor: account?.username ?? (account ? `account:${account.id}` : 'anonymous'),
    ip: ctx.ip,
  });
}
