/**
 * A run's summary: accuracy (Linli against seasonal naive and ETS) and the replenishment simulation
 * added up over the panels, the learned weights, and each feature group's share of the forecast.
 */
import { FEATURE_GROUPS, type FeatureGroup } from '@linli/forecasting';
import type { AccuracyView, AllocationOut, LineOut, RunSummary, SimulationTotals } from './run-types.ts';
import {
  COMPARED,
  type BacktestOutput,
  type Compared,
  type ErrorSums,
  type ForecastOutput,
} from './compute.ts';
import type { PanelBuild } from './panels.ts';

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const ZERO_SUMS: ErrorSums = { abs: 0, signed: 0, actual: 0, naiveAbs: 0, n: 0 };

export function addSums(a: ErrorSums | undefined, b: ErrorSums): ErrorSums {
  if (!a) return { ...b };
  return {
    abs: a.abs + b.abs,
    signed: a.signed + b.signed,
    actual: a.actual + b.actual,
    naiveAbs: a.naiveAbs + b.naiveAbs,
    n: a.n + b.n,
  };
}

export function accuracyOf(s: ErrorSums): AccuracyView {
  const wape = s.actual > 0 ? s.abs / s.actual : null;
  return {
    wape,
    match: wape === null ? null : 1 - wape,
    bias: s.actual > 0 ? s.signed / s.actual : null,
    mase: s.naiveAbs > 0 ? s.abs / s.naiveAbs : null,
    itemDays: s.n,
  };
}

export function summarise(
  builds: PanelBuild[],
  forecasts: ForecastOutput[],
  backtests: BacktestOutput[],
  lines: LineOut[],
  allocations: AllocationOut[],
): RunSummary {
  const overall = {} as Record<Compared, ErrorSums>;
  const byCategory: Record<string, Record<Compared, ErrorSums>> = {};
  for (const b of backtests)
    for (const k of COMPARED) {
      overall[k] = addSums(overall[k], b.overall[k]);
      for (const [cat, sums] of Object.entries(b.byCategory)) {
        byCategory[cat] ??= {} as Record<Compared, ErrorSums>;
        byCategory[cat][k] = addSums(byCategory[cat][k], sums[k]);
      }
    }
  const view = (r: Record<Compared, ErrorSums>) =>
    Object.fromEntries(COMPARED.map((k) => [k, accuracyOf(r[k] ?? ZERO_SUMS)])) as Record<
      Compared,
      AccuracyView
    >;
  // panels too short for a backtest add nothing; money totals need every other panel priced
  const ran = backtests.filter((b) => b.origins > 0);
  const sim = (pick: 'linli' | 'naive'): SimulationTotals => {
    const parts = ran.map((b) => b.simulation[pick]);
    const sum = (f: (s: (typeof parts)[number]) => number) => parts.reduce((a, s) => a + f(s), 0);
    const demand = sum((s) => s.demand);
    const sold = sum((s) => s.sold);
    const priced = parts.length > 0 && parts.every((s) => s.grossMargin !== null);
    const costed = parts.length > 0 && parts.every((s) => s.wasteCost !== null);
    return {
      demand: round3(demand),
      ordered: round3(sum((s) => s.ordered)),
      sold: round3(sold),
      waste: round3(sum((s) => s.waste)),
      fillRate: demand > 0 ? sold / demand : 1,
      stockouts: sum((s) => s.stockouts),
      grossMarginFen: priced ? Math.round(sum((s) => s.grossMargin ?? 0)) : null,
      wasteCostFen: costed ? Math.round(sum((s) => s.wasteCost ?? 0)) : null,
    };
  };
  const models: Record<string, number> = {};
  for (const l of lines) models[l.model] = (models[l.model] ?? 0) + 1;
  const abs = Object.fromEntries(FEATURE_GROUPS.map((g) => [g, 0])) as Record<FeatureGroup, number>;
  for (const l of lines) for (const g of FEATURE_GROUPS) abs[g] += Math.abs(l.contributions?.[g] ?? 0);
  const total = FEATURE_GROUPS.reduce((s, g) => s + abs[g], 0);
  return {
    skus: lines.length,
    points: new Set(allocations.map((a) => a.pointId)).size,
    series: allocations.length,
    origins: Math.max(0, ...backtests.map((b) => b.origins)),
    panels: builds.map((b) => ({
      city: b.key,
      items: b.panel.items.length,
      weather: b.panel.regressors !== undefined,
      weights: forecasts.find((f) => f.key === b.key)?.weights ?? null,
    })),
    accuracy: {
      overall: view(overall),
      byCategory: Object.fromEntries(Object.entries(byCategory).map(([c, r]) => [c, view(r)])),
    },
    simulation: { linli: sim('linli'), naive: sim('naive') },
    models,
    groupShares:
      total > 0
        ? (Object.fromEntries(FEATURE_GROUPS.map((g) => [g, abs[g] / total])) as Record<FeatureGroup, number>)
        : null,
  };
}
