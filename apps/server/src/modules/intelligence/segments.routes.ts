import { tagRule } from '@linli/contracts';
import { z } from 'zod';
import type { App } from '../../platform/context.ts';
import { ctxFor } from '../../platform/http/auth-hooks.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import { pageQuery } from '../../platform/pagination.ts';
import { editors, readers } from './route-access.ts';
import { exportSegment } from './segments.export.ts';
import {
  archiveSegment,
  createSegment,
  getSegment,
  listSegments,
  previewSegment,
  segmentMembers,
  updateSegment,
} from './segments.service.ts';

const key = z.object({ key: z.string().min(1).max(64) });
const group = z.enum(['all', 'treatment', 'holdout']).default('all');

export function segmentRoutes(s: ZodServer, app: App): void {
  s.get(
    '/api/v1/segments',
    {
      schema: {
        tags: ['segments'],
        querystring: z.object({ archived: z.stringbool().default(false) }),
        summary: 'Segments with their member and holdout counts (archived ones with archived=true)',
      },
    },
    async (req) => listSegments(ctxFor(app, req, readers), req.query.archived),
  );
  s.post(
    '/api/v1/segments',
    {
      schema: {
        tags: ['segments'],
        summary: 'Create a segment and fill it now; a retry of the same request answers the same segment',
      },
    },
    async (req, reply) => {
      const r = await createSegment(ctxFor(app, req, editors), req.body);
      return reply.status(r.created ? 201 : 200).send(r.segment);
    },
  );
  s.post(
    '/api/v1/segments/preview',
    {
      schema: {
        tags: ['segments'],
        body: z.object({ rule: tagRule, communityIds: z.array(z.string()).min(1).nullable().default(null) }),
        summary: 'How many members a segment rule matches right now (the live count)',
      },
    },
    async (req) => previewSegment(ctxFor(app, req, readers), req.body.rule, req.body.communityIds),
  );
  s.get(
    '/api/v1/segments/:key',
    { schema: { tags: ['segments'], params: key, summary: 'One segment with its counts' } },
    async (req) => getSegment(ctxFor(app, req, readers), req.params.key),
  );
  s.put(
    '/api/v1/segments/:key',
    {
      schema: {
        tags: ['segments'],
        params: key,
        summary: 'Change a segment and refill it; a changed rule or scope is a new version',
      },
    },
    async (req) => updateSegment(ctxFor(app, req, editors), req.params.key, req.body),
  );
  s.delete(
    '/api/v1/segments/:key',
    {
      schema: {
        tags: ['segments'],
        params: key,
        summary: 'Archive a segment (undo with POST …/restore)',
      },
    },
    async (req) => archiveSegment(ctxFor(app, req, editors), req.params.key, true),
  );
  s.post(
    '/api/v1/segments/:key/restore',
    { schema: { tags: ['segments'], params: key, summary: 'Bring an archived segment back' } },
    async (req) => archiveSegment(ctxFor(app, req, editors), req.params.key, false),
  );
  s.get(
    '/api/v1/segments/:key/members',
    {
      schema: {
        tags: ['segments'],
        params: key,
        querystring: pageQuery.extend({ group }),
        summary: "A segment's members, all or one group (cursor pagination)",
      },
    },
    async (req) => segmentMembers(ctxFor(app, req, readers), req.params.key, req.query),
  );
  s.get(
    '/api/v1/segments/:key/export',
    {
      schema: {
        tags: ['segments'],
        params: key,
        querystring: z.object({ group, lang: z.enum(['zh-CN', 'en-US']).default('zh-CN') }),
        summary: "A segment's members as an Excel workbook (phones masked)",
      },
    },
    async (req, reply) => {
      const { stream, key: k } = await exportSegment(ctxFor(app, req, readers), req.params.key, req.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="segment-${k}.xlsx"`)
        .send(stream);
    },
  );
}
