/**
 * The arithmetic of a nightly run for one panel, free of IO so it runs in a worker thread: the
 * model choice and the forecast from the pickup day on (`forecast`), and the rolling-origin
 * backtest behind the accuracy and the replenishment simulation (`backtest`). The two are separate
 * jobs so a run keeps two cores busy.
 */
import {
  backtest,
  calendarRows,
  chooseFromLedger,
  forecastPanel,
  hadSaleBefore,
  namedWeights,
  observed,
  type Accuracy,
  type FeatureGroup,
  type ItemEconomics,
  type ModelName,
  type Panel,
  type PolicyTotals,
  type Quantiles,
} from '@linli/forecasting';

/** Origins the per-SKU model choice learns from, and those the accuracy is measured on (horizon 1). */
export const CHOICE_ORIGINS = 14;
export const ACCURACY_ORIGINS = 28;
/** Too little history for a backtest: the global model needs five weeks before its first origin. */
const MIN_BACKTEST_ORIGIN = 42;

export interface PanelJob {
  kind: 'forecast' | 'backtest';
  key: string;
  panel: Panel;
  horizon: number;
  economics: Array<[string, ItemEconomics]>;
}

export interface ForecastOutput {
  kind: 'forecast';
  key: string;
  items: Array<{
    code: string;
    model: ModelName;
    days: Quantiles[];
    contributions: Partial<Record<FeatureGroup | 'level', number>> | null;
  }>;
  /** the horizon-1 global model's weights by feature (null when it could not be fitted) */
  weights: Record<string, number> | null;
}

export const COMPARED = ['linli', 'seasonalNaive', 'ets'] as const;
export type Compared = (typeof COMPARED)[number];

/** Sums behind an accuracy figure, so panels can be added up exactly. */
export interface ErrorSums {
  abs: number;
  signed: number;
  actual: number;
  naiveAbs: number;
  n: number;
}

export interface BacktestOutput {
  kind: 'backtest';
  key: string;
  origins: number;
  overall: Record<Compared, ErrorSums>;
  byCategory: Record<string, Record<Compared, ErrorSums>>;
  simulation: {
    linli: PolicyTotals & { wasteCost: number | null };
    naive: PolicyTotals & { wasteCost: number | null };
  };
  models: Partial<Record<ModelName, number>>;
  /** per item: horizon-1 errors of Linli and of seasonal naive over the evaluated days */
  perItem: Array<[string, ErrorSums]>;
}

export type JobOutput = ForecastOutput | BacktestOutput;

export function runJob(job: PanelJob): JobOutput {
  return job.kind === 'forecast' ? forecastJob(job) : backtestJob(job);
}

function forecastJob(job: PanelJob): ForecastOutput {
  const { panel, horizon } = job;
  const origin = panel.length;
  const calendar = calendarRows(panel, horizon);
  // each SKU's model from the errors of the last CHOICE_ORIGINS one-day-ahead forecasts
  const ledger = new Map<string, Map<ModelName, Array<[number, number]>>>();
  const byCode = new Map(panel.items.map((i) => [i.code, i]));
  for (let o = Math.max(1, origin - CHOICE_ORIGINS); o < origin; o++) {
    const fc = forecastPanel(panel, o, 1, { calendar, alsoModels: ['ets', 'tsb'] });
    for (const f of fc.items) {
      const item = byCode.get(f.code)!;
      if (!hadSaleBefore(item.demand, o) || !observed(item, o)) continue;
      const actual = item.demand[o]!;
      const errors = ledger.get(f.code) ?? new Map<ModelName, Array<[number, number]>>();
      ledger.set(f.code, errors);
      const point: Array<[ModelName, number | undefined]> = [
        ['global', f.global?.[0]],
        ['ets', fc.baselines.ets?.get(f.code)?.[0]],
        ['tsb', fc.baselines.tsb?.get(f.code)?.[0]],
      ];
      for (const [m, v] of point) {
        if (v === undefined || Number.isNaN(v)) continue;
        const list = errors.get(m) ?? [];
        list.push([o, Math.abs(actual - v)]);
        errors.set(m, list);
      }
    }
  }
  const choice = chooseFromLedger(ledger, origin);
  const fc = forecastPanel(panel, origin, horizon, { calendar, choice });
  const fit = fc.fits[0];
  return {
    kind: 'forecast',
    key: job.key,
    items: fc.items.map((f) => ({
      code: f.code,
      model: f.model,
      days: f.days,
      contributions: f.contributions,
    })),
    weights: fit ? namedWeights(fit) : null,
  };
}

const emptySums = (): ErrorSums => ({ abs: 0, signed: 0, actual: 0, naiveAbs: 0, n: 0 });

function backtestJob(job: PanelJob): BacktestOutput {
  const { panel } = job;
  const origin = panel.length;
  const from = Math.max(MIN_BACKTEST_ORIGIN, origin - ACCURACY_ORIGINS);
  const empty: BacktestOutput = {
    kind: 'backtest',
    key: job.key,
    origins: 0,
    overall: { linli: emptySums(), seasonalNaive: emptySums(), ets: emptySums() },
    byCategory: {},
    simulation: { linli: noTotals(), naive: noTotals() },
    models: {},
    perItem: [],
  };
  if (from > origin - 1) return empty;
  const result = backtest(panel, {
    from,
    to: origin - 1,
    horizon: 1,
    economics: new Map(job.economics),
  });
  // the actual demand over the item-days the backtest judged, overall and per category, turns its
  // ratios back into sums
  const actual = new Map<string, number>();
  let total = 0;
  const perItem = new Map<string, ErrorSums>();
  const byCode = new Map(panel.items.map((i) => [i.code, i]));
  for (const row of result.rows) {
    const item = byCode.get(row.code)!;
    if (row.day >= panel.length || !hadSaleBefore(item.demand, row.origin) || !observed(item, row.day))
      continue;
    const a = item.demand[row.day]!;
    const cat = item.category ?? '';
    actual.set(cat, (actual.get(cat) ?? 0) + a);
    total += a;
    const naive = row.day >= 7 ? item.demand[row.day - 7]! : 0;
    const s = perItem.get(row.code) ?? emptySums();
    s.abs += Math.abs(a - row.q.p50);
    s.signed += row.q.p50 - a;
    s.actual += a;
    s.naiveAbs += Math.abs(a - naive);
    s.n++;
    perItem.set(row.code, s);
  }
  return {
    ...empty,
    origins: result.origins,
    overall: sumsOf(result.accuracy, total),
    byCategory: Object.fromEntries(
      Object.entries(result.byCategory).map(([cat, acc]) => [cat, sumsOf(acc, actual.get(cat) ?? 0)]),
    ),
    simulation: result.simulation,
    models: result.models,
    perItem: [...perItem],
  };
}

function sumsOf(acc: Record<Compared, Accuracy>, actual: number): Record<Compared, ErrorSums> {
  const naiveAbs = (acc.seasonalNaive.wape ?? 0) * actual;
  const one = (a: Accuracy): ErrorSums => ({
    abs: (a.wape ?? 0) * actual,
    signed: (a.bias ?? 0) * actual,
    actual,
    naiveAbs,
    n: a.itemDays,
  });
  return { linli: one(acc.linli), seasonalNaive: one(acc.seasonalNaive), ets: one(acc.ets) };
}

function noTotals(): PolicyTotals & { wasteCost: number | null } {
  return {
    demand: 0,
    ordered: 0,
    sold: 0,
    waste: 0,
    fillRate: 1,
    stockouts: 0,
    grossMargin: null,
    wasteCost: null,
  };
}
