export { wape, bias, mase } from './metrics.ts';
export { seasonalNaive, movingAverage } from './baselines.ts';
export { croston, tsb } from './intermittent.ts';
export {
  simulateDay,
  totals,
  naiveOrder,
  criticalRatio,
  normalQuantile,
  newsvendorOrder,
  type DayOutcome,
  type PolicyTotals,
} from './replenishment.ts';
export {
  autoEts,
  etsFilter,
  etsForecast,
  fitEts,
  ETS_KINDS,
  type EtsFit,
  type EtsKind,
  type EtsParams,
} from './ets.ts';
export { ridge, dot } from './ridge.ts';
export {
  type Panel,
  type PanelItem,
  type DayRegressor,
  panelFromRows,
  panelDate,
  dayNumber,
  dateOf,
  observed,
} from './panel.ts';
export {
  MODELS,
  forecastPanel,
  knownAt,
  activeDays,
  sortedQuantile,
  type ModelName,
  type Quantiles,
  type ItemForecast,
  type ForecastOptions,
  type PanelForecast,
} from './forecast.ts';
export {
  FEATURE_GROUPS,
  FEATURE_NAMES,
  calendarRows,
  namedWeights,
  levelBefore,
  type FeatureGroup,
  type GlobalFit,
} from './global.ts';
export {
  backtest,
  hadSaleBefore,
  chooseFromLedger,
  type BacktestOptions,
  type BacktestResult,
  type BacktestRow,
  type Accuracy,
} from './backtest.ts';
export {
  purchaseFor,
  criticalRatioFor,
  withOrderBook,
  ratioForCostShare,
  calibrateCostShare,
  fillAt,
  type CalibrationDay,
  type ItemEconomics,
  type PolicyOptions,
  type OrderBook,
  type Purchase,
} from './policy.ts';
export { recentShares, allocateForecast, allocateOrder } from './reconcile.ts';
export { dayCalendar, type DayCalendar } from './calendar.ts';
