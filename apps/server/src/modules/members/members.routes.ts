import { memberInput } from '@linli/contracts';
import { z } from 'zod';
import { readersOf } from '../../platform/access.ts';
import type { App } from '../../platform/context.ts';
import { ctxFor } from '../../platform/http/auth-hooks.ts';
import { ingestRoute } from '../../platform/http/ingest-route.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import { pageQuery } from '../../platform/pagination.ts';
import { exportMembers } from './members.export.ts';
import { getMember, ingestMembers, listMembers } from './members.service.ts';

const readers = readersOf('members');

const memberFilters = {
  communityId: z.string().optional(),
  gender: z.enum(['male', 'female', 'unknown']).optional(),
  deviceType: z.enum(['ios', 'android', 'harmonyos', 'mini_program', 'h5', 'other']).optional(),
  stub: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: only stubs; false: only full profiles'),
};

export function membersRoutes(s: ZodServer, app: App): void {
  ingestRoute(s, app, 'members', memberInput, ingestMembers);
  s.get(
    '/api/v1/members',
    {
      schema: {
        tags: ['members'],
        querystring: pageQuery.extend({
          q: z
            .string()
            .max(100)
            .optional()
            .describe('nickname fragment, member id, external id, or a full phone number'),
          ...memberFilters,
        }),
      },
    },
    async (req) =>
      listMembers(ctxFor(app, req, { roles: [...readers.roles], scopes: readers.scopes }), req.query),
  );
  s.get(
    '/api/v1/members/:id',
    { schema: { tags: ['members'], params: z.object({ id: z.string() }) } },
    async (req) =>
      getMember(ctxFor(app, req, { roles: [...readers.roles], scopes: readers.scopes }), req.params.id),
  );
  s.get(
    '/api/v1/members/export.xlsx',
    {
      schema: {
        tags: ['members'],
        summary: 'The members matching a list filter as an Excel workbook (phones masked)',
        querystring: z.object({
          q: z.string().max(100).optional(),
          ...memberFilters,
          lang: z.enum(['zh-CN', 'en-US']).default('zh-CN'),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxFor(app, req, { roles: [...readers.roles], scopes: readers.scopes });
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="members-${stamp}.xlsx"`)
        .send(await exportMembers(ctx, req.query));
    },
  );
}
