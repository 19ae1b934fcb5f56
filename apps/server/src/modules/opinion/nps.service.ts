/**
 * NPS surveys: one after a completed pickup (at most one per member a month) and one after an
 * incident the member complained about is closed, answered on a public tokenised page; answers also
 * come from CSV files. A detractor's reason is read by the text analysis and becomes a level-1 (or
 * higher, if its triage says so) opinion message, so it lands on the board like any complaint.
 */
import { analyze } from '@linli/text';
import type { NpsSurveyPublic } from '@linli/contracts/opinion';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import { systemCtx, type App, type Ctx } from '../../platform/context.ts';
import { fetchRows, sql } from '../../platform/db/fragments.ts';
import { rows, withTransaction, type Queryable } from '../../platform/db/sql.ts';
import { AppError } from '../../platform/errors.ts';
import { orderKpis } from '../commerce/index.ts';
import { placesWithLeadersFragment } from '../communities/index.ts';
import type { IncidentRow } from './incidents.repo.ts';
import { takeMessages } from './intake.service.ts';
import { messageIdOf, stableId, surveyToken, textHashOf } from './keys.ts';
import { npsClass } from './nps-stats.ts';

/** How long a survey link stays open. */
export const SURVEY_DAYS = 14;
/** A member is asked after a pickup at most this often. */
export const PICKUP_SURVEY_GAP_DAYS = 30;

export function surveyLink(app: App, token: string): string {
  const base = app.config.LINLI_PUBLIC_URL ?? `http://localhost:${app.config.PORT}`;
  return `${base.replace(/\/$/, '')}/nps/${token}`;
}

async function leaderOf(db: Queryable, pointId: string | null): Promise<string | null> {
  if (!pointId) return null;
  const [p] = await fetchRows<{ leader_id: string | null }>(
    db,
    sql`SELECT p.leader_id FROM (${placesWithLeadersFragment()}) p WHERE p.point_id = ${pointId}`,
  );
  return p?.leader_id ?? null;
}

/** The survey after a closed incident (once per incident). */
export async function createIncidentSurvey(
  tx: Queryable,
  _ctx: Ctx,
  inc: Pick<IncidentRow, 'id' | 'memberId' | 'communityId' | 'pickupPointId' | 'orderId'> & {
    resolvedAt: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO nps_surveys (id, token, dedupe_key, trigger, member_id, order_id, incident_id, community_id,
       pickup_point_id, leader_id, sent_at, expires_at)
     VALUES ($1, $2, $3, 'incident', $4, $5, $6, $7, $8, $9, $10, $10::timestamptz + make_interval(days => ${SURVEY_DAYS}))
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [
      stableId('nps', 'incident', inc.id),
      surveyToken(),
      `incident:${inc.id}`,
      inc.memberId,
      inc.orderId,
      inc.id,
      inc.communityId,
      inc.pickupPointId,
      await leaderOf(tx, inc.pickupPointId),
      inc.resolvedAt,
    ],
  );
}

/**
 * Surveys for the orders picked up in [since, until), skipping members asked within the gap.
 * Idempotent per order. Returns how many were created.
 */
export async function createPickupSurveys(app: App, since: Date, until: Date): Promise<number> {
  const picked = await fetchRows<{
    order_id: string;
    member_id: string;
    community_id: string | null;
    pickup_point_id: string | null;
    picked_up_at: Date;
  }>(app.database.pool, orderKpis.pickedUpOrdersFragment(since, until));
  if (picked.length === 0) return 0;
  const leaders = new Map(
    (
      await fetchRows<{ point_id: string; leader_id: string | null }>(
        app.database.pool,
        sql`SELECT p.point_id, p.leader_id FROM (${placesWithLeadersFragment()}) p WHERE p.point_id IS NOT NULL`,
      )
    ).map((p) => [p.point_id, p.leader_id]),
  );
  // one survey per member per batch: the latest pickup
  const latest = new Map<string, (typeof picked)[number]>();
  for (const p of picked) {
    const seen = latest.get(p.member_id);
    if (!seen || p.picked_up_at > seen.picked_up_at) latest.set(p.member_id, p);
  }
  const list = [...latest.values()];
  const r = await app.database.pool.query(
    `INSERT INTO nps_surveys (id, token, dedupe_key, trigger, member_id, order_id, community_id, pickup_point_id,
       leader_id, sent_at, expires_at)
     SELECT id, token, 'pickup:' || ord, 'pickup', mbr, ord, com, pkp, ldr, at,
       at + make_interval(days => ${SURVEY_DAYS})
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
       AS t(id, token, ord, mbr, com, pkp, ldr, at)
     WHERE NOT EXISTS (SELECT 1 FROM nps_surveys s WHERE s.member_id = t.mbr
       AND s.sent_at > t.at - make_interval(days => ${PICKUP_SURVEY_GAP_DAYS}))
     ON CONFLICT DO NOTHING`,
    [
      list.map((p) => stableId('nps', 'pickup', p.order_id)),
      list.map(() => surveyToken()),
      list.map((p) => p.order_id),
      list.map((p) => p.member_id),
      list.map((p) => p.community_id),
      list.map((p) => p.pickup_point_id),
      list.map((p) => (p.pickup_point_id ? (leaders.get(p.pickup_point_id) ?? null) : null)),
      list.map((p) => p.picked_up_at),
    ],
  );
  return r.rowCount ?? 0;
}

