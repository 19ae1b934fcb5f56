/**
 * Factorial analysis (title × cover × CTA …): OLS of the metric on treatment-coded dummies of each
 * factor — additive main effects, reference level = first level in sorted (code-point) order —
 * with heteroskedasticity-robust HC1 standard errors (MacKinnon & White 1985; Stata's `robust`),
 * because a 0/1 conversion metric is heteroskedastic by construction. Main effects need far fewer
 * units than every combination: 28 + 15 + 9 levels are 50 parameters, not 3,780 cells.
 */
import { studentTQuantile, studentTSf } from './distributions.ts';
import { SingularMatrixError, cholesky, inverseFromCholesky, multiply } from './linalg.ts';

export interface FactorColumn {
  name: string;
  /** the level of each unit, aligned with `y` */
  values: readonly string[];
}

export interface FactorialEffect {
  factor: string;
  level: string;
  /** difference from the factor's reference level, the other factors held fixed */
  estimate: number;
  se: number | null;
  t: number | null;
  pValue: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

export interface FactorialResult {
  n: number;
  /** columns of the design: intercept + Σ (levels − 1) */
  parameters: number;
  /** residual degrees of freedom n − parameters, used for the t-based p-values */
  df: number;
  intercept: { estimate: number; se: number | null };
  /** levels of each factor in sorted order; the first is the reference */
  levels: Record<string, string[]>;
  effects: FactorialEffect[];
  /** the combination with the highest predicted metric under the additive model */
  best: {
    levels: Record<string, string>;
    predicted: number;
    se: number | null;
    ciLow: number | null;
    ciHigh: number | null;
  };
}

/** A design whose columns are linearly dependent: two factors confounded, or too few units. */
export class ConfoundedDesignError extends Error {
  readonly factor: string | null;
  readonly level: string | null;
  constructor(factor: string | null, level: string | null) {
    super(
      factor === null
        ? 'the design has no variation to estimate an intercept from'
        : `level "${level}" of factor "${factor}" is confounded with the other columns (a linear combination of them): the design cannot separate its effect`,
    );
    this.name = 'ConfoundedDesignError';
    this.factor = factor;
    this.level = level;
  }
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A cell of units that share one level of every factor, summarised: how many, the sum of the metric
 * and the sum of squared deviations from the cell's own mean. Sufficient for the fit and its HC1
 * covariance, because Σ_{i∈c} (y_i − ŷ_c)² = ss_c + n_c (ȳ_c − ŷ_c)² when every unit of a cell has
 * the same fitted value ŷ_c — which is what lets a database aggregate the units instead of shipping them.
 */
export interface FactorialCell {
  /** one level per factor, in the order of the factor names */
  levels: readonly string[];
  n: number;
  sum: number;
  /** Σ (y − ȳ_cell)² over the cell's units (0 for a single unit) */
  ss: number;
}

/**
 * Fits y = β0 + Σ_f Σ_{l ≠ ref_f} β_{f,l} · 1[level_f = l] + ε by least squares and returns every
 * effect with its HC1 standard error:
 *   V = n/(n − k) · (XᵀX)⁻¹ (Σ e_i² x_i x_iᵀ) (XᵀX)⁻¹,
 * t-based two-sided p-values on n − k df, and the best predicted combination (each factor at its
 * level with the largest effect, 0 for the reference) with its interval from cᵀVc.
 */
export function factorialOls(
  factors: readonly FactorColumn[],
  y: ArrayLike<number>,
  o: { confidence?: number } = {},
): FactorialResult {
  const n = y.length;
  for (const f of factors)
    if (f.values.length !== n)
      throw new RangeError(`factor ${f.name}: ${f.values.length} values for ${n} units`);
  // each unit is a cell of one: n = 1, sum = y, ss = 0 gives exactly the unit-level arithmetic
  const cells: FactorialCell[] = new Array(n);
  for (let i = 0; i < n; i++)
    cells[i] = { levels: factors.map((f) => f.values[i]!), n: 1, sum: y[i]!, ss: 0 };
  return factorialOlsCells(
    factors.map((f) => f.name),
    cells,
    o,
  );
}

/** The same fit from cell summaries (see FactorialCell); cells with n = 0 are ignored. */
export function factorialOlsCells(
  factorNames: readonly string[],
  allCells: readonly FactorialCell[],
  o: { confidence?: number } = {},
): FactorialResult {
  const confidence = o.confidence ?? 0.95;
  const F = factorNames.length;
  const cells = allCells.filter((c) => c.n > 0);
  for (const c of cells) {
    if (c.levels.length !== F) throw new RangeError(`a cell has ${c.levels.length} levels for ${F} factors`);
    if (!(c.ss >= 0) || !Number.isFinite(c.sum)) throw new RangeError('cell sums must be finite, ss ≥ 0');
  }
  const n = cells.reduce((s, c) => s + c.n, 0);
  const levels: Record<string, string[]> = {};
  const colOf: Array<Map<string, number>> = [];
  const names: Array<{ factor: string; level: string }> = [];
  let p = 1;
  factorNames.forEach((name, f) => {
    const lv = [...new Set(cells.map((c) => c.levels[f]!))].sort(byCodePoint);
    levels[name] = lv;
    const map = new Map<string, number>();
    for (const l of lv.slice(1)) {
      map.set(l, p++);
      names.push({ factor: name, level: l });
    }
    colOf.push(map);
  });
  // each cell's active columns (intercept + at most one per factor): X is sparse and 0/1
  const m = cells.length;
  const active = new Int32Array(m * (F + 1)).fill(-1);
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let i = 0; i < m; i++) {
    const cell = cells[i]!;
    const row = i * (F + 1);
    active[row] = 0;
    for (let f = 0; f < F; f++) active[row + f + 1] = colOf[f]!.get(cell.levels[f]!) ?? -1;
    for (let a = 0; a <= F; a++) {
      const ca = active[row + a]!;
      if (ca < 0) continue;
      xty[ca]! += cell.sum;
      for (let b = 0; b <= F; b++) {
        const cb = active[row + b]!;
        if (cb >= 0) xtx[ca * p + cb]! += cell.n;
      }
    }
  }
  let inv: Float64Array;
  try {
    inv = inverseFromCholesky(cholesky(xtx, p), p);
  } catch (e) {
    if (e instanceof SingularMatrixError) {
      const c = names[e.column - 1];
      throw new ConfoundedDesignError(c?.factor ?? null, c?.level ?? null);
    }
    throw e;
  }
  const beta = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += inv[i * p + j]! * xty[j]!;
    beta[i] = s;
  }
  const meat = new Float64Array(p * p);
  for (let i = 0; i < m; i++) {
    const cell = cells[i]!;
    const row = i * (F + 1);
    let fit = 0;
    for (let a = 0; a <= F; a++) {
      const ca = active[row + a]!;
      if (ca >= 0) fit += beta[ca]!;
    }
    const e2 = cell.ss + cell.n * (cell.sum / cell.n - fit) ** 2;
    for (let a = 0; a <= F; a++) {
      const ca = active[row + a]!;
      if (ca < 0) continue;
      for (let b = 0; b <= F; b++) {
        const cb = active[row + b]!;
        if (cb >= 0) meat[ca * p + cb]! += e2;
      }
    }
  }
  const df = n - p;
  const cov = df > 0 ? multiply(multiply(inv, meat, p), inv, p).map((v) => (v * n) / df) : null;
  const crit = df > 0 ? studentTQuantile(1 - (1 - confidence) / 2, df) : null;
  const seOf = (v: number) => (v > 0 && Number.isFinite(v) ? Math.sqrt(v) : null);
  const effects: FactorialEffect[] = names.map((nm, k) => {
    const j = k + 1;
    const estimate = beta[j]!;
    const se = cov ? seOf(cov[j * p + j]!) : null;
    const t = se === null ? null : estimate / se;
    return {
      factor: nm.factor,
      level: nm.level,
      estimate,
      se,
      t,
      pValue: t === null ? null : Math.min(1, 2 * studentTSf(Math.abs(t), df)),
      ciLow: se === null || crit === null ? null : estimate - crit * se,
      ciHigh: se === null || crit === null ? null : estimate + crit * se,
    };
  });
  // best combination: per factor the level with the largest effect (reference = 0; ties keep the
  // earlier level), predicted = β0 + Σ chosen effects, variance cᵀVc over the chosen columns
  const bestLevels: Record<string, string> = {};
  const chosen = [0];
  let predicted = beta[0]!;
  factorNames.forEach((name, fi) => {
    let level = levels[name]![0]!;
    let value = 0;
    for (const [l, col] of colOf[fi]!)
      if (beta[col]! > value) {
        value = beta[col]!;
        level = l;
      }
    bestLevels[name] = level;
    predicted += value;
    const col = colOf[fi]!.get(level);
    if (col !== undefined) chosen.push(col);
  });
  let v = 0;
  if (cov) for (const a of chosen) for (const b of chosen) v += cov[a * p + b]!;
  const se = cov ? seOf(v) : null;
  return {
    n,
    parameters: p,
    df,
    intercept: { estimate: beta[0]!, se: cov ? seOf(cov[0]!) : null },
    levels,
    effects,
    best: {
      levels: bestLevels,
      predicted,
      se,
      ciLow: se === null || crit === null ? null : predicted - crit * se,
      ciHigh: se === null || crit === null ? null : predicted + crit * se,
    },
  };
}
