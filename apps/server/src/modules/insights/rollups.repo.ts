import { execute, fetchRows, sql, type SQL } from '../../platform/db/fragments.ts';
import type { Queryable } from '../../platform/db/sql.ts';
import type { KpiDay } from './rollup-rules.ts';
import { eventKpis } from '../activity/index.ts';
import { orderKpis } from '../commerce/index.ts';
import { memberKpis } from '../members/index.ts';

/** The SQL of the rollup refresh; `rollups.service.ts` decides what to recompute and assembles rows. */

export async function earliestFact(db: Queryable): Promise<Date | null> {
  const [row] = await fetchRows<{ at: Date | null }>(
    db,
    sql`SELECT least((${orderKpis.earliestSaleFragment()}), (${eventKpis.earliestEventFragment()}),
                     (${memberKpis.earliestJoinFragment()})) AS at`,
  );
  return row?.at ?? null;
}

/** Rebuilds the member-days from `sinceDay` on, from orders and events. */
export async function rebuildActivityDays(db: Queryable, sinceDay: string, since: Date): Promise<void> {
  await execute(db, sql`DELETE FROM activity_days WHERE day >= ${sinceDay}::date`);
  await execute(
    db,
    sql`INSERT INTO activity_days (day, member_id)
        SELECT u.day, u.member_id FROM (${orderKpis.buyerDaysFragment(since)} UNION ${eventKpis.eventDaysFragment(since)}) u
        WHERE u.day >= ${sinceDay}::date ON CONFLICT DO NOTHING`,
  );
}

export interface DayCommunityRow {
  day: string;
  community_id: string;
  [k: string]: string | number;
}

export function dailySales(db: Queryable, since: Date) {
  return fetchRows<DayCommunityRow>(
    db,
    sql`SELECT to_char(q.day, 'YYYY-MM-DD') AS day, q.community_id, q.orders, q.buyers,
    q.gmv_fen, q.refunded_orders, q.refunded_fen FROM (${orderKpis.dailySalesFragment(since)}) q`,
  );
}

export function dailyNewMembers(db: Queryable, since: Date) {
  return fetchRows<DayCommunityRow>(
    db,
    sql`SELECT to_char(q.day, 'YYYY-MM-DD') AS day, q.community_id, q.new_members FROM (${memberKpis.dailyNewMembersFragment(since)}) q`,
  );
}

export function membersJoinedBefore(db: Queryable, at: Date) {
  return fetchRows<{ community_id: string; members: number }>(db, memberKpis.joinedBeforeFragment(at));
}

function memberDaysSince(sinceDay: string, lookbackDays = 0): SQL {
  return memberKpis.withMemberCommunity(
    sql`SELECT a.member_id, a.day FROM activity_days a WHERE a.day >= ${sinceDay}::date - ${lookbackDays}::int`,
  );
}

/** Members active on each day, per community and '*'. */
export function dailyActive(db: Queryable, sinceDay: string) {
  return fetchRows<DayCommunityRow>(
    db,
    sql`SELECT to_char(s.day, 'YYYY-MM-DD') AS day,
          CASE WHEN grouping(s.community_id) = 1 THEN '*' ELSE s.community_id END AS community_id, count(*)::int AS active
        FROM (${memberDaysSince(sinceDay)}) s GROUP BY GROUPING SETS ((s.day, s.community_id), (s.day))`,
  );
}

/**
 * Changes in "active within the last `window` days" per community and day. A member active on day d
 * counts from d until the day before their next active day or d + window, whichever is first, so
 * each member-day opens one interval (+1) and closes it (−1); the running sum of the changes is the
 * rolling distinct count, for every day at once.
 */
export function activeWindowChanges(db: Queryable, sinceDay: string, window: number) {
  return fetchRows<{ day: string; community_id: string; change: number }>(
    db,
    sql`WITH d AS (
          SELECT s.community_id, s.day, lead(s.day) OVER (PARTITION BY s.member_id ORDER BY s.day) AS next_day
          FROM (${memberDaysSince(sinceDay, window)}) s)
        SELECT to_char(x.day, 'YYYY-MM-DD') AS day, x.community_id, sum(x.change)::int AS change FROM (
          SELECT community_id, day, 1 AS change FROM d
          UNION ALL
          SELECT community_id, least(coalesce(next_day, day + ${window}::int), day + ${window}::int), -1 FROM d) x
        GROUP BY 1, 2`,
  );
}

