/**
 * Holdout validation of the BG/NBD model: for each customer, the purchases the calibrated model
 * expects in the holdout period against those that happened, and both averaged per number of repeat
 * purchases in the calibration period (0, 1, …, 7+), as in figure 4 of Fader, Hardie & Lee (2005).
 */
import { conditionalExpectedPurchases, type BgNbdParams, type Rft } from './bgnbd.ts';

export interface HoldoutInput extends Rft {
  customer: string;
  /** Purchase days in the holdout period. */
  holdoutFrequency: number;
}

export interface HoldoutRow {
  customer: string;
  frequency: number;
  predicted: number;
  actual: number;
}

export interface HoldoutBucket {
  /** `0`, `1`, … and `7+` for the last. */
  bucket: string;
  customers: number;
  meanPredicted: number;
  meanActual: number;
}

export interface HoldoutReport {
  /** Length of the holdout period in the summaries' unit. */
  duration: number;
  customers: number;
  totalPredicted: number;
  totalActual: number;
  buckets: HoldoutBucket[];
  rows: HoldoutRow[];
}

/** Predicted against actual holdout purchases; `lastBucket` (default 7) collects all higher counts. */
export function holdoutValidation(
  params: BgNbdParams,
  data: readonly HoldoutInput[],
  duration: number,
  o: { lastBucket?: number } = {},
): HoldoutReport {
  const last = o.lastBucket ?? 7;
  const rows = data.map((d) => ({
    customer: d.customer,
    frequency: d.frequency,
    predicted: conditionalExpectedPurchases(params, d, duration),
    actual: d.holdoutFrequency,
  }));
  const sums = Array.from({ length: last + 1 }, () => ({ n: 0, predicted: 0, actual: 0 }));
  for (const r of rows) {
    const s = sums[Math.min(last, Math.floor(r.frequency))]!;
    s.n++;
    s.predicted += r.predicted;
    s.actual += r.actual;
  }
  return {
    duration,
    customers: rows.length,
    totalPredicted: rows.reduce((s, r) => s + r.predicted, 0),
    totalActual: rows.reduce((s, r) => s + r.actual, 0),
    buckets: sums.map((s, i) => ({
      bucket: i === last ? `${i}+` : String(i),
      customers: s.n,
      meanPredicted: s.n ? s.predicted / s.n : 0,
      meanActual: s.n ? s.actual / s.n : 0,
    })),
    rows,
  };
}
