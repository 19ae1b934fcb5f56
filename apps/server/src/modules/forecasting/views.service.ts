import { SEED_WEIGHTS, type AccuracyRow, type ForecastSkuRow } from '@linli/contracts/forecasting';
import type { Ctx } from '../../platform/context.ts';
import { rows } from '../../platform/db/sql.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/pagination.ts';
import { addDays } from '../../platform/shanghai.ts';
import { listCategories, productIdOf } from '../catalog/index.ts';
import { readAllocations, readLines } from './lines.repo.ts';
import { publicLine } from './replenishment.service.ts';
import { shownFor } from './shown.ts';
import { supplyFacts } from './supply.service.ts';

const HISTORY_SHOWN_DAYS = 120;

/** Horizon-1 accuracy per top-level category, Linli next to seasonal naive and ETS. */
export async function accuracyView(ctx: Ctx, date: string | undefined) {
  const shown = await shownFor(ctx, date);
  const summary = shown.run?.summary ?? null;
  const names = new Map((await listCategories(ctx.database.pool)).map((c) => [c.code, c]));
  const categories: AccuracyRow[] = Object.entries(summary?.accuracy.byCategory ?? {})
    .map(([category, r]) => ({
      category,
      nameZh: names.get(category)?.nameZh ?? category,
      nameEn: names.get(category)?.nameEn ?? category,
      ...r,
    }))
    .sort((a, b) => b.linli.itemDays - a.linli.itemDays || (a.category < b.category ? -1 : 1));
  return {
    shown,
    origins: summary?.origins ?? 0,
    overall: summary?.accuracy.overall ?? null,
    categories,
    models: summary?.models ?? {},
  };
}

/** The global model's learned weights and each feature group's share, next to the seed's fixed ones. */
export async function weightsView(ctx: Ctx, date: string | undefined) {
  const shown = await shownFor(ctx, date);
  const summary = shown.run?.summary ?? null;
  return {
    shown,
    panels: summary?.panels ?? [],
    groupShares: summary?.groupShares ?? null,
    seed: SEED_WEIGHTS,
  };
}

/** The replenishment simulation over the run's backtest: Linli's policy against the naive one. */
export async function simulationView(ctx: Ctx, date: string | undefined) {
  const shown = await shownFor(ctx, date);
  const summary = shown.run?.summary ?? null;
  return {
    shown,
    origins: summary?.origins ?? 0,
    linli: summary?.simulation.linli ?? null,
    naive: summary?.simulation.naive ?? null,
  };
}

/** SKUs of the shown run with their model, forecast and recent accuracy (keyset pages by SKU). */
export async function listForecastSkus(
  ctx: Ctx,
  q: {
    date?: string | undefined;
    q?: string | undefined;
    category?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const shown = await shownFor(ctx, q.date);
  const after = decodeCursor(q.cursor, 1);
  const lines = shown.pickupDate
    ? await readLines(ctx.database.pool, shown.pickupDate, {
        q: q.q,
        category: q.category,
        afterSku: after ? String(after[0]) : undefined,
        limit: q.limit + 1,
      })
    : [];
  const items: ForecastSkuRow[] = lines.slice(0, q.limit).map((l) => ({
    sku: l.sku,
    name: l.name,
    category: l.category,
    top: l.top,
    unit: l.unit,
    model: l.model,
    forecast: l.forecast,
    booked: l.booked,
    suggestedQty: l.suggestedQty,
    step: l.step,
    wape: l.wape,
    naiveWape: l.naiveWape,
    evalDays: l.evalDays,
  }));
  return { shown, items, nextCursor: lines.length > q.limit ? encodeCursor([items.at(-1)!.sku]) : null };
}

/**
 * One SKU: its demand history (from the first day any order was collected, at most 120 days), the forecast band, the regressors' contributions, its purchase line
 * and pickup-point split, and what buying it costs and loses.
 */
export async function skuDetail(ctx: Ctx, sku: string, date: string | undefined) {
  const productId = productIdOf(sku);
  const [fact] = await supplyFacts(ctx.database.pool, [productId]);
  if (!fact) throw new AppError('not_found', 'forecasting.sku_unknown', `No product with SKU ${sku}`);
  const shown = await shownFor(ctx, date);
  const until = shown.pickupDate ?? shown.requestedDate;
  const from = addDays(until, -HISTORY_SHOWN_DAYS);
  const history = await rows<{
    date: string;
    qty: number;
    netFen: number;
    censored: 'off_sale' | 'sold_out' | null;
  }>(
    ctx.database.pool,
    `SELECT to_char(g.day, 'YYYY-MM-DD') AS date, coalesce(d.qty, 0)::float8 AS qty, coalesce(d.fen, 0)::float8 AS "netFen",
            m.kind AS censored
     FROM generate_series(greatest($2::date, (SELECT min(day) FROM demand_days)), $3::date - 1, interval '1 day') AS g(day)
     LEFT JOIN (SELECT day, sum(net_qty) AS qty, sum(net_fen) AS fen FROM demand_days
                WHERE product_id = $1 AND day >= $2::date AND day < $3::date GROUP BY day) d ON d.day = g.day
     LEFT JOIN availability_marks m ON m.product_id = $1 AND m.day = g.day AND m.point_id = ''
     ORDER BY g.day`,
    [productId, from, until],
  );
  const forecast = shown.pickupDate
    ? await rows<{ date: string; p10: number; p50: number; p90: number }>(
        ctx.database.pool,
        `SELECT to_char(day, 'YYYY-MM-DD') AS date, p10, p50, p90 FROM forecast_days
         WHERE pickup_date = $1 AND product_id = $2 ORDER BY day`,
        [shown.pickupDate, productId],
      )
    : [];
  const [line] = shown.pickupDate
    ? await readLines(ctx.database.pool, shown.pickupDate, { productIds: [productId] })
    : [];
  return {
    shown,
    sku: fact.sku,
    name: fact.name,
    category: fact.category,
    top: fact.top,
    unit: fact.unit,
    supply: { ...fact.effective, own: fact.own },
    history,
    forecast,
    accuracy: line ? { wape: line.wape, naiveWape: line.naiveWape, evalDays: line.evalDays } : null,
    line: line ? publicLine(line) : null,
    points: line ? await readAllocations(ctx.database.pool, shown.pickupDate!, line) : [],
  };
}
