import { describe, expect, it } from 'vitest';
import {
  bgnbdLogLikelihood,
  conditionalExpectedPurchases,
  expectedPurchasesNewCustomer,
  fitBgNbd,
  probabilityAlive,
} from './bgnbd.ts';
import { CALIBRATION_END, hasCdnow, samplePurchases } from './cdnow.fixture.ts';
import { summarize } from './summary.ts';

/** Fader, Hardie & Lee (2005), CDNOW sample, 39 calibration weeks. */
const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const within = (got: number, want: number, rel: number) => expect(Math.abs(got / want - 1)).toBeLessThan(rel);

describe('BG/NBD likelihood by hand', () => {
  const ones = { r: 1, alpha: 1, a: 1, b: 1 };
  it('no repeat purchase: L = (α/(α+T))^r', () => {
    expect(bgnbdLogLikelihood(ones, [{ frequency: 0, recency: 0, T: 4 }])).toBeCloseTo(Math.log(1 / 5), 12);
  });
  it('one repeat purchase at t_x = 2, T = 4: L = 1/50 + 1/18', () => {
    // B(1,2)/B(1,1)·Γ(2)/(Γ(1)·5²) + B(2,1)/B(1,1)·Γ(2)/(Γ(1)·3²) = ½·1/25 + ½·1/9
    const ll = bgnbdLogLikelihood(ones, [{ frequency: 1, recency: 2, T: 4 }]);
    expect(ll).toBeCloseTo(Math.log(1 / 50 + 1 / 18), 12);
  });
});

describe('BG/NBD forecasts (values of the paper and its spreadsheet)', () => {
  // the maximum-likelihood estimates to four decimals, as in the paper's spreadsheet
  const ML = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
  it('expected purchases of a customer with x = 2, t_x = 30.43, T = 38.86 in 39 weeks ≈ 1.226', () => {
    within(conditionalExpectedPurchases(ML, { frequency: 2, recency: 30.43, T: 38.86 }, 39), 1.226, 1e-3);
  });
  it('expected purchases of a new customer, E[X(t)]', () => {
    const t = [0.1429, 1, 3, 31.8571, 32, 78];
    const want = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    // the reference is given to 4 decimals
    t.forEach((ti, i) =>
      expect(Math.abs(expectedPurchasesNewCustomer(ML, ti) - want[i]!)).toBeLessThan(6e-4),
    );
  });
  it('P(alive) is 1 without repeat purchases and falls with time since the last one', () => {
    expect(probabilityAlive(PUBLISHED, { frequency: 0, recency: 0, T: 30 })).toBe(1);
    const recent = probabilityAlive(PUBLISHED, { frequency: 3, recency: 30, T: 32 });
    const long = probabilityAlive(PUBLISHED, { frequency: 3, recency: 5, T: 32 });
    expect(recent).toBeGreaterThan(long);
    // 1 / (1 + a/(b+x−1)·((α+T)/(α+t_x))^(r+x)) by hand for x = 1, t_x = T: 1 / (1 + a/b)
    expect(probabilityAlive(PUBLISHED, { frequency: 1, recency: 10, T: 10 })).toBeCloseTo(
      1 / (1 + 0.793 / 2.426),
      12,
    );
  });
});

describe.skipIf(!hasCdnow)('BG/NBD fit on the CDNOW sample', () => {
  it('recovers the published parameters within 1 % and LL ≈ −9582.4', () => {
    const data = summarize(samplePurchases(), { calibrationEnd: CALIBRATION_END });
    const fit = fitBgNbd(data);
    within(fit.params.r, PUBLISHED.r, 0.01);
    within(fit.params.alpha, PUBLISHED.alpha, 0.01);
    within(fit.params.a, PUBLISHED.a, 0.01);
    within(fit.params.b, PUBLISHED.b, 0.01);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
    expect(fit.logLikelihood).toBeCloseTo(bgnbdLogLikelihood(fit.params, data), 8);
    // the maximum: the published (rounded) parameters are not better
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgnbdLogLikelihood(PUBLISHED, data));
  });
});
