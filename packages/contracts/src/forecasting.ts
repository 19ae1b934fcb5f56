/**
 * What the demand-forecasting endpoints answer: runs, per-SKU forecasts, accuracy against the
 * baselines, learned weights, tonight's purchase list and the replenishment simulation. Types only.
 * `T` is how instants travel. Quantities are in each product's own unit (斤, 盒, …); money in fen.
 */

export const FORECAST_GROUPS = ['history', 'calendar', 'price', 'weather', 'heat', 'stock'] as const;
export type ForecastGroup = (typeof FORECAST_GROUPS)[number];

/** The seed's fixed weights: order history, weather, community chatter, inventory turnover. */
export const SEED_WEIGHTS: Readonly<Record<ForecastGroup, number>> = {
  history: 0.4,
  calendar: 0,
  price: 0,
  weather: 0.25,
  heat: 0.2,
  stock: 0.15,
};

export type ForecastModel = 'global' | 'ets' | 'tsb' | 'seasonalNaive' | 'movingAverage' | 'book';

export interface Band {
  p10: number;
  p50: number;
  p90: number;
}

export interface Accuracy {
  wape: number | null;
  /** 需求匹配度 = 1 − WAPE */
  match: number | null;
  bias: number | null;
  mase: number | null;
  itemDays: number;
}

export type Compared = 'linli' | 'seasonalNaive' | 'ets';

export interface SimulationTotals {
  demand: number;
  ordered: number;
  sold: number;
  waste: number;
  /** Σ sold / Σ demand */
  fillRate: number;
  stockouts: number;
  grossMarginFen: number | null;
  wasteCostFen: number | null;
}

export interface ForecastRunSummary {
  skus: number;
  points: number;
  series: number;
  origins: number;
  panels: Array<{ city: string; items: number; weather: boolean; weights: Record<string, number> | null }>;
  accuracy: {
    overall: Record<Compared, Accuracy>;
    byCategory: Record<string, Record<Compared, Accuracy>>;
  };
  simulation: { linli: SimulationTotals; naive: SimulationTotals };
  models: Record<string, number>;
  groupShares: Record<ForecastGroup, number> | null;
}

export interface ForecastRun<T = string> {
  id: string;
  pickupDate: string;
  trigger: 'schedule' | 'manual' | 'cli';
  status: 'running' | 'succeeded' | 'failed';
  error: string | null;
  actor: string | null;
  startedAt: T;
  finishedAt: T | null;
  /** seconds per stage: demand, load, panels, models, purchase, store */
  stages: Record<string, number>;
  summary: ForecastRunSummary | null;
}

/**
 * Which pickup date's results are shown and why: the one asked for, or, when its run failed or has
 * not happened, the latest earlier one with a warning.
 */
export interface ForecastShown<T = string> {
  requestedDate: string;
  /** the pickup date whose rows are shown (null: no run has succeeded yet) */
  pickupDate: string | null;
  run: ForecastRun<T> | null;
  /** the latest run for the requested date, whatever its status */
  lastRun: ForecastRun<T> | null;
  warning: null | { kind: 'failed' | 'running' | 'missing'; error: string | null; at: T | null };
}

export interface ForecastSkuRow {
  sku: string;
  name: string;
  category: string;
  top: string;
  unit: string;
  model: ForecastModel;
  forecast: Band;
  booked: number;
  suggestedQty: number;
  step: number;
  wape: number | null;
  naiveWape: number | null;
  evalDays: number;
}

export interface ForecastSkuPage {
  shown: ForecastShown;
  items: ForecastSkuRow[];
  nextCursor: string | null;
}

export interface SupplyValues {
  lossRatePct: number;
  shelfLifeDays: number;
  unitCostFen: number | null;
  priceFen: number | null;
  sources: { lossRatePct: string; shelfLifeDays: string; unitCostFen: string | null };
}

export interface ForecastSkuDetail {
  shown: ForecastShown;
  sku: string;
  name: string;
  category: string;
  top: string;
  unit: string;
  supply: SupplyValues & {
    own: { lossRatePct: number | null; shelfLifeDays: number | null; unitCostFen: number | null };
  };
  /** net demand per pickup day, with the availability mark of the day for the whole business */
  history: Array<{ date: string; qty: number; netFen: number; censored: 'off_sale' | 'sold_out' | null }>;
  /** the model's band for the pickup date and the six days after (empty when not forecast) */
  forecast: Array<{ date: string } & Band>;
  /** horizon-1 accuracy of this SKU over the recent backtest */
  accuracy: { wape: number | null; naiveWape: number | null; evalDays: number } | null;
  line: ReplenishmentLine | null;
  points: ReplenishmentAllocation[];
}

export interface AccuracyRow {
  category: string;
  nameZh: string;
  nameEn: string;
  linli: Accuracy;
  seasonalNaive: Accuracy;
  ets: Accuracy;
}

export interface ForecastAccuracy {
  shown: ForecastShown;
  origins: number;
  overall: Record<Compared, Accuracy> | null;
  categories: AccuracyRow[];
  models: Record<string, number>;
}

export interface ForecastWeights {
  shown: ForecastShown;
  panels: Array<{ city: string; items: number; weather: boolean; weights: Record<string, number> | null }>;
  /** each feature group's share of the absolute contributions across SKUs (sums to 1) */
  groupShares: Record<ForecastGroup, number> | null;
  seed: Record<ForecastGroup, number>;
}

export interface ForecastSimulation {
  shown: ForecastShown;
  origins: number;
  linli: SimulationTotals | null;
  naive: SimulationTotals | null;
}

export interface ReplenishmentLine {
  sku: string;
  name: string;
  category: string;
  top: string;
  unit: string;
  model: ForecastModel;
  /** the model's forecast for the pickup day */
  forecast: Band;
  /** the same with the order book blended in */
  demand: Band;
  booked: number;
  /** share of a pickup day's demand usually booked by the time of this run */
  shareBefore: number | null;
  /** newsvendor critical ratio: the demand quantile bought for */
  ratio: number;
  lossRate: number;
  shelfLifeDays: number;
  unitCostFen: number | null;
  priceFen: number | null;
  suggestedQty: number;
  step: number;
  override: { qty: number; reason: string; by: string | null; at: string } | null;
  /** the override when there is one, else the suggestion */
  finalQty: number;
  costFen: number | null;
  contributions: Record<string, number> | null;
  points: number;
}

export interface ReplenishmentAllocation {
  pointId: string;
  pointName: string | null;
  communityName: string | null;
  city: string | null;
  share: number;
  booked: number;
  p50: number;
  qty: number;
}

export interface ReplenishmentList {
  shown: ForecastShown;
  cutoff: string;
  lines: ReplenishmentLine[];
  totals: { lines: number; overrides: number; costFen: number; hiddenZero: number };
}
