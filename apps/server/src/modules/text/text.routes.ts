import { analysisVersion, analyze, keywordHits, SEVERITIES, type Severity } from '@linli/text';
import { TEXT_ASPECTS } from '@linli/contracts/text';
import { z } from 'zod';
import { OPERATOR_EDITORS, readersOf } from '../../platform/access.ts';
import type { App } from '../../platform/context.ts';
import { ctxFor } from '../../platform/http/auth-hooks.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import { pageQuery } from '../../platform/pagination.ts';
import { listTexts, textTrend } from './explorer.ts';
import { currentRiskMatcher, listRiskTerms, updateRiskTerm, upsertRiskTerm } from './lexicon.service.ts';
import { queueOutdated, scoringStatus } from './scoring.repo.ts';
import { exportTexts } from './text.export.ts';

/** Texts are member insight: the same people read them; operators edit the lexicon and re-score. */
const readers = readersOf('members');
const editors = OPERATOR_EDITORS;

const severity = z.enum(SEVERITIES as [Severity, ...Severity[]]);

const filter = z.object({
  q: z.string().max(200).optional(),
  sentiment: z.enum(['positive', 'negative']).optional(),
  aspect: z.enum(TEXT_ASPECTS).optional(),
  polarity: z.enum(['negative', 'positive']).optional(),
  minIntensity: z.coerce.number().int().min(0).max(100).optional(),
  source: z.string().max(32).optional(),
  communityId: z.string().max(64).optional(),
  memberId: z.string().max(64).optional(),
  risk: severity.optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

const termId = z.object({ id: z.string().min(1).max(64) });

export function textRoutes(s: ZodServer, app: App): void {
  s.get(
    '/api/v1/texts',
    {
      schema: {
        tags: ['texts'],
        querystring: pageQuery.extend(filter.shape),
        summary: 'Scored member texts, newest first, filtered (cursor pagination)',
      },
    },
    async (req) => {
      const { limit, cursor, ...f } = req.query;
      return listTexts(ctxFor(app, req, readers), f, { limit, cursor });
    },
  );
  s.get(
    '/api/v1/texts/trend',
    {
      schema: {
        tags: ['texts'],
        querystring: filter,
        summary: 'Per week: texts, negatives, and per aspect mentions and negatives',
      },
    },
    async (req) => textTrend(ctxFor(app, req, readers), req.query),
  );
  s.get(
    '/api/v1/texts/export',
    {
      schema: {
        tags: ['texts'],
        querystring: filter.extend({ lang: z.enum(['zh-CN', 'en-US']).default('zh-CN') }),
        summary: 'The texts matching the filters as an Excel workbook',
      },
    },
    async (req, reply) => {
      const { lang, ...f } = req.query;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="texts.xlsx"')
        .send(exportTexts(ctxFor(app, req, readers), f, lang));
    },
  );
  s.get(
    '/api/v1/texts/status',
    {
      schema: {
        tags: ['texts'],
        summary: 'Model version, and how many texts are scored, outdated or waiting',
      },
    },
    async (req) => scoringStatus(ctxFor(app, req, readers).database.pool, analysisVersion()),
  );
  s.post(
    '/api/v1/texts/analyze',
    {
      schema: {
        tags: ['texts'],
        body: z.object({ text: z.string().max(100_000) }),
        summary: 'Analyse one text now (sentiment, intensity, aspects, risk words); nothing is stored',
      },
    },
    async (req) => {
      const ctx = ctxFor(app, req, readers);
      const a = analyze(req.body.text);
      return { ...a, riskHits: keywordHits(await currentRiskMatcher(ctx.database), req.body.text) };
    },
  );
  s.post(
    '/api/v1/texts/rescore',
    {
      schema: {
        tags: ['texts'],
        summary: 'Queue every text an older model scored; the worker re-scores them (resumable)',
      },
    },
    async (req) => {
      const ctx = ctxFor(app, req, editors);
      return { queued: await queueOutdated(ctx.database.pool, analysisVersion()) };
    },
  );
  s.get(
    '/api/v1/risk-terms',
    {
      schema: {
        tags: ['texts'],
        querystring: pageQuery.extend({
          q: z.string().max(64).optional(),
          severity: severity.optional(),
          enabled: z.stringbool().optional(),
        }),
        summary: 'The risk lexicon (search folds spacing, width and traditional characters)',
      },
    },
    async (req) => listRiskTerms(ctxFor(app, req, readers), req.query),
  );
  s.post(
    '/api/v1/risk-terms',
    {
      schema: {
        tags: ['texts'],
        body: z.object({
          term: z.string().min(1).max(200),
          severity,
          category: z.string().max(64).optional(),
        }),
        summary: 'Add a risk term (live at once); the same term again answers the existing one',
      },
    },
    async (req, reply) => {
      const r = await upsertRiskTerm(ctxFor(app, req, editors), req.body);
      return reply.status(r.created ? 201 : 200).send(r.term);
    },
  );
  s.patch(
    '/api/v1/risk-terms/:id',
    {
      schema: {
        tags: ['texts'],
        params: termId,
        body: z.object({
          severity: severity.optional(),
          category: z.string().max(64).optional(),
          enabled: z.boolean().optional(),
        }),
        summary: 'Change severity or category, or enable/disable a term',
      },
    },
    async (req) => updateRiskTerm(ctxFor(app, req, editors), req.params.id, req.body),
  );
  s.delete(
    '/api/v1/risk-terms/:id',
    { schema: { tags: ['texts'], params: termId, summary: 'Disable a term (undo with POST …/restore)' } },
    async (req) => updateRiskTerm(ctxFor(app, req, editors), req.params.id, { enabled: false }),
  );
  s.post(
    '/api/v1/risk-terms/:id/restore',
    { schema: { tags: ['texts'], params: termId, summary: 'Enable a disabled term again' } },
    async (req) => updateRiskTerm(ctxFor(app, req, editors), req.params.id, { enabled: true }),
  );
}
