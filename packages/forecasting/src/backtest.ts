/**
 * Rolling-origin backtest: at each origin, forecasts for the next `horizon` days from the days
 * before it only, the purchase for the origin's own day, and the replenishment simulation of that
 * purchase against the naive policy. Per-item model choice comes from the errors of earlier origins
 * in the same run (a ledger of each model's recent absolute errors), so it never peeks either.
 */
import { type ModelName, type Quantiles, forecastPanel } from './forecast.ts';
import { FEATURE_GROUPS, type FeatureGroup, calendarRows } from './global.ts';
import { type Panel, observed } from './panel.ts';
import {
  type CalibrationDay,
  type ItemEconomics,
  type PolicyOptions,
  calibrateCostShare,
  purchaseFor,
} from './policy.ts';
import { type DayOutcome, type PolicyTotals, naiveOrder, simulateDay, totals } from './replenishment.ts';

export interface BacktestOptions {
  /** first and last origin (day indexes of the panel) */
  from: number;
  to: number;
  step?: number;
  horizon?: number;
  economics?: ReadonlyMap<string, ItemEconomics>;
  /** loss rate for items without economics (default 0) */
  defaultLossRate?: number;
  policy?: PolicyOptions;
  /**
   * for items without price and cost: the fill rate to buy for, or 'naive' (default) for the fill
   * rate the naive policy reached over the 28 days before each origin, plus `fillMargin`
   */
  fillTarget?: number | 'naive';
  /** added to the naive policy's recent fill rate (default 0.0075) */
  fillMargin?: number;
  /** days before each origin the fill target and the purchases are calibrated on (default 28) */
  calibrationDays?: number;
  without?: ReadonlySet<FeatureGroup>;
  /** the global model's training window and penalty */
  trainWeeks?: number;
  lambda?: number;
  /** days from this index on are unknown (past the end of the data): never scored (default: the panel's length) */
  known?: number;
  /** choose each item's model from the ledger of earlier origins (default true) */
  chooseModels?: boolean;
  onOrigin?: (done: number, total: number) => void;
}

export interface BacktestRow {
  origin: number;
  day: number;
  code: string;
  model: ModelName;
  q: Quantiles;
  /** purchase quantity, on the origin's own day only */
  orderQty: number | null;
}

export interface Accuracy {
  wape: number | null;
  /** 需求匹配度 = 1 − WAPE */
  match: number | null;
  bias: number | null;
  /** mean absolute error relative to seasonal naive's on the same item-days */
  mase: number | null;
  itemDays: number;
}

export interface BacktestResult {
  rows: BacktestRow[];
  origins: number;
  /** horizon-1 accuracy over the evaluated item-days (a sale in the 28 days before the origin) */
  accuracy: Record<'linli' | 'seasonalNaive' | 'ets', Accuracy>;
  /** accuracy over every horizon */
  accuracyAllHorizons: Record<'linli' | 'seasonalNaive' | 'ets', Accuracy>;
  byCategory: Record<string, Record<'linli' | 'seasonalNaive' | 'ets', Accuracy>>;
  /** horizon-1 accuracy per item */
  byItem: Record<string, Record<'linli' | 'seasonalNaive' | 'ets', Accuracy>>;
  simulation: {
    linli: PolicyTotals & { wasteCost: number | null };
    naive: PolicyTotals & { wasteCost: number | null };
  };
  /** how often each model was chosen, over the item-origins scored */
  models: Partial<Record<ModelName, number>>;
  /**
   * the weight each regressor group carried: its share of the global model's absolute contribution
   * over the horizon-1 forecasts scored (the learned counterpart of the seed's fixed 40/25/20/15)
   */
  learnedWeights: Record<FeatureGroup, number>;
}

const COMPARED = ['linli', 'seasonalNaive', 'ets'] as const;
type Compared = (typeof COMPARED)[number];

class Tally {
  abs = 0;
  signed = 0;
  actual = 0;
  naiveAbs = 0;
  n = 0;
  add(actual: number, forecast: number, naive: number) {
    this.abs += Math.abs(actual - forecast);
    this.signed += forecast - actual;
    this.actual += actual;
    this.naiveAbs += Math.abs(actual - naive);
    this.n++;
  }
  result(): Accuracy {
    const wape = this.actual > 0 ? this.abs / this.actual : null;
    return {
      wape,
      match: wape === null ? null : 1 - wape,
      bias: this.actual > 0 ? this.signed / this.actual : null,
      mase: this.naiveAbs > 0 ? this.abs / this.naiveAbs : null,
      itemDays: this.n,
    };
  }
}

const tallies = () => Object.fromEntries(COMPARED.map((k) => [k, new Tally()])) as Record<Compared, Tally>;
const results = (t: Record<Compared, Tally>) =>
  Object.fromEntries(COMPARED.map((k) => [k, t[k].result()])) as Record<Compared, Accuracy>;

/** Models the ledger chooses among, and how many of their recent errors it remembers. */
const CANDIDATES: ModelName[] = ['global', 'ets', 'tsb'];
const LEDGER_DAYS = 28;

