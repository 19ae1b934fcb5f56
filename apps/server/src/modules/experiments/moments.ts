/**
 * From the stored sums of a group of units to the summaries the tests take: n, Σy, Σy², and the
 * products with the CUPED covariate. The composite score is linear in the four metrics, so its
 * sums follow from their sums and cross products without going back to the units:
 *   score_i = Σ_m a_m y_im with a_m = w_m / μ_m (μ_m the control's mean, weights summing to 1),
 *   Σ score = Σ_m a_m Σ y_m,  Σ score² = Σ_m Σ_m' a_m a_m' Σ y_m y_m',  Σ score·x = Σ_m a_m Σ y_m x.
 * So the control scores 1 on average and a score of 1.08 reads as "8 % better, all told".
 */
import type { ExperimentMetric, ScoreInput } from '@linli/contracts/experiments';
import type { CupedMoments, MeanSummary } from '@linli/experiments';
import { SUM_KEYS, type SumKey, type Sums } from './stats.repo.ts';

export interface Acc {
  n: number;
  s: Sums;
}

export const emptyAcc = (): Acc => ({
  n: 0,
  s: Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as Sums,
});

export function addTo(into: Acc, n: number, s: Partial<Sums>): void {
  into.n += n;
  for (const k of SUM_KEYS) into.s[k] += Number(s[k] ?? 0);
}

/** Sums of one metric over a group: Σy, Σy² and Σy·x. */
export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
  sumX: number;
  sumX2: number;
  sumXY: number;
}

const KEYS: Record<ScoreInput, { y: SumKey; y2: SumKey; xy: SumKey }> = {
  conversion: { y: 'c', y2: 'c', xy: 'cx' },
  share: { y: 's', y2: 's', xy: 'sx' },
  revenue: { y: 'r', y2: 'r2', xy: 'rx' },
  dwell: { y: 'd', y2: 'd2', xy: 'dx' },
};

/** Σ y_m y_m' from the stored products (0/1 metrics are their own squares). */
const CROSS: Record<string, SumKey> = {
  'conversion,conversion': 'c',
  'share,share': 's',
  'revenue,revenue': 'r2',
  'dwell,dwell': 'd2',
  'conversion,revenue': 'cr',
  'conversion,dwell': 'cd',
  'conversion,share': 'cs',
  'dwell,revenue': 'rd',
  'revenue,share': 'rs',
  'dwell,share': 'ds',
};

function cross(a: Acc, m1: ScoreInput, m2: ScoreInput): number {
  return a.s[CROSS[[m1, m2].sort().join(',')]!];
}

/** Coefficients of the score: weight over the control's mean, metrics the control never showed left out. */
export interface ScoreWeights {
  coef: Partial<Record<ScoreInput, number>>;
  dropped: ScoreInput[];
}

export function scoreWeights(weights: Partial<Record<ScoreInput, number>>, control: Acc): ScoreWeights {
  const dropped: ScoreInput[] = [];
  const used: Array<[ScoreInput, number, number]> = [];
  for (const [m, w] of Object.entries(weights) as Array<[ScoreInput, number]>) {
    if (!(w > 0)) continue;
    const mean = control.n ? control.s[KEYS[m].y] / control.n : 0;
    if (mean > 0) used.push([m, w, mean]);
    else dropped.push(m);
  }
  const total = used.reduce((s, [, w]) => s + w, 0);
  return { coef: Object.fromEntries(used.map(([m, w, mean]) => [m, w / total / mean])), dropped };
}

export function momentsOf(a: Acc, metric: ExperimentMetric, score: ScoreWeights): Moments {
  const base = { n: a.n, sumX: a.s.x, sumX2: a.s.x2 };
  if (metric !== 'score') {
    const k = KEYS[metric];
    return { ...base, sum: a.s[k.y], sumSq: a.s[k.y2], sumXY: a.s[k.xy] };
  }
  const terms = Object.entries(score.coef) as Array<[ScoreInput, number]>;
  let sum = 0;
  let sumXY = 0;
  let sumSq = 0;
  for (const [m, w] of terms) {
    sum += w * a.s[KEYS[m].y];
    sumXY += w * a.s[KEYS[m].xy];
    for (const [m2, w2] of terms) sumSq += w * w2 * cross(a, m, m2);
  }
  return { ...base, sum, sumSq, sumXY };
}

/** Mean and per-unit sample variance (n − 1); null where undefined. */
export function summary(m: Moments): MeanSummary {
  if (m.n < 1) return { n: 0, mean: null, variance: null };
  const mean = m.sum / m.n;
  if (m.n < 2) return { n: m.n, mean, variance: null };
  return { n: m.n, mean, variance: Math.max(0, (m.sumSq - (m.sum * m.sum) / m.n) / (m.n - 1)) };
}

export const cupedMomentsOf = (m: Moments): CupedMoments => ({
  n: m.n,
  sumY: m.sum,
  sumY2: m.sumSq,
  sumX: m.sumX,
  sumX2: m.sumX2,
  sumXY: m.sumXY,
});

/** Σ (y − ȳ)² within a group, for the factorial fit from cells. */
export const withinSs = (m: Moments): number => (m.n > 0 ? Math.max(0, m.sumSq - (m.sum * m.sum) / m.n) : 0);
