import { describe, expect, it } from 'vitest';
import {
  betaIncRegularized,
  chiSquareSf,
  gammaIncRegularized,
  normalCdf,
  normalQuantile,
  normalSf,
  studentTCdf,
  studentTQuantile,
  studentTSf,
} from './distributions.ts';

describe('normal', () => {
  it('matches the printed table and known constants', () => {
    // Φ(1.96) = 0.9750021048517795; Φ⁻¹(0.975) = 1.959963984540054; Φ⁻¹(0.8) = 0.8416212335729143
    // (Abramowitz & Stegun table 26.1 to its printed digits; full digits as printed by R's pnorm/qnorm)
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 12);
    expect(normalQuantile(0.5)).toBe(0);
    // 1 − Φ(2.5) = 0.0062096653 (table 26.1)
    expect(normalSf(2.5)).toBeCloseTo(0.006209665325776132, 14);
  });
  it('keeps relative precision deep in the tail, where 1 − Φ would round to 0', () => {
    // erfc(5)/2 = 7.687298972140174e-13 (erfc(5) = 1.5374597944280349e-12, A&S table 7.1)
    expect(normalSf(5 * Math.SQRT2) / 7.687298972140174e-13).toBeCloseTo(1, 10);
    expect(normalQuantile(1e-300)).toBeCloseTo(-37.0471, 4);
    expect(normalQuantile(normalSf(8))).toBeCloseTo(-8, 10);
  });
});

describe('incomplete gamma and beta', () => {
  it('reduces to closed forms', () => {
    // P(1, x) = 1 − e^{−x}; I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(2, 2) = 3x² − 2x³
    for (const x of [0.1, 1, 3.7, 20]) expect(gammaIncRegularized(1, x).p).toBeCloseTo(1 - Math.exp(-x), 14);
    for (const x of [0.01, 0.3, 0.5, 0.77, 0.999]) {
      expect(betaIncRegularized(1, 1, x)).toBeCloseTo(x, 14);
      expect(betaIncRegularized(3.5, 1, x)).toBeCloseTo(x ** 3.5, 14);
      expect(betaIncRegularized(2, 2, x)).toBeCloseTo(3 * x * x - 2 * x ** 3, 14);
    }
  });
});

describe('Student t', () => {
  it('matches the closed forms for 1 and 2 df', () => {
    // df = 1 is Cauchy: F(t) = ½ + atan(t)/π; df = 2: F(t) = ½ + t / (2√(2 + t²))
    for (const t of [-30, -2, -0.5, 0, 0.7, 3, 100]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 13);
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 13);
    }
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174707, 10);
  });
  it('matches the t table', () => {
    // t_{0.975, 10} = 2.228139, t_{0.995, 5} = 4.032143 (any t table, e.g. Fisher & Yates)
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 10);
    expect(studentTQuantile(0.995, 5)).toBeCloseTo(4.032142983555228, 10);
    expect(studentTSf(2.228138851986274, 10)).toBeCloseTo(0.025, 12);
    // fractional df, as Welch produces: scipy.stats.t(3.7).sf(2.5) = 0.03591101145591339,
    // t(2.5).ppf(0.9) = 1.7302509288071766 (scipy 1.17)
    expect(studentTSf(2.5, 3.7)).toBeCloseTo(0.03591101145591339, 12);
    expect(studentTQuantile(0.9, 2.5)).toBeCloseTo(1.7302509288071766, 10);
  });
  it('tends to the normal for huge df without losing the tail', () => {
    expect(studentTSf(2, 1e9)).toBeCloseTo(normalSf(2), 8);
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959963984540054, 5);
  });
});

describe('χ²', () => {
  it('matches the χ² table', () => {
    // critical values χ²_{0.95}(10) = 18.307, χ²_{0.999}(1) = 10.828 (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.4)
    expect(chiSquareSf(18.30703805327515, 10)).toBeCloseTo(0.05, 12);
    expect(chiSquareSf(10.827566170662733, 1)).toBeCloseTo(0.001, 12);
  });
  it('has the closed form e^{−x/2} at 2 df and erfc(√(x/2)) at 1 df', () => {
    for (const x of [0.5, 2.5, 9, 40]) expect(chiSquareSf(x, 2)).toBeCloseTo(Math.exp(-x / 2), 14);
    // erfc(2) = 0.004677734981047266 (A&S table 7.1)
    expect(chiSquareSf(8, 1)).toBeCloseTo(0.004677734981047266, 14);
  });
});
