/**
 * Sequential tests that stay valid when results are read every day. Two approaches:
 *
 * - mSPRT (mixture sequential probability ratio test; Johari, Koomen, Pekelis & Walsh, "Peeking at
 *   A/B Tests", KDD 2017 / "Always Valid Inference", Operations Research 2022): an always-valid
 *   p-value that may be checked after every unit, no schedule needed.
 * - Group-sequential boundaries with Lan–DeMets O'Brien–Fleming-type alpha spending (Lan & DeMets,
 *   Biometrika 1983): a fixed number of looks at known information fractions, more power at the
 *   final look than the mSPRT, and the boundary the console draws.
 */
import { normalCdf, normalQuantile, normalSf } from './distributions.ts';

/**
 * Mixture likelihood ratio of H1: Δ ~ N(θ0, τ²) against H0: Δ = θ0 for an estimate Δ̂ with
 * variance V (V = σ²_C/n_C + σ²_T/n_T for a difference of means):
 *   Λ = √(V / (V + τ²)) · exp(τ² (Δ̂ − θ0)² / (2 V (V + τ²)))
 * (with V = 2σ²/n this is the paper's n²τ²(Δ̂−θ0)² / (4σ²(2σ² + nτ²)) exponent). τ² is the prior
 * spread of plausible effects; the squared minimum effect of interest is a sound default.
 */
export function msprtLambda(o: {
  estimate: number;
  variance: number;
  tau2: number;
  theta0?: number;
}): number | null {
  const { estimate, variance: V, tau2 } = o;
  if (!(tau2 > 0)) throw new RangeError(`mSPRT: tau2 must be > 0, got ${tau2}`);
  if (!(V > 0) || !Number.isFinite(V) || !Number.isFinite(estimate)) return null;
  const d = estimate - (o.theta0 ?? 0);
  return Math.sqrt(V / (V + tau2)) * Math.exp((tau2 * d * d) / (2 * V * (V + tau2)));
}

export interface MsprtLook {
  estimate: number;
  variance: number;
}

export interface MsprtResult {
  /** always-valid p-value after each look: p_n = min(p_{n−1}, 1/Λ_n) */
  pValues: number[];
  /** always-valid confidence sequence, intersected over looks (null before a defined look) */
  ciLow: (number | null)[];
  ciHigh: (number | null)[];
  /** first look with p < alpha, or null */
  rejectAt: number | null;
}

/**
 * Runs the mSPRT over a sequence of looks. The confidence sequence at a look is
 * { θ : Λ(θ) < 1/α }, i.e. Δ̂ ± √(2V(V + τ²)/τ² · (ln(1/α) + ½ ln((V + τ²)/V))), intersected with
 * the earlier ones; it covers the true lift at every look simultaneously with probability 1 − α.
 */
export function msprt(
  looks: readonly MsprtLook[],
  o: { tau2: number; alpha?: number; theta0?: number },
): MsprtResult {
  const alpha = o.alpha ?? 0.05;
  const theta0 = o.theta0 ?? 0;
  let p = 1;
  let lo = -Infinity;
  let hi = Infinity;
  const res: MsprtResult = { pValues: [], ciLow: [], ciHigh: [], rejectAt: null };
  looks.forEach((look, i) => {
    const lambda = msprtLambda({ ...look, tau2: o.tau2, theta0 });
    if (lambda !== null) {
      p = Math.min(p, 1 / lambda);
      const V = look.variance;
      const half = Math.sqrt(
        ((2 * V * (V + o.tau2)) / o.tau2) * (Math.log(1 / alpha) + 0.5 * Math.log((V + o.tau2) / V)),
      );
      lo = Math.max(lo, look.estimate - half);
      hi = Math.min(hi, look.estimate + half);
    }
    res.pValues.push(p);
    res.ciLow.push(Number.isFinite(lo) ? lo : null);
    res.ciHigh.push(Number.isFinite(hi) ? hi : null);
    if (res.rejectAt === null && p < alpha) res.rejectAt = i;
  });
  return res;
}

/**
 * Lan–DeMets spending function approximating O'Brien–Fleming: α(t) = 2 − 2Φ(z_{1−α/2} / √t), the
 * form of gsDesign's `sfLDOF` (α one-sided). It spends almost nothing early and α at t = 1.
 */
export function obrienFlemingSpending(t: number, alpha: number): number {
  if (t <= 0) return 0;
  if (t >= 1) return alpha;
  return 2 * normalSf(normalQuantile(1 - alpha / 2) / Math.sqrt(t));
}

export interface GroupSequentialBounds {
  fractions: number[];
  /** z boundary at each look: stop when |z| ≥ boundary (two-sided) or z ≥ boundary (one-sided) */
  boundaries: number[];
  /** cumulative type-I error spent by each look */
  spent: number[];
  /** nominal two-sided (or one-sided) p-value threshold equivalent to each boundary */
  nominalP: number[];
}

