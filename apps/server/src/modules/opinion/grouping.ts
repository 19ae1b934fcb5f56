/**
 * Messages into incidents, in the transaction that stores them. A message of level 1 or more joins
 * the open incident it belongs with — the same social post or thread; the same member and order;
 * the same text (a flood, folded); the same SKU (and batch, when both know it) or the same pickup
 * point and category within the grouping window — or opens one. Then each touched incident's counts
 * and level are recomputed: the highest of its messages, raised to 3 when the scale rule holds
 * (households about its SKU or pickup point within the scale window), and never lowered.
 */
import type { OpinionLevel, OpinionSettings } from '@linli/contracts/opinion';
import { rows, type Queryable } from '../../platform/db/sql.ts';
import {
  addTimeline,
  INCIDENT_COLUMNS,
  insertIncident,
  titleOf,
  type IncidentRow,
} from './incidents.repo.ts';
import type { IncomingMessage } from './intake.input.ts';
import { randomId } from './keys.ts';
import { ownerRoleFor } from './levels.ts';
import { alignClocks, raiseLevel } from './sla.service.ts';
import type { Triage } from './triage.ts';

export interface TriagedMessage extends IncomingMessage, Triage {
  /** the leader of the message's pickup point, when known (a level-1 incident goes to them) */
  leaderName: string | null;
  /** who sent it in (the timeline's actor for what it causes) */
  actor: string;
}

/**
 * Open incidents a message may join, best match first. A message in a thread of its own (a post, a
 * conversation) joins another only by thread, order, text or SKU, never merely by pickup point.
 */
async function matchIncident(
  tx: Queryable,
  m: TriagedMessage,
  s: OpinionSettings<Date>,
): Promise<{ id: string; rank: number } | null> {
  const since = new Date(m.receivedAt.getTime() - s.groupWindowHours * 3_600_000);
  const [hit] = await rows<{ id: string; rank: number }>(
    tx,
    `SELECT id, rank FROM (
       SELECT id, 1 AS rank, last_message_at FROM opinion_incidents
         WHERE status <> 'resolved' AND $1::text IS NOT NULL AND thread_id = $1
       UNION ALL
       SELECT id, 2, last_message_at FROM opinion_incidents
         WHERE status <> 'resolved' AND $2::text IS NOT NULL AND order_id = $2 AND member_id IS NOT DISTINCT FROM $3
       UNION ALL
       SELECT id, 3, last_message_at FROM opinion_incidents
         WHERE status <> 'resolved' AND text_hash = $4 AND last_message_at >= $8
       UNION ALL
       SELECT id, 4, last_message_at FROM opinion_incidents
         WHERE status <> 'resolved' AND $5::text IS NOT NULL AND product_id = $5 AND last_message_at >= $8
           AND (batch IS NULL OR $6::text IS NULL OR batch = $6)
       UNION ALL
       SELECT id, 5, last_message_at FROM opinion_incidents
         WHERE status <> 'resolved' AND $7::text IS NOT NULL AND pickup_point_id = $7 AND category = $9
           AND last_message_at >= $8 AND $1::text IS NULL AND thread_id IS NULL
     ) c ORDER BY rank, last_message_at DESC LIMIT 1`,
    [m.threadId, m.orderId, m.memberId, m.textHash, m.productId, m.batch, m.pickupPointId, since, m.category],
  );
  return hit ?? null;
}

/**
 * Groups the batch's messages of level ≥ 1 (already inserted) and brings every touched incident up
 * to date. Returns message id → incident id. The caller holds the grouping lock.
 */
export async function groupMessages(
  tx: Queryable,
  list: TriagedMessage[],
  s: OpinionSettings<Date>,
  o: { now: Date },
): Promise<Map<string, string>> {
  const placed = new Map<string, string>();
  const touched = new Map<string, { leaderName: string | null; opened: boolean; actor: string }>();
  // messages about a SKU or point that went to an incident for another reason (their thread, their text)
  const elsewhere: TriagedMessage[] = [];
  for (const m of list) {
    if (m.level < 1) continue;
    const hit = await matchIncident(tx, m, s);
    let incidentId = hit?.id ?? null;
    if (incidentId && hit!.rank <= 2) {
      // keys the conversation did not name yet come from its later messages (a SKU named in a
      // reply); a copy of a text elsewhere (a flood) adds nothing to what the incident is about
      await tx.query(
        `UPDATE opinion_incidents SET product_id = coalesce(product_id, $2), sku = coalesce(sku, $3),
           batch = coalesce(batch, $4), pickup_point_id = coalesce(pickup_point_id, $5),
           community_id = coalesce(community_id, $6), order_id = coalesce(order_id, $7),
           member_id = coalesce(member_id, $8), thread_id = coalesce(thread_id, $9)
         WHERE id = $1`,
        [
          incidentId,
          m.productId,
          m.sku,
          m.batch,
          m.pickupPointId,
          m.communityId,
          m.orderId,
          m.memberId,
          m.threadId,
        ],
      );
    }
    if (incidentId) {
      if (!touched.has(incidentId))
        touched.set(incidentId, { leaderName: m.leaderName, opened: false, actor: m.actor });
      if (hit!.rank <= 3 && (m.productId || m.pickupPointId)) elsewhere.push(m);
    } else {
      incidentId = randomId('opi');
      await insertIncident(tx, {
        id: incidentId,
        title: titleOf(m.text),
        // opened at level 0: the level is raised below, which starts its clock and tells its people
        level: 0,
        category: m.category,
        ownerRole: ownerRoleFor(m.level, Boolean(m.leaderName)),
        ownerName: m.level === 1 ? m.leaderName : null,
        memberId: m.memberId,
        orderId: m.orderId,
        productId: m.productId,
        sku: m.sku,
        batch: m.batch,
        pickupPointId: m.pickupPointId,
        communityId: m.communityId,
        threadId: m.threadId,
        textHash: m.textHash,
        openedAt: o.now,
      });
      await addTimeline(tx, {
        incidentId,
        kind: 'opened',
        actor: m.actor,
        at: o.now,
        detail: {
          messageId: m.id,
          source: m.source,
          level: m.level,
          category: m.category,
          reasons: m.reasons,
        },
      });
      touched.set(incidentId, { leaderName: m.leaderName, opened: true, actor: m.actor });
    }
    placed.set(m.id, incidentId);
  }
  if (placed.size)
    await tx.query(
      `UPDATE opinion_messages m SET incident_id = p.incident FROM unnest($1::text[], $2::text[]) AS p(id, incident)
       WHERE m.id = p.id`,
      [[...placed.keys()], [...placed.values()]],
    );
  // the scale rule reaches past the incidents messages joined: a message that went to another
  // incident (its thread, its text) still counts for the open incidents about its SKU or point
  for (const id of await sameSubject(tx, elsewhere, s))
    if (!touched.has(id)) touched.set(id, { leaderName: null, opened: false, actor: 'system' });
  const latest = new Date(Math.max(...list.map((m) => m.receivedAt.getTime())));
  for (const [id, t] of touched) await refreshIncident(tx, id, s, { ...o, ...t, latest });
  return placed;
}

