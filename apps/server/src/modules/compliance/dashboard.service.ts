/**
 * The compliance dashboard over a range of Shanghai days:
 *
 * - flagged rate: stage-1 screens that flagged the copy (review or block) among all screens;
 * - interception rate (the seed's 92 %): among versions found violating — blocked by stage 1, a hit
 *   confirmed, a violation marked missed, returned, rejected or recalled — the share stage 1 had
 *   flagged without reviewers overruling all its flags;
 * - violation rate per week (the seed's 0.7 % → 0.02 %): approvals of the week later recalled as
 *   violations, over the week's approvals;
 * - SLA attainment per human stage: clocks stopped in time over clocks stopped or overdue;
 * - top rules by hits, with their precision.
 */
import type { ComplianceDashboard, ReviewStage } from '@linli/contracts/compliance';
import type { Ctx } from '../../platform/context.ts';
import { rows } from '../../platform/db/sql.ts';
import { AppError } from '../../platform/errors.ts';
import { clocksUnder, slaState } from '../../platform/sla.ts';
import { addDays, shanghaiDay, shanghaiMidnight } from '../../platform/shanghai.ts';
import { SLA_PREFIX } from './items.repo.ts';
import { ruleStats } from './learning.service.ts';
import { readSettings } from './policy.service.ts';

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** Versions screened in the range with what happened to them. */
const VERSIONS = `
  WITH v AS (
    SELECT s.item_id, s.version, s.verdict, s.screened_at,
      EXISTS (SELECT 1 FROM compliance_hit_verdicts h WHERE h.item_id = s.item_id AND h.version = s.version AND h.verdict = 'confirmed') AS confirmed,
      EXISTS (SELECT 1 FROM compliance_hit_verdicts h WHERE h.item_id = s.item_id AND h.version = s.version AND h.verdict = 'overruled') AS overruled,
      EXISTS (SELECT 1 FROM compliance_missed m WHERE m.item_id = s.item_id AND m.version = s.version) AS missed,
      EXISTS (SELECT 1 FROM compliance_decisions d WHERE d.item_id = s.item_id AND d.version = s.version
        AND d.decision IN ('return', 'reject', 'recall') AND d.stage <> 'screen') AS refused
    FROM compliance_screenings s WHERE s.screened_at >= $1 AND s.screened_at < $2)`;

export async function dashboard(
  ctx: Ctx,
  q: { from?: string | undefined; to?: string | undefined },
): Promise<ComplianceDashboard> {
  const db = ctx.database.pool;
  const toDay = q.to ?? shanghaiDay(new Date());
  const fromDay = q.from ?? addDays(toDay, -83);
  if (fromDay > toDay)
    throw new AppError('invalid', 'compliance.range_invalid', `from ${fromDay} is after to ${toDay}`);
  const range = { from: shanghaiMidnight(fromDay), to: shanghaiMidnight(addDays(toDay, 1)) };
  const p = [range.from, range.to];

  const [totals] = await rows<{
    versions: number;
    flagged: number;
    blocked: number;
    violating: number;
    intercepted: number;
  }>(
    db,
    `${VERSIONS}, f AS (SELECT *, verdict = 'block' OR confirmed OR missed OR refused AS violating FROM v)
     SELECT count(*)::int AS versions, count(*) FILTER (WHERE verdict <> 'pass')::int AS flagged,
       count(*) FILTER (WHERE verdict = 'block')::int AS blocked,
       count(*) FILTER (WHERE violating)::int AS violating,
       count(*) FILTER (WHERE violating AND (verdict = 'block' OR confirmed OR (verdict = 'review' AND NOT overruled)))::int AS intercepted
     FROM f`,
    p,
  );
  const [counts] = await rows<{ items: number; returned: number; rejected: number; recalled: number }>(
    db,
    `SELECT (SELECT count(*) FROM compliance_items WHERE created_at >= $1 AND created_at < $2)::int AS items,
       count(*) FILTER (WHERE decision = 'return' AND stage <> 'screen')::int AS returned,
       count(*) FILTER (WHERE decision = 'reject')::int AS rejected,
       count(*) FILTER (WHERE decision = 'recall')::int AS recalled
     FROM compliance_decisions WHERE decided_at >= $1 AND decided_at < $2`,
    p,
  );
  // an approval is the approve of a version's last human stage: legal's, or review's when legal was skipped
  const weeks = await rows<{
    week: string;
    items: number;
    flagged: number;
    approved: number;
    recalled: number;
  }>(
    db,
    `WITH a AS (
       SELECT d.item_id, d.version, d.decided_at FROM compliance_decisions d
       WHERE d.decision = 'approve' AND d.decided_at >= $1 AND d.decided_at < $2
         AND (d.stage = 'legal' OR NOT EXISTS (SELECT 1 FROM compliance_reviews r
           WHERE r.item_id = d.item_id AND r.version = d.version AND r.stage = 'legal'))),
     weeks AS (
       SELECT date_trunc('week', screened_at AT TIME ZONE 'Asia/Shanghai')::date AS week,
         count(*) AS items, count(*) FILTER (WHERE verdict <> 'pass') AS flagged, 0 AS approved, 0 AS recalled
       FROM compliance_screenings WHERE screened_at >= $1 AND screened_at < $2 GROUP BY 1
       UNION ALL
       SELECT date_trunc('week', a.decided_at AT TIME ZONE 'Asia/Shanghai')::date, 0, 0, count(*),
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM compliance_decisions r WHERE r.item_id = a.item_id
           AND r.version = a.version AND r.decision = 'recall'))
       FROM a GROUP BY 1)
     SELECT week::text AS week, sum(items)::int AS items, sum(flagged)::int AS flagged,
       sum(approved)::int AS approved, sum(recalled)::int AS recalled
     FROM weeks GROUP BY week ORDER BY week`,
    p,
  );
  const settings = await readSettings(db);
  const clocks = await clocksUnder(db, SLA_PREFIX, range.from, range.to);
  const now = new Date();
  const sla = (['review', 'legal'] as ReviewStage[]).map((stage) => {
    const mine = clocks.filter((c) => c.clock === stage);
    const states = mine.map((c) => slaState(c, now));
    const done = states.filter((s) => s === 'met' || s === 'missed').length;
    const onTime = states.filter((s) => s === 'met').length;
    const overdue = states.filter((s) => s === 'breached').length;
    return {
      stage,
      hours: stage === 'review' ? settings.reviewSlaHours : settings.legalSlaHours,
      done,
      onTime,
      open: mine.length - done,
      overdue,
      attainment: ratio(onTime, done + overdue),
    };
  });
  const rules = await ruleStats(db, range);
  const approved = weeks.reduce((n, w) => n + w.approved, 0);
  return {
    from: fromDay,
    to: toDay,
    items: counts!.items,
    versions: totals!.versions,
    flaggedRate: ratio(totals!.flagged, totals!.versions),
    interceptionRate: ratio(totals!.intercepted, totals!.violating),
    blockedAtScreen: totals!.blocked,
    returned: counts!.returned,
    rejected: counts!.rejected,
    approved,
    recalled: counts!.recalled,
    weeks: weeks.map((w) => ({ ...w, violationRate: ratio(w.recalled, w.approved) })),
    sla,
    topRules: rules
      .slice(0, 10)
      .map((r) => ({ ruleId: r.ruleId, category: r.category, hits: r.hits, precision: r.precision })),
  };
}
