import { describe, expect, it } from 'vitest';
import { npsClass, npsEstimate } from './nps-stats.ts';

describe('NPS and its interval (worked by hand)', () => {
  it('classes answers as the method defines them', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsClass)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
  });

  it('50 promoters, 30 passives, 20 detractors: NPS 30, interval 14.69 … 45.31', () => {
    // p_P = 0.5, p_D = 0.2; var = (0.5 + 0.2 − 0.3²) / 100 = 0.0061; se = 0.0781025 → 7.81025 points
    // 1.959964 × 7.81025 = 15.30781
    const e = npsEstimate({ promoters: 50, passives: 30, detractors: 20 });
    expect(e.n).toBe(100);
    expect(e.nps).toBeCloseTo(30, 10);
    expect(e.se).toBeCloseTo(7.81025, 5);
    expect(e.ciLow).toBeCloseTo(14.69219, 4);
    expect(e.ciHigh).toBeCloseTo(45.30781, 4);
  });

  it("the seed's −15: 6 promoters, 5 passives, 9 detractors of 20", () => {
    // p_P = 0.3, p_D = 0.45; var = (0.75 − 0.0225) / 20 = 0.036375; se = 0.190722 → 19.0722 points
    const e = npsEstimate({ promoters: 6, passives: 5, detractors: 9 });
    expect(e.nps).toBeCloseTo(-15, 10);
    expect(e.se).toBeCloseTo(19.0722, 3);
    expect(e.ciLow).toBeCloseTo(-15 - 37.3808, 2);
    expect(e.ciHigh).toBeCloseTo(-15 + 37.3808, 2);
  });

  it('everyone a promoter: no spread, and the interval stays inside −100…100', () => {
    expect(npsEstimate({ promoters: 12, passives: 0, detractors: 0 })).toMatchObject({
      nps: 100,
      se: 0,
      ciLow: 100,
      ciHigh: 100,
    });
    const few = npsEstimate({ promoters: 1, passives: 0, detractors: 2 });
    expect(few.ciLow).toBe(-100);
    expect(npsEstimate({ promoters: 0, passives: 0, detractors: 0 }).nps).toBeNull();
  });
});