/** Open incidents about the SKU (or the pickup point and category) of any of the messages. */
async function sameSubject(
  tx: Queryable,
  list: TriagedMessage[],
  s: OpinionSettings<Date>,
): Promise<string[]> {
  const alerts = list;
  if (alerts.length === 0) return [];
  const found = await rows<{ id: string }>(
    tx,
    `SELECT DISTINCT i.id FROM opinion_incidents i
     JOIN unnest($1::text[], $2::text[], $3::text[]) AS m(product, point, category)
       ON i.product_id = m.product OR (i.pickup_point_id = m.point AND i.category = m.category)
     WHERE i.status <> 'resolved' AND i.level < 3 AND i.last_message_at >= $4`,
    [
      alerts.map((m) => m.productId),
      alerts.map((m) => m.pickupPointId),
      alerts.map((m) => m.category),
      new Date(Date.now() - s.scaleWindowHours * 3_600_000),
    ],
  );
  return found.map((f) => f.id);
}

/** Counts, message level and the scale rule for one incident; raises its level when they say so. */
async function refreshIncident(
  tx: Queryable,
  id: string,
  s: OpinionSettings<Date>,
  o: { actor: string; now: Date; latest: Date; leaderName: string | null; opened: boolean },
): Promise<void> {
  // counts, the highest level and the category of the first message at that level, in one statement
  const [inc0] = await rows<IncidentRow>(
    tx,
    `UPDATE opinion_incidents i SET message_count = a.n, households = a.households, message_level = a.level,
       last_message_at = a.last, category = coalesce(a.category, i.category), updated_at = now()
     FROM (SELECT count(*)::int AS n, count(DISTINCT member_id)::int AS households, max(level)::int AS level,
             max(received_at) AS last, (array_agg(category ORDER BY level DESC, received_at, id))[1] AS category
           FROM opinion_messages WHERE incident_id = $1) a
     WHERE i.id = $1 RETURNING ${INCIDENT_COLUMNS}`,
    [id],
  );
  let inc = inc0!;
  const a = { level: inc.messageLevel };
  // the window ends at the newest message concerned: a late import is judged on its own day
  const until = new Date(Math.max(inc.lastMessageAt.getTime(), o.latest.getTime()));
  // at level 3 already, nothing can rise further: the households need not be counted
  const scale = inc.level < 3 ? await scaleOf(tx, inc, s, until) : 0;
  const target = Math.max(inc.level, a.level, scale >= s.scaleHouseholds ? 3 : 0) as OpinionLevel;
  if (target > inc.level) {
    const cause = scale >= s.scaleHouseholds && target > a.level ? 'scale' : 'message';
    inc = await raiseLevel(tx, inc, target, {
      kind: 'level_raised',
      cause: cause === 'scale' ? 'scale' : o.opened ? 'opened' : 'message',
      actor: o.actor,
      at: o.now,
      s,
      leaderName: o.leaderName,
      ...(cause === 'scale' ? { note: `${scale} 户` } : {}),
    });
  } else await alignClocks(tx, inc, s, o.now);
}

/**
 * Households (distinct members) complaining about the incident's SKU, or about its pickup point in
 * its category (ten unrelated complaints from one big community are not one crisis), in the window
 * up to `until`.
 */
export async function scaleOf(
  tx: Queryable,
  inc: Pick<IncidentRow, 'productId' | 'pickupPointId' | 'category'>,
  s: Pick<OpinionSettings, 'scaleWindowHours'>,
  until: Date,
): Promise<number> {
  if (!inc.productId && !inc.pickupPointId) return 0;
  const since = new Date(until.getTime() - s.scaleWindowHours * 3_600_000);
  const [r] = await rows<{ product: number; point: number }>(
    tx,
    `SELECT
       (SELECT count(DISTINCT member_id) FROM opinion_messages
         WHERE $1::text IS NOT NULL AND product_id = $1 AND level > 0 AND received_at >= $3 AND received_at <= $4)::int AS product,
       (SELECT count(DISTINCT member_id) FROM opinion_messages
         WHERE $2::text IS NOT NULL AND pickup_point_id = $2 AND category IS NOT DISTINCT FROM $5 AND level > 0
           AND received_at >= $3 AND received_at <= $4)::int AS point`,
    [inc.productId, inc.pickupPointId, since, until, inc.category],
  );
  return Math.max(r!.product, r!.point);
}
