import { z } from 'zod';
import { OPERATOR_EDITORS, readersOf } from '../../platform/access.ts';
import type { App } from '../../platform/context.ts';
import { ctxFor } from '../../platform/http/auth-hooks.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import { pageQuery } from '../../platform/pagination.ts';
import { addDays, shanghaiDay } from '../../platform/shanghai.ts';
import { importAvailability, listAvailability } from './availability.service.ts';
import { BUILTIN_DEFAULTS } from './economics.ts';
import { refreshDemand } from './demand.repo.ts';
import {
  categoryDefaults,
  importSupplyItems,
  listSupply,
  setCategoryDefault,
  updateSupplyItem,
} from './supply.service.ts';
import { importWeather, listWeather } from './weather.service.ts';

const readers = readersOf('forecasting');
const editors = OPERATOR_EDITORS;
const TAGS = ['forecasting'];

const range = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() });
const rangeOf = (q: { from?: string | undefined; to?: string | undefined }) => {
  const today = shanghaiDay(new Date());
  return { from: q.from ?? addDays(today, -60), to: q.to ?? addDays(today, 14) };
};
const FILE_NOTE =
  'Send JSON {"items": [...]} or the file itself with content-type text/csv (UTF-8 or GBK, English or Chinese headers). Valid rows are stored; each rejected row comes back with its index, file row, field and reason.';

const supplyEdit = z.object({
  lossRatePct: z.number().min(0).lt(90).nullable().optional(),
  shelfLifeDays: z.number().int().min(1).max(3650).nullable().optional(),
  unitCostFen: z.number().int().min(0).max(100_000_000).nullable().optional(),
});
const supplyDefault = z.object({
  lossRatePct: z.number().min(0).lt(90),
  shelfLifeDays: z.number().int().min(1).max(3650),
  costSharePct: z.number().min(0).max(100).nullable().default(null),
});

/** Weather, availability and supply values: the inputs operators bring to the forecast. */
export function inputRoutes(s: ZodServer, app: App): void {
  if (!s.hasContentTypeParser('text/csv'))
    s.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  s.post(
    '/api/v1/forecasting/weather',
    {
      schema: {
        tags: TAGS,
        summary: 'Import daily weather per city (city, date, tempMax, tempMin, rainMm, alert)',
        description: FILE_NOTE,
      },
    },
    async (req) => importWeather(ctxFor(app, req, editors), req.body),
  );
  s.get(
    '/api/v1/forecasting/weather',
    {
      schema: {
        tags: TAGS,
        querystring: range.extend({ city: z.string().max(64).optional() }),
        summary: 'Stored weather',
      },
    },
    async (req) => listWeather(ctxFor(app, req, readers), { city: req.query.city, ...rangeOf(req.query) }),
  );
  s.post(
    '/api/v1/forecasting/availability',
    {
      schema: {
        tags: TAGS,
        summary:
          'Import availability marks (sku, date, kind off_sale|sold_out|clear, optional pickupPointId)',
        description: FILE_NOTE,
      },
    },
    async (req) => importAvailability(ctxFor(app, req, editors), req.body),
  );
  s.get(
    '/api/v1/forecasting/availability',
    {
      schema: {
        tags: TAGS,
        querystring: range.extend({ sku: z.string().max(128).optional() }),
        summary: 'Availability marks',
      },
    },
    async (req) => listAvailability(ctxFor(app, req, readers), { sku: req.query.sku, ...rangeOf(req.query) }),
  );
  s.get(
    '/api/v1/forecasting/supply-items',
    {
      schema: {
        tags: TAGS,
        querystring: pageQuery.extend({
          q: z.string().max(100).optional(),
          category: z.string().max(64).optional(),
        }),
        summary: 'Loss rate, shelf life and unit cost per SKU: its own values and the ones in effect',
      },
    },
    async (req) => listSupply(ctxFor(app, req, readers), req.query),
  );
  s.put(
    '/api/v1/forecasting/supply-items/:sku',
    {
      schema: {
        tags: TAGS,
        params: z.object({ sku: z.string().min(1).max(128) }),
        body: supplyEdit,
        summary:
          'Set a SKU’s loss rate (%), shelf life (days) or unit cost (fen); null returns it to the default',
      },
    },
    async (req) => updateSupplyItem(ctxFor(app, req, editors), req.params.sku, req.body),
  );
  s.post(
    '/api/v1/forecasting/supply-items',
    {
      schema: {
        tags: TAGS,
        summary: 'Import supply values (sku, lossRatePct, shelfLifeDays, unitCostFen or unitCostYuan)',
        description: FILE_NOTE,
      },
    },
    async (req) => importSupplyItems(ctxFor(app, req, editors), req.body),
  );
  s.get(
    '/api/v1/forecasting/supply-defaults',
    { schema: { tags: TAGS, summary: 'Category defaults set by operators, and the built-in ones' } },
    async (req) => {
      const ctx = ctxFor(app, req, readers);
      return {
        items: Object.fromEntries(await categoryDefaults(ctx.database.pool)),
        builtin: BUILTIN_DEFAULTS,
      };
    },
  );
  s.put(
    '/api/v1/forecasting/supply-defaults/:category',
    {
      schema: {
        tags: TAGS,
        params: z.object({ category: z.string().min(1).max(64) }),
        body: supplyDefault,
        summary: 'Set a category’s default loss rate, shelf life and cost share of price',
      },
    },
    async (req) => setCategoryDefault(ctxFor(app, req, editors), req.params.category, req.body),
  );
  s.delete(
    '/api/v1/forecasting/supply-defaults/:category',
    {
      schema: {
        tags: TAGS,
        params: z.object({ category: z.string().min(1).max(64) }),
        summary: 'Remove a category default',
      },
    },
    async (req) => setCategoryDefault(ctxFor(app, req, editors), req.params.category, null),
  );
  s.post(
    '/api/v1/forecasting/demand/refresh',
    {
      schema: {
        tags: TAGS,
        body: z.object({ full: z.boolean().default(false) }).default({ full: false }),
        summary: 'Bring the demand history up to date with the orders now (full: rebuild it)',
      },
    },
    async (req) => {
      ctxFor(app, req, editors);
      return refreshDemand(app, { full: req.body.full });
    },
  );
}