interface SurveyRow {
  id: string;
  token: string;
  trigger: NpsSurveyPublic['trigger'] | 'import';
  memberId: string | null;
  orderId: string | null;
  communityId: string | null;
  pickupPointId: string | null;
  sentAt: Date;
  expiresAt: Date;
  answeredAt: Date | null;
}

async function surveyOf(db: Queryable, token: string, lock = false): Promise<SurveyRow> {
  const [s] = await rows<SurveyRow>(
    db,
    `SELECT id, token, trigger, member_id AS "memberId", order_id AS "orderId", community_id AS "communityId",
       pickup_point_id AS "pickupPointId", sent_at AS "sentAt", expires_at AS "expiresAt", answered_at AS "answeredAt"
     FROM nps_surveys WHERE token = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [token],
  );
  if (!s) throw new AppError('not_found', 'nps.not_found', 'This survey link is not valid');
  return s;
}

/** What the member's page shows before an answer (nothing personal: the link may be forwarded). */
export async function publicSurvey(app: App, token: string): Promise<NpsSurveyPublic<Date>> {
  const s = await surveyOf(app.database.pool, token);
  const [c] = s.communityId
    ? await fetchRows<{ community_name: string }>(
        app.database.pool,
        sql`SELECT DISTINCT p.community_name FROM (${placesWithLeadersFragment()}) p WHERE p.community_id = ${s.communityId}`,
      )
    : [];
  return {
    token,
    trigger: s.trigger === 'import' ? 'manual' : s.trigger,
    communityName: c?.community_name ?? null,
    sentAt: s.sentAt,
    answered: s.answeredAt !== null,
    expired: s.expiresAt.getTime() < Date.now(),
  };
}

export const answerInput = z.object({
  score: z
    .number({ error: 'a whole number from 0 to 10' })
    .int('a whole number from 0 to 10')
    .min(0, 'a whole number from 0 to 10')
    .max(10, 'a whole number from 0 to 10'),
  reason: z.string().trim().max(1_000, 'at most 1,000 characters').default(''),
});

/** A member's answer: once per survey, before it expires; a detractor's reason becomes a message. */
export async function answerSurvey(app: App, token: string, input: z.infer<typeof answerInput>) {
  const ctx = systemCtx(app, 'nps', `nps-${token.slice(0, 8)}`);
  const now = new Date();
  const s = await withTransaction(app.database, async (tx) => {
    const s = await surveyOf(tx, token, true);
    if (s.answeredAt)
      throw new AppError('conflict', 'nps.answered', 'This survey has been answered already, thank you');
    if (s.expiresAt < now) throw new AppError('conflict', 'nps.expired', 'This survey link has expired');
    await tx.query('UPDATE nps_surveys SET answered_at = $2, score = $3, reason = $4 WHERE id = $1', [
      s.id,
      now,
      input.score,
      input.reason,
    ]);
    await recordAudit(
      ctx,
      { action: 'answer', entity: 'nps_survey', entityId: s.id, after: { score: input.score } },
      tx,
    );
    return s;
  });
  const messageId = await detractorMessage(ctx, {
    ...s,
    score: input.score,
    reason: input.reason,
    answeredAt: now,
  });
  return { score: input.score, class: npsClass(input.score), messageId };
}

/**
 * A detractor's reason as an opinion message of level ≥ 1: its triage decides when it is worse,
 * the text analysis adds what it is about (negative aspects) to the reasons.
 */
export async function detractorMessage(
  ctx: Ctx,
  s: Pick<SurveyRow, 'id' | 'memberId' | 'orderId' | 'pickupPointId'> & {
    score: number;
    reason: string;
    answeredAt: Date;
  },
): Promise<string | null> {
  if (npsClass(s.score) !== 'detractor' || s.reason.trim() === '') return null;
  const aspects = analyze(s.reason)
    .aspects.filter((a) => a.polarity < 0)
    .map((a) => `aspect:${a.aspect}`);
  const id = messageIdOf('nps_detractor', s.id);
  await takeMessages(
    ctx,
    [
      {
        index: 0,
        id,
        source: 'nps_detractor',
        externalId: s.id,
        text: s.reason,
        textHash: textHashOf(s.reason),
        memberId: s.memberId,
        orderId: s.orderId,
        productId: null,
        sku: null,
        batch: null,
        pickupPointId: s.pickupPointId,
        communityId: null,
        threadId: null,
        receivedAt: s.answeredAt,
      },
    ],
    { atLeast: 1, extraReasons: ['nps_detractor', `nps_score:${s.score}`, ...aspects] },
  );
  await ctx.database.pool.query('UPDATE nps_surveys SET message_id = $2 WHERE id = $1', [s.id, id]);
  return id;
}
