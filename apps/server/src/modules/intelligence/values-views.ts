import type { Ctx } from '../../platform/context.ts';
import { fetchRows, sql } from '../../platform/db/fragments.ts';
import { memberPage } from './member-lists.ts';
import { personaPoints as samplePersonaPoints } from './personas.repo.ts';
import type { QUADRANTS } from './value-rules.ts';

/** What the value and persona pages draw: samples of members, the members behind a quadrant. */

interface FitDetail {
  lines?: { lowArpuFen: number; highClvFen: number; topClvFen: number };
  validation?: unknown;
}

async function currentValueFit(ctx: Ctx) {
  const [fit] = await fetchRows<{ fittedAt: Date; detail: FitDetail }>(
    ctx.database.pool,
    sql`SELECT fitted_at AS "fittedAt", detail FROM value_fits WHERE current`,
  );
  return fit;
}

/** An evenly spread sample of members (hash-picked, so the same members across calls), in proportion. */
export async function valuePoints(ctx: Ctx, limit: number) {
  const db = ctx.database.pool;
  const [[total], fit] = await Promise.all([
    fetchRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM member_values`),
    currentValueFit(ctx),
  ]);
  const points = await fetchRows<Record<string, unknown>>(
    db,
    sql`SELECT member_id AS "memberId", quadrant, arpu_fen AS "arpuFen", clv_fen AS "clvFen", p_alive AS "pAlive",
          churn_risk AS "churnRisk"
        FROM member_values
        WHERE abs(hashtext(member_id)) % greatest(1, ceil(${total!.n}::float8 / ${limit})::int) = 0
        ORDER BY member_id LIMIT ${limit}`,
  );
  return {
    points,
    total: total!.n,
    lines: fit?.detail.lines ?? { lowArpuFen: 0, highClvFen: 0, topClvFen: 0 },
  };
}

export type QuadrantFilter = (typeof QUADRANTS)[number] | undefined;

/** A page of members in a quadrant (or all scored members) with their value figures. */
export function valueMembers(
  ctx: Ctx,
  q: { quadrant?: QuadrantFilter; limit: number; cursor?: string | undefined },
) {
  return memberPage(
    ctx,
    sql`SELECT v.member_id, f.fitted_at AS since, v.quadrant, v.arpu_fen, v.clv_fen, v.p_alive, v.churn_risk
        FROM member_values v JOIN value_fits f ON f.id = v.fit_id
        ${q.quadrant ? sql`WHERE v.quadrant = ${q.quadrant}` : sql``}`,
    sql`, s.quadrant, s.arpu_fen AS "arpuFen", s.clv_fen AS "clvFen", s.p_alive AS "pAlive", s.churn_risk AS "churnRisk"`,
    q,
  );
}

/** The current fit's holdout check (computed when the models were fitted), or null. */
export async function valueValidation(ctx: Ctx) {
  const fit = await currentValueFit(ctx);
  if (!fit?.detail.validation) return null;
  return { computedAt: fit.fittedAt, ...(fit.detail.validation as object) };
}

export function personaPoints(ctx: Ctx, limit: number) {
  return samplePersonaPoints(ctx.database.pool, limit);
}