export function backtest(panel: Panel, options: BacktestOptions): BacktestResult {
  const step = Math.max(1, options.step ?? 1);
  const horizon = Math.max(1, options.horizon ?? 7);
  const calendar = calendarRows(panel, horizon);
  const rows: BacktestRow[] = [];
  const h1 = tallies();
  const all = tallies();
  const byCategory = new Map<string, Record<Compared, Tally>>();
  const byItem = new Map<string, Record<Compared, Tally>>();
  const linliDays: Array<DayOutcome & { cost?: number | undefined; price?: number | undefined }> = [];
  const naiveDays: Array<DayOutcome & { cost?: number | undefined; price?: number | undefined }> = [];
  const models: Partial<Record<ModelName, number>> = {};
  // per item and model: absolute errors of horizon-1 forecasts whose day has passed
  const ledger: Ledger = new Map();
  const weightSums = Object.fromEntries(FEATURE_GROUPS.map((g) => [g, 0])) as Record<FeatureGroup, number>;
  const total = Math.floor((options.to - options.from) / step) + 1;
  let origins = 0;
  // purchases are calibrated on the 28 days before each origin, so the run starts 28 days early
  // (as far as the history allows); those warm-up origins are neither written nor scored
  const calibration: Calibration[] = [];
  const warmStart = options.from - step * Math.ceil(28 / step);
  const byCode = new Map(panel.items.map((i) => [i.code, i]));
  const known = Math.min(panel.length, options.known ?? panel.length);
  for (let o = Math.min(options.from, Math.max(35, warmStart)); o <= options.to; o += 1) {
    if ((o - options.from) % step !== 0) continue;
    const warmUp = o < options.from;
    const choice = options.chooseModels === false ? undefined : chooseFromLedger(ledger, o);
    const policy = { ...options.policy, costShare: costShareAt(calibration, o, options) };
    const fc = forecastPanel(panel, o, warmUp ? 1 : horizon, {
      calendar,
      choice,
      without: options.without,
      trainWeeks: options.trainWeeks,
      lambda: options.lambda,
      alsoModels: ['seasonalNaive', 'ets', 'tsb'],
    });
    for (const f of fc.items) {
      const item = byCode.get(f.code)!;
      const econ = options.economics?.get(f.code);
      const loss = econ?.lossRate ?? options.defaultLossRate ?? 0;
      const evaluated = hadSaleBefore(item.demand, o);
      if (!warmUp && evaluated) models[f.model] = (models[f.model] ?? 0) + 1;
      for (let k = 0; k < f.days.length; k++) {
        const day = o + k;
        const q = f.days[k]!;
        const orderQty = k === 0 ? purchaseFor(q, econ ?? { lossRate: loss }, policy).orderQty : null;
        if (!warmUp) rows.push({ origin: o, day, code: f.code, model: f.model, q, orderQty });
        if (!evaluated || day >= known || !observed(item, day)) continue;
        const actual = item.demand[day]!;
        const naive = fc.baselines.seasonalNaive!.get(f.code)![k]!;
        const ets = fc.baselines.ets!.get(f.code)![k]!;
        if (k === 0) {
          calibration.push({
            ...calibrationDay(item.demand, day, q, loss),
            day,
            sold: Math.min(orderQty! * (1 - loss), actual),
          });
          record(ledger, f.code, day, actual, {
            global: f.global ? f.global[0]! : Number.NaN,
            ets,
            tsb: fc.baselines.tsb!.get(f.code)![0]!,
          });
        }
        if (warmUp) continue;
        const cat = item.category ?? '';
        if (!byCategory.has(cat)) byCategory.set(cat, tallies());
        if (!byItem.has(f.code)) byItem.set(f.code, tallies());
        for (const t of k === 0 ? [h1, all, byCategory.get(cat)!, byItem.get(f.code)!] : [all]) {
          t.linli.add(actual, q.p50, naive);
          t.seasonalNaive.add(actual, naive, naive);
          t.ets.add(actual, ets, naive);
        }
        if (k === 0) {
          for (const g of FEATURE_GROUPS) weightSums[g] += Math.abs(f.contributions?.[g] ?? 0);
          const price = econ?.price;
          const cost = econ?.unitCost;
          linliDays.push({ ...simulateDay(actual, orderQty!, loss), price, cost });
          naiveDays.push({
            ...simulateDay(actual, naiveOrder(o >= 7 ? item.demand[o - 7]! : 0, loss), loss),
            price,
            cost,
          });
        }
      }
    }
    if (warmUp) continue;
    origins++;
    options.onOrigin?.(origins, total);
  }
  const withCost = (days: typeof linliDays) => {
    const t = totals(days);
    let cost = 0;
    let known = days.length > 0;
    for (const d of days) {
      if (d.cost === undefined) known = false;
      else cost += d.waste * d.cost;
    }
    return { ...t, wasteCost: known ? cost : null };
  };
  return {
    rows,
    origins,
    accuracy: results(h1),
    accuracyAllHorizons: results(all),
    byCategory: Object.fromEntries([...byCategory].map(([c, t]) => [c, results(t)])),
    byItem: Object.fromEntries([...byItem].map(([c, t]) => [c, results(t)])),
    simulation: { linli: withCost(linliDays), naive: withCost(naiveDays) },
    models,
    learnedWeights: shares(weightSums),
  };
}

