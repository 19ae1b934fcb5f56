/**
 * Demand forecasting and waste-aware replenishment (the maths is `@linli/forecasting`): demand
 * history from orders, availability, weather and supply inputs, the nightly run and its results.
 */
export {
  demandDays,
  availabilityMarks,
  supplyItems,
  supplyDefaults,
  weatherDays,
  forecastRuns,
  forecastItems,
  forecastDays,
  forecastAllocations,
  replenishmentOverrides,
} from './forecasting.schema.ts';
export { refreshDemand, type DemandRefresh } from './demand.repo.ts';
export { runForecast, startForecast, nextPickupDate, listRuns, type RunView } from './run.service.ts';
export { forecastingRoutes } from './forecasting.routes.ts';
