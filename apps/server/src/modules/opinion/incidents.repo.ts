/** Incident rows and their timeline: the writes the grouping, the actions and the SLA handler share. */
import type { OpinionCategory, OpinionLevel, TimelineKind } from '@linli/contracts/opinion';
import { rows, type Queryable } from '../../platform/db/sql.ts';

export interface IncidentRow {
  id: string;
  title: string;
  level: OpinionLevel;
  messageLevel: OpinionLevel;
  category: OpinionCategory | null;
  status: 'open' | 'acknowledged' | 'resolved';
  ownerRole: string;
  ownerId: string | null;
  ownerName: string | null;
  memberId: string | null;
  orderId: string | null;
  productId: string | null;
  sku: string | null;
  batch: string | null;
  pickupPointId: string | null;
  communityId: string | null;
  threadId: string | null;
  textHash: string | null;
  messageCount: number;
  households: number;
  escalations: number;
  openedAt: Date;
  lastMessageAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  resolutionCode: string | null;
  resolutionNote: string | null;
  slaClock: string | null;
  slaDueAt: Date | null;
}

export const INCIDENT_COLUMNS = `i.id, i.title, i.level, i.message_level AS "messageLevel", i.category, i.status,
  i.owner_role AS "ownerRole", i.owner_id AS "ownerId", i.owner_name AS "ownerName", i.member_id AS "memberId",
  i.order_id AS "orderId", i.product_id AS "productId", i.sku, i.batch, i.pickup_point_id AS "pickupPointId",
  i.community_id AS "communityId", i.thread_id AS "threadId", i.text_hash AS "textHash",
  i.message_count AS "messageCount", i.households, i.escalations, i.opened_at AS "openedAt",
  i.last_message_at AS "lastMessageAt", i.acknowledged_at AS "acknowledgedAt", i.resolved_at AS "resolvedAt",
  i.resolution_code AS "resolutionCode", i.resolution_note AS "resolutionNote", i.sla_clock AS "slaClock",
  i.sla_due_at AS "slaDueAt"`;

export async function incidentById(
  db: Queryable,
  id: string,
  lock = false,
): Promise<IncidentRow | undefined> {
  const [r] = await rows<IncidentRow>(
    db,
    `SELECT ${INCIDENT_COLUMNS} FROM opinion_incidents i WHERE i.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [id],
  );
  return r;
}

export type NewIncident = Pick<
  IncidentRow,
  | 'id'
  | 'title'
  | 'level'
  | 'category'
  | 'ownerRole'
  | 'ownerName'
  | 'memberId'
  | 'orderId'
  | 'productId'
  | 'sku'
  | 'batch'
  | 'pickupPointId'
  | 'communityId'
  | 'threadId'
  | 'textHash'
  | 'openedAt'
>;

export async function insertIncident(db: Queryable, i: NewIncident): Promise<void> {
  await db.query(
    `INSERT INTO opinion_incidents (id, title, level, message_level, category, status, owner_role, owner_name,
       member_id, order_id, product_id, sku, batch, pickup_point_id, community_id, thread_id, text_hash,
       opened_at, last_message_at)
     VALUES ($1, $2, $3, $3, $4, 'open', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)`,
    [
      i.id,
      i.title,
      i.level,
      i.category,
      i.ownerRole,
      i.ownerName,
      i.memberId,
      i.orderId,
      i.productId,
      i.sku,
      i.batch,
      i.pickupPointId,
      i.communityId,
      i.threadId,
      i.textHash,
      i.openedAt,
    ],
  );
}

export async function addTimeline(
  db: Queryable,
  e: { incidentId: string; kind: TimelineKind; actor: string; at: Date; detail?: Record<string, unknown> },
): Promise<void> {
  await db.query(
    'INSERT INTO opinion_timeline (incident_id, at, kind, actor, detail) VALUES ($1, $2, $3, $4, $5::jsonb)',
    [e.incidentId, e.at, e.kind, e.actor, JSON.stringify(e.detail ?? {})],
  );
}

/** Sets the given columns (snake_case names as keys) of one incident and touches `updated_at`. */
export async function updateIncident(db: Queryable, id: string, set: Record<string, unknown>): Promise<void> {
  const keys = Object.keys(set);
  if (keys.length === 0) return;
  await db.query(
    `UPDATE opinion_incidents SET ${keys.map((k, n) => `${k} = $${n + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
    [id, ...keys.map((k) => set[k])],
  );
}

/** The title of an incident: the start of its first message, on one line. */
export function titleOf(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
