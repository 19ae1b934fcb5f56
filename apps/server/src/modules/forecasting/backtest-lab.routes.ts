import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { OPERATOR_EDITORS, readersOf } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { App } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { ctxFor } from '../../platform/http/auth-hooks.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import { getLabRun, labRowsFile, listLabRuns, startLabRun, type LabUpload } from './backtest-lab.ts';

const TAGS = ['forecasting'];
const idParams = z.object({ id: z.string() });

/** The backtest lab: `linli forecast backtest` on uploaded files, from the console or the API. */
export function backtestLabRoutes(s: ZodServer, app: App): void {
  s.post(
    '/api/v1/forecasting/backtests',
    {
      schema: {
        tags: TAGS,
        summary:
          'Run a rolling-origin backtest on uploaded files (multipart fields `sales`: date,item_code,qty; optional `items`: item_code,loss_rate_pct[,unit_cost,price]); 202 while it runs',
        querystring: z.object({
          from: z.iso.date(),
          to: z.iso.date(),
          horizon: z.coerce.number().int().min(1).max(28).default(7),
          step: z.coerce.number().int().min(1).max(365).default(1),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxFor(app, req, OPERATOR_EDITORS);
      if (req.query.to < req.query.from)
        throw new AppError(
          'invalid',
          'forecast.invalid_range',
          `to ${req.query.to} is before from ${req.query.from}`,
        );
      if (!req.isMultipart())
        throw new AppError('invalid', 'forecast.sales_missing', 'Send the files as multipart/form-data');
      const parts = (async function* (): AsyncGenerator<LabUpload> {
        for await (const f of req.files()) yield { field: f.fieldname, filename: f.filename, stream: f.file };
      })();
      const actor = 'username' in ctx.actor ? ctx.actor.username : `${ctx.actor.type}:${ctx.actor.id}`;
      const run = await startLabRun(app, actor, req.query, parts);
      await recordAudit(ctx, {
        action: 'run',
        entity: 'forecast_backtests',
        entityId: run.id,
        after: run.params,
      });
      return reply.status(202).send(run);
    },
  );
  s.get(
    '/api/v1/forecasting/backtests',
    {
      schema: {
        tags: TAGS,
        summary: 'Backtest lab runs, newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
      },
    },
    async (req) => {
      ctxFor(app, req, readersOf('forecasting'));
      return { items: await listLabRuns(app, req.query.limit) };
    },
  );
  s.get(
    '/api/v1/forecasting/backtests/:id',
    { schema: { tags: TAGS, params: idParams, summary: 'A backtest lab run: status, progress, summary' } },
    async (req) => {
      ctxFor(app, req, readersOf('forecasting'));
      return getLabRun(app, req.params.id);
    },
  );
  s.get(
    '/api/v1/forecasting/backtests/:id/forecasts.csv',
    {
      schema: {
        tags: TAGS,
        params: idParams,
        summary: 'The run’s forecasts: origin,date,item_code,forecast,p10,p90,order_qty',
      },
    },
    async (req, reply) => {
      ctxFor(app, req, readersOf('forecasting'));
      const file = await labRowsFile(app, req.params.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${req.params.id}.forecasts.csv"`)
        .send(createReadStream(file));
    },
  );
}
