import { z } from 'zod';
import { batchResult as batchResultSchema, MAX_BATCH, type BatchResult } from '@linli/contracts';
import type { App, Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { ctxFor } from './auth-hooks.ts';
import type { ZodServer } from './server.ts';

const batchBody = z.object({ items: z.array(z.unknown()) });

/**
 * POST /api/v1/ingest/<what>: a batch of up to MAX_BATCH items, each with the client's own id.
 * Valid items are stored even when others are rejected; the response lists every rejected item.
 */
export function ingestRoute(
  s: ZodServer,
  app: App,
  what: string,
  itemSchema: z.ZodType,
  ingest: (ctx: Ctx, items: unknown[]) => Promise<BatchResult>,
): void {
  s.post(
    `/api/v1/ingest/${what}`,
    {
      schema: {
        tags: ['ingest'],
        summary: `Ingest a batch of ${what}`,
        description: `Up to ${MAX_BATCH} items. Items are validated one by one: valid ones are stored (idempotent on the client id), rejected ones are listed with index, field and reason. Item schema: see components.`,
        body: batchBody,
        response: { 200: batchResultSchema },
        security: [{ apiKey: [] }],
      },
      config: { itemSchema },
    },
    async (req) => {
      const ctx = ctxFor(app, req, { roles: ['operator'], scopes: ['ingest'] });
      const items = req.body.items;
      if (items.length > MAX_BATCH)
        throw new AppError(
          'too_large',
          'ingest.batch_too_large',
          `A batch holds at most ${MAX_BATCH} items; got ${items.length}`,
        );
      return ingest(ctx, items);
    },
  );
}
