import {
  communityKey,
  fetchRows,
  inCommunities,
  inMembers,
  shanghaiBucket,
  shanghaiDayOf,
  sql,
  type SQL,
  type Window,
} from '../../platform/db/fragments.ts';
import type { Queryable } from '../../platform/db/sql.ts';

/** Orders that count as sales: placed in the window and not cancelled. */
function salesIn(w: Window): SQL {
  return sql`o.placed_at >= ${w.start} AND o.placed_at < ${w.end} AND o.status <> 'cancelled'
    ${inCommunities(sql`o.community_id`, w.communities)}`;
}

export interface OrderTotals {
  orders: number;
  buyers: number;
  repeatBuyers: number;
  gmvFen: number;
  refundedOrders: number;
  refundedFen: number;
}

/** One pass over the window's orders, grouped per buyer so repurchase needs no second scan. */
export async function orderTotals(db: Queryable, w: Window): Promise<OrderTotals> {
  const [row] = await fetchRows<OrderTotals>(
    db,
    sql`SELECT coalesce(sum(n), 0)::int AS orders, count(*)::int AS "buyers",
          (count(*) FILTER (WHERE n >= 2))::int AS "repeatBuyers",
          coalesce(sum(gmv), 0)::float8 AS "gmvFen", coalesce(sum(refunded_orders), 0)::int AS "refundedOrders",
          coalesce(sum(refunded), 0)::float8 AS "refundedFen"
        FROM (SELECT o.member_id, count(*) AS n, sum(o.paid_fen) AS gmv, sum(o.refunded_fen) AS refunded,
                     count(*) FILTER (WHERE o.refunded_fen > 0) AS refunded_orders
              FROM orders o WHERE ${salesIn(w)} GROUP BY o.member_id) per_buyer`,
  );
  return row!;
}

/* Fragments the insights rollups are rebuilt from, each from `since` onwards. */

function salesSince(since: Date): SQL {
  return sql`o.placed_at >= ${since} AND o.status <> 'cancelled'`;
}

/** Per Shanghai day and order community (plus '*' per day): orders, buyers, GMV, refunds. */
export function dailySalesFragment(since: Date): SQL {
  return sql`SELECT s.day, ${communityKey(sql`s.community_id`)} AS community_id, count(*)::int AS orders,
      count(DISTINCT s.member_id)::int AS buyers, sum(s.paid_fen)::float8 AS gmv_fen,
      (count(*) FILTER (WHERE s.refunded_fen > 0))::int AS refunded_orders, sum(s.refunded_fen)::float8 AS refunded_fen
    FROM (SELECT ${shanghaiDayOf(sql`o.placed_at`)} AS day, o.community_id, o.member_id, o.paid_fen, o.refunded_fen
          FROM orders o WHERE ${salesSince(since)}) s
    GROUP BY GROUPING SETS ((s.day, s.community_id), (s.day))`;
}

/** Per Monday-week and order community (plus '*'): distinct buyers. */
export function weeklyBuyersFragment(since: Date): SQL {
  return sql`SELECT s.week, ${communityKey(sql`s.community_id`)} AS community_id, count(DISTINCT s.member_id)::int AS buyers
    FROM (SELECT ${shanghaiBucket(sql`o.placed_at`, 'week')} AS week, o.community_id, o.member_id
          FROM orders o WHERE ${salesSince(since)}) s
    GROUP BY GROUPING SETS ((s.week, s.community_id), (s.week))`;
}

/** (member_id, day) pairs on which a member bought. */
export function buyerDaysFragment(since: Date): SQL {
  return sql`SELECT DISTINCT o.member_id, ${shanghaiDayOf(sql`o.placed_at`)} AS day FROM orders o WHERE ${salesSince(since)}`;
}

/** Line sales per day, order community ('' for none, '*' for all) and product. */
export function dailyProductSalesFragment(since: Date): SQL {
  return sql`SELECT s.day, ${communityKey(sql`s.community_id`)} AS community_id, s.product_id,
      count(DISTINCT s.order_id)::int AS orders, sum(s.quantity) AS quantity, sum(s.amount_fen)::bigint AS amount_fen
    FROM (SELECT ${shanghaiDayOf(sql`o.placed_at`)} AS day, o.community_id, i.product_id, i.order_id, i.quantity, i.amount_fen
          FROM orders o JOIN order_items i ON i.order_id = o.id WHERE ${salesSince(since)}) s
    GROUP BY GROUPING SETS ((s.day, s.community_id, s.product_id), (s.day, s.product_id))`;
}

/** The first instant with a sale, for full rebuilds. */
export function earliestSaleFragment(): SQL {
  return sql`SELECT min(o.placed_at) AS at FROM orders o`;
}

/* Fragments member features are rebuilt from (the intelligence module). */

/** Per member: order counts and spend, all time and over rolling windows ending at `now`. */
export function memberOrderAggregatesFragment(now: Date, members: string[] | null = null): SQL {
  const within = (days: number) => sql`o.placed_at > ${now}::timestamptz - make_interval(days => ${days})`;
  return sql`SELECT o.member_id, count(*)::int AS orders_total, sum(o.paid_fen)::bigint AS spend_total_fen,
      min(o.placed_at) AS first_order_at, max(o.placed_at) AS last_order_at,
      (count(*) FILTER (WHERE ${within(7)}))::int AS orders_7d,
      (count(*) FILTER (WHERE ${within(30)}))::int AS orders_30d,
      (count(*) FILTER (WHERE ${within(90)}))::int AS orders_90d,
      coalesce(sum(o.paid_fen) FILTER (WHERE ${within(30)}), 0)::bigint AS spend_30d_fen,
      coalesce(sum(o.paid_fen) FILTER (WHERE ${within(90)}), 0)::bigint AS spend_90d_fen,
      (count(*) FILTER (WHERE ${within(90)} AND o.refunded_fen > 0))::int AS refunded_orders_90d,
      coalesce(sum(o.refunded_fen) FILTER (WHERE ${within(90)}), 0)::bigint AS refunded_fen_90d,
      (count(*) FILTER (WHERE ${within(90)} AND o.discount_fen > 0))::int AS discount_orders_90d
    FROM orders o WHERE o.status <> 'cancelled' AND o.placed_at <= ${now} ${inMembers(sql`o.member_id`, members)}
    GROUP BY o.member_id`;
}

