import type { Ctx } from '../../platform/context.ts';
import { communityScope } from '../../platform/context.ts';
import { fetchRows, sql, type Grain, type SQL, type Window } from '../../platform/db/fragments.ts';
import { AppError } from '../../platform/errors.ts';
import { eventKpis } from '../activity/index.ts';
import { listCategories, productsByIds } from '../catalog/index.ts';
import { orderKpis } from '../commerce/index.ts';
import { listCommunities } from '../communities/index.ts';
import { memberKpis } from '../members/index.ts';
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
import type { Kpis, OverviewResponse } from '@linli/contracts/console';

export interface OverviewQuery {
  from?: string | undefined;
  to?: string | undefined;
  grain: Grain;
  communityId?: string | undefined;
}

export type { Kpis };

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

function windowOf(range: DayRange, communities: string[] | null): Window {
  return { ...instantsOf(range), communities };
}

/** Members with an order or a behaviour event in the window, within its communities. */
function activeMembers(w: Window): SQL {
  const all = { ...w, communities: null };
  return memberKpis.memberInCommunities(
    sql`${orderKpis.buyersFragment(all)} UNION ${eventKpis.eventMembersFragment(all)}`,
    w,
  );
}

async function countActive(ctx: Ctx, w: Window): Promise<number> {
  const [row] = await fetchRows<{ n: number }>(
    ctx.db,
    sql`SELECT count(*)::int AS n FROM (${activeMembers(w)}) a`,
  );
  return row!.n;
}

export async function kpisFor(ctx: Ctx, range: DayRange, communities: string[] | null): Promise<Kpis> {
  const w = windowOf(range, communities);
  const [members, orders, active7d, active30d] = await Promise.all([
    memberKpis.memberTotals(ctx.db, w),
    orderKpis.orderTotals(ctx.db, w),
    countActive(ctx, windowOf(trailing(range.to, 7), communities)),
    countActive(ctx, windowOf(trailing(range.to, 30), communities)),
  ]);
  return {
    members: members.members,
    newMembers: members.newMembers,
    active7d,
    active30d,
    orders: orders.orders,
    buyers: orders.buyers,
    gmvFen: orders.gmvFen,
    aovFen: orders.orders === 0 ? null : Math.round(orders.gmvFen / orders.orders),
    repurchaseRate: ratio(orders.repeatBuyers, orders.buyers),
    refundRate: ratio(orders.refundedOrders, orders.orders),
    refundedFen: orders.refundedFen,
  };
}

async function activeTrend(ctx: Ctx, w: Window, grain: Grain) {
  const all = { ...w, communities: null };
  const pairs = memberKpis.memberInCommunities(
    sql`${orderKpis.buyerBucketsFragment(all, grain)} UNION ${eventKpis.eventMemberBucketsFragment(all, grain)}`,
    w,
  );
  return fetchRows<{ bucket: string; active: number }>(
    ctx.db,
    sql`SELECT to_char(bucket, 'YYYY-MM-DD') AS bucket, count(*)::int AS active FROM (${pairs}) p GROUP BY 1 ORDER BY 1`,
  );
}

export async function overview(ctx: Ctx, q: OverviewQuery): Promise<OverviewResponse> {
  const range = rangeOf(q);
  const communities = communitiesInView(ctx, q.communityId);
  const previous = previousPeriod(range);
  const w = windowOf(range, communities);
  const [kpis, before, orderTrend, memberTrend, active, byCommunity, byCategory] = await Promise.all([
    kpisFor(ctx, range, communities),
    kpisFor(ctx, previous, communities),
    orderKpis.orderTrend(ctx.db, w, q.grain),
    memberKpis.newMemberTrend(ctx.db, w, q.grain),
    activeTrend(ctx, w, q.grain),
    communityBreakdown(ctx, w),
    categoryBreakdown(ctx, w),
  ]);
  const buckets = new Map<
    string,
    { bucket: string; orders: number; gmvFen: number; buyers: number; newMembers: number; active: number }
  >();
  const at = (bucket: string) => {
    let b = buckets.get(bucket);
    if (!b) buckets.set(bucket, (b = { bucket, orders: 0, gmvFen: 0, buyers: 0, newMembers: 0, active: 0 }));
    return b;
  };
  for (const t of orderTrend)
    Object.assign(at(t.bucket), { orders: t.orders, gmvFen: t.gmvFen, buyers: t.buyers });
  for (const t of memberTrend) at(t.bucket).newMembers = t.newMembers;
  for (const t of active) at(t.bucket).active = t.active;
  const changes = Object.fromEntries(
    (Object.keys(kpis) as Array<keyof Kpis>).map((k) => [k, change(kpis[k], before[k])]),
  ) as Record<keyof Kpis, number | null>;
  return {
    range,
    previousRange: previous,
    grain: q.grain,
    communityId: q.communityId ?? null,
    kpis,
    previous: before,
    changes,
    trend: [...buckets.values()].sort((a, b) => a.bucket.localeCompare(b.bucket)),
    byCommunity,
    byCategory,
  };
}

/** Per community: members, buyers, orders, GMV and the share of members active in the window. */
export async function communityBreakdown(ctx: Ctx, w: Window) {
  const [names, members, sales, active] = await Promise.all([
    listCommunities(ctx),
    memberKpis.membersByCommunity(ctx.db, w),
    orderKpis.salesByCommunity(ctx.db, w),
    memberKpis.activeByCommunity(ctx.db, activeMembers({ ...w, communities: null }), w),
  ]);
  const membersOf = new Map(members.map((m) => [m.communityId, m.members]));
  const salesOf = new Map(sales.map((s) => [s.communityId, s]));
  const activeOf = new Map(active.map((a) => [a.communityId, a.active]));
  return names
    .filter((c) => !w.communities || w.communities.includes(c.id))
    .map((c) => {
      const s = salesOf.get(c.id);
      const m = membersOf.get(c.id) ?? 0;
      const a = activeOf.get(c.id) ?? 0;
      return {
        communityId: c.id,
        name: c.name,
        district: c.district,
        members: m,
        activeMembers: a,
        activeRate: ratio(a, m),
        buyers: s?.buyers ?? 0,
        orders: s?.orders ?? 0,
        gmvFen: s?.gmvFen ?? 0,
      };
    })
    .sort((x, y) => y.gmvFen - x.gmvFen);
}

/** Line sales rolled up to the top level of the category tree. */
export async function categoryBreakdown(ctx: Ctx, w: Window) {
  const [sales, tree] = await Promise.all([
    orderKpis.salesByProduct(ctx.db, w),
    listCategories(ctx.database.pool),
  ]);
  const products = new Map(
    (
      await productsByIds(
        ctx.database.pool,
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
  const w = windowOf(range, communitiesInView(ctx, q.communityId));
  const sales = await orderKpis.salesByProduct(ctx.db, w, q.limit);
  const products = new Map(
    (
      await productsByIds(
        ctx.database.pool,
        sales.map((s) => s.productId),
      )
    ).map((p) => [p.id, p]),
  );
  return {
    range,
    items: sales.map((s) => ({
      ...s,
      sku: products.get(s.productId)?.sku ?? null,
      name: products.get(s.productId)?.name ?? s.productId,
      categoryCode: products.get(s.productId)?.categoryCode ?? null,
    })),
  };
}

export async function communitySales(ctx: Ctx, q: { from?: string | undefined; to?: string | undefined }) {
  const range = rangeOf(q);
  return { range, items: await communityBreakdown(ctx, windowOf(range, communitiesInView(ctx, undefined))) };
}
