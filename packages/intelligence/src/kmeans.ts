/**
 * k-means (Lloyd's algorithm) with k-means++ seeding (Arthur & Vassilvitskii, 2007). Several seeded
 * restarts; the run with the lowest inertia (sum of squared distances to the assigned centre) wins.
 */
import type { Matrix } from './matrix.ts';
import { seededRandom } from './random.ts';

export interface KMeansOptions {
  seed?: number;
  /** Independent k-means++ starts (default 4). */
  restarts?: number;
  maxIterations?: number;
  /** Stop when no centre moves more than this (squared distance, in the data's units). */
  tolerance?: number;
}

export interface KMeansResult {
  k: number;
  labels: Int32Array;
  /** k rows of d values. */
  centroids: Float64Array;
  inertia: number;
  iterations: number;
}

function sqDist(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const diff = a[i + t]! - b[j + t]!;
    s += diff * diff;
  }
  return s;
}

/** k-means++: each next centre is a point drawn with probability ∝ squared distance to the nearest. */
function seedCentres(m: Matrix, k: number, rand: () => number): Float64Array {
  const { n, d, data } = m;
  const c = new Float64Array(k * d);
  const first = Math.floor(rand() * n);
  c.set(data.subarray(first * d, first * d + d), 0);
  const nearest = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) total += nearest[i] = sqDist(data, i * d, c, 0, d);
  for (let j = 1; j < k; j++) {
    let pick = n - 1;
    let x = rand() * total;
    for (let i = 0; i < n; i++) {
      x -= nearest[i]!;
      if (x < 0) {
        pick = i;
        break;
      }
    }
    c.set(data.subarray(pick * d, pick * d + d), j * d);
    total = 0;
    for (let i = 0; i < n; i++) {
      const dist = sqDist(data, i * d, c, j * d, d);
      if (dist < nearest[i]!) nearest[i] = dist;
      total += nearest[i]!;
    }
  }
  return c;
}

/** Assigns every point to its nearest centre; returns the inertia. The hot loop: no allocation. */
function assign(m: Matrix, k: number, centres: Float64Array, labels: Int32Array, dist: Float64Array): number {
  const { n, d, data } = m;
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const off = i * d;
    let bj = 0;
    let bd = Infinity;
    for (let j = 0; j < k; j++) {
      const c = j * d;
      let s = 0;
      for (let t = 0; t < d && s < bd; t++) {
        const diff = data[off + t]! - centres[c + t]!;
        s += diff * diff;
      }
      if (s < bd) {
        bd = s;
        bj = j;
      }
    }
    labels[i] = bj;
    dist[i] = bd;
    inertia += bd;
  }
  return inertia;
}

function lloyd(m: Matrix, k: number, centres: Float64Array, maxIt: number, tol: number): KMeansResult {
  const { n, d, data } = m;
  const labels = new Int32Array(n);
  const dist = new Float64Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  let it = 0;
  for (; it < maxIt; it++) {
    assign(m, k, centres, labels, dist);
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const j = labels[i]!;
      counts[j]!++;
      for (let t = 0; t < d; t++) sums[j * d + t]! += data[i * d + t]!;
    }
    let moved = 0;
    for (let j = 0; j < k; j++) {
      if (counts[j] === 0) {
        // an empty cluster takes over the point farthest from its centre
        let far = 0;
        for (let i = 1; i < n; i++) if (dist[i]! > dist[far]!) far = i;
        dist[far] = 0;
        for (let t = 0; t < d; t++) sums[j * d + t] = data[far * d + t]!;
        counts[j] = 1;
        moved = Infinity;
      }
      let shift = 0;
      for (let t = 0; t < d; t++) {
        const v = sums[j * d + t]! / counts[j]!;
        shift += (v - centres[j * d + t]!) ** 2;
        centres[j * d + t] = v;
      }
      if (shift > moved) moved = shift;
    }
    if (moved <= tol) break;
  }
  // labels and inertia for the final centres
  const inertia = assign(m, k, centres, labels, dist);
  return { k, labels, centroids: centres, inertia, iterations: Math.min(it + 1, maxIt) };
}

export function kMeans(m: Matrix, k: number, o: KMeansOptions = {}): KMeansResult {
  if (!(k >= 1 && k <= m.n)) throw new RangeError(`k must be between 1 and the number of points (${m.n})`);
  const rand = seededRandom(o.seed ?? 1);
  let best: KMeansResult | null = null;
  for (let r = 0; r < (o.restarts ?? 4); r++) {
    const res = lloyd(m, k, seedCentres(m, k, rand), o.maxIterations ?? 300, o.tolerance ?? 1e-10);
    if (!best || res.inertia < best.inertia) best = res;
  }
  return best!;
}
