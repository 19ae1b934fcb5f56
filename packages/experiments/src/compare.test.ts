import { describe, expect, it } from 'vitest';
import { proportionTest, summarize, welchTest } from './compare.ts';

// R's `sleep` data (Cushny & Peebles 1905, as used by Student 1908): extra hours of sleep.
const SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('welchTest', () => {
  it("reproduces R's t.test(extra ~ group, data = sleep), the Welch example of R's documentation", () => {
    // R prints: t = -1.8608, df = 17.776, p-value = 0.07939,
    // 95 percent confidence interval: -3.3654832  0.2054832; means 0.75 and 2.33
    const r = welchTest(summarize(SLEEP_2), summarize(SLEEP_1));
    expect(r.test).toBe('welch');
    expect(r.absoluteLift).toBeCloseTo(0.75 - 2.33, 12);
    expect(r.statistic).toBeCloseTo(-1.8608, 4);
    expect(r.df).toBeCloseTo(17.776, 3);
    expect(r.pValue).toBeCloseTo(0.07939, 5);
    expect(r.ciLow).toBeCloseTo(-3.3654832, 7);
    expect(r.ciHigh).toBeCloseTo(0.2054832, 7);
  });

  it('gives the relative lift and its delta-method interval, worked by hand', () => {
    // control mean 10, variance 4, n 16 → Var(m_C) = 0.25; treatment mean 12, variance 9, n 9 → 1
    // r = 0.2; Var(r) = 1/100 + 144 · 0.25 / 10⁴ = 0.0136; se = 0.116619…
    // df = (0.25 + 1)² / (0.25²/15 + 1²/8) = 1.5625 / 0.12916… = 12.0968; t_{0.975, 12.0968} = 2.17658…
    const r = welchTest({ n: 16, mean: 10, variance: 4 }, { n: 9, mean: 12, variance: 9 });
    expect(r.absoluteLift).toBe(2);
    expect(r.se).toBeCloseTo(Math.sqrt(1.25), 14);
    expect(r.df).toBeCloseTo(1.5625 / (0.0625 / 15 + 1 / 8), 12);
    expect(r.relativeLift).toBeCloseTo(0.2, 14);
    const half = (r.ciHigh! - r.ciLow!) / 2;
    const crit = half / Math.sqrt(1.25);
    expect(crit).toBeCloseTo(2.1766, 3);
    expect((r.relativeCiHigh! - r.relativeCiLow!) / 2).toBeCloseTo(crit * Math.sqrt(0.0136), 12);
  });

  it('is null where undefined, never NaN', () => {
    const empty = welchTest(summarize([]), summarize([1, 2, 3]));
    expect(Object.values(empty).filter((v) => typeof v === 'number')).toEqual([]);
    const one = welchTest(summarize([5]), summarize([1, 2, 3]));
    expect(one.absoluteLift).toBe(-3);
    expect([one.se, one.pValue, one.ciLow, one.df]).toEqual([null, null, null, null]);
    const constant = welchTest(summarize([2, 2, 2]), summarize([3, 3, 3]));
    expect(constant.absoluteLift).toBe(1);
    expect(constant.relativeLift).toBe(0.5);
    expect([constant.se, constant.pValue, constant.ciHigh]).toEqual([null, null, null]);
    const zeroControl = welchTest(summarize([-1, 1]), summarize([1, 3]));
    expect(zeroControl.relativeLift).toBeNull();
    expect(zeroControl.relativeCiLow).toBeNull();
    expect(zeroControl.pValue).not.toBeNull();
  });
});

describe('proportionTest', () => {
  it('is the unpooled z-test, worked by hand for 45/100 against 60/100', () => {
    // se = √(.45·.55/100 + .6·.4/100) = √0.004875 = 0.0698212…; z = 0.15 / se = 2.148345;
    // p = 2(1 − Φ(2.148345)) = 0.031686 (table: Φ(2.15) = 0.98422); CI 0.15 ± 1.959964 · se
    const r = proportionTest({ n: 100, successes: 45 }, { n: 100, successes: 60 });
    expect(r.test).toBe('z');
    expect(r.absoluteLift).toBeCloseTo(0.15, 14);
    expect(r.se).toBeCloseTo(Math.sqrt(0.004875), 14);
    expect(r.statistic).toBeCloseTo(2.148345, 6);
    expect(r.pValue).toBeCloseTo(0.031686, 6);
    expect(r.ciLow).toBeCloseTo(0.15 - 1.959964 * 0.0698212, 6);
    expect(r.ciHigh).toBeCloseTo(0.15 + 1.959964 * 0.0698212, 6);
    expect(r.df).toBeNull();
    // relative lift 1/3; Var = .0024/.45² + .6² · .002475/.45⁴ = 0.0335802…; se = 0.1832491
    expect(r.relativeLift).toBeCloseTo(1 / 3, 14);
    expect(r.relativeCiLow).toBeCloseTo(1 / 3 - 1.959964 * 0.1832491, 6);
    expect(r.relativeCiHigh).toBeCloseTo(1 / 3 + 1.959964 * 0.1832491, 6);
  });

  it('has no test when both arms are at 0 % (no variance) and nothing for an empty arm', () => {
    const zero = proportionTest({ n: 50, successes: 0 }, { n: 80, successes: 0 });
    expect(zero.absoluteLift).toBe(0);
    expect(zero.relativeLift).toBeNull();
    expect([zero.pValue, zero.ciLow, zero.se]).toEqual([null, null, null]);
    const empty = proportionTest({ n: 0, successes: 0 }, { n: 10, successes: 3 });
    expect(empty.absoluteLift).toBeNull();
    expect(() => proportionTest({ n: 5, successes: 6 }, { n: 5, successes: 1 })).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('gives the n − 1 variance and survives a large offset', () => {
    expect(summarize([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ n: 8, mean: 5, variance: 32 / 7 });
    const shifted = summarize([1e9 + 2, 1e9 + 4, 1e9 + 4, 1e9 + 4, 1e9 + 5, 1e9 + 5, 1e9 + 7, 1e9 + 9]);
    expect(shifted.variance).toBeCloseTo(32 / 7, 6);
  });
});
