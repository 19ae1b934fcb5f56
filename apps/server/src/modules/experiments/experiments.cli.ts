/**
 * `linli experiments analyze` and `linli experiments factorial`: the statistics of a finished
 * test from a unit-level CSV, no server and no database — the reference the console's numbers are
 * checked against. Values are not rounded; an undefined statistic is null, never NaN.
 */
import {
  ConfoundedDesignError,
  bayesProportions,
  cuped,
  factorialOls,
  holm,
  proportionTest,
  sampleRatioMismatch,
  welchTest,
} from '@linli/experiments';
import {
  type NumericColumn,
  type Table,
  columnIndex,
  columnKind,
  inputError,
  lineList,
  numericColumn,
  parsePairs,
  readTable,
  winsorizeUpper,
} from './experiments.input.ts';
import { type ArmStats, armStats, lineWarnings } from './experiments.cli.stats.ts';
import type { Analysis, ComparisonOut, FactorialOut } from './experiments.cli.types.ts';

export { analysisText, factorialText } from './experiments.cli.text.ts';
export type * from './experiments.cli.types.ts';

export interface AnalyzeOptions {
  input: string;
  control?: string;
  covariate?: string;
  weights?: string;
  winsorize?: string;
}

/** Identifier columns: numeric often, never a metric. */
const ID_COLUMNS = new Set(['id', 'member_id', 'unit_id', 'user_id']);
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The variant of each row and the sorted arm list (data variants plus any only in --weights). */
function arms(t: Table, weights: Map<string, number> | null, warnings: string[]) {
  const vi = columnIndex(t, 'variant', 'variant');
  const empty = t.rows.flatMap((r, i) => (r[vi] === '' ? [i + 2] : []));
  if (empty.length)
    throw inputError(`${t.file}: the variant is empty on ${lineList(empty)}: every unit needs its arm`);
  const names = new Set(t.rows.map((r) => r[vi]!));
  if (weights) {
    const unweighted = [...names].filter((n) => !weights.has(n));
    if (unweighted.length)
      throw inputError(
        `--weights gives no share for variant(s) ${unweighted.slice(0, 5).join(', ')} found in ${t.file}`,
      );
    for (const n of weights.keys())
      if (!names.has(n)) {
        names.add(n);
        warnings.push(`variant ${n} (in --weights) has no units in ${t.file}`);
      }
  }
  const list = [...names].sort(byCodePoint);
  const index = new Map(list.map((n, i) => [n, i]));
  const armOf = Int32Array.from(t.rows, (r) => index.get(r[vi]!)!);
  return { vi, list, armOf };
}

