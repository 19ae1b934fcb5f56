/** Reporting over the other modules' data: the console's overview dashboard and sales breakdowns. */
export { overview, kpisFor, communitySales, productSales } from './overview.service.ts';
export { insightsRoutes } from './insights.routes.ts';
