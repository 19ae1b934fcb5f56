/** The board, the queues and one incident in full, as the console and the API read them. */
import type {
  IncidentDetail,
  IncidentListItem,
  OpinionMessageView,
  RemedyView,
  SlaView,
  TimelineEntry,
} from '@linli/contracts/opinion';
import { communityScope, type Ctx } from '../../platform/context.ts';
import { fetchRows, sql } from '../../platform/db/fragments.ts';
import { rows, type Queryable } from '../../platform/db/sql.ts';
import { AppError } from '../../platform/errors.ts';
import { clocksOf, type SlaClock } from '../../platform/sla.ts';
import { placesWithLeadersFragment } from '../communities/index.ts';
import { INCIDENT_COLUMNS, type IncidentRow } from './incidents.repo.ts';
import { incidentOfSubject, slaSubject } from './keys.ts';
import { LEVEL_OF_CLOCK } from './levels.ts';

export interface ListQuery {
  status: 'active' | 'resolved' | 'all';
  level?: number | undefined;
  category?: string | undefined;
  communityId?: string | undefined;
  mine?: boolean | undefined;
  limit: number;
}

/** The roles whose queue an incident's owner role falls in. */
const QUEUE_ROLES: Record<string, string[]> = {
  operator: ['operator'],
  customer_service: ['customer_service'],
  executive: ['executive'],
  leader: ['leader'],
};

export async function listIncidents(ctx: Ctx, q: ListQuery): Promise<IncidentListItem<Date>[]> {
  const scope = communityScope(ctx);
  const me = ctx.actor.type === 'user' ? ctx.actor : null;
  const myRoles = me ? [...new Set(me.roles.flatMap((r) => QUEUE_ROLES[r] ?? []))] : [];
  const list = await rows<IncidentRow>(
    ctx.database.pool,
    `SELECT ${INCIDENT_COLUMNS} FROM opinion_incidents i
     WHERE ($1 = 'all' OR ($1 = 'active') = (i.status <> 'resolved'))
       AND ($2::int IS NULL OR i.level = $2) AND ($3::text IS NULL OR i.category = $3)
       AND ($4::text IS NULL OR i.community_id = $4)
       AND ($5::text[] IS NULL OR i.community_id = ANY($5::text[]))
       AND (NOT $6 OR i.owner_id = $7 OR (i.owner_id IS NULL AND i.owner_role = ANY($8::text[])))
     ORDER BY CASE WHEN i.status = 'resolved' THEN 1 ELSE 0 END, i.level DESC,
       i.sla_due_at NULLS LAST, i.last_message_at DESC
     LIMIT $9`,
    [
      q.status,
      q.level ?? null,
      q.category ?? null,
      q.communityId ?? null,
      scope,
      Boolean(q.mine),
      me?.id ?? null,
      myRoles,
      q.limit,
    ],
  );
  return decorate(ctx.database.pool, list);
}

/** Community names and the current clock of each incident. */
async function decorate(db: Queryable, list: IncidentRow[]): Promise<IncidentListItem<Date>[]> {
  if (list.length === 0) return [];
  const names = await communityNames(
    db,
    list.map((i) => i.communityId),
  );
  const clocks = await clocksOf(
    db,
    list.map((i) => slaSubject(i.id)),
  );
  const current = new Map<string, SlaClock>();
  for (const c of clocks) {
    const id = incidentOfSubject(c.subject);
    const seen = current.get(id);
    // the running clock wins; else the latest started
    if (
      !seen ||
      (!c.stoppedAt && seen.stoppedAt) ||
      (Boolean(c.stoppedAt) === Boolean(seen.stoppedAt) && c.startedAt > seen.startedAt)
    )
      current.set(id, c);
  }
  return list.map((i) => {
    const c = current.get(i.id);
    return {
      id: i.id,
      title: i.title,
      level: i.level,
      category: i.category,
      status: i.status,
      ownerRole: i.ownerRole,
      ownerId: i.ownerId,
      ownerName: i.ownerName,
      messageCount: i.messageCount,
      households: i.households,
      communityId: i.communityId,
      communityName: i.communityId ? (names.get(i.communityId) ?? null) : null,
      pickupPointId: i.pickupPointId,
      sku: i.sku,
      batch: i.batch,
      openedAt: i.openedAt,
      lastMessageAt: i.lastMessageAt,
      acknowledgedAt: i.acknowledgedAt,
      resolvedAt: i.resolvedAt,
      escalations: i.escalations,
      sla: c ? slaView(c) : null,
    };
  });
}