export async function analyzeFile(o: AnalyzeOptions): Promise<Analysis> {
  const t = await readTable(o.input);
  const warnings: string[] = [];
  const weights = o.weights ? new Map(parsePairs('weights', o.weights)) : null;
  if (weights)
    for (const [n, w] of weights)
      if (!(w > 0)) throw inputError(`--weights: the share of ${n} must be positive (got ${w})`);
  const { vi, list, armOf } = arms(t, weights, warnings);
  if (list.length < 2)
    throw inputError(
      `${t.file}: only one variant (${list[0]}): an analysis compares at least two (is the variant column right?)`,
    );
  const control = o.control ?? list[0]!;
  const ci = list.indexOf(control);
  if (ci < 0)
    throw inputError(
      `--control ${control} is not a variant (variants: ${list.slice(0, 10).join(', ')}${list.length > 10 ? ', …' : ''})`,
    );
  const k = list.length;

  // columns: the covariate, then every other numeric column a metric
  let covariate: NumericColumn | null = null;
  let covIndex = -1;
  if (o.covariate) {
    covIndex = columnIndex(t, o.covariate, 'covariate');
    if (covIndex === vi) throw inputError('--covariate cannot be the variant column');
    if (columnKind(t, covIndex) !== 'numeric')
      throw inputError(`${t.file}: the covariate column "${t.columns[covIndex]}" is not numeric`);
    covariate = numericColumn(t, covIndex);
    warnings.push(...lineWarnings(covariate, 'covariate ', 'left out of CUPED'));
  }
  const metrics: NumericColumn[] = [];
  t.columns.forEach((name, i) => {
    if (i === vi || i === covIndex || ID_COLUMNS.has(name.toLowerCase())) return;
    const kind = columnKind(t, i);
    if (kind === 'numeric') metrics.push(numericColumn(t, i));
    else
      warnings.push(
        kind === 'text'
          ? `column "${name}" holds text: not a metric (ignored)`
          : `column "${name}" is empty (ignored)`,
      );
  });
  if (!metrics.length)
    throw inputError(
      `${t.file}: no metric columns (numeric columns besides variant${o.covariate ? ' and the covariate' : ''})`,
    );
  for (const m of metrics) warnings.push(...lineWarnings(m, '', 'skipped for that metric'));

  if (o.winsorize)
    for (const [name, q] of parsePairs('winsorize', o.winsorize)) {
      if (!(q > 0.5 && q <= 1))
        throw inputError(`--winsorize ${name}=${q}: the percentile must be in (0.5, 1], e.g. 0.99`);
      const col = [...metrics, ...(covariate ? [covariate] : [])].find(
        (m) => m.name.toLowerCase() === name.toLowerCase(),
      );
      if (!col) throw inputError(`--winsorize: "${name}" is not a metric or covariate column`);
      const r = winsorizeUpper(col.values, q);
      warnings.push(
        `${col.name} winsorised at its ${q * 100}th percentile (${r.cap}): ${r.capped} value(s) capped`,
      );
    }

  const counts = new Array<number>(k).fill(0);
  for (const a of armOf) counts[a]!++;
  const srm = sampleRatioMismatch(counts, weights ? list.map((n) => weights.get(n)!) : undefined);
  if (srm.mismatch)
    warnings.push(
      `sample-ratio mismatch (p = ${srm.pValue}): the units per arm do not match the configured split; assignment or logging is broken`,
    );

  const stats = metrics.map((m) => armStats(m.values, armOf, k, covariate?.values ?? null));
  const variants: Analysis['variants'] = list.map((variant, a) => ({
    variant,
    n: counts[a]!,
    metrics: Object.fromEntries(
      metrics.map((m, j) => {
        const s = stats[j]!.arms[a]!;
        return [m.name, { mean: s.n ? s.mean : null, variance: s.n >= 2 ? s.variance : null, n: s.n }];
      }),
    ),
  }));

  const comparisons: ComparisonOut[] = [];
  metrics.forEach((m, j) => {
    const { arms: per, constant, proportion } = stats[j]!;
    if (constant !== null) warnings.push(`metric ${m.name} is constant (every value ${constant}): no test`);
    const rows = list.flatMap((variant, a) => (a === ci ? [] : [compare(variant, a)]));
    let untested = 0;
    const adjusted = holm(rows.map((r) => r.pValue));
    rows.forEach((r, i) => {
      r.pValueHolm = adjusted[i]!;
      if (r.pValue === null && r.absoluteLift !== null && constant === null) untested++;
    });
    if (untested)
      warnings.push(
        `metric ${m.name}: ${untested} comparison(s) without a test (an arm with fewer than 2 values, or no variance on either side)`,
      );
    if (covariate) {
      const flat = rows.filter((r) => r.cuped!.absoluteLift === null).length;
      if (flat)
        warnings.push(
          `metric ${m.name}: CUPED not applied in ${flat} comparison(s) (the covariate has no variance there, or an arm has fewer than 2 units with both values)`,
        );
    }
    comparisons.push(...rows);

    function compare(variant: string, a: number): ComparisonOut {
      const c = per[ci]!;
      const x = per[a]!;
      const r = proportion
        ? proportionTest({ n: c.n, successes: Math.round(c.sum) }, { n: x.n, successes: Math.round(x.sum) })
        : welchTest(summaryOf(c), summaryOf(x));
      const bayes = proportion
        ? bayesProportions({ n: c.n, successes: Math.round(c.sum) }, { n: x.n, successes: Math.round(x.sum) })
        : null;
      const u = covariate ? cuped(c.cuped!, x.cuped!, { test: r.test }) : null;
      // key order is the documented output order; extras (relative CI, expected loss) come last
      const out: ComparisonOut = {
        variant,
        control,
        metric: m.name,
        test: r.test,
        absoluteLift: r.absoluteLift,
        relativeLift: r.relativeLift,
        ciLow: r.ciLow,
        ciHigh: r.ciHigh,
        pValue: r.pValue,
        pValueHolm: null,
        ...(bayes ? { chanceToBeatControl: bayes.chanceToBeatControl } : {}),
        ...(u
          ? {
              cuped: {
                absoluteLift: u.absoluteLift,
                ciLow: u.ciLow,
                ciHigh: u.ciHigh,
                pValue: u.pValue,
                varianceReduction: u.varianceReduction,
                theta: u.theta,
              },
            }
          : {}),
        relativeCiLow: r.relativeCiLow,
        relativeCiHigh: r.relativeCiHigh,
        ...(bayes ? { expectedLoss: bayes.expectedLoss } : {}),
      };
      return out;
    }
  });
  return {
    srm: { chi2: srm.chi2, pValue: srm.pValue, mismatch: srm.mismatch },
    variants,
    comparisons,
    warnings,
  };
}

