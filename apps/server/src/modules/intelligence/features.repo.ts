import { EVENT_TYPES, EVENT_WINDOWS } from '@linli/contracts';
import { fetchRows, inMembers, sql } from '../../platform/db/fragments.ts';
import type { Queryable } from '../../platform/db/sql.ts';
import { eventKpis } from '../activity/index.ts';
import { productTopCategoryFragment } from '../catalog/index.ts';
import { orderKpis } from '../commerce/index.ts';
import { textKpis } from '../text/index.ts';

const DAY_MS = 86_400_000;

const COLUMNS = [
  'orders_total',
  'spend_total_fen',
  'first_order_at',
  'last_order_at',
  'orders_7d',
  'orders_30d',
  'orders_90d',
  'spend_30d_fen',
  'spend_90d_fen',
  'refunded_orders_90d',
  'refunded_fen_90d',
  'discount_orders_90d',
  'category_share_90d',
  'events',
  'dwell_ms_30d',
  'avg_rating_90d',
  'text_signals',
  'last_active_at',
];

export interface FeatureRebuild {
  /** members with features after the rebuild */
  members: number;
  /** rows that differed from what was stored (new, changed or removed): what a reconcile repaired */
  changed: number;
}

/**
 * Recomputes members' rolling aggregates from orders and events in one statement (the "per-member
 * feature scan" that tag evaluation then never repeats) and writes only the rows that differ, so a
 * reconcile both costs less and says how much it had to repair.
 */
export async function rebuildMemberFeatures(
  db: Queryable,
  now: Date,
  members: string[] | null = null,
): Promise<FeatureRebuild> {
  const since90 = new Date(now.getTime() - 90 * DAY_MS);
  const list = sql.raw(COLUMNS.join(', '));
  const excluded = sql.raw(COLUMNS.map((c) => `excluded.${c}`).join(', '));
  const stored = sql.raw(COLUMNS.map((c) => `member_features.${c}`).join(', '));
  const assign = sql.raw(COLUMNS.map((c) => `${c} = excluded.${c}`).join(', '));
  const [row] = await fetchRows<FeatureRebuild>(
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
        t AS (${textKpis.memberTextSignalsFragment(now, members)}),
        ids AS (SELECT member_id FROM o UNION SELECT member_id FROM e),
        computed AS MATERIALIZED (
          SELECT ids.member_id, coalesce(o.orders_total, 0) AS orders_total, coalesce(o.spend_total_fen, 0) AS spend_total_fen,
            o.first_order_at, o.last_order_at, coalesce(o.orders_7d, 0) AS orders_7d, coalesce(o.orders_30d, 0) AS orders_30d,
            coalesce(o.orders_90d, 0) AS orders_90d, coalesce(o.spend_30d_fen, 0) AS spend_30d_fen,
            coalesce(o.spend_90d_fen, 0) AS spend_90d_fen, coalesce(o.refunded_orders_90d, 0) AS refunded_orders_90d,
            coalesce(o.refunded_fen_90d, 0) AS refunded_fen_90d, coalesce(o.discount_orders_90d, 0) AS discount_orders_90d,
            coalesce(shares.shares, '{}') AS category_share_90d, coalesce(e.events, '{}') AS events,
            coalesce(e.dwell_ms_30d, 0) AS dwell_ms_30d, e.avg_rating_90d, coalesce(t.text_signals, '{}') AS text_signals,
            greatest(o.last_order_at, e.last_event_at) AS last_active_at
          FROM ids LEFT JOIN o ON o.member_id = ids.member_id LEFT JOIN e ON e.member_id = ids.member_id
            LEFT JOIN t ON t.member_id = ids.member_id
            LEFT JOIN shares ON shares.member_id = ids.member_id),
        written AS (
          INSERT INTO member_features (member_id, ${list}, computed_at)
          SELECT member_id, ${list}, ${now} FROM computed
          ON CONFLICT (member_id) DO UPDATE SET ${assign}, computed_at = excluded.computed_at
            WHERE (${stored}) IS DISTINCT FROM (${excluded})
          RETURNING 1),
        removed AS (
          DELETE FROM member_features mf WHERE true ${inMembers(sql`mf.member_id`, members)}
            AND NOT EXISTS (SELECT 1 FROM computed c WHERE c.member_id = mf.member_id)
          RETURNING 1)
      SELECT (SELECT count(*) FROM computed)::int AS members,
             ((SELECT count(*) FROM written) + (SELECT count(*) FROM removed))::int AS changed`,
  );
  return { members: row!.members, changed: row!.changed };
}
