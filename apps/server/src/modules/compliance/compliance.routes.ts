import {
  CONTENT_CHANNELS,
  CONTENT_TYPES,
  ITEM_STATUSES,
  MAX_COPY_CHARS,
  REVIEW_STAGES,
} from '@linli/contracts/compliance';
import { z } from 'zod';
import { COMPLIANCE_ROLES, readersOf } from '../../platform/access.ts';
import type { App } from '../../platform/context.ts';
import { ctxFor } from '../../platform/http/auth-hooks.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import { pageQuery } from '../../platform/pagination.ts';
import { itemDetail, listItemsPage, stageUsers, type ListQuery } from './detail.service.ts';
import { assertPublishable, installUgcScreen } from './guard.ts';
import { exportItems } from './items.export.ts';
import { editItem, submitItem } from './items.service.ts';
import { extraRoutes } from './packs.routes.ts';
import {
  assignItem,
  claimItem,
  decide,
  markMissed,
  recallItem,
  setVerdicts,
  unmarkMissed,
} from './review.service.ts';

const TAGS = ['compliance'];
const readers = readersOf('compliance');
const deciders = { roles: [...COMPLIANCE_ROLES.review.roles, ...COMPLIANCE_ROLES.legal.roles], scopes: [] };
const idParam = z.object({ id: z.string().min(1).max(128) });
const body = z.record(z.string(), z.unknown());

const listQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : undefined))
    .pipe(z.array(z.enum(ITEM_STATUSES)).optional()),
  stage: z.enum(REVIEW_STAGES).optional(),
  channel: z.enum(CONTENT_CHANNELS).optional(),
  type: z.enum(CONTENT_TYPES).optional(),
  assignee: z.string().max(64).optional().describe('me, none or a username'),
  author: z.string().max(64).optional().describe('me or a username'),
  q: z.string().max(200).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  sort: z.enum(['due', 'updated']).optional(),
});

