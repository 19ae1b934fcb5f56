import { describe, expect, it } from 'vitest';
import { lineAmountFen, orderTotals, requestedStatus } from './order-rules.ts';

describe('order money', () => {
  it('rounds fractional quantities to whole fen', () => {
    expect(lineAmountFen(0.333, 1299)).toBe(433); // 432.567 → 433
    expect(lineAmountFen(1.5, 333)).toBe(500); // 499.5 → 500 (half up)
    expect(lineAmountFen(3, 350)).toBe(1050);
  });

  it('totals items, discount and refunds in fen', () => {
    const t = orderTotals({
      id: 'o',
      memberId: 'm',
      placedAt: '2026-01-01',
      discountFen: 100,
      items: [
        { sku: 'a', quantity: 2, unitPriceFen: 350 },
        { sku: 'b', quantity: 1, unitPriceFen: 999, amountFen: 999 },
      ],
      refunds: [{ id: 'r', amountFen: 300, reason: '坏果', at: '2026-01-02' }],
    });
    expect(t).toEqual({ itemsFen: 1699, paidFen: 1599, refundedFen: 300 });
  });

  it('takes only paid, picked_up and cancelled from the client', () => {
    expect(requestedStatus('refunded')).toBe('paid');
    expect(requestedStatus('picked_up')).toBe('picked_up');
    expect(requestedStatus(undefined)).toBe('paid');
  });
});
