import { EVENT_TYPES, TEXT_EVENT_TYPES } from '@linli/contracts';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../platform/db/index.ts';
import { normalizeMainlandPhone } from '../../platform/pii.ts';
import { PERSONAS, type Persona } from './demo-model.ts';
import { generateDemo, type DemoWorld } from './demo-rules.ts';
import type { DemoMemberBundle } from './demo-types.ts';
import { DAY, WEEK, shanghaiDay, shanghaiHour, weekdayOf } from './demo-time.ts';

const now = new Date('2025-06-01T04:00:00Z');

/** up to five items that break a rule, with the rule: one assertion instead of millions */
function firstFew<T>(
  items: readonly T[],
  broken: (item: T) => string | null,
): Array<{ item: T; problem: string }> {
  const found: Array<{ item: T; problem: string }> = [];
  for (const item of items) {
    const problem = broken(item);
    if (problem !== null && found.push({ item, problem }) >= 5) break;
  }
  return found;
}

describe('determinism', () => {
  it('gives identical output for the same seed and different output for another', () => {
    const a = generateDemo({ members: 300, months: 3, seed: 7, now });
    const b = generateDemo({ members: 300, months: 3, seed: 7, now });
    const c = generateDemo({ members: 300, months: 3, seed: 8, now });
    expect(b.communities).toEqual(a.communities);
    expect(b.pickupPoints).toEqual(a.pickupPoints);
    expect([...b.memberBundles()]).toEqual([...a.memberBundles()]);
    expect(c.member(5)).not.toEqual(a.member(5));
    expect(c.member(5).member.phone).not.toBe(a.member(5).member.phone);
  });

  it('generates a member the same way alone as in sequence', () => {
    const world = generateDemo({ members: 50, months: 2, seed: 1, now });
    const all = [...world.memberBundles()];
    expect(world.member(31)).toEqual(all[31]);
  });

  it('reports the same hidden persona in the truth as in the member', () => {
    const world = generateDemo({ members: 200, months: 1, seed: 3, now });
    const truth = [...world.truth()];
    expect(truth).toEqual(
      [...world.memberBundles()].map((b) => ({ memberId: b.member.id, persona: b.member.persona })),
    );
  });
});

