import { z } from 'zod';
import { OPINION_ROLES, readersOf } from '../../platform/access.ts';
import type { App } from '../../platform/context.ts';
import { rows } from '../../platform/db/sql.ts';
import { AppError, parseInput } from '../../platform/errors.ts';
import { ctxFor } from '../../platform/http/auth-hooks.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import { addDays, shanghaiDay } from '../../platform/shanghai.ts';
import { memberIdOf } from '../members/index.ts';
import { stableId, surveyToken } from './keys.ts';
import { importResponses, npsReport } from './nps.report.ts';
import { answerInput, answerSurvey, publicSurvey, SURVEY_DAYS, surveyLink } from './nps.service.ts';

const TAGS = ['opinion'];
const tokenParam = z.object({ token: z.string().regex(/^[\w-]{16,64}$/, 'a survey token') });

/** NPS: the report, imports and links for operators; the member's page API, public by its token. */
export function npsRoutes(s: ZodServer, app: App): void {
  s.get(
    '/api/v1/opinion/nps',
    {
      schema: {
        tags: TAGS,
        querystring: z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() }),
        summary:
          'NPS overall, by month, community and leader, each with its 95 % interval; the seed’s −15 → +42',
      },
    },
    async (req) => {
      const to = req.query.to ?? shanghaiDay(new Date());
      return npsReport(ctxFor(app, req, readersOf('opinion')), {
        from: req.query.from ?? addDays(to, -364),
        to,
      });
    },
  );
  s.post(
    '/api/v1/opinion/nps/import',
    {
      schema: {
        tags: TAGS,
        summary:
          'Import answers (CSV: id, score 0–10, reason, member_id, answered_at, community_id, order_id)',
      },
    },
    async (req) => {
      const ctx = ctxFor(app, req, OPINION_ROLES.intake);
      if (!Buffer.isBuffer(req.body) && typeof req.body !== 'string')
        throw new AppError(
          'invalid',
          'opinion.csv_expected',
          'Send the file itself with content-type text/csv',
        );
      return importResponses(ctx, req.body);
    },
  );
  s.post(
    '/api/v1/opinion/nps/surveys',
    {
      schema: {
        tags: TAGS,
        body: z.object({ memberId: z.string().min(1).max(128), key: z.string().min(1).max(128).optional() }),
        summary: 'A survey link for a member (idempotent on key); the link is what the member opens',
      },
    },
    async (req) => {
      const ctx = ctxFor(app, req, OPINION_ROLES.handle);
      const member = /^mbr_[0-9a-f]{20}$/.test(req.body.memberId)
        ? req.body.memberId
        : memberIdOf(req.body.memberId);
      const key = `manual:${req.body.key ?? `${member}:${Date.now()}`}`;
      await ctx.database.pool.query(
        `INSERT INTO nps_surveys (id, token, dedupe_key, trigger, member_id, sent_at, expires_at)
         VALUES ($1, $2, $3, 'manual', $4, now(), now() + make_interval(days => ${SURVEY_DAYS}))
         ON CONFLICT (dedupe_key) DO NOTHING`,
        [stableId('nps', key), surveyToken(), key, member],
      );
      const [r] = await rows<{ token: string; expiresAt: Date }>(
        ctx.database.pool,
        'SELECT token, expires_at AS "expiresAt" FROM nps_surveys WHERE dedupe_key = $1',
        [key],
      );
      return { token: r!.token, link: surveyLink(app, r!.token), expiresAt: r!.expiresAt };
    },
  );
  s.get(
    '/api/v1/nps/:token',
    {
      schema: {
        tags: ['nps'],
        params: tokenParam,
        summary: "The member's survey (public: the token is the key)",
      },
    },
    async (req) => publicSurvey(app, req.params.token),
  );
  s.post(
    '/api/v1/nps/:token',
    {
      schema: {
        tags: ['nps'],
        params: tokenParam,
        body: z.record(z.string(), z.unknown()),
        summary: "A member's answer: score 0–10 and an optional reason; once per survey",
      },
    },
    async (req) =>
      answerSurvey(app, req.params.token, parseInput(answerInput, req.body, 'nps.answer_invalid', 'answer')),
  );
}
