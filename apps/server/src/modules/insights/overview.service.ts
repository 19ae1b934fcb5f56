import type { CommunityKpis, Kpis, OverviewResponse } from '@linli/contracts/console';
import type { Ctx } from '../../platform/context.ts';
import { communityScope } from '../../platform/context.ts';
import type { Grain } from '../../platform/db/fragments.ts';
import { AppError } from '../../platform/errors.ts';
import { listCategories, productsByIds } from '../catalog/index.ts';
import { orderKpis } from '../commerce/index.ts';
import { listCommunities } from '../communities/index.ts';
import * as rollups from './insights.repo.ts';
import {
  change,
  daysIn,
  instantsOf,
  previousPeriod,
  ratio,
  shanghaiDay,
  trailing,
  type DayRange,
} from './overview-rules.ts';
import { lastRefresh } from './rollups.service.ts';

export type { Kpis };

export interface OverviewQuery {
  from?: string | undefined;
  to?: string | undefined;
  grain: Grain;
  communityId?: string | undefined;
}

const MAX_DAYS = 731;

/** The communities a request may look at: the leader's own, narrowed to one if asked. */
export function communitiesInView(ctx: Ctx, communityId: string | undefined): string[] | null {
  const scope = communityScope(ctx);
  if (!communityId) return scope;
  if (scope && !scope.includes(communityId))
    throw new AppError(
      'forbidden',
      'insights.community_forbidden',
      `Community ${communityId} is not yours to see`,
    );
  return [communityId];
}

export function rangeOf(
  q: { from?: string | undefined; to?: string | undefined },
  defaultDays = 30,
): DayRange {
  const to = q.to ?? shanghaiDay(new Date());
  const range = { from: q.from ?? trailing(to, defaultDays).from, to };
  const days = daysIn(range);
  if (!(days >= 1 && days <= MAX_DAYS))
    throw new AppError(
      'invalid',
      'insights.range_invalid',
      `from (${range.from}) must be on or before to (${range.to}) and the range at most ${MAX_DAYS} days`,
      { from: range.from, to: range.to },
    );
  return range;
}

const keysOf = (communities: string[] | null) => communities ?? ['*'];

/**
 * Dashboard figures. Everything that adds up by day comes from the rollups (refreshed within
 * minutes of new data, see rollups.service.ts); distinct buyers over the range, which cannot be
 * added up from days, come from the orders themselves.
 */
export async function kpisFor(ctx: Ctx, range: DayRange, communities: string[] | null): Promise<Kpis> {
  const db = ctx.database.pool;
  const [t, buyers] = await Promise.all([
    rollups.totals(db, range, keysOf(communities)),
    orderKpis.orderTotals(db, { ...instantsOf(range), communities }),
  ]);
  return {
    members: t.members,
    newMembers: t.newMembers,
    active7d: t.active7d,
    active30d: t.active30d,
    orders: t.orders,
    buyers: buyers.buyers,
    gmvFen: t.gmvFen,
    aovFen: t.orders === 0 ? null : Math.round(t.gmvFen / t.orders),
    repurchaseRate: ratio(buyers.repeatBuyers, buyers.buyers),
    refundRate: ratio(t.refundedOrders, t.orders),
    refundedFen: t.refundedFen,
  };
}

/**
 * Answers are kept until the rollups are refreshed again: the figures cannot change in between,
 * except distinct buyers, which then lag by at most one refresh like everything else on the page.
 */
const answers = new Map<string, OverviewResponse>();
const MAX_ANSWERS = 500;

export async function overview(ctx: Ctx, q: OverviewQuery): Promise<OverviewResponse> {
  const range = rangeOf(q);
  const communities = communitiesInView(ctx, q.communityId);
  const refreshed = await lastRefresh(ctx.database.pool);
  const key = JSON.stringify([
    range,
    q.grain,
    q.communityId ?? null,
    communities,
    refreshed?.refreshedAt ?? null,
  ]);
  const known = answers.get(key);
  if (known) {
    answers.delete(key);
    answers.set(key, known); // most recently used last
    return known;
  }
  const answer = await computeOverview(ctx, q, range, communities, refreshed?.refreshedAt ?? null);
  answers.set(key, answer);
  if (answers.size > MAX_ANSWERS) answers.delete(answers.keys().next().value!);
  return answer;
}