/** one year of 5,000 members, shared by the statistical tests below (~100,000 orders) */
describe('a year of 5,000 members', () => {
  const members = 5000;
  let world: DemoWorld;
  let bundles: DemoMemberBundle[];
  const byPersona = (p: Persona) => bundles.filter((b) => b.member.persona === p);
  const ordersPerWeek = (list: DemoMemberBundle[]) =>
    list.reduce((s, b) => s + b.orders.length, 0) / list.length / (365.25 / 7);
  const meanBasketYuan = (list: DemoMemberBundle[]) => {
    const orders = list.flatMap((b) => b.orders).filter((o) => o.status !== 'cancelled');
    return orders.reduce((s, o) => s + o.itemsFen, 0) / orders.length / 100;
  };

  beforeAll(() => {
    world = generateDemo({ members, months: 12, seed: 2024, now });
    bundles = [...world.memberBundles()];
  }, 60_000);

  // binomial standard deviation at n = 5,000 is at most 0.7 points: ±2.5 points is > 3.5σ
  it('hides the seed personas in the population: 18 / 27 / 55 %', () => {
    const share = (p: Persona) => byPersona(p).length / members;
    expect(Math.abs(share('silver') - 0.18)).toBeLessThan(0.025);
    expect(Math.abs(share('genz') - 0.27)).toBeLessThan(0.025);
    expect(Math.abs(share('new_middle') - 0.55)).toBeLessThan(0.025);
  });

  it('averages about 20 orders per member over 12 months', () => {
    const perMember = bundles.reduce((s, b) => s + b.orders.length, 0) / members;
    expect(perMember).toBeGreaterThan(18);
    expect(perMember).toBeLessThan(22);
  });

  // Each persona's mean is dominated by its ~2 % top-tier members (a Binomial count of 18–28 people
  // ordering ~12× the average), a relative noise of 5–7 %; ±15 % is more than 2σ of the ratio.
  it('keeps the seed frequency ratios: Z世代 ≈ 7/5 and 银发族 ≈ 3/5 of 新中产', () => {
    const base = ordersPerWeek(byPersona('new_middle'));
    expect(ordersPerWeek(byPersona('genz')) / base).toBeGreaterThan(1.4 * 0.85);
    expect(ordersPerWeek(byPersona('genz')) / base).toBeLessThan(1.4 * 1.15);
    expect(ordersPerWeek(byPersona('silver')) / base).toBeGreaterThan(0.6 * 0.85);
    expect(ordersPerWeek(byPersona('silver')) / base).toBeLessThan(0.6 * 1.15);
  });

  it('orders as often as each member is expected to (Poisson counts)', () => {
    let expected = 0;
    let actual = 0;
    for (const { member, orders } of bundles) {
      const from = Math.max(member.registeredAt, world.windowStart);
      expected += (member.weeklyRate * ((member.churnedAt ?? world.windowEnd) - from)) / WEEK;
      actual += orders.length;
    }
    expect(actual / expected).toBeGreaterThan(0.97);
    expect(actual / expected).toBeLessThan(1.03);
  });

  // tens of thousands of baskets per persona: the sampling error of a mean is well under 1 %
  it('fills baskets of < ¥50, ~¥80 and ~¥120', () => {
    expect(meanBasketYuan(byPersona('silver'))).toBeLessThan(50);
    expect(meanBasketYuan(byPersona('silver'))).toBeGreaterThan(30);
    expect(meanBasketYuan(byPersona('genz'))).toBeGreaterThan(80 * 0.92);
    expect(meanBasketYuan(byPersona('genz'))).toBeLessThan(80 * 1.08);
    expect(meanBasketYuan(byPersona('new_middle'))).toBeGreaterThan(120 * 0.92);
    expect(meanBasketYuan(byPersona('new_middle'))).toBeLessThan(120 * 1.08);
  });

  it('buys to taste: trending goods for Z世代, organic for 新中产', () => {
    const share = (p: Persona, flag: 'trending' | 'organic') => {
      const items = byPersona(p).flatMap((b) => b.orders.flatMap((o) => o.items));
      return items.filter((i) => i.product[flag]).length / items.length;
    };
    expect(share('genz', 'trending')).toBeGreaterThan(2 * share('new_middle', 'trending'));
    expect(share('new_middle', 'organic')).toBeGreaterThan(3 * share('silver', 'organic'));
  });

  it('keeps money consistent: lines, discount, paid and refunds', () => {
    const orders = bundles.flatMap((b) => b.orders);
    const broken = firstFew(orders, (o) => {
      if (o.items.length === 0 || o.itemsFen !== o.items.reduce((s, i) => s + i.amountFen, 0)) return 'items';
      if (o.items.some((i) => i.amountFen !== Math.round(i.quantity * i.product.priceFen)))
        return 'line amount';
      if (o.paidFen !== o.itemsFen - o.discountFen) return 'paid';
      if (o.refundedFen !== o.refunds.reduce((s, r) => s + r.amountFen, 0) || o.refundedFen > o.paidFen)
        return 'refunded';
      const expected =
        o.refundedFen === 0 ? null : o.refundedFen === o.paidFen ? 'refunded' : 'partially_refunded';
      if (expected ? o.status !== expected : !['paid', 'picked_up', 'cancelled'].includes(o.status))
        return 'status';
      return null;
    });
    expect(broken).toEqual([]);
    const pickedUp = orders.filter((o) => o.pickedUpAt !== null).length;
    const refunded = orders.filter((o) => o.refunds.length > 0).length;
    expect(refunded / pickedUp).toBeGreaterThan(0.03);
    expect(refunded / pickedUp).toBeLessThan(0.05);
    expect(orders.some((o) => o.refunds.length > 1)).toBe(true);
  });

  it('keeps every instant in order and inside the window', () => {
    const inWindow = (t: number) => t >= world.windowStart && t <= world.windowEnd;
    const broken = firstFew(bundles, ({ member, orders, events, consents }) => {
      if (member.registeredAt > world.windowEnd) return 'registered in the future';
      if (consents.some((c) => c.at < member.registeredAt)) return 'consent before registration';
      for (const o of orders) {
        if (o.placedAt < Math.max(world.windowStart, member.registeredAt)) return 'order before registration';
        if (o.placedAt > (member.churnedAt ?? world.windowEnd)) return 'order after churn';
        if (o.pickedUpAt !== null && o.pickedUpAt <= o.placedAt) return 'pickup before order';
        if (o.updatedAt > world.windowEnd) return 'update in the future';
        if (o.refunds.some((r) => r.at <= o.pickedUpAt!)) return 'refund before pickup';
      }
      return events.some((e) => !inWindow(e.occurredAt)) ? 'event outside the window' : null;
    });
    expect(broken).toEqual([]);
  });

  it('clusters orders in Shanghai evening hours and on weekends', () => {
    const orders = byPersona('new_middle').flatMap((b) => b.orders);
    const evening =
      orders.filter((o) => [20, 21, 22].includes(shanghaiHour(o.placedAt))).length / orders.length;
    expect(evening).toBeGreaterThan(0.2);
    const weekend = orders.filter((o) => [0, 6].includes(weekdayOf(shanghaiDay(o.placedAt)))).length / 2;
    expect(weekend).toBeGreaterThan((orders.length - 2 * weekend) / 5);
  });

  it('gives valid, unique mainland mobile numbers to members and leaders', () => {
    const phones = [...bundles.map((b) => b.member.phone), ...world.leaders.map((l) => l.phone)];
    expect(firstFew(phones, (p) => (normalizeMainlandPhone(p) === p ? null : 'invalid'))).toEqual([]);
    expect(new Set(phones).size).toBe(phones.length);
  });

  it('has referrers registered before the members they invited, and churners who stop', () => {
    const indexOf = new Map(bundles.map((b) => [b.member.id, b.member.index]));
    const referred = bundles.filter((b) => b.member.referrerId !== null);
    expect(referred.length / members).toBeGreaterThan(0.15);
    expect(
      firstFew(referred, (b) =>
        indexOf.get(b.member.referrerId!)! < b.member.index ? null : 'later referrer',
      ),
    ).toEqual([]);
    const churners = bundles.filter((b) => b.member.churnedAt !== null);
    expect(churners.length / members).toBeGreaterThan(0.15);
    // what may follow an order placed just before churning: pickup, refunds, a review
    const lateEvents = firstFew(churners, (b) =>
      b.events.some((e) => e.occurredAt > b.member.churnedAt! + 7 * DAY) ? 'active after churn' : null,
    );
    expect(lateEvents).toEqual([]);
  });

  it('records every kind of behaviour event, with text, rating and dwell where they belong', () => {
    const events = bundles.flatMap((b) => b.events);
    const types = new Set(events.map((e) => e.type));
    for (const t of EVENT_TYPES) {
      expect(types).toContain(t);
    }
    const misplaced = firstFew(events, (e) => {
      if (e.rating !== null && e.type !== 'review') return 'rating';
      if (e.dwellMs !== null && e.type !== 'content_view') return 'dwell';
      if (e.text !== null && !TEXT_EVENT_TYPES.includes(e.type)) return 'text';
      return null;
    });
    expect(misplaced).toEqual([]);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });
});

