import { productInput } from '@linli/contracts';
import { z } from 'zod';
import { rolesFor } from '../../platform/access.ts';
import type { App } from '../../platform/context.ts';
import { ctxFor } from '../../platform/http/auth-hooks.ts';
import { ingestRoute } from '../../platform/http/ingest-route.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import { pageQuery } from '../../platform/pagination.ts';
import { listCategories, listProducts, upsertProducts } from './catalog.service.ts';

const readers = { roles: rolesFor('products'), scopes: ['read'] };

export function catalogRoutes(s: ZodServer, app: App): void {
  ingestRoute(s, app, 'products', productInput, upsertProducts);
  s.get('/api/v1/categories', { schema: { tags: ['catalog'] } }, async (req) => {
    ctxFor(app, req, { roles: [...readers.roles], scopes: readers.scopes });
    return { items: await listCategories(app.database.pool) };
  });
  s.get(
    '/api/v1/products',
    {
      schema: {
        tags: ['catalog'],
        querystring: pageQuery.extend({ q: z.string().max(100).optional(), category: z.string().optional() }),
      },
    },
    async (req) =>
      listProducts(ctxFor(app, req, { roles: [...readers.roles], scopes: readers.scopes }), req.query),
  );
}
