import { OPINION_CATEGORIES, OPINION_SOURCES } from '@linli/contracts/opinion';
import { z } from 'zod';
import { OPINION_ROLES, readersOf } from '../../platform/access.ts';
import { communityScope, type App } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { ctxFor } from '../../platform/http/auth-hooks.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import { addDays, shanghaiDay } from '../../platform/shanghai.ts';
import { affectedMembers, affectedWorkbook } from './affected.service.ts';
import { readCsv } from './csv.ts';
import { opinionDashboard } from './dashboard.repo.ts';
import { incidentDetail, listIncidents, listMessages } from './incidents.read.ts';
import {
  acknowledge,
  addNote,
  addRemedy,
  assign,
  assignInput,
  escalate,
  noteInput,
  parseAction,
  remedyInput,
  resolve,
  resolveInput,
} from './incidents.service.ts';
import { MESSAGE_COLUMNS, sourceOf } from './intake.input.ts';
import { ingestMessages } from './intake.service.ts';
import { listNotifications } from './notify.service.ts';
import { npsRoutes } from './nps.routes.ts';
import { putSettings, readSettings, setWebhookSecret, webhookSource } from './settings.service.ts';
import { warmTriage } from './triage.ts';
import { webhookRoutes } from './webhook.ts';

const readers = readersOf('opinion');
const TAGS = ['opinion'];
const idParam = z.object({ id: z.string().regex(/^opi_[0-9a-f]{20}$/, 'an incident id (opi_…)') });
const range = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() });
export const rangeOf = (q: { from?: string | undefined; to?: string | undefined }, days = 30) => {
  const to = q.to ?? shanghaiDay(new Date());
  return { from: q.from ?? addDays(to, -days + 1), to };
};

