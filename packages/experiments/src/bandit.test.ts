import { seededRandom } from '@linli/intelligence';
import { describe, expect, it } from 'vitest';
import { compareAllocations, simulateBandit, thompsonAllocation, topTwoPick } from './bandit.ts';
import { sampleBeta, sampleGamma } from './random.ts';

describe('samplers', () => {
  it('draw Beta and Gamma variates with the textbook moments', () => {
    // Beta(2, 5): mean a/(a+b) = 2/7, variance ab/((a+b)²(a+b+1)) = 10/392
    // Gamma(0.5, 1): mean 0.5, variance 0.5 (the shape < 1 branch)
    const rng = seededRandom(3);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let g = 0;
    let g2 = 0;
    for (let i = 0; i < n; i++) {
      const b = sampleBeta(2, 5, rng);
      s += b;
      s2 += b * b;
      const x = sampleGamma(0.5, rng);
      g += x;
      g2 += x * x;
    }
    // tolerances ≈ 4 standard errors of the sample moments
    expect(Math.abs(s / n - 2 / 7)).toBeLessThan(0.0015);
    expect(Math.abs(s2 / n - (s / n) ** 2 - 10 / 392)).toBeLessThan(0.0007);
    expect(Math.abs(g / n - 0.5)).toBeLessThan(0.007);
    expect(Math.abs(g2 / n - (g / n) ** 2 - 0.5)).toBeLessThan(0.03);
  });
});

describe('allocation', () => {
  it('gives an arm that is surely best all the traffic, and equal arms equal shares', () => {
    const sure = thompsonAllocation(
      [
        { successes: 10, failures: 990 },
        { successes: 500, failures: 500 },
      ],
      { draws: 2000 },
    );
    expect(sure).toEqual([0, 1]);
    const even = thompsonAllocation(
      Array.from({ length: 4 }, () => ({ successes: 30, failures: 70 })),
      { draws: 20_000 },
    );
    for (const share of even) expect(Math.abs(share - 0.25)).toBeLessThan(0.015);
  });

  it('top-two plays the challenger about 1 − β of the time when the leader is certain', () => {
    const arms = [
      { successes: 900, failures: 100 },
      { successes: 100, failures: 900 },
      { successes: 100, failures: 900 },
    ];
    const rng = seededRandom(5);
    let leader = 0;
    for (let i = 0; i < 4000; i++) if (topTwoPick(arms, rng, 0.5) === 0) leader++;
    expect(Math.abs(leader / 4000 - 0.5)).toBeLessThan(0.03);
  });
});

describe('simulateBandit', () => {
  it('has the exact regret of round-robin under uniform allocation', () => {
    // 300 units over rates .1, .2, .3: 100 each, regret 100 · (.3 − .1) + 100 · (.3 − .2) = 30
    const r = simulateBandit({ rates: [0.1, 0.2, 0.3], horizon: 300, policy: 'uniform' });
    expect(r.pulls).toEqual([100, 100, 100]);
    expect(r.finalRegret).toBeCloseTo(30, 10);
    expect(r.cumulativeRegret).toHaveLength(100);
  });

  it('is reproducible from its seed', () => {
    const o = { rates: [0.05, 0.08, 0.06], horizon: 2000, policy: 'thompson' as const, seed: 9 };
    expect(simulateBandit(o)).toEqual(simulateBandit(o));
  });

  it('moves traffic to a planted winner: Thompson loses far less than uniform and finds the winner', () => {
    // 20 arms at 4.0 … 7.8 %, arm 13 at 10 %: 5,000 members, 10 seeded runs each
    const rates = Array.from({ length: 20 }, (_, i) => (i === 13 ? 0.1 : 0.04 + 0.002 * i));
    const [ts, top2, uniform] = compareAllocations({ rates, horizon: 5000, runs: 10, seed: 1 });
    expect(ts!.meanFinalRegret).toBeLessThan(0.85 * uniform!.meanFinalRegret);
    expect(top2!.meanFinalRegret).toBeLessThan(uniform!.meanFinalRegret);
    expect(ts!.identifiedShare).toBeGreaterThanOrEqual(uniform!.identifiedShare);
    expect(top2!.identifiedShare).toBeGreaterThanOrEqual(uniform!.identifiedShare);
    const one = simulateBandit({ rates, horizon: 5000, policy: 'thompson', seed: 1 });
    expect(one.pulls[13]).toBeGreaterThan(5000 / 20);
  });
});
