import type { ReplenishmentAllocation } from '@linli/contracts/forecasting';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { withTransaction } from '../../platform/db/sql.ts';
import { AppError } from '../../platform/errors.ts';
import { shanghaiDay } from '../../platform/shanghai.ts';
import { productIdOf } from '../catalog/index.ts';
import { readAllocations, readLines, type Line } from './lines.repo.ts';
import { shownFor } from './shown.ts';

/**
 * Tonight's purchase list: every SKU with something to buy, something booked or an override. When
 * the run for the date asked for failed (or has not run), the last good list is shown with a warning.
 */
export async function getReplenishment(
  ctx: Ctx,
  q: { date?: string | undefined; q?: string | undefined; category?: string | undefined },
) {
  const shown = await shownFor(ctx, q.date);
  const all = shown.pickupDate ? await readLines(ctx.database.pool, shown.pickupDate, q) : [];
  const lines = all.filter((l) => l.suggestedQty > 0 || l.booked > 0 || l.override);
  return {
    shown,
    cutoff: ctx.config.LINLI_ORDER_CUTOFF,
    lines: lines.map(publicLine),
    totals: {
      lines: lines.length,
      overrides: lines.filter((l) => l.override).length,
      costFen: lines.reduce((s, l) => s + (l.costFen ?? 0), 0),
      hiddenZero: all.length - lines.length,
    },
  };
}

/** A line without the fields only the SKU pages show. */
export function publicLine({ productId: _p, wape: _w, naiveWape: _n, evalDays: _e, ...line }: Line) {
  return line;
}

async function lineOf(ctx: Ctx, date: string, sku: string): Promise<Line> {
  const [line] = await readLines(ctx.database.pool, date, { productIds: [productIdOf(sku)] });
  if (!line)
    throw new AppError(
      'not_found',
      'forecasting.line_not_found',
      `No purchase suggestion for SKU ${sku} on pickup date ${date}`,
    );
  return line;
}

export async function allocationsOf(ctx: Ctx, date: string, sku: string): Promise<ReplenishmentAllocation[]> {
  return readAllocations(ctx.database.pool, date, await lineOf(ctx, date, sku));
}

/**
 * Sets or (with qty null) clears an operator's purchase quantity for a line. Sending the same value
 * again changes nothing and records nothing; every change is audited with before and after. Pickup
 * dates already past are closed.
 */
export async function setOverride(
  ctx: Ctx,
  date: string,
  sku: string,
  body: { qty: number | null; reason?: string | undefined },
) {
  if (date < shanghaiDay(new Date()))
    throw new AppError(
      'conflict',
      'forecasting.pickup_past',
      `Pickup date ${date} has passed; its purchase is closed`,
    );
  const line = await lineOf(ctx, date, sku);
  const reason = body.reason?.trim() ?? '';
  if (body.qty !== null) {
    if (!reason)
      throw new AppError(
        'invalid',
        'forecasting.override_reason_missing',
        'Say why the quantity is overridden (reason)',
        [{ field: 'reason', reason: 'required when qty is set' }],
      );
    const units = body.qty / line.step;
    if (Math.abs(units - Math.round(units)) > 1e-6)
      throw new AppError(
        'invalid',
        'forecasting.override_step',
        `${line.unit} is bought in steps of ${line.step}: ${body.qty} is not a multiple of it`,
        [{ field: 'qty', reason: `not a multiple of ${line.step}` }],
      );
  }
  const before = line.override ? { qty: line.override.qty, reason: line.override.reason } : null;
  const after = body.qty === null ? null : { qty: body.qty, reason };
  if (JSON.stringify(before) !== JSON.stringify(after))
    await withTransaction(ctx.database, async (tx) => {
      if (after === null)
        await tx.query('DELETE FROM replenishment_overrides WHERE pickup_date = $1 AND product_id = $2', [
          date,
          line.productId,
        ]);
      else
        await tx.query(
          `INSERT INTO replenishment_overrides (pickup_date, product_id, qty, reason, updated_by, updated_at)
           VALUES ($1, $2, $3, $4, $5, now())
           ON CONFLICT (pickup_date, product_id) DO UPDATE SET qty = excluded.qty, reason = excluded.reason,
             updated_by = excluded.updated_by, updated_at = now()`,
          [date, line.productId, after.qty, after.reason, actorName(ctx)],
        );
      await recordAudit(
        ctx,
        {
          action: after === null ? 'clear_override' : 'override',
          entity: 'replenishment',
          entityId: `${date}/${sku}`,
          before: { suggestedQty: line.suggestedQty, override: before },
          after: { suggestedQty: line.suggestedQty, override: after },
        },
        tx,
      );
    });
  return publicLine(await lineOf(ctx, date, sku));
}

const actorName = (ctx: Ctx) =>
  ctx.actor.type === 'user' ? ctx.actor.username : `${ctx.actor.type}:${ctx.actor.id}`;