async function computeOverview(
  ctx: Ctx,
  q: OverviewQuery,
  range: DayRange,
  communities: string[] | null,
  asOf: Date | null,
): Promise<OverviewResponse> {
  const previous = previousPeriod(range);
  const db = ctx.database.pool;
  const [kpis, before, trend, byCommunity, byCategory] = await Promise.all([
    kpisFor(ctx, range, communities),
    kpisFor(ctx, previous, communities),
    q.grain === 'week'
      ? rollups.weeklyTrend(db, range, keysOf(communities))
      : rollups.dailyTrend(db, range, keysOf(communities)),
    communityBreakdown(ctx, range, communities),
    categoryBreakdown(ctx, range, communities),
  ]);
  const changes = Object.fromEntries(
    (Object.keys(kpis) as Array<keyof Kpis>).map((k) => [k, change(kpis[k], before[k])]),
  ) as Record<keyof Kpis, number | null>;
  return {
    range,
    previousRange: previous,
    grain: q.grain,
    communityId: q.communityId ?? null,
    asOf: asOf?.toISOString() ?? null,
    kpis,
    previous: before,
    changes,
    trend,
    byCommunity,
    byCategory,
  };
}

/** Per community: members, 30-day active rate on the range's last day, orders and GMV in the range. */
export async function communityBreakdown(
  ctx: Ctx,
  range: DayRange,
  communities: string[] | null,
): Promise<CommunityKpis[]> {
  const [names, stats] = await Promise.all([
    listCommunities(ctx),
    rollups.byCommunity(ctx.database.pool, range, communities),
  ]);
  const statsOf = new Map(stats.map((s) => [s.communityId, s]));
  return names
    .filter((c) => !communities || communities.includes(c.id))
    .map((c) => {
      const s = statsOf.get(c.id);
      const members = s?.members ?? 0;
      const active = s?.active30d ?? 0;
      return {
        communityId: c.id,
        name: c.name,
        district: c.district,
        members,
        activeMembers: active,
        activeRate: ratio(active, members),
        orders: s?.orders ?? 0,
        gmvFen: s?.gmvFen ?? 0,
      };
    })
    .sort((x, y) => y.gmvFen - x.gmvFen);
}

/** Line sales rolled up to the top level of the category tree. */
export async function categoryBreakdown(ctx: Ctx, range: DayRange, communities: string[] | null) {
  const db = ctx.database.pool;
  const [sales, tree] = await Promise.all([
    rollups.productSales(db, range, communities, null),
    listCategories(db),
  ]);
  const products = new Map(
    (
      await productsByIds(
        db,
        sales.map((s) => s.productId),
      )
    ).map((p) => [p.id, p]),
  );
  const parentOf = new Map(tree.map((c) => [c.code, c.parentCode]));
  const topOf = (code: string): string => {
    let at = code;
    for (let guard = 0; guard < 10; guard++) {
      const parent = parentOf.get(at);
      if (!parent) return at;
      at = parent;
    }
    return at;
  };
  const totals = new Map<string, { amountFen: number; quantity: number }>();
  for (const s of sales) {
    const code = topOf(products.get(s.productId)?.categoryCode ?? 'other');
    const t = totals.get(code) ?? { amountFen: 0, quantity: 0 };
    t.amountFen += s.amountFen;
    t.quantity += s.quantity;
    totals.set(code, t);
  }
  const sum = [...totals.values()].reduce((a, t) => a + t.amountFen, 0);
  const names = new Map(tree.map((c) => [c.code, c]));
  return [...totals.entries()]
    .map(([code, t]) => ({
      code,
      nameZh: names.get(code)?.nameZh ?? code,
      nameEn: names.get(code)?.nameEn ?? code,
      amountFen: t.amountFen,
      quantity: t.quantity,
      share: ratio(t.amountFen, sum),
    }))
    .sort((a, b) => b.amountFen - a.amountFen);
}

/** Best-selling products in a range, with names and categories. */
export async function productSales(
  ctx: Ctx,
  q: { from?: string | undefined; to?: string | undefined; communityId?: string | undefined; limit: number },
) {
  const range = rangeOf(q);
  const db = ctx.database.pool;
  const sales = await rollups.productSales(db, range, communitiesInView(ctx, q.communityId), q.limit);
  const products = new Map(
    (
      await productsByIds(
        db,
        sales.map((s) => s.productId),
      )
    ).map((p) => [p.id, p]),
  );
  return {
    range,
    items: sales.map((s) => {
      const p = products.get(s.productId);
      return {
        ...s,
        sku: p?.sku ?? null,
        name: p?.name ?? s.productId,
        categoryCode: p?.categoryCode ?? null,
      };
    }),
  };
}

export async function communitySales(ctx: Ctx, q: { from?: string | undefined; to?: string | undefined }) {
  const range = rangeOf(q);
  return { range, items: await communityBreakdown(ctx, range, communitiesInView(ctx, undefined)) };
}
