import type { ReplenishmentAllocation, ReplenishmentLine } from '@linli/contracts/forecasting';
import { allocateOrder } from '@linli/forecasting';
import { fetchRows, sql } from '../../platform/db/fragments.ts';
import type { Queryable } from '../../platform/db/sql.ts';
import { productFactsFragment } from '../catalog/index.ts';
import { pickupPointPlacesFragment } from '../communities/index.ts';
import { likeSafe } from './supply.service.ts';

export interface LineFilter {
  productIds?: string[] | undefined;
  q?: string | undefined;
  category?: string | undefined;
  /** keyset: SKUs after this one, in SKU order */
  afterSku?: string | undefined;
  limit?: number | undefined;
}

interface LineRow extends Omit<ReplenishmentLine, 'override' | 'finalQty' | 'costFen'> {
  productId: string;
  overrideQty: string | null;
  reason: string | null;
  by: string | null;
  at: Date | null;
  wape: number | null;
  naiveWape: number | null;
  evalDays: number;
}

export type Line = ReplenishmentLine & {
  productId: string;
  wape: number | null;
  naiveWape: number | null;
  evalDays: number;
};

/** A pickup date's lines with product facts and overrides applied, in SKU order. */
export async function readLines(db: Queryable, pickupDate: string, f: LineFilter = {}): Promise<Line[]> {
  const found = await fetchRows<LineRow>(
    db,
    sql`SELECT i.product_id AS "productId", p.sku, p.name, p.category_code AS category, p.top, p.unit, i.model,
          json_build_object('p10', i.p10, 'p50', i.p50, 'p90', i.p90) AS forecast,
          json_build_object('p10', i.demand_p10, 'p50', i.demand_p50, 'p90', i.demand_p90) AS demand,
          i.booked, i.share_before AS "shareBefore", i.ratio, i.loss_rate AS "lossRate",
          i.shelf_life_days AS "shelfLifeDays", i.unit_cost_fen AS "unitCostFen", i.price_fen AS "priceFen",
          i.suggested_qty AS "suggestedQty", i.step, i.contributions, i.wape, i.naive_wape AS "naiveWape",
          i.eval_days AS "evalDays",
          o.qty AS "overrideQty", o.reason, o.updated_by AS by, o.updated_at AS at,
          (SELECT count(*)::int FROM forecast_allocations a
           WHERE a.pickup_date = i.pickup_date AND a.product_id = i.product_id) AS points
        FROM forecast_items i
        JOIN (${productFactsFragment()}) p ON p.product_id = i.product_id
        LEFT JOIN replenishment_overrides o ON o.pickup_date = i.pickup_date AND o.product_id = i.product_id
        WHERE i.pickup_date = ${pickupDate}::date
          ${f.productIds ? sql`AND i.product_id = ANY(${sql.param(f.productIds)}::text[])` : sql``}
          ${f.q ? sql`AND (p.name ILIKE '%' || ${likeSafe(f.q)} || '%' OR p.sku = ${f.q})` : sql``}
          ${f.category ? sql`AND (p.category_code = ${f.category} OR p.top = ${f.category})` : sql``}
          ${f.afterSku ? sql`AND p.sku > ${f.afterSku}` : sql``}
        ORDER BY p.sku ${f.limit ? sql`LIMIT ${f.limit}` : sql``}`,
  );
  return found.map(({ overrideQty, reason, by, at, ...l }) => {
    const override =
      overrideQty === null ? null : { qty: Number(overrideQty), reason: reason!, by, at: at!.toISOString() };
    const finalQty = override ? override.qty : l.suggestedQty;
    return {
      ...l,
      override,
      finalQty,
      costFen: l.unitCostFen === null ? null : Math.round(finalQty * l.unitCostFen),
    };
  });
}

/**
 * A line's split over pickup points. With an override the quantity is split again the same way as
 * the suggestion (orders already booked first, the rest by recent share), so the points still add
 * up to what is bought.
 */
export async function readAllocations(
  db: Queryable,
  pickupDate: string,
  line: Pick<Line, 'productId' | 'override' | 'step'>,
): Promise<ReplenishmentAllocation[]> {
  const found = await fetchRows<ReplenishmentAllocation>(
    db,
    sql`SELECT a.point_id AS "pointId", pl.point_name AS "pointName", pl.community_name AS "communityName", pl.city,
          a.share, a.booked, a.p50, a.qty
        FROM forecast_allocations a LEFT JOIN (${pickupPointPlacesFragment()}) pl ON pl.point_id = a.point_id
        WHERE a.pickup_date = ${pickupDate}::date AND a.product_id = ${line.productId}
        ORDER BY a.point_id`,
  );
  if (line.override) {
    const qty = allocateOrder(
      line.override.qty,
      found.map((a) => a.share),
      found.map((a) => a.booked),
      line.step,
    );
    found.forEach((a, i) => (a.qty = qty[i]!));
  }
  return found.sort((a, b) => b.qty - a.qty || b.share - a.share);
}
