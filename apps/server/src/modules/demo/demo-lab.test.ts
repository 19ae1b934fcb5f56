import { proportionTest, sampleRatioMismatch } from '@linli/experiments';
import { describe, expect, it } from 'vitest';
import { generateDemo } from './demo-rules.ts';

const HOUR = 3_600_000;
const now = new Date('2026-11-26T21:00:00Z');

/**
 * The demo's content lab must show what it claims on first start: the finished title test's planted
 * winner (B, +6 points of conversion) is found by the statistics, the split holds, and the running
 * factorial test has every level of every factor in about equal shares.
 */
describe('the demo content lab', () => {
  const world = generateDemo({ members: 23_000, months: 3, seed: 1, now });
  const [finished, running] = world.experiments;
  const units = new Map<string, Map<string, { n: number; converted: number }>>();
  for (const bundle of world.memberBundles()) {
    for (const x of bundle.exposures) {
      const arms = units.get(x.experimentId) ?? new Map();
      units.set(x.experimentId, arms);
      const a = arms.get(x.arm) ?? { n: 0, converted: 0 };
      arms.set(x.arm, a);
      a.n += 1;
      // the server's conversion: an order not cancelled within 72 hours of first exposure
      const buys = bundle.orders.some(
        (o) => o.cancelledAt === null && o.placedAt >= x.firstAt && o.placedAt < x.firstAt + 72 * HOUR,
      );
      if (buys) a.converted += 1;
    }
  }

  it('has a shipped title test whose planted winner is significant, and a running factorial test', () => {
    expect(finished?.status).toBe('shipped');
    expect(finished?.shippedArm).toBe('B');
    expect(running?.status).toBe('running');
    const arms = units.get(finished!.id)!;
    const a = arms.get('A')!;
    const b = arms.get('B')!;
    const c = arms.get('C')!;
    expect(sampleRatioMismatch([a.n, b.n, c.n]).pValue!).toBeGreaterThan(0.001);
    expect(a.n + b.n + c.n).toBeGreaterThan(600);
    const ab = proportionTest({ n: a.n, successes: a.converted }, { n: b.n, successes: b.converted });
    expect(ab.absoluteLift!).toBeGreaterThan(0.02);
    expect(ab.pValue!).toBeLessThan(0.05 / 2); // survives Holm over the two comparisons
    // B adds an order with probability 0.06 on top of what members did anyway, so conversion rises
    // by 0.06 × (1 − A's rate): that planted lift lies inside the interval
    const planted = 0.06 * (1 - a.converted / a.n);
    expect(ab.ciLow!).toBeLessThan(planted);
    expect(ab.ciHigh!).toBeGreaterThan(planted);
  });

  it('randomises each factor of the running test on its own', () => {
    const arms = units.get(running!.id)!;
    const byLevel = new Map<string, number>();
    for (const [arm, u] of arms)
      arm
        .split('|')
        .forEach((level, f) => byLevel.set(`${f}:${level}`, (byLevel.get(`${f}:${level}`) ?? 0) + u.n));
    for (const [f, levels] of [
      [0, 4],
      [1, 3],
      [2, 3],
    ] as const) {
      const counts = [...byLevel].filter(([k]) => k.startsWith(`${f}:`)).map(([, n]) => n);
      expect(counts).toHaveLength(levels);
      expect(sampleRatioMismatch(counts).pValue!).toBeGreaterThan(0.001);
    }
  });
});
