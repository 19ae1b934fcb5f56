import { describe, expect, it } from 'vitest';
import { sampleRatioMismatch } from './srm.ts';

describe('sampleRatioMismatch', () => {
  it("matches R's chisq.test(c(20, 15, 25)): X-squared = 2.5, df = 2, p-value = 0.2865", () => {
    // by hand: expected 20 each, (0 + 25 + 25)/20 = 2.5; at 2 df the tail is e^{−2.5/2} = 0.2865048
    const r = sampleRatioMismatch([20, 15, 25]);
    expect(r.chi2).toBeCloseTo(2.5, 14);
    expect(r.df).toBe(2);
    expect(r.pValue).toBeCloseTo(Math.exp(-1.25), 14);
    expect(r.mismatch).toBe(false);
  });

  it('tests against a configured unequal split', () => {
    // 30/70 against 20 %/80 %: expected 20 and 80, χ² = 100/20 + 100/80 = 6.25 on 1 df,
    // p = 2(1 − Φ(2.5)) = 0.0124193 (normal table: 1 − Φ(2.5) = 0.0062097)
    const r = sampleRatioMismatch([30, 70], [0.2, 0.8]);
    expect(r.expected).toEqual([20, 80]);
    expect(r.chi2).toBeCloseTo(6.25, 12);
    expect(r.pValue).toBeCloseTo(0.012419330651552265, 12);
    // weights on any scale
    expect(sampleRatioMismatch([30, 70], [1, 4]).chi2).toBeCloseTo(6.25, 12);
  });

  it('flags a broken split at p < 0.001', () => {
    // 10,500 / 9,500 on 50/50: χ² = 2 · 500² / 10,000 = 50, p = erfc(5) = 1.5375e-12
    const r = sampleRatioMismatch([10_500, 9_500]);
    expect(r.chi2).toBe(50);
    expect(r.pValue! / 1.5374597944280347e-12).toBeCloseTo(1, 8);
    expect(r.mismatch).toBe(true);
    // 10,200 / 9,800: χ² = 8, p = erfc(2) = 0.00467773: suspicious but not flagged
    expect(sampleRatioMismatch([10_200, 9_800]).pValue).toBeCloseTo(0.004677734981047266, 12);
    expect(sampleRatioMismatch([10_200, 9_800]).mismatch).toBe(false);
  });

  it('counts an arm with no units, and has nothing to test without units or with one arm', () => {
    const r = sampleRatioMismatch([100, 0]);
    expect(r.chi2).toBe(100);
    expect(r.mismatch).toBe(true);
    expect(sampleRatioMismatch([0, 0])).toMatchObject({ chi2: null, pValue: null, mismatch: false });
    expect(sampleRatioMismatch([12])).toMatchObject({ chi2: null, pValue: null, df: 0 });
    expect(() => sampleRatioMismatch([1, 2], [1, 0])).toThrow(RangeError);
  });

  it('handles 10,000 arms', () => {
    const counts = Array.from({ length: 10_000 }, (_, i) => 100 + (i % 2 ? 10 : -10));
    const r = sampleRatioMismatch(counts);
    // Σ (±10)² / 100 = 10,000 on 9,999 df: scipy.stats.chi2(9999).sf(10000) = 0.4952983945386835
    // (scipy 1.17); the normal approximation (10,000 − 9,999)/√(2·9,999) = 0.0071 gives 0.4972
    expect(r.chi2).toBeCloseTo(10_000, 8);
    expect(r.pValue).toBeCloseTo(0.4952983945386835, 9);
  });
});
