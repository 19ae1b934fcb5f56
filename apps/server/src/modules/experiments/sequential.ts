/**
 * The views over time: daily looks at cumulative units (units first exposed up to each day), the
 * mSPRT's always-valid p-values and confidence sequences, the O'Brien–Fleming boundary, and the
 * guardrails, which are read at every look and so need a test that stays valid under peeking.
 */
import type {
  ExperimentMetric,
  GuardrailMetric,
  GuardrailResult,
  LookResult,
} from '@linli/contracts/experiments';
import {
  groupSequentialBoundaries,
  msprt,
  proportionTest,
  welchTest,
  type ComparisonResult as PackageComparison,
} from '@linli/experiments';
import { type Acc, type ScoreWeights, momentsOf, summary } from './moments.ts';
import type { SumKey } from './stats.repo.ts';

export interface GroupArm {
  name: string;
  weight: number;
  total: Acc;
  /** cumulative sums after each look day (same length as the group's days) */
  cumulative: Acc[];
}

export const isProportion = (m: ExperimentMetric) => m === 'conversion' || m === 'share';

/** The raw comparison of one metric for two groups of units. */
export function compareMetric(
  metric: ExperimentMetric,
  control: Acc,
  arm: Acc,
  score: ScoreWeights,
): PackageComparison {
  const c = summary(momentsOf(control, metric, score));
  const t = summary(momentsOf(arm, metric, score));
  if (isProportion(metric))
    return proportionTest(
      { n: c.n, successes: Math.round((c.mean ?? 0) * c.n) },
      { n: t.n, successes: Math.round((t.mean ?? 0) * t.n) },
    );
  return welchTest(c, t);
}

/** mSPRT over the looks of one comparison; τ is the effect size the test is meant to find. */
export function sequentialOf(
  looks: Array<{ estimate: number | null; se: number | null }>,
  tau: number | null,
): ReturnType<typeof msprt> | null {
  if (tau === null || !(tau > 0)) return null;
  return msprt(
    looks.map((l) =>
      l.estimate === null || l.se === null
        ? { estimate: 0, variance: Number.NaN } // undefined look: p-value carries over
        : { estimate: l.estimate, variance: l.se * l.se },
    ),
    { tau2: tau * tau },
  );
}

/**
 * Information fraction of each look: units so far over the planned units, or days over the
 * planned days without a plan. Only strictly increasing fractions up to 1 get a boundary.
 */
export function boundariesFor(fractions: readonly number[]): Array<number | null> {
  const keep: number[] = [];
  const at: number[] = [];
  let prev = 0;
  fractions.forEach((f, i) => {
    const v = Math.min(1, f);
    if (v > prev && prev < 1) {
      keep.push(v);
      at.push(i);
      prev = v;
    }
  });
  const out: Array<number | null> = fractions.map(() => null);
  if (!keep.length) return out;
  const b = groupSequentialBoundaries(keep);
  // an early look with almost no information has a boundary too far out to draw
  at.forEach((i, j) => (out[i] = Number.isFinite(b.boundaries[j]!) ? b.boundaries[j]! : null));
  return out;
}

export function looksOf(
  days: readonly string[],
  arms: readonly GroupArm[],
  metric: ExperimentMetric,
  score: ScoreWeights,
  fractions: readonly number[],
  tau: number | null,
): { looks: LookResult[]; sequentialP: Map<string, number | null> } {
  const control = arms[0]!;
  const bounds = boundariesFor(fractions);
  const perArm = arms.slice(1).map((a) => {
    const cmp = days.map((_, i) => compareMetric(metric, control.cumulative[i]!, a.cumulative[i]!, score));
    const seq = sequentialOf(
      cmp.map((c) => ({ estimate: c.absoluteLift, se: c.se })),
      tau,
    );
    return { arm: a, cmp, seq };
  });
  const looks: LookResult[] = days.map((date, i) => ({
    date,
    fraction: Number.isFinite(fractions[i]!) ? fractions[i]! : null,
    boundary: bounds[i] ?? null,
    arms: perArm.map(({ arm, cmp, seq }) => ({
      arm: arm.name,
      n: arm.cumulative[i]!.n,
      absoluteLift: cmp[i]!.absoluteLift,
      relativeLift: cmp[i]!.relativeLift,
      ciLow: cmp[i]!.ciLow,
      ciHigh: cmp[i]!.ciHigh,
      z: cmp[i]!.statistic,
      pValueSequential: seq ? seq.pValues[i]! : null,
      sequenceLow: seq ? seq.ciLow[i]! : null,
      sequenceHigh: seq ? seq.ciHigh[i]! : null,
    })),
  }));
  const sequentialP = new Map(perArm.map(({ arm, seq }) => [arm.name, seq ? seq.pValues.at(-1)! : null]));
  return { looks, sequentialP };
}

const GUARD_KEY: Record<GuardrailMetric, SumKey> = { unsubscribe: 'u', complaint: 'k', refund: 'f' };

export const guardrailRate = (a: Acc, g: GuardrailMetric): number | null =>
  a.n ? a.s[GUARD_KEY[g]] / a.n : null;

/**
 * A guardrail is breached when an arm's rate is above the control's by more than the threshold and
 * the increase is significant by the always-valid p-value (τ = the threshold) at α = 0.05, so that
 * reading it every ten minutes does not stop sound tests by chance.
 */
export function guardrailsOf(
  arms: readonly GroupArm[],
  guardrails: ReadonlyArray<{ metric: GuardrailMetric; maxIncrease: number }>,
): GuardrailResult[] {
  const control = arms[0]!;
  const out: GuardrailResult[] = [];
  for (const g of guardrails)
    for (const a of arms.slice(1)) {
      const key = GUARD_KEY[g.metric];
      const looks = a.cumulative.map((acc, i) => {
        const ctl = control.cumulative[i]!;
        const r = proportionTest(
          { n: ctl.n, successes: Math.round(ctl.s[key]) },
          { n: acc.n, successes: Math.round(acc.s[key]) },
        );
        return { estimate: r.absoluteLift, se: r.se };
      });
      const seq = sequentialOf(looks, g.maxIncrease);
      const controlRate = guardrailRate(control.total, g.metric);
      const rate = guardrailRate(a.total, g.metric);
      const increase = controlRate === null || rate === null ? null : rate - controlRate;
      const p = seq ? seq.pValues.at(-1)! : null;
      out.push({
        metric: g.metric,
        maxIncrease: g.maxIncrease,
        arm: a.name,
        controlRate,
        rate,
        increase,
        pValueSequential: p,
        breached: increase !== null && increase > g.maxIncrease && p !== null && p < 0.05,
      });
    }
  return out;
}
