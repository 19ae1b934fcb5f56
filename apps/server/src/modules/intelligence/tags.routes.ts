import { tagRule } from '@linli/contracts';
import { z } from 'zod';
import type { App } from '../../platform/context.ts';
import { ctxFor } from '../../platform/http/auth-hooks.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import { pageQuery } from '../../platform/pagination.ts';
import { editors, readers } from './route-access.ts';
import { ruleVocabulary, tagCatalogue, tagDetail, tagMembers } from './tag-insight.ts';
import { createTag, memberTags, previewRule, refreshTags, updateTag } from './tags.service.ts';

export function tagRoutes(s: ZodServer, app: App): void {
  s.get(
    '/api/v1/tags',
    {
      schema: {
        tags: ['intelligence'],
        summary: 'Tag catalogue with members, coverage and entries/exits over 7 days',
      },
    },
    async (req) => tagCatalogue(ctxFor(app, req, readers)),
  );
  s.get(
    '/api/v1/tags/fields',
    { schema: { tags: ['intelligence'], summary: 'Fields, events and comparators a rule may use' } },
    async (req) => ruleVocabulary(ctxFor(app, req, readers)),
  );
  s.get(
    '/api/v1/tags/:key',
    {
      schema: {
        tags: ['intelligence'],
        params: z.object({ key: z.string() }),
        summary: "A tag's versions, 30-day trend, distribution by community and quadrant, value histograms",
      },
    },
    async (req) => tagDetail(ctxFor(app, req, readers), req.params.key),
  );
  s.get(
    '/api/v1/tags/:key/members',
    {
      schema: {
        tags: ['intelligence'],
        params: z.object({ key: z.string() }),
        querystring: pageQuery,
        summary: "A tag's members with the values that made it apply (cursor pagination)",
      },
    },
    async (req) => tagMembers(ctxFor(app, req, readers), req.params.key, req.query),
  );
  s.post(
    '/api/v1/tags',
    { schema: { tags: ['intelligence'], summary: 'Create a rule tag; it applies at once' } },
    async (req, reply) => reply.status(201).send(await createTag(ctxFor(app, req, editors), req.body)),
  );
  s.put(
    '/api/v1/tags/:key',
    {
      schema: {
        tags: ['intelligence'],
        params: z.object({ key: z.string() }),
        summary: 'Change a tag; a new rule is a new version and applies at once',
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
