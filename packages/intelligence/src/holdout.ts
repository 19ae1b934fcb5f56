/**
 * Holdout validation of the BG/NBD model: for each customer, the purchases the calibrated model
 * expects in the holdout period against those that happened, and both averaged per number of repeat
 * purchases in the calibration period (0, 1, …, 7+), as in figure 4 of Fader, Hardie & Lee (2005).
 */
import {
  conditionalExpectedPurchases,
  expectedPurchasesNewCustomer,
  type BgNbdParams,
  type Rft,
} from './bgnbd.ts';
import type { PurchaseLog } from './summary.ts';

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

export interface CumulativePoint {
  /** weeks since the first purchase of the cohort */
  week: number;
  predicted: number;
  actual: number;
}

/**
 * Cumulative repeat purchase days of the calibration cohort (customers whose first purchase is on
 * or before the calibration end), week by week to the holdout end: what happened against what the
 * model expects of customers that new (E[X(t)] from each one's first purchase, figure 2 of Fader,
 * Hardie & Lee 2005). Days are whole days since 1970-01-01; the model's unit is weeks.
 */
export function cumulativeRepeatPurchases(
  params: BgNbdParams,
  log: PurchaseLog,
  calibrationEnd: number,
  holdoutEnd: number,
): CumulativePoint[] {
  const firsts = new Map<number, number>();
  const repeats: number[] = [];
  let start = Infinity;
  for (const days of log.values()) {
    const sorted = [...days.keys()].sort((a, b) => a - b);
    const first = sorted[0];
    if (first === undefined || first > calibrationEnd) continue;
    firsts.set(first, (firsts.get(first) ?? 0) + 1);
    start = Math.min(start, first);
    for (const d of sorted.slice(1)) if (d <= holdoutEnd) repeats.push(d);
  }
  if (!Number.isFinite(start)) return [];
  repeats.sort((a, b) => a - b);
  const out: CumulativePoint[] = [];
  let seen = 0;
  for (let week = 1; start + week * 7 <= holdoutEnd + 6; week++) {
    const day = Math.min(start + week * 7, holdoutEnd);
    while (seen < repeats.length && repeats[seen]! <= day) seen++;
    let predicted = 0;
    // customers who share a first day share E[X(t)]: one evaluation per distinct first day
    for (const [first, n] of firsts)
      if (first < day) predicted += n * expectedPurchasesNewCustomer(params, (day - first) / 7);
    out.push({ week, predicted, actual: seen });
    if (day === holdoutEnd) break;
  }
  return out;
}
