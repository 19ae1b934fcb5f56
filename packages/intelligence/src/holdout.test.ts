import { describe, expect, it } from 'vitest';
import { conditionalExpectedPurchases, expectedPurchasesNewCustomer, fitBgNbd } from './bgnbd.ts';
import { CALIBRATION_END, HOLDOUT_END, hasCdnow, samplePurchases } from './cdnow.fixture.ts';
import { cumulativeRepeatPurchases, holdoutValidation } from './holdout.ts';
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

describe('cumulativeRepeatPurchases', () => {
  const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  it('counts repeat days of the calibration cohort only, week by week', () => {
    const log = new Map([
      [
        'a',
        new Map([
          [0, 1],
          [3, 1],
          [10, 1],
          [20, 1],
        ]),
      ],
      [
        'b',
        new Map([
          [7, 1],
          [8, 1],
        ]),
      ],
      [
        'late',
        new Map([
          [15, 1],
          [16, 1],
        ]),
      ], // first purchase after the calibration end: not in the cohort
    ]);
    const r = cumulativeRepeatPurchases(p, log, 14, 21);
    expect(r.map((x) => x.week)).toEqual([1, 2, 3]);
    // by day 7: a's day 3; by day 14: + b's day 8 and a's day 10; by day 21 (the end): + a's day 20
    expect(r.map((x) => x.actual)).toEqual([1, 3, 4]);
    const e = (weeks: number) => expectedPurchasesNewCustomer(p, weeks);
    expect(r[0]!.predicted).toBeCloseTo(e(1), 12);
    expect(r[2]!.predicted).toBeCloseTo(e(3) + e(2), 12);
  });

  it.skipIf(!hasCdnow)('on the CDNOW sample, tracks the cohort over 78 weeks', () => {
    const log = samplePurchases();
    const data = summarizeWithHoldout(log, { calibrationEnd: CALIBRATION_END, holdoutEnd: HOLDOUT_END });
    const params = fitBgNbd(data).params;
    const r = cumulativeRepeatPurchases(params, log, CALIBRATION_END, HOLDOUT_END);
    const atCalibrationEnd = r.find((x) => x.week === 39)!;
    const calibrationRepeats = data.reduce((s, d) => s + d.frequency, 0);
    expect(r.at(-1)!.actual - atCalibrationEnd.actual).toBeLessThanOrEqual(1882);
    // the fit reproduces the calibration total closely, and the 39-week forecast stays within 10 %
    expect(Math.abs(atCalibrationEnd.predicted / calibrationRepeats - 1)).toBeLessThan(0.05);
    expect(Math.abs(r.at(-1)!.predicted / r.at(-1)!.actual - 1)).toBeLessThan(0.1);
  });
});
