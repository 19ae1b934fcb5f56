/**
 * Tonight's purchase quantity for one item: a newsvendor quantile of the demand forecast, with the
 * order book blended in and the handling loss grossed up. The reasoning travels with the number so
 * an operator sees why.
 */
import type { Quantiles } from './forecast.ts';
import { newsvendorOrder } from './replenishment.ts';

export interface ItemEconomics {
  /** share of what is bought that is lost in handling (损耗率), 0–1 */
  lossRate: number;
  /** purchase cost per unit (any currency unit, the same as price) */
  unitCost?: number | undefined;
  /** selling price per unit */
  price?: number | undefined;
  /** days the item keeps; 1 = must sell the day it arrives (leafy vegetables) */
  shelfLifeDays?: number | undefined;
}

export interface PolicyOptions {
  /**
   * The cost of a member going without, as a share of the selling price, added to the lost margin:
   * in pre-order group buying a short delivery is a broken promise, not just a lost sale. Default
   * 0.35; with no prices known the ratio is `defaultRatio`.
   */
  goodwill?: number;
  /** the critical ratio when price or cost is unknown (default 0.5) */
  defaultRatio?: number;
  /**
   * when price or cost is unknown, buy for this cost share instead of `defaultRatio` (set by
   * calibrateCostShare to hold a fill-rate target)
   */
  costShare?: number;
}

/** Orders already placed for the pickup day, and the share of a day's demand usually placed by now. */
export interface OrderBook {
  booked: number;
  /** historical share of demand placed before this hour (0–1) */
  shareBefore: number;
}

export interface Purchase {
  orderQty: number;
  /** the critical ratio used (the demand quantile bought for) */
  ratio: number;
  /** the demand distribution after the order book */
  demand: Quantiles;
  /** sellable units targeted (before the handling loss is grossed up) */
  sellable: number;
  underageCost: number | null;
  overageCost: number | null;
}

/**
 * Critical ratio Cu / (Cu + Co): under-buying loses the margin plus the goodwill; over-buying
 * wastes the cost of a sellable unit (cost grossed up for the handling loss), halved when the
 * item keeps past tomorrow and a leftover can still sell.
 */
export function criticalRatioFor(econ: ItemEconomics, options: PolicyOptions = {}) {
  const { unitCost, price } = econ;
  if (!(unitCost !== undefined && unitCost > 0 && price !== undefined && price > 0)) {
    const ratio =
      options.costShare !== undefined
        ? ratioForCostShare(options.costShare, econ.lossRate)
        : (options.defaultRatio ?? 0.5);
    return { ratio, underage: null, overage: null };
  }
  const sellableCost = unitCost / (1 - Math.min(0.9, econ.lossRate));
  const overage = (econ.shelfLifeDays ?? 1) > 1 ? sellableCost / 2 : sellableCost;
  const underage = Math.max(0, price - sellableCost) + (options.goodwill ?? 0.35) * price;
  const ratio = Math.min(0.95, Math.max(0.05, underage / (underage + overage)));
  return { ratio, underage, overage };
}

/**
 * Blends the order book into a forecast: what is booked is certain; the day's total is estimated
 * both from the book (booked / usual share by now) and from the model, the book weighing as much as
 * the share it usually holds by now, so a surge in early orders moves the estimate late in the
 * evening while a book read at 3 a.m. (a few per cent usually in) barely does.
 */
export function withOrderBook(q: Quantiles, book: OrderBook | undefined): Quantiles {
  if (!book || !(book.shareBefore > 0)) return q;
  const share = Math.min(1, book.shareBefore);
  const fromBook = book.booked / share;
  const expected = Math.max(book.booked, share * fromBook + (1 - share) * q.p50);
  const rest = expected - book.booked;
  // the uncertainty left is the part still to come
  const k = 1 - share;
  return {
    p10: Math.max(book.booked, book.booked + rest - (q.p50 - q.p10) * k),
    p50: expected,
    p90: book.booked + rest + (q.p90 - q.p50) * k,
  };
}

export function purchaseFor(
  forecast: Quantiles,
  econ: ItemEconomics,
  options: PolicyOptions = {},
  book?: OrderBook,
): Purchase {
  const demand = withOrderBook(forecast, book);
  const { ratio, underage, overage } = criticalRatioFor(econ, options);
  const orderQty = newsvendorOrder(demand, ratio, econ.lossRate);
  return {
    orderQty,
    ratio,
    demand,
    sellable: orderQty * (1 - econ.lossRate),
    underageCost: underage,
    overageCost: overage,
  };
}

/**
 * The newsvendor ratio for an implied cost share k (purchase cost over selling price): a sellable
 * unit costs k / (1 − loss) of the price, so τ = 1 − k / (1 − loss). One k for every item is what
 * minimises total waste for a given total fill rate (the Lagrangian of the two has the same form),
 * and items that lose more in handling are bought a little leaner.
 */
export function ratioForCostShare(k: number, lossRate: number): number {
  return Math.min(0.95, Math.max(0.02, 1 - k / (1 - Math.min(0.9, lossRate))));
}

export interface CalibrationDay {
  q: Quantiles;
  actual: number;
  lossRate: number;
}

/** Fill rate of buying at cost share k over past days. */
export function fillAt(days: readonly CalibrationDay[], k: number): number {
  let sold = 0;
  let demand = 0;
  for (const d of days) {
    const order = newsvendorOrder(d.q, ratioForCostShare(k, d.lossRate), d.lossRate);
    sold += Math.min(order * (1 - d.lossRate), d.actual);
    demand += d.actual;
  }
  return demand > 0 ? sold / demand : 1;
}

/**
 * The cost share whose purchases would have reached `target` fill rate over past days (forecasts
 * made then, demand seen since): bisection, as fill falls monotonically with k. Without prices this
 * is how a service level becomes a critical ratio: hold the fill rate the business has and buy for
 * it at the least waste.
 */
export function calibrateCostShare(days: readonly CalibrationDay[], target: number): number {
  let lo = 0.02;
  let hi = 0.98;
  if (days.length === 0) return 0.5;
  if (fillAt(days, lo) < target) return lo;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (fillAt(days, mid) >= target) lo = mid;
    else hi = mid;
  }
  return lo;
}
