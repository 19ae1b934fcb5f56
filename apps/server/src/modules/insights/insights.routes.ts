import { z } from 'zod';
import { OPERATOR_EDITORS, rolesFor } from '../../platform/access.ts';
import type { App } from '../../platform/context.ts';
import { ctxFor } from '../../platform/http/auth-hooks.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import { communitySales, overview, productSales } from './overview.service.ts';
import { lastRefresh, refreshRollups } from './rollups.service.ts';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a calendar day as YYYY-MM-DD (Asia/Shanghai)')
  .optional();
const rangeQuery = z.object({
  from: day.describe('first day, inclusive; default 29 days before `to`'),
  to: day.describe('last day, inclusive; default today in Asia/Shanghai'),
});

export function insightsRoutes(s: ZodServer, app: App): void {
  s.post(
    '/api/v1/overview/refresh',
    {
      schema: {
        tags: ['insights'],
        summary: 'Bring the dashboard rollups up to date now (the worker does it every 5 minutes)',
        body: z
          .object({ from: z.union([z.enum(['changed', 'all']), day.unwrap()]).default('changed') })
          .default({ from: 'changed' }),
      },
    },
    async (req) => {
      ctxFor(app, req, OPERATOR_EDITORS);
      return {
        refreshed: await refreshRollups(app, req.body.from),
        state: await lastRefresh(app.database.pool),
      };
    },
  );
  s.get(
    '/api/v1/overview',
    {
      schema: {
        tags: ['insights'],
        summary:
          'Dashboard KPIs with period-over-period change, trend, and breakdowns by community and category',
        querystring: rangeQuery.extend({
          grain: z.enum(['day', 'week']).default('day'),
          communityId: z.string().optional(),
        }),
      },
    },
    async (req) => overview(ctxFor(app, req, { roles: rolesFor('overview'), scopes: ['read'] }), req.query),
  );
  s.get(
    '/api/v1/overview/communities',
    {
      schema: {
        tags: ['insights'],
        summary: 'Per-community members, active rate, orders and GMV',
        querystring: rangeQuery,
      },
    },
    async (req) =>
      communitySales(ctxFor(app, req, { roles: rolesFor('communities'), scopes: ['read'] }), req.query),
  );
  s.get(
    '/api/v1/overview/products',
    {
      schema: {
        tags: ['insights'],
        summary: 'Best-selling products in a range',
        querystring: rangeQuery.extend({
          communityId: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
      },
    },
    async (req) =>
      productSales(ctxFor(app, req, { roles: rolesFor('products'), scopes: ['read'] }), req.query),
  );
}
