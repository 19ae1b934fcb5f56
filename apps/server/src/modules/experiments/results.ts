/**
 * A test's results from its sufficient statistics (pure: rows in, figures out). Arms are compared
 * with the control on every metric (z or Welch, Holm and Benjamini–Hochberg across arms, the
 * Bayesian view for 0/1 metrics, CUPED with the 28-day order count), the split is checked for a
 * sample-ratio mismatch, the primary metric is followed look by look with the mSPRT and the
 * O'Brien–Fleming boundary, guardrails are read, and Thompson sampling suggests an allocation.
 * A factorial test is read factor by factor (each level against the factor's first level, the other
 * factors randomised independently) and by the main-effects regression in factorial-fit.ts.
 */
import {
  EXPERIMENT_METRICS,
  type ArmResult,
  type ComparisonResult,
  type ExperimentMetric,
  type ExperimentResults,
  type ResultGroup,
  type ResultWarning,
} from '@linli/contracts/experiments';
import {
  bayesProportions,
  benjaminiHochberg,
  cuped,
  holm,
  mdeProportions,
  sampleRatioMismatch,
  thompsonAllocation,
  topTwoPick,
} from '@linli/experiments';
import { seededRandom } from '@linli/intelligence';
import { contentOf, levelsOf } from './definition.ts';
import type { ExperimentRow } from './experiments.repo.ts';
import { allUnits, factorialFits } from './factorial-fit.ts';
import {
  type Acc,
  type ScoreWeights,
  addTo,
  cupedMomentsOf,
  emptyAcc,
  momentsOf,
  scoreWeights,
  summary,
} from './moments.ts';
import {
  type GroupArm,
  compareMetric,
  guardrailRate,
  guardrailsOf,
  isProportion,
  looksOf,
} from './sequential.ts';
import type { StatsRow } from './stats.repo.ts';

type Computed = Omit<ExperimentResults<Date>, 'experiment' | 'asOf'>;

const DAY_MS = 86_400_000;
/** posterior draws behind the allocation suggestion (seeded: the same data gives the same shares) */
const DRAWS = 4000;

/** Per design: the groups of arms to compare, each arm with its sums per look day. */
function groupsOf(e: ExperimentRow, rows: readonly StatsRow[], warnings: ResultWarning[]) {
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const make = (name: string, weight: number) => ({
    name,
    weight,
    total: emptyAcc(),
    perDay: days.map(() => emptyAcc()),
  });
  type Building = ReturnType<typeof make>;
  const groups: Array<{ factor: string | null; arms: Building[] }> = [];
  const route: Array<(arm: string) => Building | undefined> = [];
  if (e.design === 'variants') {
    const arms = e.variants!.map((v) => make(v.name, v.weight));
    const byName = new Map(arms.map((a) => [a.name, a]));
    groups.push({ factor: null, arms });
    route.push((arm) => byName.get(arm));
  } else {
    for (const f of e.factors!) {
      const arms = f.levels.map((l) => make(l.key, 1));
      const byKey = new Map(arms.map((a) => [a.name, a]));
      groups.push({ factor: f.name, arms });
      route.push((arm) => {
        const levels = levelsOf(e.factors!, arm);
        return levels ? byKey.get(levels[f.name]!) : undefined;
      });
    }
  }
  const stray = new Set<string>();
  for (const r of rows)
    route.forEach((to) => {
      const a = to(r.arm);
      if (!a) return void stray.add(r.arm);
      addTo(a.total, r.n, r.sums);
      addTo(a.perDay[dayIndex.get(r.day)!]!, r.n, r.sums);
    });
  if (stray.size)
    warnings.push({
      code: 'stray_arms',
      message: `units in arms the design does not have (${[...stray].slice(0, 5).join(', ')}): left out`,
      params: { arms: [...stray].slice(0, 5).join(', ') },
    });
  return {
    days,
    groups: groups.map((g) => ({
      factor: g.factor,
      arms: g.arms.map((a): GroupArm => {
        const cumulative: Acc[] = [];
        const run = emptyAcc();
        for (const d of a.perDay) {
          addTo(run, d.n, d.s);
          cumulative.push({ n: run.n, s: { ...run.s } });
        }
        return { name: a.name, weight: a.weight, total: a.total, cumulative };
      }),
    })),
  };
}

/** τ of the mSPRT per metric: the planned MDE for conversion, else a tenth of the control's mean. */
function tauOf(e: ExperimentRow, metric: ExperimentMetric, controlMean: number | null): number | null {
  if (metric === 'conversion' && e.plan.mde) return e.plan.mde;
  if (metric === 'score') return 0.1;
  return controlMean ? Math.abs(controlMean) * 0.1 : null;
}

