/**
 * Two-arm comparisons of a treatment with its control: Welch's t-test for means and the unpooled
 * z-test for proportions, with the absolute lift, its CI, and the relative lift whose CI comes from
 * the delta method. Undefined statistics (an empty arm, n < 2, zero variance, a control mean of 0
 * for the relative lift) are `null`, never NaN.
 */
import { normalQuantile, normalSf, studentTQuantile, studentTSf } from './distributions.ts';

/** Per-arm summary of a metric: units, mean, per-unit sample variance (divisor n − 1). */
export interface MeanSummary {
  n: number;
  /** null for an empty arm */
  mean: number | null;
  /** sample variance with divisor n − 1; null when n < 2 */
  variance: number | null;
}

export interface ProportionSummary {
  n: number;
  successes: number;
}

export interface ComparisonResult {
  test: 'welch' | 'z';
  /** treatment mean − control mean */
  absoluteLift: number | null;
  /** (treatment − control) / control */
  relativeLift: number | null;
  /** standard error of the absolute lift */
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** t (Welch) or z statistic */
  statistic: number | null;
  /** Welch–Satterthwaite degrees of freedom; null for the z-test */
  df: number | null;
  pValue: number | null;
  relativeCiLow: number | null;
  relativeCiHigh: number | null;
}

export interface CompareOptions {
  /** confidence level of the intervals, default 0.95 */
  confidence?: number;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

function confidenceOf(o: CompareOptions | undefined): number {
  const c = o?.confidence ?? 0.95;
  if (!(c > 0 && c < 1)) throw new RangeError(`confidence must be in (0, 1), got ${c}`);
  return c;
}

/**
 * Shared tail of both tests: given the lift, its standard error and the critical value, fill in
 * the CI, the two-sided p-value and the relative lift with its delta-method CI.
 *
 * Delta method for r = m_T / m_C − 1 with independent arms:
 *   Var(r) ≈ Var(m_T) / m_C² + m_T² · Var(m_C) / m_C⁴.
 * The same critical value as the absolute CI is used, so both intervals share one coverage claim.
 */
function finish(
  test: 'welch' | 'z',
  mC: number,
  mT: number,
  varMeanC: number | null,
  varMeanT: number | null,
  df: number | null,
  confidence: number,
): ComparisonResult {
  const absoluteLift = mT - mC;
  const relativeLift = mC !== 0 ? absoluteLift / mC : null;
  const out: ComparisonResult = {
    test,
    absoluteLift,
    relativeLift,
    se: null,
    ciLow: null,
    ciHigh: null,
    statistic: null,
    df: null,
    pValue: null,
    relativeCiLow: null,
    relativeCiHigh: null,
  };
  if (varMeanC === null || varMeanT === null) return out;
  const se = Math.sqrt(varMeanC + varMeanT);
  // zero variance in both arms: no sampling error to speak of, so no interval or test
  if (!(se > 0) || !Number.isFinite(se)) return out;
  const upper = 1 - (1 - confidence) / 2;
  const crit = test === 'z' ? normalQuantile(upper) : df === null ? null : studentTQuantile(upper, df);
  if (crit === null) return out;
  const statistic = absoluteLift / se;
  const tail = test === 'z' ? normalSf(Math.abs(statistic)) : studentTSf(Math.abs(statistic), df!);
  out.se = se;
  out.ciLow = absoluteLift - crit * se;
  out.ciHigh = absoluteLift + crit * se;
  out.statistic = statistic;
  out.df = test === 'z' ? null : df;
  out.pValue = Math.min(1, 2 * tail);
  if (relativeLift !== null) {
    const seRel = Math.sqrt(varMeanT / (mC * mC) + (mT * mT * varMeanC) / mC ** 4);
    out.relativeCiLow = finite(relativeLift - crit * seRel);
    out.relativeCiHigh = finite(relativeLift + crit * seRel);
  }
  return out;
}

/** Welch–Satterthwaite degrees of freedom of the difference of two means. */
export function welchDf(vC: number, nC: number, vT: number, nT: number): number | null {
  const a = vC / nC;
  const b = vT / nT;
  const den = (a * a) / (nC - 1) + (b * b) / (nT - 1);
  if (!(den > 0)) return null;
  return ((a + b) * (a + b)) / den;
}

const emptyResult = (test: 'welch' | 'z'): ComparisonResult => ({
  test,
  absoluteLift: null,
  relativeLift: null,
  se: null,
  ciLow: null,
  ciHigh: null,
  statistic: null,
  df: null,
  pValue: null,
  relativeCiLow: null,
  relativeCiHigh: null,
});

/**
 * Welch's unequal-variance t-test of treatment − control (Welch 1947), as R's `t.test(var.equal =
 * FALSE)`: t = Δ / √(s²_T/n_T + s²_C/n_C) on Welch–Satterthwaite df; CI Δ ± t_{df, 1−α/2} · se.
 */
export function welchTest(
  control: MeanSummary,
  treatment: MeanSummary,
  o?: CompareOptions,
): ComparisonResult {
  const confidence = confidenceOf(o);
  if (control.n < 1 || treatment.n < 1 || control.mean === null || treatment.mean === null)
    return emptyResult('welch');
  const ok = control.n >= 2 && treatment.n >= 2 && control.variance !== null && treatment.variance !== null;
  const vC = ok ? Math.max(0, control.variance!) : 0;
  const vT = ok ? Math.max(0, treatment.variance!) : 0;
  const df = ok ? welchDf(vC, control.n, vT, treatment.n) : null;
  return finish(
    'welch',
    control.mean,
    treatment.mean,
    ok ? vC / control.n : null,
    ok ? vT / treatment.n : null,
    df,
    confidence,
  );
}

/**
 * Unpooled two-proportion z-test: z = (p_T − p_C) / √(p_T(1−p_T)/n_T + p_C(1−p_C)/n_C), the same
 * standard error as the Wald CI, so test and interval agree (a pooled test could disagree with
 * its own interval). Both arms at 0 % or both at 100 % leave no variance: CI and p are null.
 */
export function proportionTest(
  control: ProportionSummary,
  treatment: ProportionSummary,
  o?: CompareOptions,
): ComparisonResult {
  const confidence = confidenceOf(o);
  if (control.n < 1 || treatment.n < 1) return emptyResult('z');
  for (const a of [control, treatment])
    if (a.successes < 0 || a.successes > a.n)
      throw new RangeError(`successes must be in [0, n] (got ${a.successes} of ${a.n})`);
  const pC = control.successes / control.n;
  const pT = treatment.successes / treatment.n;
  return finish('z', pC, pT, (pC * (1 - pC)) / control.n, (pT * (1 - pT)) / treatment.n, null, confidence);
}

/** Mean and sample variance (n − 1) of a list, two-pass for accuracy; variance null when n < 2. */
export function summarize(values: ArrayLike<number>): MeanSummary {
  const n = values.length;
  if (n === 0) return { n: 0, mean: null, variance: null };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  if (n < 2) return { n, mean, variance: null };
  let ss = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    ss += d * d;
    comp += d;
  }
  // corrected two-pass (Chan, Golub & LeVeque 1983): removes the rounding left in the mean
  return { n, mean, variance: Math.max(0, (ss - (comp * comp) / n) / (n - 1)) };
}
