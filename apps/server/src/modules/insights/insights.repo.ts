import { fetchRows, sql } from '../../platform/db/fragments.ts';
import type { TrendBucket } from '@linli/contracts/console';
import type { Queryable } from '../../platform/db/sql.ts';
import type { DayRange } from './overview-rules.ts';

/** Reads of the rollup tables. `keys`: community ids, or ['*'] for the whole business. */

const keysOf = (communities: string[] | null) => communities ?? ['*'];
const inKeys = (keys: string[]) => sql`community_id = ANY(${sql.param(keys)}::text[])`;

export interface RollupTotals {
  members: number;
  newMembers: number;
  active7d: number;
  active30d: number;
  orders: number;
  gmvFen: number;
  refundedOrders: number;
  refundedFen: number;
}

export async function totals(db: Queryable, r: DayRange, keys: string[]): Promise<RollupTotals> {
  const [row] = await fetchRows<RollupTotals>(
    db,
    sql`WITH span AS (
          SELECT coalesce(sum(new_members), 0)::int AS "newMembers", coalesce(sum(orders), 0)::int AS orders,
                 coalesce(sum(gmv_fen), 0)::float8 AS "gmvFen", coalesce(sum(refunded_orders), 0)::int AS "refundedOrders",
                 coalesce(sum(refunded_fen), 0)::float8 AS "refundedFen"
          FROM kpi_days WHERE ${inKeys(keys)} AND day BETWEEN ${r.from}::date AND ${r.to}::date),
        last AS (
          SELECT coalesce(sum(members), 0)::int AS members, coalesce(sum(active_7d), 0)::int AS "active7d",
                 coalesce(sum(active_30d), 0)::int AS "active30d"
          FROM kpi_days WHERE ${inKeys(keys)}
            AND day = (SELECT max(day) FROM kpi_days WHERE ${inKeys(keys)} AND day <= ${r.to}::date))
        SELECT * FROM span, last`,
  );
  return row!;
}

export type TrendRow = TrendBucket;

export function dailyTrend(db: Queryable, r: DayRange, keys: string[]): Promise<TrendRow[]> {
  return fetchRows<TrendRow>(
    db,
    sql`SELECT to_char(day, 'YYYY-MM-DD') AS bucket, sum(orders)::int AS orders, sum(gmv_fen)::float8 AS "gmvFen",
          sum(buyers)::int AS buyers, sum(new_members)::int AS "newMembers", sum(active_1d)::int AS active
        FROM kpi_days WHERE ${inKeys(keys)} AND day BETWEEN ${r.from}::date AND ${r.to}::date GROUP BY 1 ORDER BY 1`,
  );
}

/** Weeks (from Monday) overlapping the range: sums of the range's days, distinct counts of whole weeks. */
export function weeklyTrend(db: Queryable, r: DayRange, keys: string[]): Promise<TrendRow[]> {
  return fetchRows<TrendRow>(
    db,
    sql`SELECT to_char(d.week, 'YYYY-MM-DD') AS bucket, d.orders, d."gmvFen", coalesce(w.buyers, 0)::int AS buyers,
          d."newMembers", coalesce(w.active, 0)::int AS active
        FROM (SELECT date_trunc('week', day)::date AS week, sum(orders)::int AS orders, sum(gmv_fen)::float8 AS "gmvFen",
                     sum(new_members)::int AS "newMembers"
              FROM kpi_days WHERE ${inKeys(keys)} AND day BETWEEN ${r.from}::date AND ${r.to}::date GROUP BY 1) d
        LEFT JOIN (SELECT week, sum(buyers) AS buyers, sum(active) AS active FROM kpi_weeks WHERE ${inKeys(keys)} GROUP BY 1) w
          ON w.week = d.week
        ORDER BY 1`,
  );
}

export interface CommunityRollup {
  communityId: string;
  members: number;
  active30d: number;
  orders: number;
  gmvFen: number;
}

/** Per community: sales over the range, members and 30-day active on its last day. */
export function byCommunity(db: Queryable, r: DayRange, keys: string[] | null): Promise<CommunityRollup[]> {
  const scope = keys ? inKeys(keys) : sql`community_id <> '*'`;
  return fetchRows<CommunityRollup>(
    db,
    sql`SELECT s.community_id AS "communityId", coalesce(l.members, 0)::int AS members, coalesce(l.active_30d, 0)::int AS "active30d",
          s.orders, s."gmvFen"
        FROM (SELECT community_id, sum(orders)::int AS orders, sum(gmv_fen)::float8 AS "gmvFen" FROM kpi_days
              WHERE ${scope} AND day BETWEEN ${r.from}::date AND ${r.to}::date GROUP BY 1) s
        LEFT JOIN kpi_days l ON l.community_id = s.community_id
          AND l.day = (SELECT max(day) FROM kpi_days WHERE ${scope} AND day <= ${r.to}::date)`,
  );
}

export interface ProductRollup {
  productId: string;
  orders: number;
  quantity: number;
  amountFen: number;
}

/** Line sales per product over the range; `communities` null for the whole business. */
export function productSales(
  db: Queryable,
  r: DayRange,
  communities: string[] | null,
  limit: number | null,
): Promise<ProductRollup[]> {
  return fetchRows<ProductRollup>(
    db,
    sql`SELECT product_id AS "productId", sum(orders)::int AS orders, sum(quantity)::float8 AS quantity,
          sum(amount_fen)::float8 AS "amountFen"
        FROM product_sales_days WHERE ${inKeys(keysOf(communities))} AND day BETWEEN ${r.from}::date AND ${r.to}::date
        GROUP BY 1 ORDER BY 4 DESC ${limit === null ? sql`` : sql`LIMIT ${limit}`}`,
  );
}
