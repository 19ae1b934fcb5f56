import {
  addPurchase,
  conditionalExpectedPurchases,
  conditionalExpectedSpend,
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  probabilityAlive,
  probabilityNoPurchase,
  spendSample,
  summarize,
  type PurchaseLog,
} from '@linli/intelligence';
import type { App, Ctx } from '../../platform/context.ts';
import { execute, fetchRows, sql } from '../../platform/db/fragments.ts';
import { withTransaction } from '../../platform/db/sql.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { shanghaiEpochDay } from '../../platform/shanghai.ts';
import { assertMemberVisible } from '../members/index.ts';
import { orderKpis } from '../commerce/index.ts';
import {
  arpuOf,
  assignQuadrants,
  quadrantLines,
  DEFAULT_CUTOFFS,
  QUADRANT_NAMES,
  QUADRANTS,
  type Cutoffs,
} from './value-rules.ts';
import { CHURN_HORIZON_DAYS, validateOnHoldout } from './values-validation.ts';

const WEEK = 7;
const CHUNK = 5_000;

/** A forecast can fail for extreme histories (the hypergeometric series near 1): report 0 then. */
function safe(fn: () => number): number {
  try {
    const v = fn();
    return Number.isFinite(v) ? v : 0;
  } catch {
    return 0;
  }
}

/**
 * Fits BG/NBD (purchase days) and Gamma-Gamma (spend per repeat purchase) on every member's order
 * history in weeks up to today, forecasts each member, and places them in the value quadrant.
 */
export async function fitMemberValues(app: App, o: { now?: Date; cutoffs?: Partial<Cutoffs> } = {}) {
  const t0 = performance.now();
  const now = o.now ?? new Date();
  const cutoffs = { ...DEFAULT_CUTOFFS, ...o.cutoffs };
  const rows = await fetchRows<{ member_id: string; day: number; amount: number }>(
    app.database.pool,
    orderKpis.memberPurchaseDaysFragment(now),
  );
  const log: PurchaseLog = new Map();
  for (const r of rows) addPurchase(log, r.member_id, r.day, r.amount);
  const endDay = shanghaiEpochDay(now);
  const summaries = summarize(log, { calibrationEnd: endDay, unit: 'weeks' });
  if (summaries.length < 20)
    throw new AppError(
      'invalid',
      'values.too_few_members',
      `Only ${summaries.length} members have ordered; the models need at least 20`,
    );
  const bg = fitBgNbd(summaries);
  const gg = fitGammaGamma(spendSample(summaries));
  const members = summaries.map((s) => {
    const { arpu, spend12m } = arpuOf(log.get(s.customer)!, endDay);
    return {
      memberId: s.customer,
      frequency: s.frequency,
      pAlive: safe(() => probabilityAlive(bg.params, s)),
      e30: safe(() => conditionalExpectedPurchases(bg.params, s, 30 / WEEK)),
      e90: safe(() => conditionalExpectedPurchases(bg.params, s, 90 / WEEK)),
      e365: safe(() => conditionalExpectedPurchases(bg.params, s, 365 / WEEK)),
      spend: safe(() => conditionalExpectedSpend(gg.params, s)),
      clv: safe(() => customerLifetimeValue(bg.params, gg.params, s)),
      churnRisk: safe(() => probabilityNoPurchase(bg.params, s, CHURN_HORIZON_DAYS / WEEK)),
      arpu,
      spend12m,
    };
  });
  const quadrants = assignQuadrants(members, cutoffs);
  const totalSpend = members.reduce((a, m) => a + m.spend12m, 0);
  const summary = QUADRANTS.map((q) => {
    const inQ = members.filter((_, i) => quadrants[i] === q);
    const spend = inQ.reduce((a, m) => a + m.spend12m, 0);
    return {
      quadrant: q,
      ...QUADRANT_NAMES[q],
      members: inQ.length,
      memberShare: inQ.length / members.length,
      gmvShare: totalSpend ? spend / totalSpend : 0,
    };
  });
  const validation = validateOnHoldout(log, endDay);
  const lines = quadrantLines(members, cutoffs);
  const fitId = newId('val');
  await withTransaction(app.database, async (tx) => {
    await execute(tx, sql`UPDATE value_fits SET current = false WHERE current`);
    await execute(
      tx,
      sql`INSERT INTO value_fits (id, detail, current) VALUES (${fitId}, ${JSON.stringify({ bgnbd: bg.params, logLikelihood: bg.logLikelihood, gammaGamma: gg.params, cutoffs, summary, lines, validation })}::jsonb, true)`,
    );
    await execute(tx, sql`DELETE FROM member_values`);
    for (let i = 0; i < members.length; i += CHUNK) {
      const part = members.slice(i, i + CHUNK);
      const qs = quadrants.slice(i, i + CHUNK);
      await tx.query(
        `INSERT INTO member_values (member_id, fit_id, frequency, p_alive, expected_orders_30d, expected_orders_90d, expected_orders_365d,
           expected_spend_fen, clv_fen, arpu_fen, spend_12m_fen, quadrant, churn_risk)
         SELECT m, $12, f, pa, e30, e90, e365, round(sp), round(clv), round(arpu), round(s12), q, cr
         FROM unnest($1::text[], $2::int[], $3::real[], $4::real[], $5::real[], $6::real[], $7::float8[], $8::float8[], $9::float8[], $10::float8[], $11::text[], $13::real[])
           AS t(m, f, pa, e30, e90, e365, sp, clv, arpu, s12, q, cr)`,
        [
          part.map((m) => m.memberId),
          part.map((m) => m.frequency),
          part.map((m) => m.pAlive),
          part.map((m) => m.e30),
          part.map((m) => m.e90),
          part.map((m) => m.e365),
          part.map((m) => m.spend),
          part.map((m) => m.clv),
          part.map((m) => m.arpu),
          part.map((m) => m.spend12m),
          qs,
          fitId,
          part.map((m) => m.churnRisk),
        ],
      );
    }
  });
  const ms = Math.round(performance.now() - t0);
  app.log.info({ members: members.length, ms }, 'member values fitted');
  return {
    id: fitId,
    members: members.length,
    bgnbd: bg.params,
    gammaGamma: gg.params,
    cutoffs,
    summary,
    validation,
    ms,
  };
}

export async function valueOverview(ctx: Ctx) {
  const [fit] = await fetchRows<{ id: string; fittedAt: Date; detail: unknown }>(
    ctx.database.pool,
    sql`SELECT id, fitted_at AS "fittedAt", detail FROM value_fits WHERE current`,
  );
  if (!fit) return { fit: null };
  // the holdout check has its own endpoint; the quadrant page does not need to carry it
  const { validation: _validation, ...detail } = fit.detail as Record<string, unknown>;
  return { fit: { ...fit, detail } };
}

export async function memberValue(ctx: Ctx, memberId: string) {
  await assertMemberVisible(ctx, memberId);
  const [row] = await fetchRows<Record<string, unknown>>(
    ctx.database.pool,
    sql`SELECT quadrant, p_alive AS "pAlive", expected_orders_30d AS "expectedOrders30d", expected_orders_90d AS "expectedOrders90d",
          expected_orders_365d AS "expectedOrders365d", expected_spend_fen AS "expectedSpendFen", clv_fen AS "clvFen", arpu_fen AS "arpuFen",
          churn_risk AS "churnRisk"
        FROM member_values WHERE member_id = ${memberId}`,
  );
  return row ? { ...row, quadrantName: QUADRANT_NAMES[row.quadrant as keyof typeof QUADRANT_NAMES] } : null;
}
