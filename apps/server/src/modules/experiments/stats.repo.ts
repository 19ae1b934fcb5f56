/**
 * The outcomes of a test's units, aggregated in SQL into sufficient statistics per arm and day of
 * first exposure; unit rows never leave the database (except page by page for the CSV that
 * `linli experiments analyze` re-checks). Outcomes come from other modules' fragments: orders
 * (commerce), content views, shares and complaints (activity), withdrawn consent (members).
 *
 * Per unit: c converted (0/1), r revenue in fen, d dwell ms (winsorised at the test's percentile
 * over all units), s shared (0/1), x orders in the 28 days before exposure (CUPED covariate), and the
 * guardrails u unsubscribed, k complained, f refunded (0/1 each).
 */
import { eventKpis } from '../activity/index.ts';
import { orderKpis } from '../commerce/index.ts';
import { memberKpis } from '../members/index.ts';
import { execute, fetchRows, sql, type SQL } from '../../platform/db/fragments.ts';
import type { Queryable } from '../../platform/db/sql.ts';
import type { ExperimentRow } from './experiments.repo.ts';

/** Keys of the sums: each metric, its square, its product with x and with the other metrics. */
export const SUM_KEYS = [
  'c',
  'r',
  'r2',
  'd',
  'd2',
  's',
  'x',
  'x2',
  'cx',
  'rx',
  'dx',
  'sx',
  'cr',
  'cd',
  'cs',
  'rd',
  'rs',
  'ds',
  'u',
  'k',
  'f',
] as const;
export type SumKey = (typeof SUM_KEYS)[number];
export type Sums = Record<SumKey, number>;

export interface StatsRow {
  arm: string;
  day: string;
  n: number;
  sums: Sums;
}

/** The covariate's look-back, in days before first exposure. */
export const PRE_DAYS = 28;
/** A writer's clock may run a little behind the test's start: widen the scan by this much. */
const SKEW_MS = 3_600_000;

type Scope = Pick<ExperimentRow, 'id' | 'metrics' | 'contentId' | 'startedAt' | 'stoppedAt'>;

/**
 * One row per unit with its outcomes (the raw dwell as `dw`). `page` limits it to members after a
 * cursor, in member order, for the unit export.
 */
/**
 * The Shanghai day of an instant. Shanghai has kept UTC+8 without daylight saving since 1991, so
 * shifting the UTC wall clock by eight hours is exact — and half the cost of a time-zone lookup per
 * row, which counts at ten million exposures.
 */
const shanghaiDayFast = (column: SQL) => sql`((${column} AT TIME ZONE 'UTC') + interval '8 hours')::date`;

/** The instant of 00:00 Shanghai time starting the day of an instant (cheapest to group by). */
const shanghaiMidnight = (column: SQL) =>
  sql`date_bin('1 day', ${column}, TIMESTAMPTZ '2000-01-01 00:00:00+08')`;

/** The time span the test's outcomes can lie in, widened by a writer's possible clock skew. */
function spanOf(e: Scope, now: Date): { since: Date; until: Date } {
  const since = new Date((e.startedAt ?? now).getTime() - SKEW_MS);
  return { since, until: new Date(Math.max(since.getTime(), (e.stoppedAt ?? now).getTime()) + SKEW_MS) };
}

