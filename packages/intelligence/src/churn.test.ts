import { describe, expect, it } from 'vitest';
import { classifierQuality, probabilityNoPurchase, rocAuc } from './churn.ts';
import { probabilityAlive } from './bgnbd.ts';

const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('probabilityNoPurchase', () => {
  it('is the Gamma-Poisson zero term for a customer with no repeat purchase (alive for sure)', () => {
    // x = 0, T = 10 weeks, t = 13 weeks: (14.414 / 27.414)^0.243, worked by hand = 0.855377…
    const v = probabilityNoPurchase(params, { frequency: 0, recency: 0, T: 10 }, 13);
    expect(v).toBeCloseTo(Math.pow(14.414 / 27.414, 0.243), 12);
    expect(v).toBeCloseTo(0.85535, 4);
  });

  it('adds the dropped-out share for a repeat buyer', () => {
    const c = { frequency: 2, recency: 30.43, T: 38.86 };
    const alive = probabilityAlive(params, c);
    const silent = Math.pow((4.414 + 38.86) / (4.414 + 38.86 + 39), 2.243);
    expect(probabilityNoPurchase(params, c, 39)).toBeCloseTo(1 - alive + alive * silent, 12);
    // longer horizons can only make silence less likely
    expect(probabilityNoPurchase(params, c, 52)).toBeLessThan(probabilityNoPurchase(params, c, 13));
  });
});

describe('rocAuc', () => {
  it('matches the scikit-learn documentation example (0.75)', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBeCloseTo(0.75, 12);
  });

  it('counts ties as half, as the Mann-Whitney statistic does', () => {
    // pairs (pos, neg): (0.5, 0.5) tie = 0.5, (0.5, 0.2) = 1, (0.9, 0.5) = 1, (0.9, 0.2) = 1 → 3.5 / 4
    expect(rocAuc([0.5, 0.9, 0.5, 0.2], [true, true, false, false])).toBeCloseTo(0.875, 12);
  });
});

describe('classifierQuality', () => {
  it('gives precision, recall and AUC of a hand-worked example', () => {
    const scores = [0.9, 0.8, 0.7, 0.6, 0.55, 0.4];
    const churned = [true, true, false, true, false, false];
    const q = classifierQuality(scores, churned, 0.65);
    // flagged: 0.9, 0.8, 0.7 → 2 of 3 churned; 2 of the 3 churned were flagged; pairs 8 of 9
    expect(q).toMatchObject({ n: 6, flagged: 3, baseRate: 0.5 });
    expect(q.precision).toBeCloseTo(2 / 3, 12);
    expect(q.recall).toBeCloseTo(2 / 3, 12);
    expect(q.auc).toBeCloseTo(8 / 9, 12);
  });
});
