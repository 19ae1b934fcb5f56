import type { OrderInput } from '@linli/contracts';

/** Pure money rules for an order: totals in integer fen, and the status that follows from refunds. */
export function lineAmountFen(quantity: number, unitPriceFen: number): number {
  // quantities may be fractional (kg); round half away from zero to whole fen
  return Math.round(quantity * unitPriceFen + Number.EPSILON);
}

export interface OrderTotals {
  itemsFen: number;
  paidFen: number;
  refundedFen: number;
}

export function orderTotals(order: OrderInput): OrderTotals {
  const itemsFen = order.items.reduce(
    (s, i) => s + (i.amountFen ?? lineAmountFen(i.quantity, i.unitPriceFen)),
    0,
  );
  const paidFen = itemsFen - (order.discountFen ?? 0);
  const refundedFen = (order.refunds ?? []).reduce((s, r) => s + r.amountFen, 0);
  return { itemsFen, paidFen, refundedFen };
}

/**
 * The status a client may set. Refund states are not taken from the client: they follow from the
 * stored refunds (commerce.repo recomputeRefundState), so they cannot disagree with the money.
 */
export function requestedStatus(requested: OrderInput['status']): 'paid' | 'picked_up' | 'cancelled' {
  return requested === 'cancelled' || requested === 'picked_up' ? requested : 'paid';
}
