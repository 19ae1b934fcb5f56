/**
 * CUPED (Deng, Xu, Kohavi & Walker, "Improving the Sensitivity of Online Controlled Experiments by
 * Utilizing Pre-Experiment Data", WSDM 2013): with a pre-period covariate X,
 *   Y' = Y − θ (X − X̄),   θ = cov(Y, X) / var(X),
 * estimated over the units of both arms of the comparison, so the adjustment does not depend on
 * the treatment and the lift stays unbiased. Everything works from per-arm sufficient statistics
 * (n, Σy, Σy², Σx, Σx², Σxy), which SQL can aggregate without loading rows.
 */
import { welchDf } from './compare.ts';
import { normalQuantile, normalSf, studentTQuantile, studentTSf } from './distributions.ts';

/**
 * Per-arm sums. Σy² − (Σy)²/n loses digits when |mean| ≫ sd; callers with large raw values should
 * shift y and x by a constant first (every output here is shift-invariant: lifts,
 * variances and θ do not change when y or x move by a constant).
 */
export interface CupedMoments {
  n: number;
  sumY: number;
  sumY2: number;
  sumX: number;
  sumX2: number;
  sumXY: number;
}

export interface CupedResult {
  /** θ = cov(Y, X) / var(X) over both arms; null when X has no variance */
  theta: number | null;
  /** adjusted treatment − control */
  absoluteLift: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  df: number | null;
  pValue: number | null;
  /** 1 − Var(adjusted lift) / Var(raw lift): the share of the lift's variance removed */
  varianceReduction: number | null;
}

const EMPTY: CupedResult = {
  theta: null,
  absoluteLift: null,
  se: null,
  ciLow: null,
  ciHigh: null,
  df: null,
  pValue: null,
  varianceReduction: null,
};

/** Moments of paired arrays (y, x): a convenience for tests and in-memory callers. */
export function cupedMoments(y: ArrayLike<number>, x: ArrayLike<number>): CupedMoments {
  if (y.length !== x.length) throw new RangeError('cupedMoments: y and x differ in length');
  const m = { n: y.length, sumY: 0, sumY2: 0, sumX: 0, sumX2: 0, sumXY: 0 };
  for (let i = 0; i < y.length; i++) {
    const a = y[i]!;
    const b = x[i]!;
    m.sumY += a;
    m.sumY2 += a * a;
    m.sumX += b;
    m.sumX2 += b * b;
    m.sumXY += a * b;
  }
  return m;
}

/** Sample (co)variances with divisor n − 1 from sums; clamped where rounding would go negative. */
function arm(m: CupedMoments) {
  const k = m.n - 1;
  return {
    vY: Math.max(0, (m.sumY2 - (m.sumY * m.sumY) / m.n) / k),
    vX: Math.max(0, (m.sumX2 - (m.sumX * m.sumX) / m.n) / k),
    cXY: (m.sumXY - (m.sumX * m.sumY) / m.n) / k,
    meanY: m.sumY / m.n,
    meanX: m.sumX / m.n,
  };
}

/**
 * CUPED-adjusted comparison of treatment with control.
 *
 * Adjusted lift: Δ' = (ȳ_T − ȳ_C) − θ (x̄_T − x̄_C). Each arm's adjusted per-unit variance is
 * var(Y) − 2θ cov(Y, X) + θ² var(X) within the arm, and the test is the same as the raw one:
 * Welch on those variances (`test: 'welch'`, Welch–Satterthwaite df) or the normal z (`'z'`, for
 * proportions). varianceReduction compares Var(Δ') with the raw Var(ȳ_T − ȳ_C).
 */
export function cuped(
  control: CupedMoments,
  treatment: CupedMoments,
  o: { test?: 'welch' | 'z'; confidence?: number } = {},
): CupedResult {
  const test = o.test ?? 'welch';
  const confidence = o.confidence ?? 0.95;
  if (control.n < 2 || treatment.n < 2) return { ...EMPTY };
  const N = control.n + treatment.n;
  const sX = control.sumX + treatment.sumX;
  const sY = control.sumY + treatment.sumY;
  const varX = (control.sumX2 + treatment.sumX2 - (sX * sX) / N) / (N - 1);
  const covXY = (control.sumXY + treatment.sumXY - (sX * sY) / N) / (N - 1);
  // a covariate without variance carries no information; relative threshold against rounding
  const scaleX = (control.sumX2 + treatment.sumX2) / N;
  if (!(varX > 1e-14 * scaleX) || !(varX > 0)) return { ...EMPTY };
  const theta = covXY / varX;
  const c = arm(control);
  const t = arm(treatment);
  const adj = (a: ReturnType<typeof arm>) => Math.max(0, a.vY - 2 * theta * a.cXY + theta * theta * a.vX);
  const vC = adj(c);
  const vT = adj(t);
  const absoluteLift = t.meanY - c.meanY - theta * (t.meanX - c.meanX);
  const varLift = vC / control.n + vT / treatment.n;
  const rawVar = c.vY / control.n + t.vY / treatment.n;
  const out: CupedResult = { ...EMPTY, theta, absoluteLift };
  if (rawVar > 0) out.varianceReduction = 1 - varLift / rawVar;
  if (!(varLift > 0)) return out;
  const se = Math.sqrt(varLift);
  const upper = 1 - (1 - confidence) / 2;
  const df = test === 'welch' ? welchDf(vC, control.n, vT, treatment.n) : null;
  if (test === 'welch' && df === null) return out;
  const crit = test === 'z' ? normalQuantile(upper) : studentTQuantile(upper, df!);
  const stat = Math.abs(absoluteLift / se);
  out.se = se;
  out.ciLow = absoluteLift - crit * se;
  out.ciHigh = absoluteLift + crit * se;
  out.df = df;
  out.pValue = Math.min(1, 2 * (test === 'z' ? normalSf(stat) : studentTSf(stat, df!)));
  return out;
}