function compareGroup(
  e: ExperimentRow,
  g: { factor: string | null; arms: GroupArm[] },
  days: readonly string[],
  fractions: readonly number[],
  warnings: ResultWarning[],
): ResultGroup {
  const control = g.arms[0]!;
  const score = scoreWeights(e.metrics.weights, control.total);
  if (score.dropped.length && control.total.n)
    warnings.push({
      code: 'score_dropped',
      message: `score${g.factor ? ` (${g.factor})` : ''}: ${score.dropped.join(', ')} left out (the control shows none)`,
      params: { factor: g.factor ?? '', metrics: score.dropped.join(', ') },
    });
  const counts = g.arms.map((a) => a.total.n);
  const srm = sampleRatioMismatch(
    counts,
    g.arms.map((a) => a.weight),
  );
  if (srm.mismatch)
    warnings.push({
      code: 'srm',
      message: `sample-ratio mismatch${g.factor ? ` in ${g.factor}` : ''} (χ² ${srm.chi2?.toFixed(1)}, p = ${srm.pValue?.toExponential(2)}): the units per arm do not match the configured split, so assignment or exposure logging is broken — do not read the lifts`,
      params: { factor: g.factor ?? '', p: srm.pValue?.toExponential(2) ?? '' },
    });
  const totalWeight = g.arms.reduce((s, a) => s + a.weight, 0);
  const units = counts.reduce((s, n) => s + n, 0);

  const arms: ArmResult[] = g.arms.map((a) => ({
    arm: a.name,
    control: a === control,
    weight: a.weight / totalWeight,
    n: a.total.n,
    expected: srm.expected[g.arms.indexOf(a)] ?? 0,
    metrics: Object.fromEntries(
      EXPERIMENT_METRICS.map((m) => {
        const s = summary(momentsOf(a.total, m, score));
        return [m, { mean: s.mean, variance: s.variance }];
      }),
    ) as ArmResult['metrics'],
    guardrails: {
      unsubscribe: guardrailRate(a.total, 'unsubscribe'),
      complaint: guardrailRate(a.total, 'complaint'),
      refund: guardrailRate(a.total, 'refund'),
    },
    content: g.factor === null ? contentOf(e, a.name) : levelContent(e, g.factor, a.name),
  }));

  const comparisons: ComparisonResult[] = [];
  let primaryLooks: ResultGroup['looks'] = [];
  for (const metric of EXPERIMENT_METRICS) {
    const controlMean = arms[0]!.metrics[metric].mean;
    const seq = looksOf(days, g.arms, metric, score, fractions, tauOf(e, metric, controlMean));
    if (metric === e.metrics.primary) primaryLooks = seq.looks;
    const rows = g.arms
      .slice(1)
      .map((a, i) => compare(e, metric, control, a, score, arms[i + 1]!, controlMean));
    rows.forEach((r) => (r.pValueSequential = seq.sequentialP.get(r.arm) ?? null));
    const h = holm(rows.map((r) => r.pValue));
    const bh = benjaminiHochberg(rows.map((r) => r.pValue));
    rows.forEach((r, i) => {
      r.pValueHolm = h[i]!;
      r.pValueBH = bh[i]!;
    });
    comparisons.push(...rows);
  }
  const guardrails = guardrailsOf(g.arms, e.metrics.guardrails);
  const breached = new Set(guardrails.filter((x) => x.breached).map((x) => x.arm));
  const winner =
    comparisons
      .filter(
        (c) =>
          c.metric === e.metrics.primary &&
          c.pValueHolm !== null &&
          c.pValueHolm < 0.05 &&
          (c.absoluteLift ?? 0) > 0 &&
          !breached.has(c.arm),
      )
      .sort((a, b) => (b.mean ?? 0) - (a.mean ?? 0))[0]?.arm ?? null;
  return {
    factor: g.factor,
    control: control.name,
    srm: { chi2: srm.chi2, df: srm.df, pValue: srm.pValue, mismatch: srm.mismatch },
    arms,
    comparisons,
    looks: primaryLooks,
    guardrails,
    allocation: units === 0 ? [] : allocation(g.arms),
    winner,
  };
}