export function unitRows(e: Scope, now: Date, page?: { after: string; limit: number }): SQL {
  const windowHours = e.metrics.attributionHours;
  const { since, until } = spanOf(e, now);
  const units = page
    ? sql`SELECT member_id, arm, first_at FROM experiment_exposures
          WHERE experiment_id = ${e.id} AND member_id > ${page.after} ORDER BY member_id LIMIT ${page.limit}`
    : sql`SELECT member_id, arm, first_at FROM experiment_exposures WHERE experiment_id = ${e.id}`;
  const source = sql`SELECT member_id, first_at FROM u`;
  return sql`WITH u AS MATERIALIZED (${units}),
      o AS (${orderKpis.exposureOrdersFragment(source, { windowHours, preDays: PRE_DAYS, since, until })}),
      ev AS (${eventKpis.exposureEventsFragment(source, { windowHours, contentId: e.contentId, since, until })}),
      q AS (${memberKpis.unsubscribedAfterFragment(source, { windowHours })})
    SELECT u.member_id, u.arm, u.first_at, ${shanghaiDayFast(sql`u.first_at`)}::text AS day,
      coalesce(o.converted, 0)::float8 AS c, coalesce(o.revenue_fen, 0)::float8 AS r,
      coalesce(ev.dwell_ms, 0)::float8 AS dw, (coalesce(ev.shares, 0) > 0)::int::float8 AS s,
      coalesce(o.pre_orders, 0)::float8 AS x, (q.member_id IS NOT NULL)::int::float8 AS u,
      (coalesce(ev.complaints, 0) > 0)::int::float8 AS k, coalesce(o.refunded, 0)::float8 AS f
    FROM u LEFT JOIN o ON o.member_id = u.member_id LEFT JOIN ev ON ev.member_id = u.member_id
      LEFT JOIN q ON q.member_id = u.member_id`;
}

const agg = (expr: string) => sql.raw(`sum(${expr})`);
const SUM_EXPR: Record<SumKey, string> = {
  c: 'c',
  r: 'r',
  r2: 'r * r',
  d: 'd',
  d2: 'd * d',
  s: 's',
  x: 'x',
  x2: 'x * x',
  cx: 'c * x',
  rx: 'r * x',
  dx: 'd * x',
  sx: 's * x',
  cr: 'c * r',
  cd: 'c * d',
  cs: 'c * s',
  rd: 'r * d',
  rs: 'r * s',
  ds: 'd * s',
  u: 'u',
  k: 'k',
  f: 'f',
};

/**
 * Aggregates every unit into (arm, day) sums in one statement. A unit that did nothing (no order
 * before or after, no content event, no withdrawn consent) adds to the unit count and to no sum, so
 * the counts come from the exposures alone and the sums only from the units some fragment returned
 * — a fraction of them. The dwell cap is the test's percentile of dwell over all units (linear
 * interpolation, as the CLI's --winsorize), the units without a view counted as zeros without being
 * listed: with Z zeros among N units the p-quantile sits at h = (N − 1)p, which is 0 below Z − 1,
 * between 0 and the smallest positive dwell up to Z, and the positives' own quantile at
 * (h − Z)/(P − 1) beyond.
 */