export function slaView(c: SlaClock): SlaView<Date> {
  return {
    clock: c.clock as SlaView['clock'],
    level: LEVEL_OF_CLOCK[c.clock as SlaView['clock']] ?? 0,
    startedAt: c.startedAt,
    dueAt: c.dueAt,
    stoppedAt: c.stoppedAt,
    warned50At: c.warned50At,
    warned80At: c.warned80At,
    breachedAt: c.breachedAt,
  };
}

export async function communityNames(db: Queryable, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (wanted.length === 0) return new Map();
  const found = await fetchRows<{ community_id: string; community_name: string }>(
    db,
    sql`SELECT DISTINCT p.community_id, p.community_name FROM (${placesWithLeadersFragment()}) p
        WHERE p.community_id = ANY(${sql.param(wanted)}::text[])`,
  );
  return new Map(found.map((f) => [f.community_id, f.community_name]));
}

/** An incident a caller may see: 404 when it does not exist or lies outside a leader's communities. */
export async function visibleIncident(
  ctx: Ctx,
  db: Queryable,
  id: string,
  lock = false,
): Promise<IncidentRow> {
  const [i] = await rows<IncidentRow>(
    db,
    `SELECT ${INCIDENT_COLUMNS} FROM opinion_incidents i WHERE i.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [id],
  );
  const scope = communityScope(ctx);
  if (!i || (scope && !(i.communityId && scope.includes(i.communityId))))
    throw new AppError('not_found', 'opinion.incident_not_found', `No incident ${id}`);
  return i;
}

export const MESSAGE_VIEW = `m.id, m.source, m.external_id AS "externalId", m.text, m.member_id AS "memberId",
  m.order_id AS "orderId", m.sku, m.batch, m.pickup_point_id AS "pickupPointId", m.community_id AS "communityId",
  m.thread_id AS "threadId", m.received_at AS "receivedAt", m.incident_id AS "incidentId", m.level, m.category,
  m.reasons, m.evidence, m.triage_version AS version`;

/** How many of an incident's messages the detail shows (a flood keeps its count, not every copy). */
const DETAIL_MESSAGES = 200;

export async function incidentDetail(ctx: Ctx, id: string): Promise<IncidentDetail<Date>> {
  const db = ctx.database.pool;
  const i = await visibleIncident(ctx, db, id);
  const [item] = await decorate(db, [i]);
  const [timeline, messages, remedies, clocks] = await Promise.all([
    rows<TimelineEntry<Date>>(
      db,
      'SELECT at, kind, actor, detail FROM opinion_timeline WHERE incident_id = $1 ORDER BY at, id',
      [id],
    ),
    rows<OpinionMessageView<Date>>(
      db,
      `SELECT ${MESSAGE_VIEW} FROM opinion_messages m WHERE m.incident_id = $1
       ORDER BY m.level DESC, m.received_at LIMIT ${DETAIL_MESSAGES}`,
      [id],
    ),
    rows<RemedyView<Date>>(
      db,
      `SELECT id, kind, order_id AS "orderId", member_id AS "memberId", amount_fen AS "amountFen", note, by, at
       FROM opinion_remedies WHERE incident_id = $1 ORDER BY at`,
      [id],
    ),
    clocksOf(db, [slaSubject(id)]),
  ]);
  return {
    ...item!,
    resolutionCode: i.resolutionCode as IncidentDetail['resolutionCode'],
    resolutionNote: i.resolutionNote,
    orderId: i.orderId,
    memberId: i.memberId,
    threadId: i.threadId,
    timeline,
    messages,
    remedies,
    clocks: clocks.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime()).map(slaView),
    affectedAvailable:
      Boolean(i.productId) && (i.category === 'food_safety' || i.category === 'quality_freshness'),
  };
}

/** Recent messages, newest first, with filters (the message log). */
export async function listMessages(
  ctx: Ctx,
  q: { level?: number | undefined; source?: string | undefined; limit: number },
): Promise<OpinionMessageView<Date>[]> {
  const scope = communityScope(ctx);
  return rows<OpinionMessageView<Date>>(
    ctx.database.pool,
    `SELECT ${MESSAGE_VIEW} FROM opinion_messages m
     WHERE ($1::int IS NULL OR m.level >= $1) AND ($2::text IS NULL OR m.source = $2)
       AND ($3::text[] IS NULL OR m.community_id = ANY($3::text[]))
     ORDER BY m.received_at DESC, m.id LIMIT $4`,
    [q.level ?? null, q.source ?? null, scope, q.limit],
  );
}
