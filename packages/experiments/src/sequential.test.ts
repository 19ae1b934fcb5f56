import { seededRandom } from '@linli/intelligence';
import { describe, expect, it } from 'vitest';
import { normalQuantile } from './distributions.ts';
import { sampleNormal } from './random.ts';
import {
  firstCrossing,
  groupSequentialBoundaries,
  msprt,
  msprtLambda,
  obrienFlemingSpending,
} from './sequential.ts';

describe('mSPRT', () => {
  it('gives the mixture likelihood ratio worked by hand', () => {
    // V = 1, τ² = 1, Δ̂ = 2: Λ = √(1/2) · e^{4/(2·1·2)} = e/√2 = 1.922116; p = √2/e = 0.520260
    expect(msprtLambda({ estimate: 2, variance: 1, tau2: 1 })).toBeCloseTo(Math.E / Math.SQRT2, 14);
    // the paper's form, n = 100 per arm, σ² = 1, τ² = 0.01, Δ̂ = 0.3:
    // √(2σ²/(2σ² + nτ²)) · exp(n²τ²Δ̂² / (4σ²(2σ² + nτ²))) = √(2/3) · e^{0.75} = 1.728523
    expect(msprtLambda({ estimate: 0.3, variance: 2 / 100, tau2: 0.01 })).toBeCloseTo(
      Math.sqrt(2 / 3) * Math.exp(0.75),
      13,
    );
    expect(msprtLambda({ estimate: 1, variance: 0, tau2: 1 })).toBeNull();
  });

  it('keeps the running minimum p-value and intersects the confidence sequence', () => {
    const r = msprt(
      [
        { estimate: 2, variance: 1 },
        { estimate: 0, variance: 1 },
      ],
      { tau2: 1 },
    );
    expect(r.pValues[0]).toBeCloseTo(Math.SQRT2 / Math.E, 14);
    expect(r.pValues[1]).toBe(r.pValues[0]);
    // half-width √(2V(V + τ²)/τ² · (ln 20 + ½ ln 2)) = √(4 · 3.342306) = 3.656395
    expect(r.ciHigh[0]! - 2).toBeCloseTo(Math.sqrt(4 * (Math.log(20) + 0.5 * Math.log(2))), 12);
    expect(r.ciLow[1]).toBe(r.ciLow[0]); // 0 − 3.656 is below 2 − 3.656: the first bound stays
    expect(r.ciHigh[1]).toBeCloseTo(3.656395, 5);
    expect(r.rejectAt).toBeNull();
  });

  it('keeps its error rate under daily peeking where a naive z-test does not', () => {
    // A/A test, 30 daily looks at 200 new units per arm per day, 2,000 simulated tests
    const rng = seededRandom(42);
    let msprtFalse = 0;
    let naiveFalse = 0;
    for (let s = 0; s < 2000; s++) {
      let sum = 0;
      let n = 0;
      const looks = [];
      let naive = false;
      for (let d = 0; d < 30; d++) {
        for (let i = 0; i < 200; i++) sum += sampleNormal(rng) - sampleNormal(rng);
        n += 200;
        looks.push({ estimate: sum / n, variance: 2 / n });
        if (Math.abs(sum / n / Math.sqrt(2 / n)) > 1.959964) naive = true;
      }
      if (msprt(looks, { tau2: 0.01 }).rejectAt !== null) msprtFalse++;
      if (naive) naiveFalse++;
    }
    expect(msprtFalse / 2000).toBeLessThan(0.05);
    expect(naiveFalse / 2000).toBeGreaterThan(0.15);
  });
});

describe('group-sequential O’Brien–Fleming spending', () => {
  it('spends 2 − 2Φ(z_{1−α/2}/√t)', () => {
    expect(obrienFlemingSpending(1, 0.025)).toBe(0.025);
    expect(obrienFlemingSpending(0, 0.025)).toBe(0);
    // t = 0.25, α = 0.05: 2 − 2Φ(1.959964/0.5 = 3.919928) = 8.8575e-5
    expect(obrienFlemingSpending(0.25, 0.05)).toBeCloseTo(8.857543832e-5, 12);
  });

  it('gives the published boundaries for 5 equally spaced looks, two-sided α = 0.05', () => {
    // 4.8769, 3.3569, 2.6803, 2.2898, 2.0310: the Lan–DeMets O'Brien–Fleming bounds of gsDesign
    // (sfLDOF, α = 0.025 per side) and ldbounds (Jennison & Turnbull 2000, table 7.x); independently
    // confirmed with scipy's multivariate normal CDF (Genz), whose crossing probabilities for these
    // bounds equal the spent α to 1e-5
    const b = groupSequentialBoundaries([0.2, 0.4, 0.6, 0.8, 1]);
    [4.8769, 3.3569, 2.6803, 2.2898, 2.031].forEach((c, k) => expect(b.boundaries[k]).toBeCloseTo(c, 3));
    expect(b.spent[4]).toBe(0.05);
    // first look is a plain normal quantile of what it spends
    expect(b.boundaries[0]).toBeCloseTo(normalQuantile(1 - b.spent[0]! / 2), 12);
  });

  it('gives the one-sided bounds of SeqBounds.jl for 4 looks at α = 0.05', () => {
    // bounds([0.25, 0.5, 0.75, 1.0], 0.05): Z = 3.74955, 2.53993, 2.01604, 1.72014 (its README)
    const b = groupSequentialBoundaries([0.25, 0.5, 0.75, 1], { sides: 1 });
    [3.74955, 2.53993, 2.01604, 1.72014].forEach((c, k) => expect(b.boundaries[k]).toBeCloseTo(c, 3));
  });

  it('is the fixed-sample test with one look, and holds α in simulation with five', () => {
    expect(groupSequentialBoundaries([1]).boundaries[0]).toBeCloseTo(1.959963984540054, 12);
    const t = [0.2, 0.4, 0.6, 0.8, 1];
    const b = groupSequentialBoundaries(t);
    const rng = seededRandom(7);
    const runs = 100_000;
    let rejected = 0;
    for (let r = 0; r < runs; r++) {
      let w = 0;
      let prev = 0;
      const z: number[] = [];
      for (const tk of t) {
        w += Math.sqrt(tk - prev) * sampleNormal(rng);
        prev = tk;
        z.push(w / Math.sqrt(tk));
      }
      if (firstCrossing(z, b) !== null) rejected++;
    }
    // 0.05 ± 3 binomial standard errors (0.0021)
    expect(Math.abs(rejected / runs - 0.05)).toBeLessThan(0.0021);
  });
});
