import type { App } from './platform/context.ts';
import { platformRoutes } from './platform/http/platform.routes.ts';
import { buildServer, type Server, type ZodServer } from './platform/http/server.ts';
import { activityRoutes } from './modules/activity/activity.routes.ts';
import { catalogRoutes } from './modules/catalog/catalog.routes.ts';
import { commerceRoutes } from './modules/commerce/commerce.routes.ts';
import { communitiesRoutes } from './modules/communities/communities.routes.ts';
import { complianceRoutes } from './modules/compliance/index.ts';
import { experimentsRoutes } from './modules/experiments/index.ts';
import { forecastingRoutes } from './modules/forecasting/index.ts';
import { importsRoutes } from './modules/imports/imports.routes.ts';
import { insightsRoutes } from './modules/insights/insights.routes.ts';
import { intelligenceRoutes } from './modules/intelligence/intelligence.routes.ts';
import { membersRoutes } from './modules/members/members.routes.ts';
import { opinionRoutes } from './modules/opinion/index.ts';
import { textRoutes } from './modules/text/text.routes.ts';

export const allRoutes: Array<(s: ZodServer, app: App) => void> = [
  platformRoutes,
  communitiesRoutes,
  catalogRoutes,
  membersRoutes,
  commerceRoutes,
  activityRoutes,
  insightsRoutes,
  importsRoutes,
  intelligenceRoutes,
  textRoutes,
  forecastingRoutes,
  experimentsRoutes,
  complianceRoutes,
  opinionRoutes,
];

export function createServer(app: App): Promise<Server> {
  return buildServer(app, allRoutes);
}
