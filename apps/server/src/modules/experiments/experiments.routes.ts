import { EXPERIMENT_STATUSES } from '@linli/contracts/experiments';
import { z } from 'zod';
import { OPERATOR_EDITORS, readersOf } from '../../platform/access.ts';
import type { App } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { ctxFor } from '../../platform/http/auth-hooks.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import { memberIdOf } from '../members/index.ts';
import { assignmentFor, flushExposures } from './assignment.ts';
import {
  archiveExperiment,
  createExperiment,
  experimentOrThrow,
  getExperiment,
  shipExperiment,
  startExperiment,
  stopExperiment,
  updateExperiment,
} from './experiments.service.ts';
import { estimatePlan } from './plan.service.ts';
import { resultsWorkbook, unitsCsv } from './results.export.ts';
import { experimentResults, listExperiments, refreshExperiment } from './results.service.ts';
import { createLayer, getSettings, listLayers, putSettings } from './settings.service.ts';

const readers = readersOf('experiments');
const editors = OPERATOR_EDITORS;
const TAGS = ['experiments'];
const keyParam = z.object({ key: z.string().min(1).max(64) });
const LINLI_MEMBER_ID = /^mbr_[0-9a-f]{20}$/;

export function experimentsRoutes(s: ZodServer, app: App): void {
  // exposures are written a few ms after the answer: none may be lost when the server stops
  s.addHook('onClose', async () => flushExposures(app));
  s.get(
    '/api/v1/experiments',
    {
      schema: {
        tags: TAGS,
        querystring: z.object({
          archived: z.stringbool().default(false),
          status: z.enum(EXPERIMENT_STATUSES).optional(),
        }),
        summary: 'Tests with their headline result, and the hit rate of finished tests',
      },
    },
    async (req) => listExperiments(ctxFor(app, req, readers), req.query),
  );
  s.post(
    '/api/v1/experiments',
    {
      schema: {
        tags: TAGS,
        body: z.record(z.string(), z.unknown()),
        summary:
          'Create a draft test (the same request again answers the same test; 409 for another under its key)',
      },
    },
    async (req, reply) => {
      const r = await createExperiment(ctxFor(app, req, editors), req.body);
      return reply.status(r.created ? 201 : 200).send(r.experiment);
    },
  );
  s.post(
    '/api/v1/experiments/plan',
    {
      schema: {
        tags: TAGS,
        body: z.object({
          segmentKey: z.string().min(1).max(64).nullable().default(null),
          traffic: z.number().gt(0).max(1).default(1),
          layerShare: z.number().gt(0).max(1).default(1),
          arms: z.number().int().min(2).max(10_000),
          attributionHours: z.number().int().min(1).max(720).default(72),
          baseRate: z.number().gt(0).lt(1).nullable().optional(),
          expectedUnits: z.number().int().positive().nullable().optional(),
          targetMde: z.number().gt(0).lt(1).nullable().optional(),
        }),
        summary: 'Planning: audience, units per arm, base rate and the minimum detectable lift in conversion',
      },
    },
    async (req) => estimatePlan(ctxFor(app, req, readers), req.body),
  );
  s.get(
    '/api/v1/experiments/settings',
    { schema: { tags: TAGS, summary: 'Global holdout and the conversion bar of the hit rate' } },
    async (req) => getSettings(ctxFor(app, req, readers)),
  );
  s.put(
    '/api/v1/experiments/settings',
    {
      schema: {
        tags: TAGS,
        body: z.record(z.string(), z.unknown()),
        summary: 'Change the global holdout share (0–0.5) and the conversion bar; audited',
      },
    },
    async (req) => putSettings(ctxFor(app, req, editors), req.body),
  );
  s.get(
    '/api/v1/experiments/layers',
    { schema: { tags: TAGS, summary: 'Layers of mutually exclusive tests, with the bucket ranges in use' } },
    async (req) => listLayers(ctxFor(app, req, readers)),
  );
  s.post(
    '/api/v1/experiments/layers',
    {
      schema: { tags: TAGS, body: z.record(z.string(), z.unknown()), summary: 'Create a layer (idempotent)' },
    },
    async (req) => createLayer(ctxFor(app, req, editors), req.body),
  );
  s.get(
    '/api/v1/experiments/:key',
    { schema: { tags: TAGS, params: keyParam, summary: 'One test as defined, with its status' } },
    async (req) => getExperiment(ctxFor(app, req, readers), req.params.key),
  );
  s.put(
    '/api/v1/experiments/:key',
    {
      schema: {
        tags: TAGS,
        params: keyParam,
        body: z.record(z.string(), z.unknown()),
        summary: 'Change a test (arms, audience and layer are locked once it has started)',
      },
    },
    async (req) => updateExperiment(ctxFor(app, req, editors), req.params.key, req.body),
  );
  s.delete(
    '/api/v1/experiments/:key',
    {
      schema: {
        tags: TAGS,
        params: keyParam,
        summary: 'Archive a test that is not running (restore undoes it)',
      },
    },
    async (req) => archiveExperiment(ctxFor(app, req, editors), req.params.key, true),
  );
  s.post(
    '/api/v1/experiments/:key/restore',
    { schema: { tags: TAGS, params: keyParam, summary: 'Bring an archived test back with its status' } },
    async (req) => archiveExperiment(ctxFor(app, req, editors), req.params.key, false),
  );
  s.post(
    '/api/v1/experiments/:key/start',
    {
      schema: {
        tags: TAGS,
        params: keyParam,
        summary: 'Start a draft (idempotent): members are assigned from now on',
      },
    },
    async (req) => startExperiment(ctxFor(app, req, editors), req.params.key),
  );
  s.post(
    '/api/v1/experiments/:key/stop',
    {
      schema: {
        tags: TAGS,
        params: keyParam,
        body: z.object({ reason: z.string().max(500).optional(), learned: z.string().max(2000).optional() }),
        summary: 'Stop a running test (idempotent); everyone sees the control again',
      },
    },
    async (req) => stopExperiment(ctxFor(app, req, editors), req.params.key, req.body),
  );
  s.post(
    '/api/v1/experiments/:key/ship',
    {
      schema: {
        tags: TAGS,
        params: keyParam,
        body: z.object({ arm: z.string().min(1).max(200), learned: z.string().max(2000).optional() }),
        summary: 'Ship an arm: its content becomes what every member is shown (ends the test)',
      },
    },
    async (req) => shipExperiment(ctxFor(app, req, editors), req.params.key, req.body),
  );
  s.get(
    '/api/v1/experiments/:key/assignment',
    {
      config: { rateLimit: { max: app.config.LINLI_RATE_LIMIT_PER_MINUTE * 100, timeWindow: '1 minute' } },
      schema: {
        tags: TAGS,
        params: keyParam,
        querystring: z.object({
          memberId: z
            .string()
            .min(1)
            .max(128)
            .describe("your member id (as sent to ingest), or Linli's mbr_ id"),
          expose: z.stringbool().default(true).describe('false: look without logging an exposure'),
        }),
        summary: "A member's arm and the content to show (logs the exposure once); sticky and deterministic",
      },
    },
    async (req) => {
      ctxFor(app, req, readers);
      const { memberId, expose } = req.query;
      const id = LINLI_MEMBER_ID.test(memberId) ? memberId : memberIdOf(memberId);
      const a = await assignmentFor(app, req.params.key, id, { expose });
      if (!a) throw new AppError('not_found', 'experiments.not_found', `No experiment ${req.params.key}`);
      return a;
    },
  );
  s.get(
    '/api/v1/experiments/:key/results',
    {
      schema: {
        tags: TAGS,
        params: keyParam,
        querystring: z.object({ refresh: z.stringbool().default(false) }),
        summary: 'Per-arm figures, comparisons, SRM, sequential looks, guardrails, allocation, main effects',
      },
    },
    async (req) => experimentResults(ctxFor(app, req, readers), req.params.key, req.query),
  );
  s.post(
    '/api/v1/experiments/:key/refresh',
    {
      schema: {
        tags: TAGS,
        params: keyParam,
        summary: 'Aggregate the units again now (and check the guardrails)',
      },
    },
    async (req) => {
      const ctx = ctxFor(app, req, readers);
      await refreshExperiment(ctx, req.params.key);
      return experimentResults(ctx, req.params.key);
    },
  );
  s.get(
    '/api/v1/experiments/:key/export',
    {
      schema: {
        tags: TAGS,
        params: keyParam,
        querystring: z.object({ lang: z.enum(['zh-CN', 'en-US']).default('zh-CN') }),
        summary: 'The results as an Excel workbook; audited',
      },
    },
    async (req, reply) => {
      const ctx = ctxFor(app, req, readers);
      const r = await experimentResults(ctx, req.params.key);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="experiment-${req.params.key}.xlsx"`)
        .send(await resultsWorkbook(ctx, r, req.query.lang));
    },
  );
  s.get(
    '/api/v1/experiments/:key/units.csv',
    {
      schema: {
        tags: TAGS,
        params: keyParam,
        summary: 'Every unit with its outcomes, for `linli experiments analyze`; audited',
      },
    },
    async (req, reply) => {
      const ctx = ctxFor(app, req, readers);
      const e = await experimentOrThrow(ctx.database.pool, req.params.key);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="experiment-${req.params.key}-units.csv"`)
        .send(unitsCsv(ctx, e));
    },
  );
}
