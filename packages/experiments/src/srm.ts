/**
 * Sample-ratio mismatch: if the units per arm do not match the configured split, assignment or
 * logging is broken and no lift can be trusted. Pearson's χ² goodness of fit with k − 1 df, flagged
 * at p < 0.001 by default (a strict threshold: this check runs on every experiment at every look,
 * and a false alarm blocks reading the results).
 */
import { chiSquareSf } from './distributions.ts';

export interface SrmResult {
  chi2: number | null;
  df: number;
  pValue: number | null;
  /** expected units per arm under the configured split */
  expected: number[];
  /** true when pValue < threshold */
  mismatch: boolean;
}

/**
 * `counts[i]` units observed in arm i, `weights[i]` its configured share (any positive scale,
 * normalised here; equal when omitted). With no units at all, or a single arm, there is nothing to
 * test: chi2 and pValue are null.
 */
export function sampleRatioMismatch(
  counts: readonly number[],
  weights?: readonly number[],
  o: { threshold?: number } = {},
): SrmResult {
  const k = counts.length;
  const threshold = o.threshold ?? 0.001;
  const w = weights ?? counts.map(() => 1);
  if (w.length !== k) throw new RangeError(`srm: ${k} counts but ${w.length} weights`);
  if (w.some((x) => !(x > 0) || !Number.isFinite(x))) throw new RangeError('srm: weights must be positive');
  for (const c of counts) if (!(c >= 0)) throw new RangeError('srm: counts must be ≥ 0');
  const total = counts.reduce((s, c) => s + c, 0);
  const wSum = w.reduce((s, x) => s + x, 0);
  const expected = w.map((x) => (total * x) / wSum);
  if (k < 2 || total === 0)
    return { chi2: null, df: Math.max(0, k - 1), pValue: null, expected, mismatch: false };
  let chi2 = 0;
  for (let i = 0; i < k; i++) {
    const d = counts[i]! - expected[i]!;
    chi2 += (d * d) / expected[i]!;
  }
  const pValue = chiSquareSf(chi2, k - 1);
  return { chi2, df: k - 1, pValue, expected, mismatch: pValue < threshold };
}
