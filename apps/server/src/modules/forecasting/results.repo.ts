import { withTransaction, type Queryable } from '../../platform/db/sql.ts';
import type { Database } from '../../platform/db/index.ts';
import { addDays } from '../../platform/shanghai.ts';
import type { Assembled } from './run-types.ts';

/** Point allocations are the bulk of a run; older than this they only fill the disk. */
const KEEP_ALLOCATION_DAYS = 120;
const CHUNK = 20_000;

/**
 * Replaces a pickup date's forecasts, suggestions and allocations with a run's, and marks the run
 * succeeded, in one transaction: a run that fails on the way leaves the previous rows in place.
 */
export async function storeResults(
  database: Database,
  runId: string,
  pickupDate: string,
  result: Assembled,
  stages: Record<string, number>,
): Promise<void> {
  await withTransaction(database, async (tx) => {
    for (const table of ['forecast_items', 'forecast_days', 'forecast_allocations'])
      await tx.query(`DELETE FROM ${table} WHERE pickup_date = $1`, [pickupDate]);
    await insertLines(tx, runId, pickupDate, result.lines);
    for (let i = 0; i < result.days.length; i += CHUNK) {
      const part = result.days.slice(i, i + CHUNK);
      await tx.query(
        `INSERT INTO forecast_days (pickup_date, product_id, day, p10, p50, p90)
         SELECT $1::date, * FROM unnest($2::text[], $3::date[], $4::float8[], $5::float8[], $6::float8[])`,
        [
          pickupDate,
          part.map((d) => d.productId),
          part.map((d) => d.day),
          part.map((d) => d.q.p10),
          part.map((d) => d.q.p50),
          part.map((d) => d.q.p90),
        ],
      );
    }
    for (let i = 0; i < result.allocations.length; i += CHUNK) {
      const part = result.allocations.slice(i, i + CHUNK);
      await tx.query(
        `INSERT INTO forecast_allocations (pickup_date, product_id, point_id, share, booked, p50, qty)
         SELECT $1::date, * FROM unnest($2::text[], $3::text[], $4::float8[], $5::float8[], $6::float8[], $7::float8[])`,
        [
          pickupDate,
          part.map((a) => a.productId),
          part.map((a) => a.pointId),
          part.map((a) => a.share),
          part.map((a) => a.booked),
          part.map((a) => a.p50),
          part.map((a) => a.qty),
        ],
      );
    }
    await tx.query('DELETE FROM forecast_allocations WHERE pickup_date < $1', [
      addDays(pickupDate, -KEEP_ALLOCATION_DAYS),
    ]);
    await tx.query(
      `UPDATE forecast_runs SET status = 'succeeded', finished_at = now(), stages = $2, summary = $3 WHERE id = $1`,
      [runId, JSON.stringify(stages), JSON.stringify(result.summary)],
    );
  });
}

async function insertLines(tx: Queryable, runId: string, pickupDate: string, lines: Assembled['lines']) {
  if (lines.length === 0) return;
  const col = <T>(f: (l: Assembled['lines'][number]) => T) => lines.map(f);
  await tx.query(
    `INSERT INTO forecast_items (pickup_date, run_id, product_id, model, p10, p50, p90, demand_p10, demand_p50,
       demand_p90, booked, share_before, ratio, loss_rate, shelf_life_days, unit_cost_fen, price_fen, suggested_qty,
       step, contributions, wape, naive_wape, eval_days, cities)
     SELECT $1::date, $2::text, * FROM unnest($3::text[], $4::text[], $5::float8[], $6::float8[], $7::float8[], $8::float8[],
       $9::float8[], $10::float8[], $11::float8[], $12::float8[], $13::float8[], $14::float8[], $15::int[], $16::int[],
       $17::int[], $18::float8[], $19::float8[], $20::jsonb[], $21::float8[], $22::float8[], $23::int[], $24::jsonb[])`,
    [
      pickupDate,
      runId,
      col((l) => l.productId),
      col((l) => l.model),
      col((l) => l.forecast.p10),
      col((l) => l.forecast.p50),
      col((l) => l.forecast.p90),
      col((l) => l.demand.p10),
      col((l) => l.demand.p50),
      col((l) => l.demand.p90),
      col((l) => l.booked),
      col((l) => l.shareBefore),
      col((l) => l.ratio),
      col((l) => l.lossRate),
      col((l) => l.shelfLifeDays),
      col((l) => l.unitCostFen),
      col((l) => l.priceFen),
      col((l) => l.suggestedQty),
      col((l) => l.step),
      col((l) => (l.contributions ? JSON.stringify(l.contributions) : null)),
      col((l) => l.wape),
      col((l) => l.naiveWape),
      col((l) => l.evalDays),
      col((l) => JSON.stringify(l.cities)),
    ],
  );
}