/** Simpson weights on m (odd) equally spaced points over [a, b]. */
function simpson(a: number, b: number, m: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(m);
  const w = new Float64Array(m);
  const h = (b - a) / (m - 1);
  for (let i = 0; i < m; i++) {
    x[i] = a + i * h;
    w[i] = ((i === 0 || i === m - 1 ? 1 : i % 2 ? 4 : 2) * h) / 3;
  }
  return { x, w };
}

/** Solves f(c) = target for decreasing f on [0, 40] by bisection (the crossing probability falls with c). */
function solveBoundary(f: (c: number) => number, target: number): number {
  let lo = 0;
  let hi = 40;
  for (let i = 0; i < 100 && hi - lo > 1e-10; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Boundaries for looks at information fractions 0 < t_1 < … < t_K = 1 (K ≥ 1) with O'Brien–Fleming
 * spending. Two-sided (default) spends α/2 per side with the one-sided function, as gsDesign's
 * symmetric designs and `ldbounds` do. Crossing probabilities come from the recursive numerical
 * integration of Armitage, McPherson & Rowe (1969): the score S_k = Z_k √t_k is Brownian motion
 * under H0, so the sub-density of paths still running at look k is the previous one convolved with
 * N(0, t_k − t_{k−1}) and cut at the boundary; Simpson's rule on `gridPoints` nodes.
 */
export function groupSequentialBoundaries(
  fractions: readonly number[],
  o: { alpha?: number; sides?: 1 | 2; gridPoints?: number } = {},
): GroupSequentialBounds {
  const alpha = o.alpha ?? 0.05;
  const sides = o.sides ?? 2;
  const m = (o.gridPoints ?? 401) | 1;
  if (!fractions.length) throw new RangeError('groupSequentialBoundaries: no looks');
  fractions.forEach((t, i) => {
    if (!(t > 0 && t <= 1) || (i > 0 && !(t > fractions[i - 1]!)))
      throw new RangeError('fractions must increase within (0, 1]');
  });
  const spend = (t: number) =>
    sides === 2 ? 2 * obrienFlemingSpending(t, alpha / 2) : obrienFlemingSpending(t, alpha);
  const out: GroupSequentialBounds = { fractions: [...fractions], boundaries: [], spent: [], nominalP: [] };
  let grid: { x: Float64Array; w: Float64Array } | null = null;
  let density: Float64Array | null = null;
  let prevT = 0;
  let spentBefore = 0;
  for (const t of fractions) {
    const target = spend(t) - spentBefore;
    const sd = Math.sqrt(t - prevT);
    let c: number;
    if (!grid || !density) {
      c = sides === 2 ? normalQuantile(1 - target / 2) : normalQuantile(1 - target);
    } else {
      const g = grid;
      const dens = density;
      const cross = (cc: number) => {
        const up = cc * Math.sqrt(t);
        let p = 0;
        for (let j = 0; j < m; j++) {
          const u = g.x[j]!;
          let q = normalSf((up - u) / sd);
          if (sides === 2) q += normalCdf((-up - u) / sd);
          p += g.w[j]! * dens[j]! * q;
        }
        return p;
      };
      c = target > 0 ? solveBoundary(cross, target) : 40;
    }
    out.boundaries.push(c);
    spentBefore = spend(t);
    out.spent.push(spentBefore);
    out.nominalP.push(sides === 2 ? 2 * normalSf(c) : normalSf(c));
    // density of paths still running after this look, on a grid over the continuation region
    // (cut at 9 sd of S, beyond which no mass is left to matter)
    const reach = 9 * Math.sqrt(t);
    const hi = Math.min(c * Math.sqrt(t), reach);
    const lo = sides === 2 ? -hi : -reach;
    const next = simpson(lo, hi, m);
    const nd = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const s = next.x[i]!;
      if (!grid || !density) {
        nd[i] = Math.exp((-0.5 * s * s) / t) / Math.sqrt(2 * Math.PI * t);
        continue;
      }
      let v = 0;
      for (let j = 0; j < m; j++) {
        const z = (s - grid.x[j]!) / sd;
        v += grid.w[j]! * density[j]! * Math.exp(-0.5 * z * z);
      }
      nd[i] = v / (sd * Math.sqrt(2 * Math.PI));
    }
    grid = next;
    density = nd;
    prevT = t;
  }
  return out;
}

/** The first look whose |z| (or z, one-sided) reaches its boundary, or null: where a test may stop. */
export function firstCrossing(
  z: readonly number[],
  bounds: GroupSequentialBounds,
  sides: 1 | 2 = 2,
): number | null {
  for (let k = 0; k < z.length && k < bounds.boundaries.length; k++) {
    const v = sides === 2 ? Math.abs(z[k]!) : z[k]!;
    if (v >= bounds.boundaries[k]!) return k;
  }
  return null;
}
