/**
 * Bayesian view of a conversion metric: with a uniform Beta(1, 1) prior each arm's rate has the
 * posterior Beta(1 + successes, 1 + failures). Chance to beat control and expected loss are exact
 * (closed-form finite sums), not Monte Carlo, so they are reproducible to the last digit.
 */
import type { ProportionSummary } from './compare.ts';
import { lbeta } from './distributions.ts';

export interface BetaParams {
  alpha: number;
  beta: number;
}

/**
 * P(X_T > X_C) for X_T ~ Beta(aT, bT), X_C ~ Beta(aC, bC), aT a positive integer (Evan Miller,
 * "Formulas for Bayesian A/B Testing", 2015; the sum follows from integrating the Beta CDF
 * term by term):
 *   Σ_{i=0}^{aT−1} B(aC + i, bC + bT) / ((bT + i) · B(1 + i, bT) · B(aC, bC)).
 * Successive terms differ by the factor (aC + i)(bT + i) / ((aC + bC + bT + i)(i + 1)), so the sum
 * costs O(aT) multiplications, done in logs so large counts neither underflow nor overflow.
 * When aC is also an integer and smaller, the complement P = 1 − P(X_C > X_T) is summed instead.
 */
export function probabilityBetaGreater(treatment: BetaParams, control: BetaParams): number {
  const { alpha: aT, beta: bT } = treatment;
  const { alpha: aC, beta: bC } = control;
  for (const v of [aT, bT, aC, bC])
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError('Beta parameters must be > 0');
  if (Number.isInteger(aC) && aC < aT) return 1 - probabilityBetaGreater(control, treatment);
  if (!Number.isInteger(aT))
    throw new RangeError('probabilityBetaGreater: the treatment alpha must be an integer');
  // one pass, rescaling the running sum whenever a larger term appears (terms rise, then fall)
  let l = lbeta(aC, bC + bT) - lbeta(aC, bC);
  let max = l;
  let sum = 0;
  for (let i = 0; i < aT; i++) {
    if (l > max) {
      sum *= Math.exp(max - l);
      max = l;
    }
    sum += Math.exp(l - max);
    l += Math.log(((aC + i) * (bT + i)) / ((aC + bC + bT + i) * (i + 1)));
  }
  return Math.min(1, Math.max(0, sum * Math.exp(max)));
}

export const posterior = (a: ProportionSummary): BetaParams => ({
  alpha: 1 + a.successes,
  beta: 1 + a.n - a.successes,
});

/**
 * Expected loss of shipping `treatment` instead of `control`, E[max(X_C − X_T, 0)]: how much
 * conversion one gives up on average if the choice is wrong. Since x·Beta(a, b)(x) = a/(a+b) ·
 * Beta(a+1, b)(x),
 *   E[max(X_C − X_T, 0)] = a_C/(a_C+b_C) · P(Beta(a_C+1, b_C) > X_T) − a_T/(a_T+b_T) · P(X_C > Beta(a_T+1, b_T))
 * (Chris Stucchio, "Bayesian A/B Testing at VWO", 2015, §4).
 */
export function expectedLoss(treatment: BetaParams, control: BetaParams): number {
  const mC = control.alpha / (control.alpha + control.beta);
  const mT = treatment.alpha / (treatment.alpha + treatment.beta);
  const first = mC * probabilityBetaGreater({ alpha: control.alpha + 1, beta: control.beta }, treatment);
  const second = mT * probabilityBetaGreater(control, { alpha: treatment.alpha + 1, beta: treatment.beta });
  return Math.max(0, first - second);
}

export interface BayesResult {
  control: BetaParams;
  treatment: BetaParams;
  /** P(rate_T > rate_C | data) */
  chanceToBeatControl: number | null;
  /** E[max(rate_C − rate_T, 0)]: the risk of shipping the treatment */
  expectedLoss: number | null;
  /** E[max(rate_T − rate_C, 0)]: the risk of keeping the control */
  expectedLossControl: number | null;
}

/** Posteriors, chance to beat control and both expected losses; null for an empty arm. */
export function bayesProportions(control: ProportionSummary, treatment: ProportionSummary): BayesResult {
  const c = posterior(control);
  const t = posterior(treatment);
  if (control.n < 1 || treatment.n < 1)
    return {
      control: c,
      treatment: t,
      chanceToBeatControl: null,
      expectedLoss: null,
      expectedLossControl: null,
    };
  return {
    control: c,
    treatment: t,
    chanceToBeatControl: probabilityBetaGreater(t, c),
    expectedLoss: expectedLoss(t, c),
    expectedLossControl: expectedLoss(c, t),
  };
}
