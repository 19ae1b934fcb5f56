import { tagRule } from '@linli/contracts';
import { z } from 'zod';
import { rolesFor } from '../../platform/access.ts';
import type { App } from '../../platform/context.ts';
import { ctxFor } from '../../platform/http/auth-hooks.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import { fitPersonas, listPersonas, personaOfMember, renamePersona } from './personas.service.ts';
import { fitMemberValues, memberValue, valueOverview } from './values.service.ts';
import { createTag, listTags, memberTags, previewRule, refreshTags, updateTag } from './tags.service.ts';

const readers = { roles: rolesFor('members'), scopes: ['read'] };
const editors = { roles: ['operator' as const], scopes: ['admin'] };

export function intelligenceRoutes(s: ZodServer, app: App): void {
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
  s.get(
    '/api/v1/tags',
    { schema: { tags: ['intelligence'], summary: 'Tag catalogue with member counts' } },
    async (req) => ({
      items: await listTags(ctxFor(app, req, readers)),
    }),
  );
  s.post(
    '/api/v1/tags',
    { schema: { tags: ['intelligence'], summary: 'Create a rule tag (applied at the next refresh)' } },
    async (req, reply) => reply.status(201).send(await createTag(ctxFor(app, req, editors), req.body)),
  );
  s.put(
    '/api/v1/tags/:key',
    {
      schema: {
        tags: ['intelligence'],
        params: z.object({ key: z.string() }),
        summary: 'Change a tag; a new rule is a new version',
      },
    },
    async (req) => updateTag(ctxFor(app, req, editors), req.params.key, req.body),
  );
  s.post(
    '/api/v1/tags/preview',
    {
      schema: {
        tags: ['intelligence'],
        body: z.object({ rule: tagRule }),
        summary: 'How many members a rule tags right now',
      },
    },
    async (req) => previewRule(ctxFor(app, req, readers), req.body.rule),
  );
  s.post(
    '/api/v1/tags/refresh',
    { schema: { tags: ['intelligence'], summary: 'Recompute member features and every tag now' } },
    async (req) => {
      ctxFor(app, req, editors);
      return refreshTags(app);
    },
  );
  s.get(
    '/api/v1/members/:id/tags',
    {
      schema: {
        tags: ['intelligence'],
        params: z.object({ id: z.string() }),
        summary: "A member's tags and why each applies",
      },
    },
    async (req) => memberTags(ctxFor(app, req, readers), req.params.id),
  );
}