function shares(sums: Record<FeatureGroup, number>): Record<FeatureGroup, number> {
  const total = FEATURE_GROUPS.reduce((a, g) => a + sums[g], 0);
  return Object.fromEntries(FEATURE_GROUPS.map((g) => [g, total > 0 ? sums[g] / total : 0])) as Record<
    FeatureGroup,
    number
  >;
}

/** how strongly a shortfall since the start moves the target (the integral gain) */
const GAIN = 3;

type Calibration = CalibrationDay & { day: number; naiveSold: number; sold: number };

type Ledger = Map<string, Map<ModelName, Array<[day: number, err: number]>>>;

/** Adds each candidate model's absolute error on a day that has passed. */
function record(
  ledger: Ledger,
  code: string,
  day: number,
  actual: number,
  point: Partial<Record<ModelName, number>>,
) {
  const errors = ledger.get(code) ?? new Map<ModelName, Array<[number, number]>>();
  ledger.set(code, errors);
  for (const m of CANDIDATES) {
    const v = point[m];
    if (v === undefined || Number.isNaN(v)) continue;
    const list = errors.get(m) ?? [];
    list.push([day, Math.abs(actual - v)]);
    errors.set(m, list);
  }
}

function calibrationDay(demand: Float64Array, day: number, q: Quantiles, lossRate: number) {
  const naive = naiveOrder(day >= 7 ? demand[day - 7]! : 0, lossRate);
  const actual = demand[day]!;
  return { q, actual, lossRate, naiveSold: Math.min(naive * (1 - lossRate), actual) };
}

/**
 * The cost share to buy at for items without prices: the one that would have reached the fill
 * target over the 28 days before o (undefined before there is any history to calibrate on).
 */
function costShareAt(
  calibration: readonly Calibration[],
  o: number,
  options: BacktestOptions,
): number | undefined {
  const days = options.calibrationDays ?? 28;
  const window = calibration.filter((c) => c.day < o && c.day >= o - days);
  if (window.length === 0) return undefined;
  let target = options.fillTarget ?? 'naive';
  const fill = (list: readonly Calibration[], sold: (c: Calibration) => number) => {
    let s = 0;
    let d = 0;
    for (const c of list) {
      s += sold(c);
      d += c.actual;
    }
    return d > 0 ? s / d : 1;
  };
  // the policy's own shortfall against its target since it started (the first origin) is made up
  // now (integral control): a lag after a sudden change, such as the weeks around the Spring
  // Festival, must not leave the period's fill rate short
  const margin = options.fillMargin ?? 0.0075;
  const own = calibration.filter((c) => c.day < o && c.day >= options.from);
  const gap = (wanted: number) =>
    own.length ? Math.max(-0.05, Math.min(0.15, GAIN * (wanted - fill(own, (c) => c.sold)))) : 0;
  if (target === 'naive')
    target = fill(window, (c) => c.naiveSold) + margin + gap(fill(own, (c) => c.naiveSold) + margin);
  else target += gap(target);
  return calibrateCostShare(window, Math.min(0.99, target));
}

/** Whether the series has a sale in the 28 days before o: the items an origin is judged on. */
export function hadSaleBefore(demand: Float64Array, o: number): boolean {
  for (let i = Math.max(0, o - 28); i < Math.min(o, demand.length); i++) if (demand[i]! > 0) return true;
  return false;
}

/**
 * Each item's model from its ledger: the candidate with the smallest absolute error over the last
 * LEDGER_DAYS days before o, if it beats the global model by a clear 10 % on at least 14 days;
 * otherwise the global model, which pools every item and is the safer default.
 */
export function chooseFromLedger(
  ledger: ReadonlyMap<string, ReadonlyMap<ModelName, ReadonlyArray<readonly [number, number]>>>,
  o: number,
): Map<string, ModelName> {
  const choice = new Map<string, ModelName>();
  for (const [code, errors] of ledger) {
    const sums = new Map<ModelName, { sum: number; n: number }>();
    for (const [m, list] of errors) {
      let sum = 0;
      let n = 0;
      for (const [day, err] of list)
        if (day < o && day >= o - LEDGER_DAYS) {
          sum += err;
          n++;
        }
      sums.set(m, { sum, n });
    }
    const global = sums.get('global');
    if (!global || global.n < 14) continue;
    let best: ModelName = 'global';
    let bestSum = global.sum;
    for (const [m, s] of sums)
      if (m !== 'global' && s.n === global.n && s.sum < 0.9 * bestSum) {
        best = m;
        bestSum = s.sum;
      }
    if (best !== 'global') choice.set(code, best);
  }
  return choice;
}
