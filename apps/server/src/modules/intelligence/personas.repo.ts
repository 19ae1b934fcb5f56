import { execute, fetchRows, sql } from '../../platform/db/fragments.ts';
import type { Queryable } from '../../platform/db/sql.ts';
import { productTopCategoryFragment } from '../catalog/index.ts';
import { orderKpis } from '../commerce/index.ts';
import type { PersonaInput, Profile } from './persona-rules.ts';

/** Every member with at least one order: order count, active weeks, spend, spend per category. */
export async function personaInputs(db: Queryable, now: Date): Promise<PersonaInput[]> {
  const list = await fetchRows<{
    member_id: string;
    orders: number;
    weeks: number;
    spend: number;
    categories: Record<string, number>;
  }>(
    db,
    sql`WITH o AS (${orderKpis.memberOrderAggregatesFragment(now)}),
        c AS (
          SELECT x.member_id, jsonb_object_agg(x.top, x.amount) AS categories FROM (
            SELECT ps.member_id, pc.top, sum(ps.amount)::float8 AS amount
            FROM (${orderKpis.memberProductSpendFragment(new Date(0), now)}) ps
            JOIN (${productTopCategoryFragment()}) pc ON pc.product_id = ps.product_id GROUP BY 1, 2) x
          GROUP BY x.member_id)
        SELECT o.member_id, o.orders_total::float8 AS orders,
          greatest(extract(epoch FROM (o.last_order_at - o.first_order_at)) / 604800, 1)::float8 AS weeks,
          o.spend_total_fen::float8 AS spend, coalesce(c.categories, '{}') AS categories
        FROM o LEFT JOIN c ON c.member_id = o.member_id WHERE o.orders_total > 0 ORDER BY o.member_id`,
  );
  return list.map((r) => ({
    memberId: r.member_id,
    orders: r.orders,
    weeks: r.weeks,
    spendFen: r.spend,
    categorySpend: r.categories,
  }));
}

export interface FitRecord {
  id: string;
  k: number;
  silhouette: number;
  members: number;
  detail: unknown;
}

export interface PersonaRecord {
  idx: number;
  nameZh: string;
  nameEn: string;
  size: number;
  profile: Profile;
}

const CHUNK = 10_000;

/** Stores a fit, its personas and every member's persona, and makes it the current one. */
export async function saveFit(
  db: Queryable,
  fit: FitRecord,
  list: PersonaRecord[],
  members: string[],
  labels: ArrayLike<number>,
  profiles: readonly Profile[],
) {
  await execute(db, sql`UPDATE persona_fits SET current = false WHERE current`);
  await execute(
    db,
    sql`INSERT INTO persona_fits (id, k, silhouette, members, detail, current)
        VALUES (${fit.id}, ${fit.k}, ${fit.silhouette}, ${fit.members}, ${JSON.stringify(fit.detail)}::jsonb, true)`,
  );
  for (const p of list)
    await execute(
      db,
      sql`INSERT INTO personas (fit_id, idx, name_zh, name_en, size, profile)
          VALUES (${fit.id}, ${p.idx}, ${p.nameZh}, ${p.nameEn}, ${p.size}, ${JSON.stringify(p.profile)}::jsonb)`,
    );
  await execute(db, sql`DELETE FROM member_personas`);
  for (let i = 0; i < members.length; i += CHUNK) {
    const ids = members.slice(i, i + CHUNK);
    const idx = Array.from(ids, (_, j) => labels[i + j]!);
    const part = profiles.slice(i, i + CHUNK);
    await db.query(
      `INSERT INTO member_personas (member_id, fit_id, idx, orders_per_week, aov_fen)
       SELECT m, $3, i, f, round(a) FROM unnest($1::text[], $2::int[], $4::real[], $5::float8[]) AS t(m, i, f, a)`,
      [ids, idx, fit.id, part.map((p) => p.ordersPerWeek), part.map((p) => p.aovFen)],
    );
  }
}

export async function currentFit(db: Queryable) {
  const [fit] = await fetchRows<FitRecord & { fittedAt: Date }>(
    db,
    sql`SELECT id, k, silhouette, members, detail, fitted_at AS "fittedAt" FROM persona_fits WHERE current`,
  );
  if (!fit) return null;
  const list = await fetchRows<PersonaRecord>(
    db,
    sql`SELECT idx, name_zh AS "nameZh", name_en AS "nameEn", size, profile FROM personas WHERE fit_id = ${fit.id} ORDER BY idx`,
  );
  return { ...fit, personas: list };
}

export async function renamePersona(
  db: Queryable,
  fitId: string,
  idx: number,
  nameZh: string,
  nameEn: string,
): Promise<number> {
  return execute(
    db,
    sql`UPDATE personas SET name_zh = ${nameZh}, name_en = ${nameEn} WHERE fit_id = ${fitId} AND idx = ${idx}`,
  );
}

/** member_id and persona name for every member of the current fit, in member order. */
export function personaAssignments(db: Queryable) {
  return fetchRows<{ memberId: string; persona: string }>(
    db,
    sql`SELECT mp.member_id AS "memberId", p.name_zh AS persona FROM member_personas mp
        JOIN personas p ON p.fit_id = mp.fit_id AND p.idx = mp.idx ORDER BY mp.member_id`,
  );
}

export async function personaOfMember(db: Queryable, memberId: string) {
  const [row] = await fetchRows<{ idx: number; nameZh: string; nameEn: string }>(
    db,
    sql`SELECT p.idx, p.name_zh AS "nameZh", p.name_en AS "nameEn" FROM member_personas mp
        JOIN personas p ON p.fit_id = mp.fit_id AND p.idx = mp.idx WHERE mp.member_id = ${memberId}`,
  );
  return row ?? null;
}

/** An evenly spread sample of members with their profile, for the frequency × order value scatter. */
export async function personaPoints(db: Queryable, limit: number) {
  const [total] = await fetchRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM member_personas`);
  const points = await fetchRows<{ memberId: string; idx: number; ordersPerWeek: number; aovFen: number }>(
    db,
    sql`SELECT member_id AS "memberId", idx, orders_per_week AS "ordersPerWeek", aov_fen AS "aovFen"
        FROM member_personas WHERE orders_per_week IS NOT NULL
          AND abs(hashtext(member_id)) % greatest(1, ceil(${total!.n}::float8 / ${limit})::int) = 0
        ORDER BY member_id LIMIT ${limit}`,
  );
  return { points, total: total!.n };
}
