import { describe, expect, it } from 'vitest';
import { cuped, cupedMoments } from './cuped.ts';

// A hand-worked example (exact fractions, checked with Python's fractions module):
// control y = 1, 3, 5 with x = 1, 2, 3; treatment y = 4, 6, 9 with x = 2, 3, 5.
// Pooled over the six units: x̄ = 8/3, ȳ = 14/3, var(x) = 56/30, cov(x, y) = 110/30, θ = 55/28.
// Adjusted y' = y − θ(x − x̄): lift = (19/3 − 3) − θ(10/3 − 2) = 10/3 − (55/28)(4/3) = 5/7.
// Adjusted per-arm variances give Var(lift') = 109/1176; raw Var(ȳ_T − ȳ_C) = 4/3 + 19/9 = 31/9,
// so the variance reduction is 1 − (109/1176)/(31/9) = 11825/12152.
const C = cupedMoments([1, 3, 5], [1, 2, 3]);
const T = cupedMoments([4, 6, 9], [2, 3, 5]);

describe('cuped', () => {
  it('matches the hand-worked example', () => {
    const r = cuped(C, T);
    expect(r.theta).toBeCloseTo(55 / 28, 13);
    expect(r.absoluteLift).toBeCloseTo(5 / 7, 13);
    expect(r.se).toBeCloseTo(Math.sqrt(109 / 1176), 13);
    expect(r.varianceReduction).toBeCloseTo(11825 / 12152, 13);
    // Welch on the adjusted values: df 2.0184, p 0.142407, CI (−0.584241, 2.012812)
    // (scipy.stats.t with that df, scipy 1.17)
    expect(r.df).toBeCloseTo(2.018432788277766, 10);
    expect(r.pValue).toBeCloseTo(0.14240668750439894, 8);
    expect(r.ciLow).toBeCloseTo(-0.5842405705692518, 8);
    expect(r.ciHigh).toBeCloseTo(2.0128119991406805, 8);
  });

  it('does not depend on where y and x are measured from', () => {
    const shift = (y: number[], x: number[]) =>
      cupedMoments(
        y.map((v) => v + 1000),
        x.map((v) => v - 50),
      );
    const r = cuped(shift([1, 3, 5], [1, 2, 3]), shift([4, 6, 9], [2, 3, 5]));
    expect(r.absoluteLift).toBeCloseTo(5 / 7, 9);
    expect(r.varianceReduction).toBeCloseTo(11825 / 12152, 9);
  });

  it('uses the normal for proportions', () => {
    const r = cuped(C, T, { test: 'z' });
    expect(r.df).toBeNull();
    expect(r.ciHigh! - r.absoluteLift!).toBeCloseTo(1.959963984540054 * Math.sqrt(109 / 1176), 12);
  });

  it('removes all variance when the covariate predicts y exactly', () => {
    // y = 2x + 1 in both arms: θ = 2, adjusted values constant within each arm
    const r = cuped(cupedMoments([3, 5, 7], [1, 2, 3]), cupedMoments([5, 7, 11], [2, 3, 5]));
    expect(r.theta).toBeCloseTo(2, 12);
    expect(r.absoluteLift).toBeCloseTo(0, 12);
    expect(r.varianceReduction).toBeCloseTo(1, 12);
    expect([r.se, r.pValue, r.ciLow]).toEqual([null, null, null]);
  });

  it('is null for a covariate without variance or an arm with fewer than 2 units', () => {
    const flat = cuped(cupedMoments([1, 2, 3], [4, 4, 4]), cupedMoments([2, 3, 4], [4, 4, 4]));
    expect(Object.values(flat).every((v) => v === null)).toBe(true);
    const small = cuped(cupedMoments([1], [1]), T);
    expect(Object.values(small).every((v) => v === null)).toBe(true);
  });
});