export async function aggregateStats(
  db: Queryable,
  e: Scope,
  now: Date,
): Promise<{ rows: StatsRow[]; dwellCap: number | null }> {
  const windowHours = e.metrics.attributionHours;
  const { since, until } = spanOf(e, now);
  const source = sql`SELECT member_id, first_at FROM u`;
  const sums = sql.join(
    SUM_KEYS.map((k) => sql`${k}::text, ${agg(SUM_EXPR[k])}`),
    sql`, `,
  );
  const p = e.metrics.dwellWinsorize;
  const rows = await fetchRows<StatsRow & { cap: number | null }>(
    db,
    sql`WITH u AS MATERIALIZED (
          SELECT member_id, arm, first_at FROM experiment_exposures WHERE experiment_id = ${e.id}),
        o AS (${orderKpis.exposureOrdersFragment(source, { windowHours, preDays: PRE_DAYS, since, until })}),
        ev AS (${eventKpis.exposureEventsFragment(source, { windowHours, contentId: e.contentId, since, until })}),
        q AS (${memberKpis.unsubscribedAfterFragment(source, { windowHours })}),
        active AS MATERIALIZED (
          SELECT coalesce(o.member_id, ev.member_id, q.member_id) AS member_id,
            coalesce(o.converted, 0)::float8 AS c, coalesce(o.revenue_fen, 0)::float8 AS r,
            coalesce(ev.dwell_ms, 0)::float8 AS dw, (coalesce(ev.shares, 0) > 0)::int::float8 AS s,
            coalesce(o.pre_orders, 0)::float8 AS x, (q.member_id IS NOT NULL)::int::float8 AS u,
            (coalesce(ev.complaints, 0) > 0)::int::float8 AS k, coalesce(o.refunded, 0)::float8 AS f
          FROM o FULL JOIN ev ON ev.member_id = o.member_id
            FULL JOIN q ON q.member_id = coalesce(o.member_id, ev.member_id)),
        counts AS MATERIALIZED (
          SELECT arm, ${shanghaiDayFast(sql`b.midnight`)} AS day, n
          FROM (SELECT arm, ${shanghaiMidnight(sql`first_at`)} AS midnight, count(*)::int AS n FROM u GROUP BY 1, 2) b),
        pct AS MATERIALIZED (
          SELECT pos.p, pos.lo, all_.n - pos.p AS z, (all_.n - 1) * ${p}::float8 AS h
          FROM (SELECT count(*)::float8 AS p, min(dw) AS lo FROM active WHERE dw > 0) pos,
               (SELECT sum(n)::float8 AS n FROM counts) all_),
        cap AS MATERIALIZED (
          SELECT CASE WHEN pct.p = 0 OR pct.h <= pct.z - 1 THEN 0::float8
                      WHEN pct.h < pct.z THEN (pct.h - (pct.z - 1)) * pct.lo
                      WHEN pct.p = 1 THEN pct.lo
                      ELSE (SELECT percentile_cont(least(1, (pct.h - pct.z) / (pct.p - 1)))
                            WITHIN GROUP (ORDER BY a.dw) FROM active a WHERE a.dw > 0) END AS cap
          FROM pct),
        v AS (SELECT u.arm, ${shanghaiMidnight(sql`u.first_at`)} AS midnight, a.c, a.r, least(a.dw, cap.cap) AS d,
                a.s, a.x, a.u, a.k, a.f
              FROM active a JOIN u ON u.member_id = a.member_id CROSS JOIN cap),
        sums AS (SELECT arm, ${shanghaiDayFast(sql`midnight`)} AS day, jsonb_build_object(${sums}) AS sums
                 FROM v GROUP BY arm, midnight)
      SELECT counts.arm, counts.day::text AS day, counts.n, sums.sums, (SELECT cap FROM cap) AS cap
      FROM counts LEFT JOIN sums ON sums.arm = counts.arm AND sums.day = counts.day
      ORDER BY counts.day, counts.arm`,
  );
  const zero = Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as Sums;
  return {
    rows: rows.map(({ cap: _cap, sums: s, ...r }) => ({ ...r, sums: s ?? zero })),
    dwellCap: rows[0]?.cap ?? null,
  };
}

export async function replaceStats(db: Queryable, experimentId: string, rows: StatsRow[]): Promise<void> {
  await execute(db, sql`DELETE FROM experiment_stats WHERE experiment_id = ${experimentId}`);
  if (!rows.length) return;
  await execute(
    db,
    sql`INSERT INTO experiment_stats (experiment_id, arm, day, n, sums)
        SELECT ${experimentId}, a, d::date, n, s::jsonb
        FROM unnest(${sql.param(rows.map((r) => r.arm))}::text[], ${sql.param(rows.map((r) => r.day))}::text[],
                    ${sql.param(rows.map((r) => r.n))}::int[], ${sql.param(rows.map((r) => JSON.stringify(r.sums)))}::text[])
             AS t(a, d, n, s)`,
  );
}

export function readStats(db: Queryable, experimentId: string): Promise<StatsRow[]> {
  return fetchRows<StatsRow>(
    db,
    sql`SELECT arm, day::text AS day, n, sums FROM experiment_stats WHERE experiment_id = ${experimentId}
        ORDER BY day, arm`,
  );
}

export interface UnitRow {
  member_id: string;
  arm: string;
  first_at: Date;
  day: string;
  c: number;
  r: number;
  dw: number;
  s: number;
  x: number;
  u: number;
  k: number;
  f: number;
}

export function unitPage(db: Queryable, e: Scope, now: Date, after: string, limit: number) {
  return fetchRows<UnitRow>(db, sql`${unitRows(e, now, { after, limit })} ORDER BY u.member_id`);
}