const summaryOf = (s: ArmStats) => ({
  n: s.n,
  mean: s.n ? s.mean : null,
  variance: s.n >= 2 ? s.variance : null,
});

export interface FactorialOptions {
  input: string;
  factors: string;
  metric: string;
}

/** Parameters above which XᵀX (p × p, inverted in O(p³)) is no longer a batch-sized job. */
const MAX_PARAMETERS = 2000;
const BEST_KEYS = new Set(['predicted', 'se', 'cilow', 'cihigh']);

export async function factorialFile(o: FactorialOptions): Promise<FactorialOut> {
  const t = await readTable(o.input);
  const warnings: string[] = [];
  const names = o.factors
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (!names.length) throw inputError('--factors: name at least one factor column, e.g. title,cover,cta');
  const fIdx = names.map((f) => columnIndex(t, f, 'factor'));
  if (new Set(fIdx).size !== fIdx.length) throw inputError(`--factors ${o.factors} names a column twice`);
  const mIdx = columnIndex(t, o.metric, 'metric');
  if (fIdx.includes(mIdx)) throw inputError(`--metric ${o.metric} is also a factor`);
  for (const i of fIdx)
    if (BEST_KEYS.has(t.columns[i]!.toLowerCase()))
      throw inputError(`a factor cannot be called "${t.columns[i]}" (a key of the result's "best" object)`);
  if (columnKind(t, mIdx) !== 'numeric')
    throw inputError(`${t.file}: the metric column "${t.columns[mIdx]}" is not numeric`);
  const metric = numericColumn(t, mIdx);
  warnings.push(...lineWarnings(metric, '', 'left out'));
  const keep: number[] = [];
  const noLevel: number[] = [];
  t.rows.forEach((r, i) => {
    if (Number.isNaN(metric.values[i]!)) return;
    if (fIdx.some((f) => r[f] === '')) noLevel.push(i + 2);
    else keep.push(i);
  });
  if (noLevel.length)
    warnings.push(
      `${noLevel.length} unit(s) without a level of every factor left out (${lineList(noLevel)})`,
    );
  if (!keep.length) throw inputError(`${t.file}: no unit has the metric and a level of every factor`);
  const factors = fIdx.map((f) => ({ name: t.columns[f]!, values: keep.map((i) => t.rows[i]![f]!) }));
  const y = Float64Array.from(keep, (i) => metric.values[i]!);
  let parameters = 1;
  for (const f of factors) {
    const levels = new Set(f.values).size;
    if (levels === 1)
      warnings.push(`factor ${f.name} has a single level (${f.values[0]}): no effect to estimate`);
    parameters += levels - 1;
  }
  if (parameters > MAX_PARAMETERS)
    throw inputError(
      `${parameters} parameters (levels − 1 summed over the factors, plus the intercept): at most ${MAX_PARAMETERS}`,
    );
  if (keep.length < parameters)
    throw inputError(
      `${keep.length} unit(s) cannot estimate ${parameters} parameters (intercept and levels)`,
    );
  if (y.every((v) => v === y[0]))
    warnings.push(`metric ${metric.name} is constant (every value ${y[0]}): no standard errors`);
  let fit: ReturnType<typeof factorialOls>;
  try {
    fit = factorialOls(factors, y);
  } catch (e) {
    if (e instanceof ConfoundedDesignError) throw inputError(`${t.file}: ${e.message}`);
    throw e;
  }
  if (fit.df === 0) warnings.push('as many units as parameters: the fit is exact and has no standard errors');
  return {
    intercept: fit.intercept,
    effects: fit.effects.map((e) => ({
      factor: e.factor,
      level: e.level,
      estimate: e.estimate,
      se: e.se,
      pValue: e.pValue,
      ciLow: e.ciLow,
      ciHigh: e.ciHigh,
    })),
    best: {
      ...fit.best.levels,
      predicted: fit.best.predicted,
      se: fit.best.se,
      ciLow: fit.best.ciLow,
      ciHigh: fit.best.ciHigh,
    },
    n: fit.n,
    warnings,
  };
}
