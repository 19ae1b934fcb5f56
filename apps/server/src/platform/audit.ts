import type { Ctx } from './context.ts';
import type { Queryable } from './db/sql.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Records writes. Pass the transaction's client when the write runs in one, so the audit rows commit
 * or roll back with it. Callers must not pass personal data in clear (mask phones first).
 */
export async function recordAudit(
  ctx: Ctx,
  entries: AuditEntry | AuditEntry[],
  db: Queryable = ctx.database.pool,
): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await db.query(
    `INSERT INTO audit_log (actor_type, actor_id, action, entity, entity_id, before, after, request_id)
     SELECT $1, $2, a, e, i, b::jsonb, af::jsonb, $3
     FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS t(a, e, i, b, af)`,
    [
      ctx.actor.type,
      ctx.actor.id,
      ctx.requestId,
      list.map((e) => e.action),
      list.map((e) => e.entity),
      list.map((e) => e.entityId ?? null),
      list.map((e) => (e.before === undefined ? null : JSON.stringify(e.before))),
      list.map((e) => (e.after === undefined ? null : JSON.stringify(e.after))),
    ],
  );
}
