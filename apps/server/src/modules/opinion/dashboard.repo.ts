/**
 * The response dashboard over incidents opened in a range of Shanghai days: SLA attainment per
 * level, how long acknowledging and resolving took, and where incidents come from.
 */
import type { OpinionDashboard, OpinionLevel, SlaAttainment, SlaClock } from '@linli/contracts/opinion';
import { communityScope, type Ctx } from '../../platform/context.ts';
import { fetchRows, sql } from '../../platform/db/fragments.ts';
import { rows } from '../../platform/db/sql.ts';
import { shanghaiMidnight, addDays } from '../../platform/shanghai.ts';
import { clocksUnder } from '../../platform/sla.ts';
import { placesWithLeadersFragment } from '../communities/index.ts';
import { incidentOfSubject, SLA_PREFIX } from './keys.ts';
import { LEVEL_OF_CLOCK } from './levels.ts';

const ACK_BUCKETS = [5, 15, 30, 60, 120, 240, 1440];
const RESOLVE_BUCKETS = [30, 60, 120, 240, 480, 1440, 2880];

function histogram(minutes: number[], bounds: number[]) {
  const counts = new Array<number>(bounds.length + 1).fill(0);
  for (const m of minutes) {
    const i = bounds.findIndex((b) => m <= b);
    counts[i < 0 ? bounds.length : i]!++;
  }
  return counts.map((count, i) => ({
    bucket: i < bounds.length ? `≤${bounds[i]}` : `>${bounds.at(-1)}`,
    count,
  }));
}

const median = (xs: number[]) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function opinionDashboard(ctx: Ctx, q: { from: string; to: string }): Promise<OpinionDashboard> {
  const db = ctx.database.pool;
  const start = shanghaiMidnight(q.from);
  const end = shanghaiMidnight(addDays(q.to, 1));
  const scope = communityScope(ctx);
  const incidents = await rows<{
    id: string;
    level: OpinionLevel;
    category: string | null;
    communityId: string | null;
    pointId: string | null;
    ackMin: number | null;
    resolveMin: number | null;
  }>(
    db,
    `SELECT id, level, category, community_id AS "communityId", pickup_point_id AS "pointId",
       extract(epoch FROM acknowledged_at - opened_at)::float8 / 60 AS "ackMin",
       extract(epoch FROM resolved_at - opened_at)::float8 / 60 AS "resolveMin"
     FROM opinion_incidents
     WHERE opened_at >= $1 AND opened_at < $2 AND ($3::text[] IS NULL OR community_id = ANY($3::text[]))`,
    [start, end, scope],
  );
  const inView = new Set(incidents.map((i) => i.id));
  const clocks = (await clocksUnder(db, SLA_PREFIX, start, end)).filter((c) =>
    inView.has(incidentOfSubject(c.subject)),
  );
  const sla: SlaAttainment[] = (['acknowledge', 'resolve', 'close'] as SlaClock[]).map((clock) => {
    const list = clocks.filter((c) => c.clock === clock);
    const breached = list.filter((c) => c.breachedAt || (c.stoppedAt && c.stoppedAt > c.dueAt)).length;
    const met = list.filter((c) => !c.breachedAt && c.stoppedAt && c.stoppedAt <= c.dueAt).length;
    return {
      level: LEVEL_OF_CLOCK[clock],
      clock,
      total: list.length,
      met,
      breached,
      running: list.length - met - breached,
      rate: met + breached > 0 ? met / (met + breached) : null,
    };
  });
  const places = await fetchRows<{
    community_id: string;
    community_name: string;
    point_id: string | null;
    leader_id: string | null;
    leader_name: string | null;
  }>(db, sql`SELECT * FROM (${placesWithLeadersFragment()}) p`);
  const communityName = new Map(places.map((p) => [p.community_id, p.community_name]));
  const leaderOfPoint = new Map(
    places.flatMap((p) => (p.point_id && p.leader_id ? [[p.point_id, p.leader_id] as const] : [])),
  );
  const leaderName = new Map(
    places.flatMap((p) => (p.leader_id ? [[p.leader_id, p.leader_name ?? p.leader_id] as const] : [])),
  );
  const countBy = (key: (i: (typeof incidents)[number]) => string | null) => {
    const m = new Map<string, number>();
    for (const i of incidents) {
      const k = key(i);
      if (k) m.set(k, (m.get(k) ?? 0) + 1);
    }
    return [...m].sort((a, b) => b[1] - a[1]);
  };
  const ack = incidents.flatMap((i) => (i.ackMin === null ? [] : [i.ackMin]));
  const res = incidents.flatMap((i) => (i.resolveMin === null ? [] : [i.resolveMin]));
  return {
    from: q.from,
    to: q.to,
    incidents: incidents.length,
    sla,
    timeToAcknowledge: histogram(ack, ACK_BUCKETS),
    timeToResolve: histogram(res, RESOLVE_BUCKETS),
    medianAckMinutes: median(ack),
    medianResolveMinutes: median(res),
    byCategory: countBy((i) => i.category).map(([key, count]) => ({ key, count })),
    byCommunity: countBy((i) => i.communityId).map(([key, count]) => ({
      key,
      label: communityName.get(key) ?? key,
      count,
    })),
    byLeader: countBy((i) => (i.pointId ? (leaderOfPoint.get(i.pointId) ?? null) : null)).map(
      ([key, count]) => ({
        key,
        label: leaderName.get(key) ?? key,
        count,
      }),
    ),
    byLevel: ([1, 2, 3] as OpinionLevel[]).map((level) => ({
      level,
      count: incidents.filter((i) => i.level === level).length,
    })),
  };
}
