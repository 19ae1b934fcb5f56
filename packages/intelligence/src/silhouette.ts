/**
 * Silhouette score (Rousseeuw, 1987) and the choice of k by it. For point i with mean distance a(i)
 * to the rest of its own cluster and smallest mean distance b(i) to another cluster,
 * s(i) = (b − a) / max(a, b); points alone in their cluster count 0 (as scikit-learn does).
 * The score is the mean of s(i).
 */
import { kMeans, type KMeansOptions, type KMeansResult } from './kmeans.ts';
import type { Matrix } from './matrix.ts';
import { seededRandom } from './random.ts';

export interface SilhouetteOptions {
  /** Above this many points the score is estimated on a sample of this size (default 3,000). */
  maxExact?: number;
  seed?: number;
}

/** Exact silhouette of the points `idx` among themselves: O(m²·d). */
function exact(m: Matrix, labels: ArrayLike<number>, idx: Int32Array, k: number): number {
  const { d, data } = m;
  const size = new Float64Array(k);
  for (const i of idx) size[labels[i]!]!++;
  const sums = new Float64Array(k);
  let total = 0;
  for (const i of idx) {
    sums.fill(0);
    for (const j of idx) {
      if (i === j) continue;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = data[i * d + t]! - data[j * d + t]!;
        s += diff * diff;
      }
      sums[labels[j]!]! += Math.sqrt(s);
    }
    const own = labels[i]!;
    if (size[own]! <= 1) continue;
    const a = sums[own]! / (size[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && size[c]! > 0) b = Math.min(b, sums[c]! / size[c]!);
    if (b === Infinity) continue;
    total += (b - a) / Math.max(a, b);
  }
  return total / idx.length;
}

/**
 * Mean silhouette. Exact for n ≤ `maxExact`; above it, the exact silhouette of a seeded random
 * sample of `maxExact` points computed among the sample alone (as scikit-learn's `sample_size`).
 * Its standard error is about sd(s)/√sample, i.e. ±0.01 or better at 3,000 points, and the cost
 * stays O(sample²) however many points there are.
 */
export function silhouetteScore(m: Matrix, labels: ArrayLike<number>, o: SilhouetteOptions = {}): number {
  if (labels.length !== m.n) throw new RangeError('one label per point');
  let k = 0;
  for (let i = 0; i < m.n; i++) k = Math.max(k, labels[i]! + 1);
  if (k < 2) throw new RangeError('silhouette needs at least two clusters');
  const limit = o.maxExact ?? 3000;
  let idx: Int32Array;
  if (m.n <= limit) idx = Int32Array.from({ length: m.n }, (_, i) => i);
  else {
    // partial Fisher–Yates: the first `limit` entries are a uniform sample without replacement
    const rand = seededRandom(o.seed ?? 1);
    const all = Int32Array.from({ length: m.n }, (_, i) => i);
    for (let i = 0; i < limit; i++) {
      const j = i + Math.floor(rand() * (m.n - i));
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    idx = all.slice(0, limit);
  }
  return exact(m, labels, idx, k);
}

export interface ChooseKResult {
  k: number;
  best: KMeansResult;
  tried: Array<{ k: number; silhouette: number; inertia: number }>;
}

/**
 * k-means for every k in [kMin, kMax]; the smallest k whose silhouette is within `tolerance` of the
 * highest wins. Scores closer than that are not told apart by the data: a sampled score has a
 * standard error of about 0.01, and k-means restarts land in slightly different optima, so a strict
 * maximum would let a few extra orders flip the number of personas. Parsimony breaks the near-tie,
 * as the one-standard-error rule does for model size.
 */
export function chooseK(
  m: Matrix,
  kMin: number,
  kMax: number,
  o: KMeansOptions & SilhouetteOptions & { tolerance?: number } = {},
): ChooseKResult {
  const tolerance = o.tolerance ?? 0.01;
  if (!(kMin >= 2 && kMax >= kMin)) throw new RangeError('need 2 ≤ kMin ≤ kMax');
  const runs: Array<{ k: number; s: number; res: KMeansResult }> = [];
  const tried: ChooseKResult['tried'] = [];
  for (let k = kMin; k <= Math.min(kMax, m.n - 1); k++) {
    const res = kMeans(m, k, o);
    const s = silhouetteScore(m, res.labels, o);
    tried.push({ k, silhouette: s, inertia: res.inertia });
    runs.push({ k, s, res });
  }
  if (!runs.length) throw new RangeError('too few points for the range of k');
  const top = Math.max(...runs.map((r) => r.s));
  const best = runs.find((r) => r.s >= top - tolerance)!;
  return { k: best.k, best: best.res, tried };
}
