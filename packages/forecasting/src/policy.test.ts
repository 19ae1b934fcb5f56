import { describe, expect, it } from 'vitest';
import {
  allocateForecast,
  allocateOrder,
  calibrateCostShare,
  criticalRatioFor,
  fillAt,
  purchaseFor,
  ratioForCostShare,
  recentShares,
  withOrderBook,
} from './index.ts';

// Expected values are worked by hand in the comments.

describe('purchase policy', () => {
  it('prices the newsvendor ratio from margin, goodwill, handling loss and shelf life', () => {
    // a sellable kg costs 4 / 0.8 = 5; price 10: Cu = (10 − 5) + 0.35 × 10 = 8.5, Co = 5 → 8.5 / 13.5
    const r = criticalRatioFor({ lossRate: 0.2, unitCost: 4, price: 10 });
    expect(r.ratio).toBeCloseTo(8.5 / 13.5, 12);
    expect(r.overage).toBeCloseTo(5, 12);
    // keeping two days halves the overage: 8.5 / 11
    expect(criticalRatioFor({ lossRate: 0.2, unitCost: 4, price: 10, shelfLifeDays: 2 }).ratio).toBeCloseTo(
      8.5 / 11,
      12,
    );
    // no goodwill, loss-making item: the ratio floor
    expect(criticalRatioFor({ lossRate: 0.5, unitCost: 6, price: 10 }, { goodwill: 0 }).ratio).toBe(0.05);
    // no prices: the default, or the calibrated cost share
    expect(criticalRatioFor({ lossRate: 0.1 }).ratio).toBe(0.5);
    expect(criticalRatioFor({ lossRate: 0.1 }, { costShare: 0.45 }).ratio).toBeCloseTo(0.5, 12); // 1 − 0.45 / 0.9
  });

  it('buys leaner for items that lose more in handling at the same cost share', () => {
    expect(ratioForCostShare(0.4, 0)).toBeCloseTo(0.6, 12);
    expect(ratioForCostShare(0.4, 0.2)).toBeCloseTo(0.5, 12); // 1 − 0.4 / 0.8
    expect(ratioForCostShare(0.99, 0.5)).toBe(0.02);
  });

  it('blends the order book: booked demand is certain, the rest is the usual share still to come', () => {
    // 60 booked where 75 % usually is by now: the book says 80, the model 100 → 0.75 × 80 + 0.25 × 100
    const q = withOrderBook({ p10: 70, p50: 100, p90: 140 }, { booked: 60, shareBefore: 0.75 });
    expect(q.p50).toBeCloseTo(85, 12);
    // the spread left is a quarter of the model's: 30 below and 40 above → 7.5 and 10
    expect(q.p10).toBeCloseTo(77.5, 12);
    expect(q.p90).toBeCloseTo(95, 12);
    // early in the night (4 % usually booked, nothing yet) the model stands almost alone: 0.96 × 100
    expect(withOrderBook({ p10: 70, p50: 100, p90: 140 }, { booked: 0, shareBefore: 0.04 }).p50).toBeCloseTo(
      96,
      12,
    );
    // never below what is booked
    expect(
      withOrderBook({ p10: 0, p50: 5, p90: 9 }, { booked: 50, shareBefore: 0.99 }).p10,
    ).toBeGreaterThanOrEqual(50);
    const p = purchaseFor(
      { p10: 70, p50: 100, p90: 140 },
      { lossRate: 0.1 },
      {},
      { booked: 60, shareBefore: 0.75 },
    );
    expect(p.orderQty).toBeCloseTo(85 / 0.9, 9); // the median 85 at ratio 0.5, grossed up by 1 / 0.9
  });

  it('calibrates one cost share to reach a fill target over past days', () => {
    const days = [
      { q: { p10: 5, p50: 10, p90: 15 }, actual: 12, lossRate: 0 },
      { q: { p10: 5, p50: 10, p90: 15 }, actual: 8, lossRate: 0 },
    ];
    // at cost share 0.5 (ratio 0.5) both buy 10: sold 10 + 8 of 20
    expect(fillAt(days, 0.5)).toBeCloseTo(0.9, 12);
    const k = calibrateCostShare(days, 0.95);
    expect(fillAt(days, k)).toBeGreaterThanOrEqual(0.95);
    expect(fillAt(days, k + 0.01)).toBeLessThan(0.95);
    expect(calibrateCostShare([], 0.9)).toBe(0.5);
  });
});

describe('reconciliation across pickup points', () => {
  it('shares the recent demand with shrinkage toward an even split', () => {
    // sums 30 and 10, one pseudo-unit split evenly: 30.5 / 41 and 10.5 / 41
    const s = recentShares(
      [
        [10, 10, 10],
        [0, 10, 0],
      ],
      3,
      28,
      1,
    );
    expect(s[0]).toBeCloseTo(30.5 / 41, 12);
    expect(s[1]).toBeCloseTo(10.5 / 41, 12);
    expect(recentShares([[0], [0]], 1, 28, 0)).toEqual([0.5, 0.5]);
  });

  it('splits forecasts and orders so the points add up to the total exactly', () => {
    const parts = allocateForecast({ p10: 8, p50: 10, p90: 14 }, [0.25, 0.75]);
    expect(parts[0]).toEqual({ p10: 2, p50: 2.5, p90: 3.5 });
    // 10 kg over thirds in 0.1 kg: 33, 33, 34 tenths (the remainder to the largest fraction, then order)
    const thirds = allocateOrder(10, [1 / 3, 1 / 3, 1 / 3]);
    expect(thirds.reduce((a, b) => a + b, 0)).toBeCloseTo(10, 9);
    expect(thirds).toEqual([3.4, 3.3, 3.3]);
    // booked first: 4 and 1 booked, the other 5 by share 0.2 / 0.8 → 5 and 5
    expect(allocateOrder(10, [0.2, 0.8], [4, 1])).toEqual([5, 5]);
    // an order below the book cuts it pro rata
    expect(allocateOrder(2, [0.5, 0.5], [3, 1])).toEqual([1.5, 0.5]);
  });
});
