import { describe, expect, it } from 'vitest';
import { CALIBRATION_END, hasCdnow, lifetimesSummary, samplePurchases } from './cdnow.fixture.ts';
import { parseDay, purchaseLog, summarize, summarizeWithHoldout } from './summary.ts';

describe('parseDay', () => {
  it('reads calendar dates and refuses impossible ones', () => {
    expect(parseDay('1970-01-02')).toBe(1);
    expect(parseDay('1997-09-30')).toBe(10134);
    expect(parseDay('1997-02-29')).toBeNull();
    expect(parseDay('1997-9-30')).toBeNull();
  });
});

describe('summarize', () => {
  const day = (s: string) => parseDay(s)!;
  const log = purchaseLog([
    { customer: 'a', day: day('2024-01-01'), amount: 10 },
    { customer: 'a', day: day('2024-01-01'), amount: 5 }, // same day: one purchase of 15
    { customer: 'a', day: day('2024-01-08'), amount: 20 },
    { customer: 'a', day: day('2024-01-22'), amount: 40 },
    { customer: 'a', day: day('2024-02-05'), amount: 99 }, // after the calibration end
    { customer: 'b', day: day('2024-01-29'), amount: 7 },
    { customer: 'c', day: day('2024-02-03'), amount: 7 }, // first purchase after the end: left out
  ]);

  it('counts purchase days, repeat purchases and their mean value', () => {
    const s = summarize(log, { calibrationEnd: day('2024-01-29'), unit: 'days' });
    expect(s).toEqual([
      { customer: 'a', frequency: 2, recency: 21, T: 28, monetary: 30 },
      { customer: 'b', frequency: 0, recency: 0, T: 0, monetary: 0 },
    ]);
    expect(summarize(log, { calibrationEnd: day('2024-01-29') })[0]).toMatchObject({ recency: 3, T: 4 });
  });

  it('adds the holdout purchase days', () => {
    const s = summarizeWithHoldout(log, {
      calibrationEnd: day('2024-01-29'),
      holdoutEnd: day('2024-02-29'),
      unit: 'days',
    });
    expect(s.map((r) => [r.customer, r.holdoutFrequency, r.holdoutMonetary])).toEqual([
      ['a', 1, 99],
      ['b', 0, 0],
    ]);
  });

  it.skipIf(!hasCdnow)('matches the lifetimes summary of the CDNOW sample (weeks)', () => {
    const ours = new Map(
      summarize(samplePurchases(), { calibrationEnd: CALIBRATION_END }).map((s) => [s.customer, s]),
    );
    const ref = lifetimesSummary();
    expect(ours.size).toBe(ref.length);
    for (const r of ref) {
      const s = ours.get(r.id)!;
      expect(s.frequency).toBe(r.frequency);
      // the reference is rounded to two decimals
      expect(Math.abs(s.recency - r.recency)).toBeLessThan(0.0051);
      expect(Math.abs(s.T - r.T)).toBeLessThan(0.0051);
    }
    // customer 1: 1997-01-01 $29.33, then $29.73 and $14.96 as repeat purchases
    expect(ours.get('1')!.monetary).toBeCloseTo(22.345, 10);
  });
});