export function opinionRoutes(s: ZodServer, app: App): void {
  warmTriage();
  if (!s.hasContentTypeParser('text/csv'))
    s.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  webhookRoutes(s, app);
  npsRoutes(s, app);
  s.post(
    '/api/v1/opinion/messages',
    {
      schema: {
        tags: TAGS,
        body: z.object({ items: z.array(z.unknown()).max(10_000) }),
        summary:
          'Take messages in (up to 10,000): triaged at once, grouped into incidents; idempotent on source + id',
        description:
          'Item: source (review, complaint, group_message, cs_message, social_post), id, text, memberId, orderId, sku, batch, pickupPointId, threadId, receivedAt. Rejected items come back with index, field and reason; accepted ones with their level, category and incident.',
      },
    },
    async (req) => ingestMessages(ctxFor(app, req, OPINION_ROLES.intake), req.body.items),
  );
  s.post(
    '/api/v1/opinion/messages/import',
    {
      schema: {
        tags: TAGS,
        querystring: z.object({ source: z.enum(OPINION_SOURCES).optional() }),
        summary:
          'Import messages from a CSV file (content-type text/csv; UTF-8 or GBK; English or Chinese headers)',
      },
    },
    async (req) => {
      const ctx = ctxFor(app, req, OPINION_ROLES.intake);
      if (!Buffer.isBuffer(req.body))
        throw new AppError(
          'invalid',
          'opinion.csv_expected',
          'Send the file itself with content-type text/csv',
        );
      const required = req.query.source ? ['text'] : ['text', 'source'];
      const { items, lines } = readCsv(req.body, MESSAGE_COLUMNS, required, 'messages');
      const mapped = items.map((it) => ({ ...it, source: sourceOf(it.source) ?? req.query.source }));
      return ingestMessages(ctx, mapped, { lines });
    },
  );
  s.get(
    '/api/v1/opinion/messages',
    {
      schema: {
        tags: TAGS,
        querystring: z.object({
          minLevel: z.coerce.number().int().min(0).max(3).optional(),
          source: z.enum(OPINION_SOURCES).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        summary: 'Recent messages with their triage (texts are plain text: never render them as HTML)',
      },
    },
    async (req) => ({
      items: await listMessages(ctxFor(app, req, readers), {
        level: req.query.minLevel,
        source: req.query.source,
        limit: req.query.limit,
      }),
    }),
  );
  s.get(
    '/api/v1/opinion/incidents',
    {
      schema: {
        tags: TAGS,
        querystring: z.object({
          status: z.enum(['active', 'resolved', 'all']).default('active'),
          level: z.coerce.number().int().min(1).max(3).optional(),
          category: z.enum(OPINION_CATEGORIES).optional(),
          communityId: z.string().max(64).optional(),
          mine: z
            .stringbool()
            .default(false)
            .describe('only my queue: assigned to me, or unassigned for my role'),
          limit: z.coerce.number().int().min(1).max(500).default(200),
        }),
        summary: 'The incident board: active incidents by level with their SLA clocks (or my queue)',
      },
    },
    async (req) => ({ items: await listIncidents(ctxFor(app, req, readers), req.query), now: new Date() }),
  );
  s.get(
    '/api/v1/opinion/incidents/:id',
    {
      schema: { tags: TAGS, params: idParam, summary: 'One incident: timeline, messages, remedies, clocks' },
    },
    async (req) => incidentDetail(ctxFor(app, req, readers), req.params.id),
  );
  const action = <B extends z.ZodType>(
    name: string,
    body: B,
    access: (typeof OPINION_ROLES)[keyof typeof OPINION_ROLES],
    run: (ctx: ReturnType<typeof ctxFor>, id: string, input: z.infer<B>) => Promise<unknown>,
    summary: string,
  ) =>
    s.post(
      `/api/v1/opinion/incidents/:id/${name}`,
      {
        schema: { tags: TAGS, params: idParam, body: z.record(z.string(), z.unknown()).optional(), summary },
      },
      async (req) => run(ctxFor(app, req, access), req.params.id, parseAction(body, req.body)),
    );
  action(
    'acknowledge',
    noteInput,
    OPINION_ROLES.respond,
    acknowledge,
    'Acknowledge (stops the level-1 clock)',
  );
  action('assign', assignInput, OPINION_ROLES.handle, assign, 'Hand the incident to a user (by username)');
  action(
    'escalate',
    noteInput,
    OPINION_ROLES.handle,
    escalate,
    'Raise the incident one level (new owner, new clock)',
  );
  action(
    'resolve',
    resolveInput,
    OPINION_ROLES.respond,
    resolve,
    'Resolve with a code (a leader: level 1 only)',
  );
  action(
    'remedies',
    remedyInput,
    OPINION_ROLES.handle,
    addRemedy,
    'Record a refund or compensation (integer fen) against the order',
  );
  action(
    'notes',
    z.object({ note: z.string().trim().min(1).max(2_000) }),
    OPINION_ROLES.respond,
    (ctx, id, b) => addNote(ctx, id, b.note),
    'Add a note to the timeline',
  );
  const affectedQuery = z.object({
    days: z.coerce.number().int().min(1).max(90).default(7),
    scope: z.enum(['points', 'all']).default('points'),
  });
  s.get(
    '/api/v1/opinion/incidents/:id/affected',
    {
      schema: {
        tags: TAGS,
        params: idParam,
        querystring: affectedQuery,
        summary: 'Members who bought the SKU at the affected pickup points in the window (masked phones)',
      },
    },
    async (req) => affectedMembers(ctxFor(app, req, readers), req.params.id, req.query),
  );
  s.get(
    '/api/v1/opinion/incidents/:id/affected.xlsx',
    {
      schema: {
        tags: TAGS,
        params: idParam,
        querystring: affectedQuery.extend({ lang: z.enum(['zh-CN', 'en-US']).default('zh-CN') }),
        summary: 'The affected members as an Excel workbook; audited',
      },
    },
    async (req, reply) => {
      const { lang, ...q } = req.query;
      const book = await affectedWorkbook(ctxFor(app, req, OPINION_ROLES.handle), req.params.id, q, lang);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="affected-${req.params.id}.xlsx"`)
        .send(book);
    },
  );
  s.get(
    '/api/v1/opinion/notifications',
    {
      schema: {
        tags: TAGS,
        querystring: z.object({
          channel: z.enum(['console', 'wecom', 'user']).default('console'),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
        summary: 'Notices: the console list, the WeCom outbox with delivery status, or those addressed to me',
      },
    },
    async (req) => {
      const ctx = ctxFor(app, req, readers);
      return {
        items: await listNotifications(ctx.database.pool, {
          channel: req.query.channel,
          user: ctx.actor.type === 'user' ? ctx.actor.username : null,
          limit: req.query.limit,
          communities: communityScope(ctx),
        }),
      };
    },
  );
  s.get(
    '/api/v1/opinion/dashboard',
    {
      schema: {
        tags: TAGS,
        querystring: range,
        summary:
          'SLA attainment per level, time to acknowledge and resolve, incidents by category, community, leader',
      },
    },
    async (req) => opinionDashboard(ctxFor(app, req, readers), rangeOf(req.query)),
  );
  s.get(
    '/api/v1/opinion/settings',
    { schema: { tags: TAGS, summary: 'Scale rule, windows, SLA minutes, WeCom robot, on-call executive' } },
    async (req) => {
      const st = await readSettings(ctxFor(app, req, readers).database.pool);
      // the robot URL carries its key: shown masked
      return { ...st, wecomWebhookUrl: st.wecomWebhookUrl?.replace(/key=[^&]+/, 'key=****') ?? null };
    },
  );
  s.put(
    '/api/v1/opinion/settings',
    {
      schema: {
        tags: TAGS,
        body: z.record(z.string(), z.unknown()),
        summary: 'Change the response settings; audited',
      },
    },
    async (req) => {
      const st = await putSettings(ctxFor(app, req, OPINION_ROLES.settings), req.body);
      return { ...st, wecomWebhookUrl: st.wecomWebhookUrl?.replace(/key=[^&]+/, 'key=****') ?? null };
    },
  );
  s.put(
    '/api/v1/opinion/webhook-secrets/:source',
    {
      schema: {
        tags: TAGS,
        params: z.object({ source: webhookSource }),
        body: z.object({ secret: z.string().max(200).optional() }).optional(),
        summary: 'Set (or generate) the HMAC secret of a webhook source; the secret is answered once',
      },
    },
    async (req) =>
      setWebhookSecret(ctxFor(app, req, OPINION_ROLES.settings), req.params.source, req.body?.secret),
  );
}
