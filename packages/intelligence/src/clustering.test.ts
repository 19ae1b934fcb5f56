import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from './ari.ts';
import { kMeans } from './kmeans.ts';
import { matrix, standardize } from './matrix.ts';
import { seededRandom } from './random.ts';
import { chooseK, silhouetteScore } from './silhouette.ts';

describe('adjustedRandIndex', () => {
  it('is 1 for identical partitions, whatever the names', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2], [0, 0, 1, 1, 2])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1], ['b', 'b', 'a', 'a'])).toBe(1);
  });
  it('matches hand-computed values', () => {
    // contingency {2,1,1}: Σ C(nij,2) = 1, rows 1+1 = 2, columns 1, C(4,2) = 6 → (1 − 1/3)/(3/2 − 1/3) = 4/7
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 12);
    // every pair split differently: (0 − 1/3)/(1 − 1/3) = −1/2
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
    // one cluster against all singletons: 0
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
  });
  it('matches the example in scikit-learn’s documentation', () => {
    // Σ C(nij,2) = 2, rows 3 + 3 = 6, columns 1 + 1 + 1 = 3, C(6,2) = 15 → (2 − 1.2)/(4.5 − 1.2) = 8/33
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(8 / 33, 12);
  });
});

describe('silhouetteScore', () => {
  it('matches a hand computation on four points', () => {
    // 0 and 1 vs 4 and 5: s = 1 − 1/4.5 and 1 − 1/3.5, twice each
    const m = matrix([[0], [1], [4], [5]]);
    const want = (1 - 1 / 4.5 + (1 - 1 / 3.5)) / 2;
    expect(silhouetteScore(m, [0, 0, 1, 1])).toBeCloseTo(want, 12);
  });
  it('counts a point alone in its cluster as 0', () => {
    // 0: a = 1, b = 10 → 9/10; 1: a = 1, b = 9 → 8/9; 10 alone → 0
    expect(silhouetteScore(matrix([[0], [1], [10]]), [0, 0, 1])).toBeCloseTo((9 / 10 + 8 / 9) / 3, 12);
  });
});

/** n points around each centre with standard deviation sd, labelled by centre. */
function blobs(centres: number[][], n: number, sd: number, seed: number) {
  const rand = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const rows: number[][] = [];
  const truth: number[] = [];
  centres.forEach((c, j) => {
    for (let i = 0; i < n; i++) {
      rows.push(c.map((v) => v + sd * gauss()));
      truth.push(j);
    }
  });
  return { m: matrix(rows), truth };
}

describe('kMeans', () => {
  const centres = [
    [0, 0, 0],
    [10, 0, 0],
    [0, 10, 0],
    [0, 0, 10],
  ];
  const { m, truth } = blobs(centres, 150, 1, 7);

  it('recovers well-separated clusters exactly', () => {
    const r = kMeans(standardize(m).matrix, 4, { seed: 3 });
    expect(adjustedRandIndex(r.labels, truth)).toBe(1);
    expect(r.centroids).toHaveLength(12);
  });

  it('is deterministic for a seed and keeps the lowest inertia over restarts', () => {
    const a = kMeans(m, 4, { seed: 11, restarts: 1 });
    const b = kMeans(m, 4, { seed: 11, restarts: 1 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(kMeans(m, 4, { seed: 11, restarts: 5 }).inertia).toBeLessThanOrEqual(a.inertia);
  });

  it('chooses k = 4 by silhouette', () => {
    const r = chooseK(standardize(m).matrix, 2, 6, { seed: 5 });
    expect(r.k).toBe(4);
    expect(r.tried.map((t) => t.k)).toEqual([2, 3, 4, 5, 6]);
    // within the tolerance the smaller k wins: with a tolerance wider than every gap, the smallest
    const best = Math.max(...r.tried.map((t) => t.silhouette));
    expect(r.tried.find((t) => t.k === 4)!.silhouette).toBe(best);
    expect(chooseK(standardize(m).matrix, 2, 6, { seed: 5, tolerance: 1 }).k).toBe(2);
    const gap = best - r.tried.find((t) => t.k === 3)!.silhouette;
    expect(chooseK(standardize(m).matrix, 2, 6, { seed: 5, tolerance: gap + 1e-9 }).k).toBeLessThanOrEqual(3);
  });

  it('estimates the silhouette of many points from a sample', () => {
    const big = blobs(centres, 2000, 1, 9);
    const exact = silhouetteScore(big.m, big.truth, { maxExact: 10_000 });
    const sampled = silhouetteScore(big.m, big.truth, { maxExact: 1000, seed: 2 });
    expect(Math.abs(sampled - exact)).toBeLessThan(0.02);
  });
});

describe('standardize', () => {
  it('gives mean 0 and standard deviation 1 per column (constant columns become 0)', () => {
    const s = standardize(
      matrix([
        [1, 5],
        [3, 5],
        [5, 5],
      ]),
    );
    expect(s.mean).toEqual([3, 5]);
    expect(Array.from(s.matrix.data).map((v) => +v.toFixed(6))).toEqual([-1.224745, 0, 0, 0, 1.224745, 0]);
  });
});
