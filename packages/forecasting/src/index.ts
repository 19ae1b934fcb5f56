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
