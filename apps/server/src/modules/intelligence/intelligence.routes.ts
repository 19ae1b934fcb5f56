import { z } from 'zod';
import type { App } from '../../platform/context.ts';
import { ctxFor } from '../../platform/http/auth-hooks.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import { pageQuery } from '../../platform/pagination.ts';
import { fitPersonas, listPersonas, personaOfMember, renamePersona } from './personas.service.ts';
import { fitMemberValues, memberValue, valueOverview } from './values.service.ts';
import { segmentRoutes } from './segments.routes.ts';
import { tagRoutes } from './tags.routes.ts';
import { QUADRANTS } from './value-rules.ts';
import { personaPoints, valueMembers, valuePoints, valueValidation } from './values-views.ts';

const sampleQuery = z.object({ limit: z.coerce.number().int().min(10).max(20_000).default(3_000) });

import { editors, readers } from './route-access.ts';

export function intelligenceRoutes(s: ZodServer, app: App): void {
  tagRoutes(s, app);
  segmentRoutes(s, app);
  s.get(
    '/api/v1/values',
    {
      schema: {
        tags: ['intelligence'],
        summary: 'Value quadrant: model parameters, cut-offs, members and GMV per quadrant',
      },
    },
    async (req) => valueOverview(ctxFor(app, req, readers)),
  );
  s.post(
    '/api/v1/values/fit',
    {
      schema: {
        tags: ['intelligence'],
        summary: 'Refit BG/NBD + Gamma-Gamma and the quadrant now (the worker does it nightly)',
        body: z
          .object({
            cutoffs: z
              .object({
                topShare: z.number().gt(0).lt(0.5),
                churnPAlive: z.number().gt(0).lt(1),
                highClvPercentile: z.number().gt(0).lt(1),
                lowArpuPercentile: z.number().gt(0).lt(1),
              })
              .partial()
              .optional(),
          })
          .default({}),
      },
    },
    async (req) => {
      ctxFor(app, req, editors);
      return fitMemberValues(app, { cutoffs: req.body.cutoffs });
    },
  );
  s.get(
    '/api/v1/values/points',
    {
      schema: {
        tags: ['intelligence'],
        querystring: sampleQuery,
        summary: 'A sample of members for the ARPU × CLV scatter, with the quadrant lines',
      },
    },
    async (req) => valuePoints(ctxFor(app, req, readers), req.query.limit),
  );
  s.get(
    '/api/v1/values/members',
    {
      schema: {
        tags: ['intelligence'],
        querystring: pageQuery.extend({ quadrant: z.enum(QUADRANTS).optional() }),
        summary: 'Members of a quadrant with ARPU, CLV, P(alive) and churn risk (cursor pagination)',
      },
    },
    async (req) => valueMembers(ctxFor(app, req, readers), req.query),
  );
  s.get(
    '/api/v1/values/validation',
    {
      schema: {
        tags: ['intelligence'],
        summary: 'The CLV model and churn risk checked on a held-out stretch of our own orders',
      },
    },
    async (req) => valueValidation(ctxFor(app, req, readers)),
  );
  s.get(
    '/api/v1/personas/points',
    {
      schema: {
        tags: ['intelligence'],
        querystring: sampleQuery,
        summary: 'A sample of members for the frequency × order value scatter',
      },
    },
    async (req) => personaPoints(ctxFor(app, req, readers), req.query.limit),
  );
  s.get(
    '/api/v1/members/:id/value',
    {
      schema: {
        tags: ['intelligence'],
        params: z.object({ id: z.string() }),
        summary: "A member's P(alive), expected orders, CLV, quadrant and persona",
      },
    },
    async (req) => {
      const ctx = ctxFor(app, req, readers);
      const value = await memberValue(ctx, req.params.id);
      return { value, persona: await personaOfMember(ctx.database.pool, req.params.id) };
    },
  );
  s.get(
    '/api/v1/personas',
    { schema: { tags: ['intelligence'], summary: 'Current personas next to the seed personas' } },
    async (req) => listPersonas(ctxFor(app, req, readers)),
  );
  s.post(
    '/api/v1/personas/fit',
    {
      schema: {
        tags: ['intelligence'],
        summary: 'Cluster members into personas now (the worker does it nightly)',
        body: z.object({ k: z.number().int().min(2).max(12).optional() }).default({}),
      },
    },
    async (req) => {
      ctxFor(app, req, editors);
      return fitPersonas(app, { k: req.body.k });
    },
  );
  s.put(
    '/api/v1/personas/:idx',
    {
      schema: {
        tags: ['intelligence'],
        params: z.object({ idx: z.coerce.number().int().min(0) }),
        body: z.object({ nameZh: z.string().min(1).max(40), nameEn: z.string().min(1).max(80).optional() }),
        summary: 'Rename a persona of the current fit',
      },
    },
    async (req) => renamePersona(ctxFor(app, req, editors), req.params.idx, req.body),
  );
}
