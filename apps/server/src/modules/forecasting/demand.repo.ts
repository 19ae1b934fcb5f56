import type { App } from '../../platform/context.ts';
import { execute, fetchRows, sql } from '../../platform/db/fragments.ts';
import { withTransaction, type Queryable } from '../../platform/db/sql.ts';
import { orderDemand } from '../commerce/index.ts';

/**
 * A writer's transaction stamps `updated_at` when it starts and may commit after a refresh has
 * read past that instant; re-reading this much before the watermark catches it. Recomputing a day
 * twice costs a little work and changes nothing.
 */
const OVERLAP_MS = 10 * 60_000;

export interface DemandRefresh {
  /** 'full' on the first refresh (or when asked), else 'changed' */
  mode: 'full' | 'changed';
  /** pickup days recomputed (null for a full rebuild) */
  days: number | null;
  rows: number;
}

/**
 * Brings demand_days up to date with the orders: the pickup days of orders changed since the last
 * refresh are recomputed whole, and so is `reconcile` (an inclusive range) when given: an order
 * moved to another pickup date leaves its old day behind, which the nightly run's reconcile of the
 * recent days repairs. Safe to run concurrently (a transaction lock serialises refreshes).
 */
export async function refreshDemand(
  app: App,
  opts: { full?: boolean; reconcile?: { from: string; to: string } } = {},
): Promise<DemandRefresh> {
  return withTransaction(app.database, async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('linli.demand_days'))");
    const [state] = await fetchRows<{ watermark: Date | null }>(
      tx,
      sql`SELECT watermark FROM demand_refresh WHERE id = 1`,
    );
    let result: DemandRefresh;
    if (opts.full || !state?.watermark) {
      await execute(tx, sql`DELETE FROM demand_days`);
      const rows = await insertDemand(tx, { from: '1900-01-01', to: '9999-12-31' });
      result = { mode: 'full', days: null, rows };
    } else {
      const changed = await fetchRows<{ day: string }>(
        tx,
        sql`SELECT to_char(c.day, 'YYYY-MM-DD') AS day
            FROM (${orderDemand.changedPickupDaysFragment(new Date(state.watermark.getTime() - OVERLAP_MS))}) c`,
      );
      const days = changed.map((c) => c.day);
      let rows = 0;
      if (days.length) {
        await execute(tx, sql`DELETE FROM demand_days WHERE day = ANY(${sql.param(days)}::date[])`);
        rows += await insertDemand(tx, { days });
      }
      if (opts.reconcile) {
        const { from, to } = opts.reconcile;
        await execute(tx, sql`DELETE FROM demand_days WHERE day BETWEEN ${from}::date AND ${to}::date`);
        rows += await insertDemand(tx, { from, to });
      }
      result = { mode: 'changed', days: days.length, rows };
    }
    await execute(
      tx,
      sql`INSERT INTO demand_refresh (id, watermark, refreshed_at) VALUES (1, now(), now())
          ON CONFLICT (id) DO UPDATE SET watermark = excluded.watermark, refreshed_at = excluded.refreshed_at`,
    );
    return result;
  });
}

async function insertDemand(tx: Queryable, days: orderDemand.PickupDays): Promise<number> {
  return execute(
    tx,
    sql`INSERT INTO demand_days (product_id, point_id, day, ordered_qty, net_qty, ordered_fen, net_fen, orders)
        SELECT d.product_id, d.point_id, d.day, d.ordered_qty, d.net_qty, d.ordered_fen, d.net_fen, d.orders
        FROM (${orderDemand.demandFragment(days)}) d`,
  );
}

/** When demand_days was last brought up to date (null: never). */
export async function lastDemandRefresh(db: Queryable): Promise<Date | null> {
  const [r] = await fetchRows<{ at: Date }>(
    db,
    sql`SELECT refreshed_at AS at FROM demand_refresh WHERE id = 1`,
  );
  return r?.at ?? null;
}
