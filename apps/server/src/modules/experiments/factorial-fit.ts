/**
 * Main effects of a factorial test: OLS of each metric on treatment-coded level dummies with HC1
 * standard errors, fitted from the per-combination sums (n, Σy, within-cell Σ(y − ȳ)²) with the
 * package's cell form, so 10 million units cost as much as their combinations. The reference of
 * each factor is its first configured level (the package takes the first in sorted order, so the
 * levels go in as zero-padded positions and come back as keys).
 */
import { EXPERIMENT_METRICS, type FactorialResult } from '@linli/contracts/experiments';
import { ConfoundedDesignError, factorialOlsCells, type FactorialCell } from '@linli/experiments';
import { levelsOf } from './definition.ts';
import type { ExperimentRow } from './experiments.repo.ts';
import { type Acc, type ScoreWeights, addTo, emptyAcc, momentsOf, withinSs } from './moments.ts';
import type { StatsRow } from './stats.repo.ts';

const position = (i: number) => String(i).padStart(4, '0');

export function factorialFits(
  e: ExperimentRow,
  rows: readonly StatsRow[],
  score: ScoreWeights,
): FactorialResult[] {
  const factors = e.factors!;
  const cells = new Map<string, Acc>();
  for (const r of rows) {
    if (!levelsOf(factors, r.arm)) continue;
    let acc = cells.get(r.arm);
    if (!acc) cells.set(r.arm, (acc = emptyAcc()));
    addTo(acc, r.n, r.sums);
  }
  const index = factors.map((f) => new Map(f.levels.map((l, i) => [l.key, position(i)])));
  const keyOf = factors.map((f) => new Map(f.levels.map((l, i) => [position(i), l.key])));
  const names = factors.map((f) => f.name);
  return EXPERIMENT_METRICS.map((metric) => {
    const input: FactorialCell[] = [...cells].map(([arm, acc]) => {
      const m = momentsOf(acc, metric, score);
      const levels = levelsOf(factors, arm)!;
      return {
        levels: factors.map((f, i) => index[i]!.get(levels[f.name]!)!),
        n: m.n,
        sum: m.sum,
        ss: withinSs(m),
      };
    });
    const back = (factor: string, level: string) => keyOf[names.indexOf(factor)]!.get(level) ?? level;
    try {
      const fit = factorialOlsCells(names, input);
      return {
        metric,
        n: fit.n,
        intercept: fit.intercept,
        levels: Object.fromEntries(names.map((f) => [f, fit.levels[f]!.map((l) => back(f, l))])),
        effects: fit.effects.map((x) => ({
          factor: x.factor,
          level: back(x.factor, x.level),
          estimate: x.estimate,
          se: x.se,
          ciLow: x.ciLow,
          ciHigh: x.ciHigh,
          pValue: x.pValue,
        })),
        best: {
          levels: Object.fromEntries(names.map((f) => [f, back(f, fit.best.levels[f]!)])),
          predicted: fit.best.predicted,
          ciLow: fit.best.ciLow,
          ciHigh: fit.best.ciHigh,
        },
        error: null,
      };
    } catch (err) {
      if (!(err instanceof ConfoundedDesignError)) throw err;
      return {
        metric,
        n: input.reduce((s, c) => s + c.n, 0),
        intercept: { estimate: 0, se: null },
        levels: {},
        effects: [],
        best: { levels: {}, predicted: 0, ciLow: null, ciHigh: null },
        error:
          err.factor === null
            ? 'no units to fit'
            : `level ${back(err.factor, err.level!)} of ${err.factor} cannot be separated from the other levels yet (too few combinations seen)`,
      };
    }
  });
}

/** All units together: the factorial score's yardstick (a sparse control cell would be a noisy one). */
export function allUnits(rows: readonly StatsRow[]): Acc {
  const acc = emptyAcc();
  for (const r of rows) addTo(acc, r.n, r.sums);
  return acc;
}