/** Per member and product: line spend since `since`. */
export function memberProductSpendFragment(since: Date, now: Date, members: string[] | null = null): SQL {
  return sql`SELECT o.member_id, i.product_id, sum(i.amount_fen)::float8 AS amount
    FROM orders o JOIN order_items i ON i.order_id = o.id
    WHERE o.status <> 'cancelled' AND o.placed_at > ${since} AND o.placed_at <= ${now} ${inMembers(sql`o.member_id`, members)}
    GROUP BY 1, 2`;
}

/** (member_id, day, amount): purchase days as days since 1970-01-01 (Shanghai) and what was paid. */
export function memberPurchaseDaysFragment(now: Date): SQL {
  return sql`SELECT o.member_id, (${shanghaiDayOf(sql`o.placed_at`)} - DATE '1970-01-01') AS day, sum(o.paid_fen)::float8 AS amount
    FROM orders o WHERE o.status <> 'cancelled' AND o.placed_at <= ${now} GROUP BY 1, 2`;
}

/* Fragments the experiments module reads test outcomes from. */

/**
 * Per unit of a test (`units`: rows of member_id, first_at): whether the member placed an order
 * (not cancelled) within `windowHours` after first exposure, what those orders paid, whether any of
 * them was refunded, and the orders of the `preDays` before exposure (the CUPED covariate).
 * `since`/`until` bound the scan to the test's span so the planner can use the time index.
 */
export function exposureOrdersFragment(
  units: SQL,
  o: { windowHours: number; preDays: number; since: Date; until: Date },
): SQL {
  const after = sql`o.placed_at >= u.first_at`;
  return sql`SELECT u.member_id,
      max(CASE WHEN ${after} THEN 1 ELSE 0 END)::int AS converted,
      coalesce(sum(o.paid_fen) FILTER (WHERE ${after}), 0)::float8 AS revenue_fen,
      max(CASE WHEN ${after} AND o.refunded_fen > 0 THEN 1 ELSE 0 END)::int AS refunded,
      (count(*) FILTER (WHERE o.placed_at < u.first_at))::int AS pre_orders
    FROM (${units}) u JOIN orders o ON o.member_id = u.member_id
    WHERE o.status <> 'cancelled'
      AND o.placed_at >= ${o.since}::timestamptz - make_interval(days => ${o.preDays})
      AND o.placed_at < ${o.until}::timestamptz + make_interval(hours => ${o.windowHours})
      AND o.placed_at >= u.first_at - make_interval(days => ${o.preDays})
      AND o.placed_at < u.first_at + make_interval(hours => ${o.windowHours})
    GROUP BY u.member_id`;
}

/** Members with an order (not cancelled) placed in [since, until): buyers of a period. */
export function buyersFragment(since: Date, until: Date): SQL {
  return sql`SELECT DISTINCT o.member_id FROM orders o
    WHERE o.placed_at >= ${since} AND o.placed_at < ${until} AND o.status <> 'cancelled'`;
}

/* Fragments the opinion module reads (complaints tied to orders, affected buyers, NPS after pickup). */

/** (order_id, member_id, community_id, pickup_point_id, placed_at) of the given Linli order ids. */
export function orderPlacesFragment(orderIds: readonly string[]): SQL {
  return sql`SELECT o.id AS order_id, o.member_id, o.community_id, o.pickup_point_id, o.placed_at
    FROM orders o WHERE o.id = ANY(${sql.param([...orderIds])}::text[])`;
}

/**
 * Per buyer of a product (orders not cancelled, placed in [since, until), at the given pickup
 * points or anywhere): orders, quantity, line amount and the last order, with the pickup point of
 * that last order.
 */
export function productBuyersFragment(o: {
  productId: string;
  since: Date;
  until: Date;
  pickupPointIds: readonly string[] | null;
}): SQL {
  const points = o.pickupPointIds
    ? sql`AND o.pickup_point_id = ANY(${sql.param([...o.pickupPointIds])}::text[])`
    : sql``;
  return sql`SELECT o.member_id, count(DISTINCT o.id)::int AS orders, sum(i.quantity)::float8 AS quantity,
      sum(i.amount_fen)::bigint AS amount_fen, max(o.placed_at) AS last_order_at,
      (array_agg(o.pickup_point_id ORDER BY o.placed_at DESC))[1] AS pickup_point_id
    FROM orders o JOIN order_items i ON i.order_id = o.id
    WHERE i.product_id = ${o.productId} AND o.status <> 'cancelled'
      AND o.placed_at >= ${o.since} AND o.placed_at < ${o.until} ${points}
    GROUP BY o.member_id`;
}

/** Orders picked up in [since, until): (order_id, member_id, community_id, pickup_point_id, picked_up_at). */
export function pickedUpOrdersFragment(since: Date, until: Date): SQL {
  return sql`SELECT o.id AS order_id, o.member_id, o.community_id, o.pickup_point_id, o.picked_up_at
    FROM orders o WHERE o.picked_up_at >= ${since} AND o.picked_up_at < ${until} AND o.status <> 'cancelled'`;
}
