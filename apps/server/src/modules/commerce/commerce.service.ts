import { orderInput, type BatchResult, type OrderInput } from '@linli/contracts';
import { recordAudit } from '../../platform/audit.ts';
import { batchResult, checkItems, instantOf, isValidDate, parseInstant } from '../../platform/batch.ts';
import { communityScope, type Ctx } from '../../platform/context.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { markChangedDays } from '../../platform/db/changed-days.ts';
import { markChangedMembers } from '../../platform/db/changed-members.ts';
import { withTransaction } from '../../platform/db/sql.ts';
import { derivedId } from '../../platform/ids.ts';
import { ensureProducts, productIdOf } from '../catalog/index.ts';
import { communityIdOf, pickupPointIdOf } from '../communities/index.ts';
import { ensureMembers, memberIdOf } from '../members/index.ts';
import { lineAmountFen, orderTotals, requestedStatus } from './order-rules.ts';
import * as repo from './commerce.repo.ts';

export const orderIdOf = (externalId: string): string => derivedId('ord', externalId);

export async function ingestOrders(ctx: Ctx, items: unknown[]): Promise<BatchResult> {
  const tolerance = ctx.config.LINLI_FUTURE_TOLERANCE_MINUTES * 60_000;
  const { valid, problems } = checkItems(items, orderInput.strict(), 'commerce', (o, problem) => {
    parseInstant(o.placedAt, 'placedAt', tolerance, problem);
    if (o.pickedUpAt) parseInstant(o.pickedUpAt, 'pickedUpAt', tolerance, problem);
    if (o.cancelledAt) parseInstant(o.cancelledAt, 'cancelledAt', tolerance, problem);
    if (o.pickupDate !== undefined && !isValidDate(o.pickupDate))
      problem('pickupDate', 'not a date YYYY-MM-DD', 'pickup_date_invalid');
    o.items.forEach((it, i) => {
      if (
        it.amountFen !== undefined &&
        Math.abs(it.amountFen - lineAmountFen(it.quantity, it.unitPriceFen)) > 1
      )
        problem(
          `items.${i}.amountFen`,
          `${it.amountFen} ≠ quantity × unitPriceFen (${lineAmountFen(it.quantity, it.unitPriceFen)})`,
          'amount_mismatch',
        );
    });
    o.refunds?.forEach((r, i) => parseInstant(r.at, `refunds.${i}.at`, tolerance, problem));
    const t = orderTotals(o);
    if (t.paidFen < 0)
      problem(
        'discountFen',
        `discount ${o.discountFen} exceeds the items' total ${t.itemsFen}`,
        'discount_too_large',
      );
    else if (t.refundedFen > t.paidFen)
      problem(
        'refunds',
        `refunds total ${t.refundedFen} exceeds the paid amount ${t.paidFen}`,
        'refund_too_large',
      );
  });
  const list = valid.map((v) => v.value);
  // Stubs and partitions are created first, each in its own short statement: held inside the
  // batch transaction, their locks would make concurrent batches wait on (or deadlock over) one another.
  await ensureMembers(
    ctx,
    list.map((o) => o.memberId),
  );
  await ensureProducts(
    ctx,
    list.flatMap((o) => o.items.map((i) => ({ sku: i.sku, priceFen: i.unitPriceFen }))),
  );
  const written = await withTransaction(ctx.database, async (tx) => {
    const ids = await repo.upsertOrders(tx, list.map(toRow));
    await repo.insertItems(
      tx,
      list.flatMap((o) =>
        o.items.map((it, lineNo) => ({
          orderId: orderIdOf(o.id),
          lineNo: lineNo + 1,
          productId: productIdOf(it.sku),
          sku: it.sku,
          quantity: String(it.quantity),
          unitPriceFen: it.unitPriceFen,
          amountFen: it.amountFen ?? lineAmountFen(it.quantity, it.unitPriceFen),
        })),
      ),
    );
    const refunds = list.flatMap((o) =>
      (o.refunds ?? []).map((r) => ({
        id: derivedId('rfd', r.id),
        externalId: r.id,
        orderId: orderIdOf(o.id),
        memberId: memberIdOf(o.memberId),
        kind: r.kind ?? 'refund',
        amountFen: r.amountFen,
        reason: r.reason,
        at: instantOf(r.at) as Date,
      })),
    );
    const newRefunds = await repo.insertRefunds(tx, refunds);
    // refunds may arrive over several calls: totals and status always follow the stored refunds
    const touched = await repo.recomputeRefundState(tx, [...new Set(refunds.map((r) => r.orderId))]);
    const changed = new Set([...ids, ...touched]);
    await recordAudit(
      ctx,
      {
        action: 'ingest',
        entity: 'orders',
        after: { received: items.length, written: changed.size, newRefunds, rejected: problems.length },
      },
      tx,
    );
    return changed.size;
  });
  if (written > 0) {
    await markChangedDays(
      ctx.database.pool,
      list.map((o) => instantOf(o.placedAt)),
    );
    await markChangedMembers(
      ctx.database.pool,
      list.map((o) => memberIdOf(o.memberId)),
    );
  }
  return batchResult(items.length, written, problems);
}

function toRow(o: OrderInput): repo.OrderRow {
  const t = orderTotals(o);
  return {
    id: orderIdOf(o.id),
    externalId: o.id,
    memberId: memberIdOf(o.memberId),
    communityId: o.communityId ? communityIdOf(o.communityId) : null,
    pickupPointId: o.pickupPointId ? pickupPointIdOf(o.pickupPointId) : null,
    status: requestedStatus(o.status),
    itemsFen: t.itemsFen,
    discountFen: o.discountFen ?? 0,
    paidFen: t.paidFen,
    placedAt: instantOf(o.placedAt) as Date,
    pickedUpAt: o.pickedUpAt ? instantOf(o.pickedUpAt) : null,
    cancelledAt: o.cancelledAt ? instantOf(o.cancelledAt) : null,
    pickupDate: o.pickupDate ?? null,
  };
}

/** Orders newest first with their lines, scoped to a leader's communities. */
export async function listOrders(
  ctx: Ctx,
  q: {
    memberId?: string | undefined;
    communityId?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<Page<repo.OrderView>> {
  const after = decodeCursor(q.cursor, 2) as [string, string] | null;
  const found = await repo.searchOrders(ctx.database.pool, {
    ...q,
    scope: communityScope(ctx),
    after,
    limit: q.limit + 1,
  });
  return toPage(found, q.limit, (o) => [o.placedAt.toISOString(), o.id]);
}