describe('the city and the catalogue', () => {
  const world = generateDemo({ members: 23_000, months: 1, seed: 1, now });

  it('sells ~200 SKUs in the categories seeded by migration 0001', () => {
    const sql = readFileSync(`${migrationsFolder}/0001_partitions_and_categories.sql`, 'utf8');
    const codes = new Set([...sql.matchAll(/\('([a-z_.]+)', (?:NULL|'[a-z_]+'),/g)].map((m) => m[1]));
    expect(world.products.length).toBeGreaterThanOrEqual(190);
    for (const p of world.products) {
      expect(codes).toContain(p.categoryCode);
      expect(Number.isInteger(p.priceFen) && p.priceFen > 0).toBe(true);
    }
    expect(new Set(world.products.map((p) => p.sku)).size).toBe(world.products.length);
    for (const flag of ['organic', 'green', 'trending', 'partner'] as const)
      expect(world.products.some((p) => p[flag])).toBe(true);
  });

  it('places communities in Hangzhou districts with pickup points, leaders and WeChat groups', () => {
    expect(world.communities.length).toBeGreaterThan(100);
    expect(new Set(world.communities.map((c) => c.district)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(world.communities.map((c) => c.name)).size).toBe(world.communities.length);
    for (const p of world.pickupPoints) {
      expect(p.address).toMatch(/^杭州市.+区.+号/);
      expect(p.lat).toBeGreaterThan(29.9);
      expect(p.lat).toBeLessThan(30.6);
      expect(p.lng).toBeGreaterThan(119.8);
      expect(p.lng).toBeLessThan(120.6);
    }
    const communityIds = new Set(world.communities.map((c) => c.id));
    for (const l of world.leaders) expect(communityIds).toContain(l.communityId);
    const pointIds = new Set(world.pickupPoints.map((p) => p.id));
    for (const g of world.wechatGroups) expect(pointIds).toContain(g.pickupPointId);
  });

  it('spreads members over all three personas with their own profiles', () => {
    const sample = Array.from({ length: 600 }, (_, i) => world.member(i).member);
    for (const p of PERSONAS) expect(sample.some((m) => m.persona === p)).toBe(true);
    const year = (m: (typeof sample)[number]) => Number(m.birthday.slice(0, 4));
    for (const m of sample.filter((x) => x.persona === 'silver'))
      expect(now.getUTCFullYear() - year(m)).toBeGreaterThanOrEqual(56);
    for (const m of sample.filter((x) => x.persona === 'genz'))
      expect(now.getUTCFullYear() - year(m)).toBeLessThanOrEqual(29);
  });
});
