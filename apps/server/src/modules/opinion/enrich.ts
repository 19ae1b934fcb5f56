/**
 * What the order, the member and the pickup point add to a message before it is triaged and
 * grouped: the order's member, point and community and when it was placed; a member's own point and
 * community and how many of their complaints are still open; the point's community and leader. Read
 * through the fragments those modules hand out, in as few round trips as the message needs.
 */
import { fetchRows, sql } from '../../platform/db/fragments.ts';
import type { Queryable } from '../../platform/db/sql.ts';
import { orderKpis } from '../commerce/index.ts';
import { placesWithLeadersFragment } from '../communities/index.ts';
import { memberKpis } from '../members/index.ts';
import type { IncomingMessage } from './intake.input.ts';

export type Enriched = IncomingMessage & {
  leaderName: string | null;
  orderPlacedAt: Date | null;
  /** the author's incidents still open (a new complaint on top is a repeat to the triage) */
  openComplaints: number | null;
};

export async function enrich(db: Queryable, incoming: IncomingMessage[]): Promise<Enriched[]> {
  const list: Enriched[] = incoming.map((m) => ({
    ...m,
    leaderName: null,
    orderPlacedAt: null,
    openComplaints: null,
  }));
  const orderIds = [...new Set(list.flatMap((m) => (m.orderId ? [m.orderId] : [])))];
  if (orderIds.length) {
    const orders = new Map(
      (
        await fetchRows<{
          order_id: string;
          member_id: string;
          community_id: string | null;
          pickup_point_id: string | null;
          placed_at: Date;
        }>(db, orderKpis.orderPlacesFragment(orderIds))
      ).map((o) => [o.order_id, o]),
    );
    for (const m of list) {
      const o = m.orderId ? orders.get(m.orderId) : undefined;
      if (!o) continue;
      m.memberId ??= o.member_id;
      m.pickupPointId ??= o.pickup_point_id;
      m.communityId ??= o.community_id;
      m.orderPlacedAt = o.placed_at;
    }
  }
  const memberIds = [...new Set(list.flatMap((m) => (m.memberId ? [m.memberId] : [])))];
  if (memberIds.length) {
    // the member's home point and community with their open complaints, in one statement
    const members = new Map(
      (
        await fetchRows<{
          member_id: string;
          community_id: string | null;
          pickup_point_id: string | null;
          open: number;
        }>(
          db,
          sql`SELECT ids.member_id, c.community_id, c.pickup_point_id, coalesce(o.n, 0)::int AS open
              FROM unnest(${sql.param(memberIds)}::text[]) AS ids(member_id)
              LEFT JOIN (${memberKpis.memberContactsFragment(memberIds)}) c ON c.member_id = ids.member_id
              LEFT JOIN (SELECT m.member_id, count(DISTINCT m.incident_id) AS n
                         FROM opinion_messages m JOIN opinion_incidents i ON i.id = m.incident_id AND i.status <> 'resolved'
                         WHERE m.member_id = ANY(${sql.param(memberIds)}::text[]) GROUP BY m.member_id) o
                ON o.member_id = ids.member_id`,
        )
      ).map((x) => [x.member_id, x]),
    );
    for (const m of list) {
      const x = m.memberId ? members.get(m.memberId) : undefined;
      if (!x) continue;
      m.openComplaints = x.open;
      if (m.pickupPointId) continue;
      m.pickupPointId = x.pickup_point_id;
      m.communityId ??= x.community_id;
    }
  }
  const pointIds = [...new Set(list.flatMap((m) => (m.pickupPointId ? [m.pickupPointId] : [])))];
  const byPoint = await placesOf(db, pointIds);
  for (const m of list) {
    const p = m.pickupPointId ? byPoint.get(m.pickupPointId) : undefined;
    if (!p) continue;
    m.communityId ??= p.community_id;
    m.leaderName = p.leader_name;
  }
  return list;
}

/**
 * Pickup points' communities and leaders, remembered for a minute: they change rarely and every
 * message asks. A point not yet remembered is read at once.
 */
const PLACE_TTL_MS = 60_000;
const places = new Map<string, { at: number; community_id: string; leader_name: string | null }>();

async function placesOf(db: Queryable, ids: string[]) {
  const now = Date.now();
  const missing = ids.filter((id) => (places.get(id)?.at ?? 0) < now - PLACE_TTL_MS);
  if (missing.length) {
    const found = await fetchRows<{ point_id: string; community_id: string; leader_name: string | null }>(
      db,
      sql`SELECT p.point_id, p.community_id, p.leader_name FROM (${placesWithLeadersFragment()}) p
          WHERE p.point_id = ANY(${sql.param(missing)}::text[])`,
    );
    for (const p of found)
      places.set(p.point_id, { at: now, community_id: p.community_id, leader_name: p.leader_name });
  }
  return places;
}
