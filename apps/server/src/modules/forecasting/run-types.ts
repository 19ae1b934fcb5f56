/** The shapes a run produces: purchase lines, pickup-point allocations and the run's summary. */
import type { FeatureGroup, Quantiles } from '@linli/forecasting';
import type { Compared } from './compute.ts';

export interface CityPart {
  city: string;
  model: string;
  p50: number;
  booked: number;
  orderQty: number;
}

export interface LineOut {
  productId: string;
  model: string;
  forecast: Quantiles;
  demand: Quantiles;
  booked: number;
  shareBefore: number | null;
  ratio: number;
  lossRate: number;
  shelfLifeDays: number;
  unitCostFen: number | null;
  priceFen: number | null;
  suggestedQty: number;
  step: number;
  contributions: Record<string, number> | null;
  wape: number | null;
  naiveWape: number | null;
  evalDays: number;
  cities: CityPart[];
}

export interface AllocationOut {
  productId: string;
  pointId: string;
  share: number;
  booked: number;
  p50: number;
  qty: number;
}

export interface Assembled {
  lines: LineOut[];
  days: Array<{ productId: string; day: string; q: Quantiles }>;
  allocations: AllocationOut[];
  summary: RunSummary;
}

export interface AccuracyView {
  wape: number | null;
  /** 需求匹配度 = 1 − WAPE */
  match: number | null;
  bias: number | null;
  mase: number | null;
  itemDays: number;
}

export interface SimulationTotals {
  demand: number;
  ordered: number;
  sold: number;
  waste: number;
  fillRate: number;
  stockouts: number;
  grossMarginFen: number | null;
  wasteCostFen: number | null;
}

export interface RunSummary {
  skus: number;
  points: number;
  series: number;
  origins: number;
  panels: Array<{ city: string; items: number; weather: boolean; weights: Record<string, number> | null }>;
  accuracy: {
    overall: Record<Compared, AccuracyView>;
    byCategory: Record<string, Record<Compared, AccuracyView>>;
  };
  simulation: { linli: SimulationTotals; naive: SimulationTotals };
  /** the model each SKU's forecast for the pickup day came from */
  models: Record<string, number>;
  /** each feature group's share of the absolute contributions across SKUs (sums to 1) */
  groupShares: Record<FeatureGroup, number> | null;
}
