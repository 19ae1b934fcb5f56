/** Reporting over the other modules' data: the console's overview dashboard, sales breakdowns and their rollups. */
export { overview, kpisFor, communitySales, productSales } from './overview.service.ts';
export { refreshRollups, lastRefresh, type RefreshResult, type RefreshFrom } from './rollups.service.ts';
export { insightsRoutes } from './insights.routes.ts';