function compare(
  e: ExperimentRow,
  metric: ExperimentMetric,
  control: GroupArm,
  arm: GroupArm,
  score: ScoreWeights,
  view: ArmResult,
  controlMean: number | null,
): ComparisonResult {
  const r = compareMetric(metric, control.total, arm.total, score);
  const bayes = isProportion(metric)
    ? bayesProportions(
        { n: control.total.n, successes: Math.round((controlMean ?? 0) * control.total.n) },
        { n: arm.total.n, successes: Math.round((view.metrics[metric].mean ?? 0) * arm.total.n) },
      )
    : null;
  const u = e.metrics.covariate
    ? cuped(
        cupedMomentsOf(momentsOf(control.total, metric, score)),
        cupedMomentsOf(momentsOf(arm.total, metric, score)),
        {
          test: r.test,
        },
      )
    : null;
  return {
    arm: arm.name,
    metric,
    test: r.test,
    controlMean,
    mean: view.metrics[metric].mean,
    absoluteLift: r.absoluteLift,
    relativeLift: r.relativeLift,
    ciLow: r.ciLow,
    ciHigh: r.ciHigh,
    relativeCiLow: r.relativeCiLow,
    relativeCiHigh: r.relativeCiHigh,
    pValue: r.pValue,
    pValueHolm: null,
    pValueBH: null,
    pValueSequential: null,
    chanceToBeatControl: bayes?.chanceToBeatControl ?? null,
    expectedLoss: bayes?.expectedLoss ?? null,
    cuped: u && {
      absoluteLift: u.absoluteLift,
      ciLow: u.ciLow,
      ciHigh: u.ciHigh,
      pValue: u.pValue,
      varianceReduction: u.varianceReduction,
      theta: u.theta,
    },
  };
}

/** Share of traffic Thompson sampling and top-two sampling would give each arm, on conversion. */
function allocation(arms: readonly GroupArm[]): ResultGroup['allocation'] {
  const counts = arms.map((a) => ({
    successes: Math.round(a.total.s.c),
    failures: a.total.n - Math.round(a.total.s.c),
  }));
  const thompson = thompsonAllocation(counts, { draws: DRAWS, seed: 7 });
  const rng = seededRandom(11);
  const picks = new Array<number>(arms.length).fill(0);
  // a few resamples for the challenger, then the best of the others: 50 arms stay cheap
  for (let i = 0; i < DRAWS; i++) picks[topTwoPick(counts, rng, 0.5, 5)]!++;
  return arms.map((a, i) => ({ arm: a.name, thompson: thompson[i]!, topTwo: picks[i]! / DRAWS }));
}

function levelContent(e: ExperimentRow, factor: string, level: string) {
  return e.factors!.find((f) => f.name === factor)?.levels.find((l) => l.key === level)?.content ?? null;
}

/**
 * Information fraction per look day: units so far over the planned units when the test has a plan
 * for them, else the time it had run by the end of that day (or by now) over its planned duration.
 */
function fractionsOf(
  e: ExperimentRow,
  days: readonly string[],
  arms: readonly GroupArm[],
  asOf: Date,
): number[] {
  // the plan counts arms as the test has them, or a factorial test's largest factor (its levels)
  const planArms =
    e.design === 'variants' ? e.variants!.length : Math.max(...e.factors!.map((f) => f.levels.length));
  const planned = e.plan.unitsPerArm ? e.plan.unitsPerArm * planArms : null;
  const start = e.startedAt?.getTime() ?? Date.parse(`${days[0] ?? '1970-01-01'}T00:00:00+08:00`);
  const end = Math.min(e.stoppedAt?.getTime() ?? Infinity, asOf.getTime());
  return days.map((d, i) => {
    if (planned) return arms.reduce((s, a) => s + a.cumulative[i]!.n, 0) / planned;
    const dayEnd = Date.parse(`${d}T00:00:00+08:00`) + DAY_MS;
    return (Math.min(dayEnd, end) - start) / (e.plannedDays * DAY_MS);
  });
}

export function computeResults(
  e: ExperimentRow,
  rows: readonly StatsRow[],
  o: { dwellCap: number | null; asOf?: Date },
): Computed {
  const warnings: ResultWarning[] = [];
  const { days, groups } = groupsOf(e, rows, warnings);
  const built = groups.map((g) =>
    compareGroup(e, g, days, fractionsOf(e, days, g.arms, o.asOf ?? new Date()), warnings),
  );
  const units = rows.reduce((s, r) => s + r.n, 0);
  if (!units)
    warnings.push({ code: 'no_units', message: 'no units yet: nobody has been shown this test', params: {} });
  const first = built[0]!;
  const perArm = first.arms.length ? Math.min(...first.arms.map((a) => a.n)) : 0;
  const baseRate = first.arms[0]?.metrics.conversion.mean ?? null;
  return {
    units,
    dwellCap: o.dwellCap,
    groups: built,
    factorial:
      e.design === 'factorial' && units
        ? factorialFits(e, rows, scoreWeights(e.metrics.weights, allUnits(rows)))
        : null,
    power: {
      unitsPerArm: perArm,
      baseRate,
      mde:
        baseRate !== null && baseRate > 0 && baseRate < 1 && perArm > 0
          ? mdeProportions(baseRate, perArm)
          : null,
    },
    warnings,
  };
}