export function weeklyBuyers(db: Queryable, since: Date) {
  return fetchRows<{ week: string; community_id: string; buyers: number }>(
    db,
    sql`SELECT to_char(q.week, 'YYYY-MM-DD') AS week, q.community_id, q.buyers FROM (${orderKpis.weeklyBuyersFragment(since)}) q`,
  );
}

export function weeklyActive(db: Queryable, sinceWeek: string) {
  return fetchRows<{ week: string; community_id: string; active: number }>(
    db,
    sql`SELECT to_char(s.week, 'YYYY-MM-DD') AS week,
          CASE WHEN grouping(s.community_id) = 1 THEN '*' ELSE s.community_id END AS community_id,
          count(DISTINCT s.member_id)::int AS active
        FROM (SELECT member_id, community_id, date_trunc('week', day)::date AS week FROM (${memberDaysSince(sinceWeek)}) m) s
        GROUP BY GROUPING SETS ((s.week, s.community_id), (s.week))`,
  );
}

export async function rebuildProductSales(db: Queryable, sinceDay: string, since: Date): Promise<void> {
  await execute(db, sql`DELETE FROM product_sales_days WHERE day >= ${sinceDay}::date`);
  await execute(
    db,
    sql`INSERT INTO product_sales_days (day, community_id, product_id, orders, quantity, amount_fen)
        SELECT q.day, q.community_id, q.product_id, q.orders, q.quantity, q.amount_fen
        FROM (${orderKpis.dailyProductSalesFragment(since)}) q WHERE q.day >= ${sinceDay}::date`,
  );
}

const KPI_COLUMNS: Array<[keyof KpiDay, string, string]> = [
  ['day', 'day', 'date'],
  ['communityId', 'community_id', 'text'],
  ['members', 'members', 'int'],
  ['newMembers', 'new_members', 'int'],
  ['orders', 'orders', 'int'],
  ['buyers', 'buyers', 'int'],
  ['gmvFen', 'gmv_fen', 'bigint'],
  ['refundedOrders', 'refunded_orders', 'int'],
  ['refundedFen', 'refunded_fen', 'bigint'],
  ['active1d', 'active_1d', 'int'],
  ['active7d', 'active_7d', 'int'],
  ['active30d', 'active_30d', 'int'],
];

const CHUNK = 5_000;

export async function replaceKpiDays(db: Queryable, sinceDay: string, list: KpiDay[]): Promise<void> {
  await db.query('DELETE FROM kpi_days WHERE day >= $1::date', [sinceDay]);
  const cols = KPI_COLUMNS.map(([, c]) => c).join(', ');
  const arrays = KPI_COLUMNS.map(([, , type], i) => `$${i + 1}::${type}[]`).join(', ');
  for (let i = 0; i < list.length; i += CHUNK) {
    const part = list.slice(i, i + CHUNK);
    await db.query(
      `INSERT INTO kpi_days (${cols}) SELECT * FROM unnest(${arrays})`,
      KPI_COLUMNS.map(([k]) => part.map((r) => r[k])),
    );
  }
}

export async function replaceKpiWeeks(
  db: Queryable,
  sinceWeek: string,
  list: Array<{ week: string; communityId: string; buyers: number; active: number }>,
): Promise<void> {
  await db.query('DELETE FROM kpi_weeks WHERE week >= $1::date', [sinceWeek]);
  for (let i = 0; i < list.length; i += CHUNK) {
    const part = list.slice(i, i + CHUNK);
    await db.query(
      `INSERT INTO kpi_weeks (week, community_id, buyers, active)
       SELECT * FROM unnest($1::date[], $2::text[], $3::int[], $4::int[])`,
      [
        part.map((r) => r.week),
        part.map((r) => r.communityId),
        part.map((r) => r.buyers),
        part.map((r) => r.active),
      ],
    );
  }
}

export async function recordRefresh(
  db: Queryable,
  startedAt: Date,
  sinceDay: string,
  ms: number,
): Promise<void> {
  await db.query(
    `INSERT INTO rollup_state (name, refreshed_at, since, ms) VALUES ('kpis', $1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET refreshed_at = excluded.refreshed_at, since = excluded.since, ms = excluded.ms`,
    [startedAt, sinceDay, ms],
  );
}

export async function lastRefresh(
  db: Queryable,
): Promise<{ refreshedAt: Date; since: string; ms: number } | null> {
  const { rows } = await db.query<{ refreshedAt: Date; since: string; ms: number }>(
    `SELECT refreshed_at AS "refreshedAt", since::text AS since, ms FROM rollup_state WHERE name = 'kpis'`,
  );
  return rows[0] ?? null;
}
