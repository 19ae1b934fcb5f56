import { z } from 'zod';
import { OPERATOR_EDITORS, readersOf } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { App } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { ctxFor } from '../../platform/http/auth-hooks.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import { pageQuery } from '../../platform/pagination.ts';
import { backtestLabRoutes } from './backtest-lab.routes.ts';
import { inputRoutes } from './inputs.routes.ts';
import { exportReplenishment } from './replenishment.export.ts';
import { allocationsOf, getReplenishment, setOverride } from './replenishment.service.ts';
import { listRuns, runForecast, startForecast } from './run.service.ts';
import { shownFor } from './shown.ts';
import { accuracyView, listForecastSkus, simulationView, skuDetail, weightsView } from './views.service.ts';

const readers = readersOf('forecasting');
const editors = OPERATOR_EDITORS;
const TAGS = ['forecasting'];

const pickupDate = z.iso.date().describe('pickup date YYYY-MM-DD (default: the next purchase’s)');
const dated = z.object({ date: pickupDate.optional() });
const skuParam = z.object({ sku: z.string().min(1).max(128) });

export function forecastingRoutes(s: ZodServer, app: App): void {
  s.get(
    '/api/v1/forecasting/runs',
    {
      schema: {
        tags: TAGS,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        summary: 'Forecast runs, newest first, with their status, stage timings and summary',
      },
    },
    async (req) => {
      ctxFor(app, req, readers);
      return { items: await listRuns(app, req.query.limit) };
    },
  );
  s.post(
    '/api/v1/forecasting/runs',
    {
      schema: {
        tags: TAGS,
        body: z.object({ pickupDate: pickupDate.optional(), wait: z.boolean().default(false) }),
        summary:
          'Run the forecast and purchase suggestion again (202 while it runs; wait=true answers when done)',
      },
    },
    async (req, reply) => {
      const ctx = ctxFor(app, req, editors);
      const opts = {
        pickupDate: req.body.pickupDate,
        trigger: 'manual' as const,
        actor: actorLabel(ctx.actor),
      };
      const run = req.body.wait ? await runForecast(app, opts) : await startForecast(app, opts);
      await recordAudit(ctx, {
        action: 'run',
        entity: 'forecast_runs',
        entityId: run.id,
        after: { pickupDate: run.pickupDate },
      });
      return reply.status(req.body.wait ? 200 : 202).send(run);
    },
  );
  s.get(
    '/api/v1/forecasting/skus',
    {
      schema: {
        tags: TAGS,
        querystring: pageQuery.extend({
          date: pickupDate.optional(),
          q: z.string().max(100).optional(),
          category: z.string().max(64).optional(),
        }),
        summary: 'SKUs with their model, forecast for the pickup day and recent accuracy (pages by SKU)',
      },
    },
    async (req) => listForecastSkus(ctxFor(app, req, readers), req.query),
  );
  s.get(
    '/api/v1/forecasting/skus/:sku',
    {
      schema: {
        tags: TAGS,
        params: skuParam,
        querystring: dated,
        summary:
          'One SKU: 120 days of demand, the 7-day p10/p50/p90 band, contributions, model, pickup-point split',
      },
    },
    async (req) => skuDetail(ctxFor(app, req, readers), req.params.sku, req.query.date),
  );
  s.get(
    '/api/v1/forecasting/accuracy',
    {
      schema: {
        tags: TAGS,
        querystring: dated,
        summary:
          'Backtest accuracy per category: Linli, seasonal naive and ETS (WAPE, 需求匹配度, bias, MASE)',
      },
    },
    async (req) => accuracyView(ctxFor(app, req, readers), req.query.date),
  );
  s.get(
    '/api/v1/forecasting/weights',
    {
      schema: {
        tags: TAGS,
        querystring: dated,
        summary: 'Learned weights and feature-group shares next to the seed’s',
      },
    },
    async (req) => weightsView(ctxFor(app, req, readers), req.query.date),
  );
  s.get(
    '/api/v1/forecasting/simulation',
    {
      schema: {
        tags: TAGS,
        querystring: dated,
        summary:
          'Replenishment simulation over the backtest: waste, fill rate, stock-outs, margin; Linli vs naive',
      },
    },
    async (req) => simulationView(ctxFor(app, req, readers), req.query.date),
  );
  s.get(
    '/api/v1/forecasting/replenishment',
    {
      schema: {
        tags: TAGS,
        querystring: dated.extend({
          q: z.string().max(100).optional(),
          category: z.string().max(64).optional(),
        }),
        summary:
          'The purchase list for a pickup date with its reasoning and overrides (last good list if the run failed)',
      },
    },
    async (req) => getReplenishment(ctxFor(app, req, readers), req.query),
  );
  s.get(
    '/api/v1/forecasting/replenishment/export',
    {
      schema: {
        tags: TAGS,
        querystring: dated.extend({ lang: z.enum(['zh-CN', 'en-US']).default('zh-CN') }),
        summary: 'The purchase list as an Excel workbook, overrides applied',
      },
    },
    async (req, reply) => {
      const ctx = ctxFor(app, req, readers);
      const shown = await shownFor(ctx, req.query.date);
      if (!shown.pickupDate)
        throw new AppError('not_found', 'forecasting.no_results', 'No forecast run has succeeded yet');
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="purchase-${shown.pickupDate}.xlsx"`)
        .send(exportReplenishment(ctx, shown.pickupDate, req.query.lang));
    },
  );
  s.get(
    '/api/v1/forecasting/replenishment/:date/:sku/allocations',
    {
      schema: {
        tags: TAGS,
        params: skuParam.extend({ date: pickupDate }),
        summary: 'A line’s split over pickup points (they add up to its final quantity)',
      },
    },
    async (req) => ({
      items: await allocationsOf(ctxFor(app, req, readers), req.params.date, req.params.sku),
    }),
  );
  s.put(
    '/api/v1/forecasting/replenishment/:date/:sku',
    {
      schema: {
        tags: TAGS,
        params: skuParam.extend({ date: pickupDate }),
        body: z.object({
          qty: z.number().min(0).max(1_000_000).nullable(),
          reason: z.string().max(500).optional(),
        }),
        summary:
          'Override a suggested purchase quantity (with a reason), or clear it with qty null; idempotent',
      },
    },
    async (req) => setOverride(ctxFor(app, req, editors), req.params.date, req.params.sku, req.body),
  );
  inputRoutes(s, app);
  backtestLabRoutes(s, app);
}

const actorLabel = (a: { type: string; id: string; username?: string }) => a.username ?? `${a.type}:${a.id}`;
