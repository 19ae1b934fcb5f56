/**
 * A small, exactly known order history for the forecasting tests: five SKUs at three pickup points
 * in two cities, a weekly pattern, and every pickup day's orders split 60/40 between a lunchtime
 * order two days ahead and a late order the evening before (after 21:30), so the share of demand in
 * the order book at 21:30 is known to be about 60 %.
 */
import { addDays, shanghaiDay } from '../../platform/shanghai.ts';

export const PRODUCTS = [
  {
    sku: 'fc-greens',
    name: '上海青',
    category: 'vegetables.leafy',
    unit: '斤',
    priceFen: 298,
    base: [10, 8, 3],
  },
  {
    sku: 'fc-berries',
    name: '丹东草莓',
    category: 'fruit.berry',
    unit: '盒',
    priceFen: 3990,
    base: [4, 3, 1],
  },
  {
    sku: 'fc-eggs',
    name: '鲜鸡蛋(15枚)',
    category: 'meat_eggs.eggs',
    unit: '盒',
    priceFen: 1390,
    base: [3, 2, 2],
  },
  {
    sku: 'fc-milk',
    name: '鲜牛奶(950ml)',
    category: 'dairy_bakery.milk',
    unit: '瓶',
    priceFen: 1590,
    base: [5, 4, 2],
  },
  { sku: 'fc-potato', name: '土豆', category: 'vegetables.root', unit: '斤', priceFen: 250, base: [6, 5, 2] },
] as const;

export const COMMUNITIES = [
  { id: 'fc-com-hz', name: '望江小区', city: '杭州市', district: '上城区' },
  { id: 'fc-com-sh', name: '梅园小区', city: '上海市', district: '浦东新区' },
];

export const POINTS = [
  { id: 'fc-pt-a', communityId: 'fc-com-hz', name: '望江1号自提点', address: '望江路1号' },
  { id: 'fc-pt-b', communityId: 'fc-com-hz', name: '望江2号自提点', address: '望江路2号' },
  { id: 'fc-pt-c', communityId: 'fc-com-sh', name: '梅园自提点', address: '梅园路9号' },
];

const WEEKDAY = [1, 1, 1, 1, 1.2, 1.4, 1.4]; // Monday … Sunday

/** A deterministic wobble in [0.8, 1.2) per SKU, point and day. */
function wobble(...keys: Array<string | number>): number {
  let h = 2166136261;
  for (const c of keys.join('|')) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return 0.8 + ((h >>> 0) % 1000) / 2500;
}

const weekday = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
const byWeight = (unit: string) => unit === '斤';
const roundQty = (q: number, unit: string) => (byWeight(unit) ? Math.round(q * 2) / 2 : Math.round(q));

/** Demand of a SKU at a point on a pickup day. */
export function demandOf(p: (typeof PRODUCTS)[number], point: number, day: string): number {
  return roundQty(p.base[point]! * WEEKDAY[weekday(day)]! * wobble(p.sku, point, day), p.unit);
}

export interface FixtureOrder {
  id: string;
  memberId: string;
  placedAt: string;
  pickupDate: string;
  communityId: string;
  pickupPointId: string;
  items: Array<{ sku: string; quantity: number; unitPriceFen: number }>;
}

/**
 * Orders for the pickup days `days` days back to today, plus the early orders already placed for
 * tomorrow. Times are Shanghai wall clock.
 */
export function historyOrders(days: number, now = new Date()): FixtureOrder[] {
  const today = shanghaiDay(now);
  const out: FixtureOrder[] = [];
  for (let k = -days + 1; k <= 1; k++) {
    const day = addDays(today, k);
    POINTS.forEach((pt, i) => {
      const early: FixtureOrder['items'] = [];
      const late: FixtureOrder['items'] = [];
      for (const p of PRODUCTS) {
        const q = demandOf(p, i, day);
        const first = roundQty(q * 0.6, p.unit);
        if (first > 0) early.push({ sku: p.sku, quantity: first, unitPriceFen: p.priceFen });
        if (q - first > 0) late.push({ sku: p.sku, quantity: q - first, unitPriceFen: p.priceFen });
      }
      const head = {
        memberId: `fc-m-${pt.id}`,
        pickupDate: day,
        communityId: pt.communityId,
        pickupPointId: pt.id,
      };
      if (early.length)
        out.push({
          ...head,
          id: `fc-${day}-${pt.id}-1`,
          placedAt: `${addDays(day, -2)} 12:00:00`,
          items: early,
        });
      if (late.length && k <= 0)
        out.push({
          ...head,
          id: `fc-${day}-${pt.id}-2`,
          placedAt: `${addDays(day, -1)} 22:30:00`,
          items: late,
        });
    });
  }
  return out;
}

/** Products, communities and pickup points in the shape of the ingest API. */
export const catalogue = () => PRODUCTS.map(({ base: _b, ...p }) => ({ ...p }));

type Call = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: { accepted?: number; rejected?: unknown[] } }>;

/** Stores the fixture's products, communities and pickup points through the ingest API. */
export async function loadCatalogue(call: Call): Promise<void> {
  for (const [what, items] of [
    ['products', catalogue()],
    ['communities', COMMUNITIES],
    ['pickup-points', POINTS],
  ] as const) {
    const res = await call('POST', `/api/v1/ingest/${what}`, { items });
    if (res.body.accepted !== items.length) throw new Error(`${what}: ${JSON.stringify(res.body)}`);
  }
}
