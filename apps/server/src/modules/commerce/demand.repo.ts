import { sql, type SQL } from '../../platform/db/fragments.ts';

/*
 * Fragments the demand forecast is built from (the forecasting module). Demand is dated by the day
 * the goods are collected, because that is the day they must be bought for.
 */

/**
 * The pickup day of an order: its pickup date, else the Shanghai day it was placed. The same
 * expression is indexed (`orders_pickup_day_idx`), so a filter on it reads only those days' orders.
 */
export function pickupDay(): SQL {
  return sql`coalesce(o.pickup_date, (o.placed_at AT TIME ZONE 'Asia/Shanghai')::date)`;
}

/** Pickup days: a list, or an inclusive range of YYYY-MM-DD. */
export type PickupDays = { days: readonly string[] } | { from: string; to: string };

function dayCondition(d: PickupDays): SQL {
  return 'days' in d
    ? sql`= ANY(${sql.param([...d.days])}::date[])`
    : sql`BETWEEN ${d.from}::date AND ${d.to}::date`;
}

/**
 * Net demand per product, pickup point ('' for orders without one) and pickup day: ordered and
 * net (ordered − refunded) quantity and fen (what members paid, the order discount spread over its
 * lines), and the number of orders. Cancelled orders are left out.
 */
export function demandFragment(days: PickupDays): SQL {
  return sql`SELECT l.product_id, l.point_id, l.day,
      sum(l.quantity) AS ordered_qty,
      sum(l.quantity * (1 - l.refunded_share)) AS net_qty,
      round(sum(l.paid_fen))::bigint AS ordered_fen,
      round(sum(l.paid_fen * (1 - l.refunded_share)))::bigint AS net_fen,
      count(DISTINCT l.order_id)::int AS orders
    FROM (${netLines(days)}) l
    GROUP BY l.product_id, l.point_id, l.day`;
}

/**
 * Order lines of orders that were not cancelled, with their pickup day filtered by `days`. Refunds
 * are stored per order: they are spread over its lines by value, so the refunded share of what was
 * paid is the refunded share of every line's quantity (a fully refunded order gives all of it back),
 * and each line's money is its amount with the order's discount spread the same way.
 */
function netLines(days: PickupDays): SQL {
  return sql`SELECT i.product_id, coalesce(o.pickup_point_id, '') AS point_id, ${pickupDay()} AS day,
      o.id AS order_id, o.placed_at, i.quantity,
      CASE WHEN o.paid_fen > 0 THEN least(1, o.refunded_fen::numeric / o.paid_fen) ELSE 0 END AS refunded_share,
      CASE WHEN o.items_fen > 0 THEN i.amount_fen::numeric * o.paid_fen / o.items_fen ELSE 0 END AS paid_fen
    FROM orders o JOIN order_items i ON i.order_id = o.id
    WHERE o.status <> 'cancelled' AND ${pickupDay()} ${dayCondition(days)}`;
}

/** The pickup days of orders changed (placed, cancelled, refunded, moved) after `since`. */
export function changedPickupDaysFragment(since: Date): SQL {
  return sql`SELECT DISTINCT ${pickupDay()} AS day FROM orders o WHERE o.updated_at > ${since}`;
}

/** The earliest pickup day of any order, for a full rebuild. */
export function firstPickupDayFragment(): SQL {
  return sql`SELECT min(${pickupDay()}) AS day FROM orders o`;
}

/**
 * Per product, over pickup days `from` … `to`: the net quantity ordered at least `leadMinutes`
 * before the pickup day began (Shanghai), and the whole net quantity. Their ratio is the share of a
 * day's demand usually in the order book that long ahead, e.g. at 21:30 the evening before.
 */
export function bookedBeforeFragment(from: string, to: string, leadMinutes: number): SQL {
  const cut = sql`(l.day::timestamp AT TIME ZONE 'Asia/Shanghai') - make_interval(mins => ${Math.round(leadMinutes)}::int)`;
  return sql`SELECT l.product_id,
      coalesce(sum(l.quantity * (1 - l.refunded_share)) FILTER (WHERE l.placed_at < ${cut}), 0) AS before_qty,
      sum(l.quantity * (1 - l.refunded_share)) AS total_qty
    FROM (${netLines({ from, to })}) l
    GROUP BY l.product_id`;
}
