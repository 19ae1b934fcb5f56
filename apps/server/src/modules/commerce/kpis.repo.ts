import {
  fetchRows,
  inCommunities,
  shanghaiBucket,
  sql,
  type Grain,
  type SQL,
  type Window,
} from '../../platform/db/fragments.ts';
import type { Db } from '../../platform/db/index.ts';

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
export async function orderTotals(db: Db, w: Window): Promise<OrderTotals> {
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

export interface OrderBucket {
  bucket: string;
  orders: number;
  buyers: number;
  gmvFen: number;
}

export function orderTrend(db: Db, w: Window, grain: Grain): Promise<OrderBucket[]> {
  const bucket = shanghaiBucket(sql`o.placed_at`, grain);
  return fetchRows<OrderBucket>(
    db,
    sql`SELECT to_char(${bucket}, 'YYYY-MM-DD') AS bucket, count(*)::int AS orders,
          count(DISTINCT o.member_id)::int AS buyers, sum(o.paid_fen)::float8 AS "gmvFen"
        FROM orders o WHERE ${salesIn(w)} GROUP BY 1 ORDER BY 1`,
  );
}

export interface CommunitySales {
  communityId: string | null;
  orders: number;
  buyers: number;
  gmvFen: number;
}

export function salesByCommunity(db: Db, w: Window): Promise<CommunitySales[]> {
  return fetchRows<CommunitySales>(
    db,
    sql`SELECT o.community_id AS "communityId", count(*)::int AS orders, count(DISTINCT o.member_id)::int AS buyers,
          sum(o.paid_fen)::float8 AS "gmvFen"
        FROM orders o WHERE ${salesIn(w)} GROUP BY 1 ORDER BY 4 DESC`,
  );
}

export interface ProductSales {
  productId: string;
  orders: number;
  quantity: number;
  amountFen: number;
}

/** Line amounts (before order-level discounts) per product; `limit` keeps the best sellers. */
export function salesByProduct(db: Db, w: Window, limit: number | null = null): Promise<ProductSales[]> {
  return fetchRows<ProductSales>(
    db,
    sql`SELECT i.product_id AS "productId", count(DISTINCT i.order_id)::int AS orders,
          sum(i.quantity)::float8 AS quantity, sum(i.amount_fen)::float8 AS "amountFen"
        FROM orders o JOIN order_items i ON i.order_id = o.id
        WHERE ${salesIn(w)} GROUP BY 1 ORDER BY 4 DESC ${limit === null ? sql`` : sql`LIMIT ${limit}`}`,
  );
}

/** Members who bought in the window, for unions with other kinds of activity. */
export function buyersFragment(w: Window): SQL {
  return sql`SELECT o.member_id FROM orders o WHERE ${salesIn(w)}`;
}

/** (member, bucket) pairs of buying, for activity trends. */
export function buyerBucketsFragment(w: Window, grain: Grain): SQL {
  return sql`SELECT o.member_id, ${shanghaiBucket(sql`o.placed_at`, grain)} AS bucket FROM orders o WHERE ${salesIn(w)}`;
}
