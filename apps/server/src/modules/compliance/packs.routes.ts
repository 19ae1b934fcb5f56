import { MAX_COPY_CHARS } from '@linli/contracts/compliance';
import { z } from 'zod';
import { COMPLIANCE_ROLES, readersOf } from '../../platform/access.ts';
import type { App } from '../../platform/context.ts';
import { ctxFor } from '../../platform/http/auth-hooks.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import { dashboard } from './dashboard.service.ts';
import { addAllowEntry, allowEntries, categoryRecall, ruleStats } from './learning.service.ts';
import { getPack, listPacks, savePack, screenText, trialPack } from './packs.service.ts';
import {
  listChecklist,
  putChecklistItem,
  putSettings,
  readSettings,
  setChecklistEnabled,
} from './policy.service.ts';
import { addDays, shanghaiDay, shanghaiMidnight } from '../../platform/shanghai.ts';

const TAGS = ['compliance'];
const readers = readersOf('compliance');
const day = z.iso.date().describe('a calendar day (Asia/Shanghai)');
const packParam = z.object({ id: z.string().min(1).max(64) });

/** The live scan, rule packs, allow-list, checklist, policy, dashboard and per-rule figures. */
export function extraRoutes(s: ZodServer, app: App): void {
  s.post(
    '/api/v1/compliance/scan',
    {
      // the console calls it while one types (debounced): more than the default per-minute budget
      config: { rateLimit: { max: app.config.LINLI_RATE_LIMIT_PER_MINUTE * 10, timeWindow: '1 minute' } },
      schema: {
        tags: TAGS,
        body: z.object({ text: z.string().max(MAX_COPY_CHARS) }),
        summary: 'Stage 1 of a text with the live packs, nothing stored (highlighting as one types)',
      },
    },
    async (req) => {
      const ctx = ctxFor(app, req, readers);
      const r = await screenText(ctx.database, req.body.text);
      return { verdict: r.verdict, hits: r.violations, packs: r.packs, ms: r.ms };
    },
  );
  s.get(
    '/api/v1/compliance/packs',
    { schema: { tags: TAGS, summary: 'The live rule packs with their versions' } },
    async (req) => ({ items: await listPacks(ctxFor(app, req, readers)) }),
  );
  s.get(
    '/api/v1/compliance/packs/:id',
    {
      schema: {
        tags: TAGS,
        params: packParam,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        summary: 'A pack as data (its live version, or one asked for) and the list of its versions',
      },
    },
    async (req) => getPack(ctxFor(app, req, readers), req.params.id, req.query.version),
  );
  s.put(
    '/api/v1/compliance/packs/:id',
    {
      schema: {
        tags: TAGS,
        params: packParam,
        body: z.object({ pack: z.record(z.string(), z.unknown()), note: z.string().max(500).default('') }),
        summary:
          'Save a new version of a pack (live at once, everywhere); a broken one is refused with every problem and the old one stays live',
      },
    },
    async (req) => {
      const ctx = ctxFor(app, req, COMPLIANCE_ROLES.packs);
      await savePack(ctx, req.params.id, req.body.pack, req.body.note);
      return getPack(ctx, req.params.id);
    },
  );
  s.post(
    '/api/v1/compliance/packs/test',
    {
      schema: {
        tags: TAGS,
        body: z.object({ pack: z.record(z.string(), z.unknown()), text: z.string().max(MAX_COPY_CHARS) }),
        summary: "The editor's test box: scan a text with an unsaved pack in place of the live one",
      },
    },
    async (req) => trialPack(ctxFor(app, req, readers), req.body.pack, req.body.text),
  );
  s.get(
    '/api/v1/compliance/allow',
    {
      schema: {
        tags: TAGS,
        querystring: z.object({ ruleId: z.string().max(128).optional() }),
        summary: 'Allow-list entries (per rule)',
      },
    },
    async (req) => ({ items: await allowEntries(ctxFor(app, req, readers).database.pool, req.query.ruleId) }),
  );
  s.post(
    '/api/v1/compliance/allow',
    {
      schema: {
        tags: TAGS,
        body: z.record(z.string(), z.unknown()),
        summary: "Add a phrase to a rule's exceptions: a new version of its pack, live at once",
      },
    },
    async (req, reply) => {
      const r = await addAllowEntry(ctxFor(app, req, COMPLIANCE_ROLES.allowList), req.body);
      return reply.status(r.created ? 201 : 200).send(r);
    },
  );
  s.get(
    '/api/v1/compliance/checklist',
    {
      schema: {
        tags: TAGS,
        querystring: z.object({ all: z.stringbool().default(false) }),
        summary: 'The stage-2 checklist (all=true: with disabled items)',
      },
    },
    async (req) => ({ items: await listChecklist(ctxFor(app, req, readers).database.pool, req.query.all) }),
  );
  s.post(
    '/api/v1/compliance/checklist',
    {
      schema: {
        tags: TAGS,
        body: z.record(z.string(), z.unknown()),
        summary: 'Add (or change) a checklist item',
      },
    },
    async (req) => putChecklistItem(ctxFor(app, req, COMPLIANCE_ROLES.policy), req.body),
  );
  s.put(
    '/api/v1/compliance/checklist/:key',
    {
      schema: {
        tags: TAGS,
        params: z.object({ key: z.string().min(1).max(64) }),
        body: z.object({ enabled: z.boolean() }),
        summary: 'Turn a checklist item off or on',
      },
    },
    async (req) =>
      setChecklistEnabled(ctxFor(app, req, COMPLIANCE_ROLES.policy), req.params.key, req.body.enabled),
  );
  s.get(
    '/api/v1/compliance/settings',
    {
      schema: {
        tags: TAGS,
        summary: 'SLA hours per stage, when legal may be skipped, the high-risk categories',
      },
    },
    async (req) => readSettings(ctxFor(app, req, readers).database.pool),
  );
  s.put(
    '/api/v1/compliance/settings',
    {
      schema: {
        tags: TAGS,
        body: z.record(z.string(), z.unknown()),
        summary: 'Change the review policy; audited',
      },
    },
    async (req) => putSettings(ctxFor(app, req, COMPLIANCE_ROLES.policy), req.body),
  );
  s.get(
    '/api/v1/compliance/dashboard',
    {
      schema: {
        tags: TAGS,
        querystring: z.object({ from: day.optional(), to: day.optional() }),
        summary: 'Interception rate, violation rate by week, SLA attainment per stage, top rules',
      },
    },
    async (req) => dashboard(ctxFor(app, req, readers), req.query),
  );
  s.get(
    '/api/v1/compliance/rules/stats',
    {
      schema: {
        tags: TAGS,
        querystring: z.object({ from: day.optional(), to: day.optional() }),
        summary: "Per-rule precision from reviewers' verdicts, per-category recall from missed marks",
      },
    },
    async (req) => {
      const ctx = ctxFor(app, req, readers);
      const to = req.query.to ?? shanghaiDay(new Date());
      const range = {
        from: shanghaiMidnight(req.query.from ?? addDays(to, -89)),
        to: shanghaiMidnight(addDays(to, 1)),
      };
      const [rules, categories] = await Promise.all([
        ruleStats(ctx.database.pool, range),
        categoryRecall(ctx.database.pool, range),
      ]);
      return { rules, categories };
    },
  );
}
