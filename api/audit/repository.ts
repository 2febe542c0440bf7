import type { Db } from '../db/index.js';

/** The audit log: every console change (who, what, before/after) and sign-in events. */
export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface NewAuditEntry {
  actorId?: number | null;
  actor: string;
  /** e.g. contact.create, question.answer, auth.login_failed */
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

interface Row {
  id: string | number;
  at: string | Date;
  actor_id: string | number | null;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export async function recordAudit(db: Db, e: NewAuditEntry): Promise<void> {
  await db.query(
    `insert into audit_log (actor_id, actor, action, entity, entity_id, before, after, ip)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)`,
    [e.actorId ?? null, e.actor, e.action, e.entity, e.entityId === undefined || e.entityId === null ? null : String(e.entityId), json(e.before), json(e.after), e.ip ?? null],
  );
}

export async function listAudit(db: Db, filter: { entity?: string; action?: string; limit?: number } = {}): Promise<AuditEntry[]> {
  const rows = await db.query<Row>(
    `select * from audit_log where ($1::text is null or entity = $1) and ($2::text is null or action = $2)
      order by at desc, id desc limit $3`,
    [filter.entity ?? null, filter.action ?? null, filter.limit ?? 200],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id === null ? null : Number(r.actor_id),
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
    ip: r.ip,
  }));
}