export function complianceRoutes(s: ZodServer, app: App): void {
  // member-written text shown anywhere in the console goes through the live packs from now on
  installUgcScreen(app.database);
  s.get(
    '/api/v1/compliance/items',
    {
      schema: {
        tags: TAGS,
        querystring: pageQuery.extend(listQuery.shape),
        summary: 'Content items with filters (a queue: stage + assignee, ordered by deadline)',
      },
    },
    async (req) => {
      const { limit, cursor, ...q } = req.query;
      return listItemsPage(ctxFor(app, req, readers), q as ListQuery, { limit, cursor });
    },
  );
  s.post(
    '/api/v1/compliance/items',
    {
      schema: {
        tags: TAGS,
        body,
        summary:
          'Submit copy: screened at once (stage 1); block hits return it to the author, otherwise it waits for review. With clientId (or an Idempotency-Key header) a retry answers the same item',
      },
    },
    async (req, reply) => {
      const ctx = ctxFor(app, req, COMPLIANCE_ROLES.authors);
      const key = req.headers['idempotency-key'];
      const input =
        typeof key === 'string' && req.body.clientId === undefined
          ? { ...req.body, clientId: key }
          : req.body;
      const r = await submitItem(ctx, input);
      return reply.status(r.created ? 201 : 200).send(await itemDetail(ctx, r.id));
    },
  );
  s.get(
    '/api/v1/compliance/items/export',
    {
      schema: {
        tags: TAGS,
        querystring: listQuery.extend({
          format: z.enum(['xlsx', 'csv']).default('xlsx'),
          lang: z.enum(['zh-CN', 'en-US']).default('zh-CN'),
        }),
        summary: 'The filtered list as Excel or CSV; audited',
      },
    },
    async (req, reply) => {
      const { format, lang, ...q } = req.query;
      const xlsx = format === 'xlsx';
      return reply
        .header(
          'content-type',
          xlsx
            ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            : 'text/csv; charset=utf-8',
        )
        .header('content-disposition', `attachment; filename="compliance-items.${format}"`)
        .send(exportItems(ctxFor(app, req, readers), q as ListQuery, format, lang));
    },
  );
  s.get(
    '/api/v1/compliance/items/:id',
    {
      schema: {
        tags: TAGS,
        params: idParam,
        summary: 'An item: versions with hits and verdicts, decisions, timeline',
      },
    },
    async (req) => itemDetail(ctxFor(app, req, readers), req.params.id),
  );
  s.put(
    '/api/v1/compliance/items/:id/text',
    {
      schema: {
        tags: TAGS,
        params: idParam,
        body: z.object({ text: z.string().max(MAX_COPY_CHARS), baseVersion: z.number().int().min(1) }),
        summary: 'Edit the copy: a new version, screened again (the same text again changes nothing)',
      },
    },
    async (req) => {
      const ctx = ctxFor(app, req, COMPLIANCE_ROLES.authors);
      await editItem(ctx, req.params.id, req.body);
      return itemDetail(ctx, req.params.id);
    },
  );
  s.post(
    '/api/v1/compliance/items/:id/claim',
    {
      schema: {
        tags: TAGS,
        params: idParam,
        summary: 'Take the open stage (reviewers: review; legal: legal)',
      },
    },
    async (req) => {
      const ctx = ctxFor(app, req, deciders);
      await claimItem(ctx, req.params.id);
      return itemDetail(ctx, req.params.id);
    },
  );
  s.post(
    '/api/v1/compliance/items/:id/assign',
    {
      schema: {
        tags: TAGS,
        params: idParam,
        body: z.object({ username: z.string().min(1).max(64) }),
        summary: 'Hand the open stage to a user holding its role',
      },
    },
    async (req) => {
      const ctx = ctxFor(app, req, { roles: [...deciders.roles, 'operator'], scopes: [] });
      await assignItem(ctx, req.params.id, req.body.username);
      return itemDetail(ctx, req.params.id);
    },
  );
  s.post(
    '/api/v1/compliance/items/:id/decisions',
    {
      schema: {
        tags: TAGS,
        params: idParam,
        body,
        summary:
          'Decide a stage of a version: approve (stage 2 may send it to legal), return to the author, or reject; audited',
      },
    },
    async (req) => {
      const ctx = ctxFor(app, req, deciders);
      await decide(ctx, req.params.id, req.body);
      return itemDetail(ctx, req.params.id);
    },
  );
  s.put(
    '/api/v1/compliance/items/:id/verdicts',
    {
      schema: {
        tags: TAGS,
        params: idParam,
        body,
        summary: 'Confirm or overrule stage-1 hits of the current version (null clears)',
      },
    },
    async (req) => {
      const ctx = ctxFor(app, req, deciders);
      await setVerdicts(ctx, req.params.id, req.body);
      return itemDetail(ctx, req.params.id);
    },
  );
  s.post(
    '/api/v1/compliance/items/:id/missed',
    {
      schema: {
        tags: TAGS,
        params: idParam,
        body,
        summary: 'Mark a violation stage 1 missed (with its category)',
      },
    },
    async (req, reply) => {
      const ctx = ctxFor(app, req, deciders);
      await markMissed(ctx, req.params.id, req.body);
      return reply.status(201).send(await itemDetail(ctx, req.params.id));
    },
  );
  s.delete(
    '/api/v1/compliance/items/:id/missed/:missedId',
    {
      schema: {
        tags: TAGS,
        params: idParam.extend({ missedId: z.string().min(1).max(64) }),
        summary: 'Remove a missed-violation mark of the open version',
      },
    },
    async (req) => {
      const ctx = ctxFor(app, req, deciders);
      await unmarkMissed(ctx, req.params.id, req.params.missedId);
      return itemDetail(ctx, req.params.id);
    },
  );
  s.post(
    '/api/v1/compliance/items/:id/recall',
    {
      schema: {
        tags: TAGS,
        params: idParam,
        body,
        summary: 'Take approved copy back (found violating): the guard refuses it from now on',
      },
    },
    async (req) => {
      const ctx = ctxFor(app, req, deciders);
      await recallItem(ctx, req.params.id, req.body);
      return itemDetail(ctx, req.params.id);
    },
  );
  s.get(
    '/api/v1/compliance/reviewers',
    {
      schema: {
        tags: TAGS,
        querystring: z.object({ stage: z.enum(REVIEW_STAGES) }),
        summary: 'Users who may take a stage',
      },
    },
    async (req) => ({ items: await stageUsers(ctxFor(app, req, readers), req.query.stage) }),
  );
  s.post(
    '/api/v1/compliance/publishable',
    {
      schema: {
        tags: TAGS,
        body: z.union([
          z.object({ itemId: z.string().min(1).max(128), channel: z.enum(CONTENT_CHANNELS).optional() }),
          z.object({ text: z.string().max(MAX_COPY_CHARS), channel: z.enum(CONTENT_CHANNELS) }),
        ]),
        summary: 'The guard over HTTP: may this item (or this exact text on this channel) be sent now?',
      },
    },
    async (req) => {
      ctxFor(app, req, readers);
      try {
        return { publishable: true, approval: await assertPublishable(app, req.body), reason: null };
      } catch (e) {
        if ((e as { code?: string }).code !== 'compliance.not_approved') throw e;
        return { publishable: false, approval: null, reason: (e as Error).message };
      }
    },
  );
  extraRoutes(s, app);
}
