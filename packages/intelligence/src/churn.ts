/**
 * Churn warning from the BG/NBD model, and the measures that judge it on a held-out period.
 *
 * A customer makes no purchase in the next t units either because they have dropped out
 * (1 − P(alive)) or because, still alive, their Poisson process produced nothing: with the
 * posterior λ ~ Gamma(r + x, α + T) that chance is ((α + T) / (α + T + t))^(r + x).
 */
import { probabilityAlive, type BgNbdParams, type Rft } from './bgnbd.ts';

/** P(no purchase in the next t units | x, t_x, T): the churn risk. */
export function probabilityNoPurchase(p: BgNbdParams, c: Rft, t: number): number {
  if (t <= 0) return 0;
  const alive = probabilityAlive(p, c);
  const silentWhileAlive = Math.exp((p.r + c.frequency) * Math.log((p.alpha + c.T) / (p.alpha + c.T + t)));
  return 1 - alive + alive * silentWhileAlive;
}

export interface ClassifierQuality {
  threshold: number;
  /** customers scored */
  n: number;
  /** share of positives (churned) among them */
  baseRate: number;
  /** scored at or above the threshold */
  flagged: number;
  precision: number;
  recall: number;
  /** area under the ROC curve: P(a random positive scores above a random negative), ties count half */
  auc: number;
}

/** Precision and recall at a threshold, and the ROC AUC (Mann-Whitney U with mid-ranks). */
export function classifierQuality(
  scores: readonly number[],
  positive: readonly boolean[],
  threshold: number,
): ClassifierQuality {
  if (scores.length !== positive.length) throw new RangeError('scores and labels differ in length');
  const n = scores.length;
  let tp = 0;
  let flagged = 0;
  let positives = 0;
  for (let i = 0; i < n; i++) {
    if (positive[i]) positives++;
    if (scores[i]! >= threshold) {
      flagged++;
      if (positive[i]) tp++;
    }
  }
  return {
    threshold,
    n,
    baseRate: n ? positives / n : 0,
    flagged,
    precision: flagged ? tp / flagged : 0,
    recall: positives ? tp / positives : 0,
    auc: rocAuc(scores, positive),
  };
}

export function rocAuc(scores: readonly number[], positive: readonly boolean[]): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j]![0] === order[i]![0]) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++)
      if (positive[order[k]![1]]) {
        rankSum += midRank;
        positives++;
      }
    i = j;
  }
  const negatives = order.length - positives;
  if (!positives || !negatives) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
