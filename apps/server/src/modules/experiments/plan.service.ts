/**
 * Planning a test: how many members it will reach and the smallest lift in conversion it can
 * detect (α 0.05 two-sided, power 0.8), or how many members a given lift needs. The audience is the
 * target segment, or everyone active in the last 30 days; the base rate is the share of that
 * audience who ordered within one attribution window up to now.
 */
import type { PlanEstimate } from '@linli/contracts/experiments';
import { mdeProportions, sampleSizeProportions } from '@linli/experiments';
import type { Ctx } from '../../platform/context.ts';
import { fetchRows, sql, type SQL } from '../../platform/db/fragments.ts';
import { eventKpis } from '../activity/index.ts';
import { orderKpis } from '../commerce/index.ts';
import { segmentMembersByKeyFragment } from '../intelligence/index.ts';
import { readSettings } from './experiments.repo.ts';

const DAY_MS = 86_400_000;

export interface PlanQuery {
  segmentKey: string | null;
  traffic: number;
  layerShare: number;
  arms: number;
  attributionHours: number;
  baseRate?: number | null | undefined;
  expectedUnits?: number | null | undefined;
  targetMde?: number | null | undefined;
}

export async function estimatePlan(ctx: Ctx, q: PlanQuery, now = new Date()): Promise<PlanEstimate> {
  const db = ctx.database.pool;
  const audience: SQL = q.segmentKey
    ? segmentMembersByKeyFragment(q.segmentKey)
    : sql`${eventKpis.activeMembersFragment(new Date(now.getTime() - 30 * DAY_MS), now)}
          UNION ${orderKpis.buyersFragment(new Date(now.getTime() - 30 * DAY_MS), now)}`;
  const since = new Date(now.getTime() - q.attributionHours * 3_600_000);
  const [row] = await fetchRows<{ eligible: number; buyers: number }>(
    db,
    sql`SELECT count(*)::int AS eligible, count(b.member_id)::int AS buyers
        FROM (${audience}) a LEFT JOIN (${orderKpis.buyersFragment(since, now)}) b ON b.member_id = a.member_id`,
  );
  const { holdoutShare } = await readSettings(db);
  const eligible = row!.eligible;
  const expectedUnits =
    q.expectedUnits ?? Math.round(eligible * q.traffic * q.layerShare * (1 - holdoutShare));
  const unitsPerArm = Math.floor(expectedUnits / Math.max(1, q.arms));
  const measured = eligible ? row!.buyers / eligible : null;
  const baseRate = q.baseRate ?? (measured !== null && measured > 0 && measured < 1 ? measured : null);
  const mde = baseRate !== null && unitsPerArm > 0 ? mdeProportions(baseRate, unitsPerArm) : null;
  const target = baseRate !== null && q.targetMde ? sampleSizeProportions(baseRate, q.targetMde) : null;
  return {
    eligibleMembers: eligible,
    expectedUnits,
    unitsPerArm,
    baseRate,
    mde,
    relativeMde: mde !== null && baseRate ? mde / baseRate : null,
    unitsPerArmForTarget: target === null ? null : Math.ceil(target),
  };
}
