import { EVENT_TYPES, EVENT_WINDOWS } from '@linli/contracts';
import { execute, inMembers, sql } from '../../platform/db/fragments.ts';
import type { Queryable } from '../../platform/db/sql.ts';
import { eventKpis } from '../activity/index.ts';
import { productTopCategoryFragment } from '../catalog/index.ts';
import { orderKpis } from '../commerce/index.ts';

const DAY_MS = 86_400_000;

/**
 * Recomputes every member's rolling aggregates from orders and events in one statement: the
 * "per-member feature scan" that tag evaluation then never has to repeat. Run inside a transaction
 * so readers see the old or the new table, never a mix.
 */
export async function rebuildMemberFeatures(
  db: Queryable,
  now: Date,
  members: string[] | null = null,
): Promise<number> {
  const since90 = new Date(now.getTime() - 90 * DAY_MS);
  await execute(db, sql`DELETE FROM member_features WHERE true ${inMembers(sql`member_id`, members)}`);
  return execute(
    db,
    sql`WITH o AS (${orderKpis.memberOrderAggregatesFragment(now, members)}),
        e AS (${eventKpis.memberEventAggregatesFragment(now, EVENT_TYPES, EVENT_WINDOWS, members)}),
        spend AS (
          SELECT ps.member_id, pc.top, sum(ps.amount) AS amount,
                 sum(sum(ps.amount)) OVER (PARTITION BY ps.member_id) AS total
          FROM (${orderKpis.memberProductSpendFragment(since90, now, members)}) ps
          JOIN (${productTopCategoryFragment()}) pc ON pc.product_id = ps.product_id
          GROUP BY ps.member_id, pc.top),
        shares AS (
          SELECT member_id, jsonb_object_agg(top, round((amount / total)::numeric, 4)) AS shares
          FROM spend WHERE total > 0 GROUP BY member_id),
        ids AS (SELECT member_id FROM o UNION SELECT member_id FROM e)
      INSERT INTO member_features (member_id, orders_total, spend_total_fen, first_order_at, last_order_at, orders_7d,
        orders_30d, orders_90d, spend_30d_fen, spend_90d_fen, refunded_orders_90d, refunded_fen_90d, discount_orders_90d,
        category_share_90d, events, dwell_ms_30d, avg_rating_90d, last_active_at, computed_at)
      SELECT ids.member_id, coalesce(o.orders_total, 0), coalesce(o.spend_total_fen, 0), o.first_order_at, o.last_order_at,
        coalesce(o.orders_7d, 0), coalesce(o.orders_30d, 0), coalesce(o.orders_90d, 0), coalesce(o.spend_30d_fen, 0),
        coalesce(o.spend_90d_fen, 0), coalesce(o.refunded_orders_90d, 0), coalesce(o.refunded_fen_90d, 0),
        coalesce(o.discount_orders_90d, 0), coalesce(shares.shares, '{}'), coalesce(e.events, '{}'),
        coalesce(e.dwell_ms_30d, 0), e.avg_rating_90d, greatest(o.last_order_at, e.last_event_at), ${now}
      FROM ids LEFT JOIN o ON o.member_id = ids.member_id LEFT JOIN e ON e.member_id = ids.member_id
        LEFT JOIN shares ON shares.member_id = ids.member_id`,
  );
}
