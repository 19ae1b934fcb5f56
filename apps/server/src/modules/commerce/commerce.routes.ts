import { orderInput } from '@linli/contracts';
import { z } from 'zod';
import type { App } from '../../platform/context.ts';
import { ctxFor } from '../../platform/http/auth-hooks.ts';
import { ingestRoute } from '../../platform/http/ingest-route.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import { pageQuery } from '../../platform/pagination.ts';
import { ingestOrders, listOrders } from './commerce.service.ts';

export function commerceRoutes(s: ZodServer, app: App): void {
  ingestRoute(s, app, 'orders', orderInput, ingestOrders);
  s.get(
    '/api/v1/orders',
    {
      schema: {
        tags: ['commerce'],
        querystring: pageQuery.extend({
          memberId: z.string().optional(),
          communityId: z.string().optional(),
        }),
      },
    },
    async (req) =>
      listOrders(
        ctxFor(app, req, { roles: ['operator', 'analyst', 'customer_service', 'leader'], scopes: ['read'] }),
        req.query,
      ),
  );
}
