import { describe, expect, it } from 'vitest';
import {
  bias,
  criticalRatio,
  croston,
  mase,
  movingAverage,
  naiveOrder,
  newsvendorOrder,
  normalQuantile,
  seasonalNaive,
  simulateDay,
  totals,
  tsb,
  wape,
} from './index.ts';

// Every expected value below is worked by hand (shown in the comments), not produced by the code.

describe('accuracy metrics', () => {
  it('WAPE and bias are ratios of sums', () => {
    // |10−8| + |0−1| + |5−5| = 3 over 15
    expect(wape([10, 0, 5], [8, 1, 5])).toBeCloseTo(0.2, 12);
    // (−2 + 1 + 0) / 15
    expect(bias([10, 0, 5], [8, 1, 5])).toBeCloseTo(-1 / 15, 12);
    expect(wape([0, 0], [1, 2])).toBeNull();
  });

  it('MASE scales by the in-sample seasonal naive error', () => {
    // history 1…10 with m = 1: every naive error is 1; MAE of (11−10, 12−10) is 1.5
    expect(mase([11, 12], [10, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1)).toBeCloseTo(1.5, 12);
    expect(mase([1], [1], [5, 5, 5], 1)).toBeNull();
  });
});

describe('baselines', () => {
  it('repeats the same weekday of the last week', () => {
    const history = Array.from({ length: 14 }, (_, i) => i + 1);
    expect(seasonalNaive(history, 9)).toEqual([8, 9, 10, 11, 12, 13, 14, 8, 9]);
  });

  it('averages the last days', () => {
    expect(movingAverage([1, 2, 3, 4], 2, 2)).toEqual([3.5, 3.5]);
    expect(movingAverage([], 1)).toEqual([0]);
  });
});

describe('intermittent demand', () => {
  const y = [0, 3, 0, 0, 5, 0, 2];

  it('Croston smooths sizes and intervals apart', () => {
    // sizes 3, 5, 2 and intervals 2, 3, 2; α 0.5: z = 3 → 4 → 3, p = 2 → 2.5 → 2.25; 3 / 2.25
    expect(croston(y, 2, { alpha: 0.5 })).toEqual([4 / 3, 4 / 3].map((v) => expect.closeTo(v, 12)));
    // SBA: × (1 − 0.25)
    expect(croston(y, 1, { alpha: 0.5, sba: true })[0]).toBeCloseTo(1, 12);
    expect(croston([0, 0], 1)).toEqual([0]);
  });

  it('TSB lets the demand probability decay on empty days', () => {
    // start at day 2: z 3, prob 3/7; then prob 3/14, 3/28, 31/56 (z 4), 31/112, 143/224 (z 3)
    expect(tsb(y, 1, { alphaDemand: 0.5, alphaProbability: 0.5 })[0]).toBeCloseTo((143 / 224) * 3, 12);
    // a product that stopped selling fades towards zero, unlike Croston
    const stopped = [5, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(tsb(stopped, 1, { alphaProbability: 0.5 })[0]).toBeLessThan(0.1);
    expect(croston(stopped, 1)[0]).toBeCloseTo(5, 12);
  });
});

describe('replenishment', () => {
  it('simulates a day as the docs state it', () => {
    // buy 10 kg, lose 10 %: 9 sellable; demand 10 → sold 9, waste 1, short 1
    expect(simulateDay(10, 10, 0.1)).toEqual({
      demand: 10,
      order: 10,
      sold: 9,
      waste: expect.closeTo(1, 12),
      short: 1,
    });
    const t = totals([
      { ...simulateDay(10, 10, 0.1), price: 5, cost: 2 },
      { ...simulateDay(4, 10, 0.1), price: 5, cost: 2 },
    ]);
    // sold 9 + 4 of 14; margin 13 × 5 − 20 × 2
    expect(t).toMatchObject({ demand: 14, ordered: 20, sold: 13, stockouts: 1 });
    expect(t.fillRate).toBeCloseTo(13 / 14, 12);
    expect(t.waste).toBeCloseTo(7, 12);
    expect(t.grossMargin).toBeCloseTo(25, 12);
    expect(naiveOrder(9, 0.1)).toBeCloseTo(10, 12);
  });

  it('orders the demand quantile at the critical ratio, grossed up for handling loss', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.1)).toBeCloseTo(-1.281552, 5);
    // a sellable kg costs 4 / 0.8 = 5 and sells for 10: ratio 0.5
    expect(criticalRatio(10, 4, 0.2)).toBeCloseTo(0.5, 12);
    const q = { p10: 6, p50: 10, p90: 16 };
    expect(newsvendorOrder(q, 0.9, 0.2)).toBeCloseTo(20, 6); // p90 16 / 0.8
    expect(newsvendorOrder(q, 0.5, 0.2)).toBeCloseTo(12.5, 6); // p50 10 / 0.8
    expect(newsvendorOrder(q, 0.1, 0.2)).toBeCloseTo(7.5, 6); // p10 6 / 0.8
    expect(newsvendorOrder({ p10: 0, p50: 0.1, p90: 1 }, 0.05, 0)).toBe(0);
  });
});

describe('ridge regression', () => {
  it('recovers exact weights without a penalty and shrinks with one', async () => {
    const { ridge } = await import('./ridge.ts');
    // y = 1 + 2a − 3b on four points
    const x = [
      [1, 0, 0],
      [1, 1, 0],
      [1, 0, 1],
      [1, 2, 1],
    ];
    const y = x.map((r) => 1 + 2 * r[1]! - 3 * r[2]!);
    expect(ridge(x, y, 0)).toEqual([1, 2, -3].map((v) => expect.closeTo(v, 6)));
    const shrunk = ridge(x, y, 10);
    expect(Math.abs(shrunk[1]!)).toBeLessThan(2);
    expect(Math.abs(shrunk[2]!)).toBeLessThan(3);
  });
});
