/** The JSON shapes `linli experiments analyze|factorial --json` print, in their key order. */

/** CUPED-adjusted comparison; `theta` (the adjustment slope) is an addition to the documented keys. */
export interface CupedOut {
  absoluteLift: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  varianceReduction: number | null;
  theta: number | null;
}

/**
 * One treatment × metric. The documented keys come first in their order; `chanceToBeatControl` only
 * for 0/1 metrics, `cuped` only with --covariate; the relative lift's delta-method CI and (for 0/1
 * metrics) the expected loss of shipping the variant are additions at the end.
 */
export interface ComparisonOut {
  variant: string;
  control: string;
  metric: string;
  test: 'z' | 'welch';
  absoluteLift: number | null;
  relativeLift: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  pValueHolm: number | null;
  chanceToBeatControl?: number | null;
  cuped?: CupedOut;
  relativeCiLow: number | null;
  relativeCiHigh: number | null;
  expectedLoss?: number | null;
}

export interface Analysis {
  /** χ² goodness of fit of the units per arm against the configured split; mismatch when p < 0.001 */
  srm: { chi2: number | null; pValue: number | null; mismatch: boolean };
  variants: Array<{
    variant: string;
    n: number;
    /** per metric: mean, per-unit sample variance (n − 1) and the units with a value (after skipping missing cells) */
    metrics: Record<string, { mean: number | null; variance: number | null; n: number }>;
  }>;
  comparisons: ComparisonOut[];
  warnings: string[];
}

export interface FactorialOut {
  intercept: { estimate: number; se: number | null };
  effects: Array<{
    factor: string;
    level: string;
    estimate: number;
    se: number | null;
    pValue: number | null;
    ciLow: number | null;
    ciHigh: number | null;
  }>;
  /** factor → level of the best predicted combination, then predicted, se, ciLow, ciHigh */
  best: Record<string, string | number | null>;
  n: number;
  warnings: string[];
}
