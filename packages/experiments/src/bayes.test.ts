import { describe, expect, it } from 'vitest';
import { bayesProportions, expectedLoss, probabilityBetaGreater } from './bayes.ts';
import { normalCdf } from './distributions.ts';

const U = { alpha: 1, beta: 1 };

describe('probabilityBetaGreater', () => {
  it('matches integrals worked by hand', () => {
    // two uniforms: ½. X ~ Beta(2, 1) (density 2x) against U: ∫ 2x · x dx = 2/3.
    // X ~ Beta(1, 2) (density 2(1 − x)) against U: ∫ 2(1 − x) x dx = 1/3.
    // X ~ Beta(3, 1) (3x²) against Y ~ Beta(2, 1) (CDF y²): ∫ 3x² · x² dx = 3/5.
    expect(probabilityBetaGreater(U, U)).toBeCloseTo(0.5, 14);
    expect(probabilityBetaGreater({ alpha: 2, beta: 1 }, U)).toBeCloseTo(2 / 3, 14);
    expect(probabilityBetaGreater({ alpha: 1, beta: 2 }, U)).toBeCloseTo(1 / 3, 14);
    expect(probabilityBetaGreater({ alpha: 3, beta: 1 }, { alpha: 2, beta: 1 })).toBeCloseTo(3 / 5, 14);
  });

  it('matches numerical integration for 30/100 against 20/100', () => {
    // scipy.integrate.quad(beta(31, 71).pdf(x) · beta(21, 81).cdf(x), 0, 1) = 0.9476031033523692
    // (scipy 1.17, epsrel 1e-13)
    const p = probabilityBetaGreater({ alpha: 31, beta: 71 }, { alpha: 21, beta: 81 });
    expect(p).toBeCloseTo(0.9476031033523692, 11);
    expect(p + probabilityBetaGreater({ alpha: 21, beta: 81 }, { alpha: 31, beta: 71 })).toBeCloseTo(1, 13);
  });

  it('stays finite and agrees with the normal approximation for 10⁵ conversions', () => {
    // rates 0.1000 and 0.1010 on 10⁶ units each: posterior sds √(p(1−p)/n), z = 0.001 / 4.249e-4
    const t = { alpha: 1 + 101_000, beta: 1 + 899_000 };
    const c = { alpha: 1 + 100_000, beta: 1 + 900_000 };
    const sd = Math.sqrt((0.101 * 0.899 + 0.1 * 0.9) / 1e6);
    expect(probabilityBetaGreater(t, c)).toBeCloseTo(normalCdf(0.001 / sd), 3);
  });
});

describe('expectedLoss', () => {
  it('matches integrals worked by hand', () => {
    // E[max(X − Y, 0)] for two uniforms = ∫∫_{x>y} (x − y) = 1/6.
    // choosing U when the other is Beta(2, 1): ∫ 2x · (x²/2) dx = 1/4; the reverse: ∫ (1 − x)²/2 · 2x dx = 1/12
    expect(expectedLoss(U, U)).toBeCloseTo(1 / 6, 14);
    expect(expectedLoss(U, { alpha: 2, beta: 1 })).toBeCloseTo(1 / 4, 14);
    expect(expectedLoss({ alpha: 2, beta: 1 }, U)).toBeCloseTo(1 / 12, 14);
  });

  it('matches numerical integration for 30/100 against 20/100', () => {
    // ∫ f_C(x) · (x F_T(x) − E[T] F_{T+1}(x)) dx with scipy.integrate.quad = 0.0013455972243734495
    expect(expectedLoss({ alpha: 31, beta: 71 }, { alpha: 21, beta: 81 })).toBeCloseTo(
      0.0013455972243734495,
      10,
    );
  });
});

describe('bayesProportions', () => {
  it('builds Beta(1 + s, 1 + f) posteriors and is null for an empty arm', () => {
    const r = bayesProportions({ n: 100, successes: 20 }, { n: 100, successes: 30 });
    expect(r.control).toEqual({ alpha: 21, beta: 81 });
    expect(r.treatment).toEqual({ alpha: 31, beta: 71 });
    expect(r.chanceToBeatControl).toBeCloseTo(0.9476031033523692, 11);
    // E[max(T − C, 0)] − E[max(C − T, 0)] = E[T] − E[C] = 31/102 − 21/102
    expect(r.expectedLossControl! - r.expectedLoss!).toBeCloseTo(10 / 102, 12);
    const e = bayesProportions({ n: 0, successes: 0 }, { n: 10, successes: 1 });
    expect(e.chanceToBeatControl).toBeNull();
    expect(e.expectedLoss).toBeNull();
  });
});
