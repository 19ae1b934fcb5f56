import { describe, expect, it } from 'vitest';
import { conditionalExpectedPurchases, fitBgNbd } from './bgnbd.ts';
import { CALIBRATION_END, HOLDOUT_END, hasCdnow, samplePurchases } from './cdnow.fixture.ts';
import { holdoutValidation } from './holdout.ts';
import { periodLength, summarizeWithHoldout } from './summary.ts';

describe('holdoutValidation', () => {
  const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  it('buckets customers by calibration frequency, the last bucket open-ended', () => {
    const data = [0, 0, 1, 3, 7, 12].map((x, i) => ({
      customer: `c${i}`,
      frequency: x,
      recency: x ? 20 : 0,
      T: 30,
      holdoutFrequency: i,
    }));
    const r = holdoutValidation(p, data, 39);
    expect(r.buckets.map((b) => b.bucket)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(r.buckets.map((b) => b.customers)).toEqual([2, 1, 0, 1, 0, 0, 0, 2]);
    expect(r.buckets[0]!.meanActual).toBe(0.5);
    expect(r.buckets[7]!.meanActual).toBe(4.5);
    expect(r.rows[3]!.predicted).toBe(conditionalExpectedPurchases(p, data[3]!, 39));
    expect(r.totalActual).toBe(15);
  });

  it.skipIf(!hasCdnow)('on the CDNOW sample, predictions track the 39 holdout weeks', () => {
    const data = summarizeWithHoldout(samplePurchases(), {
      calibrationEnd: CALIBRATION_END,
      holdoutEnd: HOLDOUT_END,
    });
    const r = holdoutValidation(fitBgNbd(data).params, data, periodLength(CALIBRATION_END, HOLDOUT_END));
    expect(r.duration).toBe(39);
    expect(r.customers).toBe(2357);
    expect(r.buckets.reduce((s, b) => s + b.customers, 0)).toBe(2357);
    // 1,882 purchase days happened and the model expects 1,653 (12 % fewer); per customer the
    // forecast rises with calibration frequency
    expect(r.totalActual).toBe(1882);
    expect(r.totalPredicted).toBeCloseTo(1653.4, 0);
    expect(r.buckets[7]).toMatchObject({ bucket: '7+', customers: 64 });
    for (let i = 1; i < r.buckets.length; i++)
      expect(r.buckets[i]!.meanPredicted).toBeGreaterThan(r.buckets[i - 1]!.meanPredicted);
  });
});
