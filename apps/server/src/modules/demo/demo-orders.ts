/** A member's orders: when, what is in the basket, and what happens to each order afterwards. */
import { derivedId } from '../../platform/ids.ts';
import { orderIdOf } from '../commerce/index.ts';
import { ORDER_CUTOFF_HOUR, ORDER_RULES, PERSONA_SPEC, expectedOrders } from './demo-model.ts';
import { FULL_REFUND_REASONS, PARTIAL_REFUND_REASONS } from './demo-texts.ts';
import type { Rng } from './demo-random.ts';
import type {
  DemoMember,
  DemoOrder,
  DemoOrderItem,
  DemoProduct,
  DemoRefund,
  EpochMs,
  OrderStatus,
} from './demo-types.ts';
import { HOUR, MINUTE, SECOND, shanghaiDay, shanghaiHour, shanghaiMidnight } from './demo-time.ts';
import { type DemoContext, cachedDayString, sampleTime } from './demo-world.ts';

/** the stretch of the window in which the member orders: from registration (or the window start) to churn */
export function activeRange(ctx: DemoContext, member: DemoMember): { from: EpochMs; to: EpochMs } {
  return { from: Math.max(member.registeredAt, ctx.windowStart), to: member.churnedAt ?? ctx.windowEnd };
}

/** Poisson count over the active range, placed by weekday and Shanghai-hour profile, in time order. */
export function orderTimes(ctx: DemoContext, member: DemoMember, rng: Rng): EpochMs[] {
  const { from, to } = activeRange(ctx, member);
  const n = rng.poisson(expectedOrders(member.weeklyRate, from, to));
  const hours = ctx.orderHours[member.persona];
  const times: EpochMs[] = [];
  for (let i = 0; i < n; i++) times.push(sampleTime(rng, from, to, hours));
  return times.sort((a, b) => a - b);
}

/** 斤 goods are weighed in half-斤 steps, one 斤 most often */
const WEIGHED_QUANTITIES = [1, 1, 1, 1.5, 1.5, 2, 2, 3];

/** cheap packaged goods are sometimes bought two at a time */
function quantityFor(product: DemoProduct, rng: Rng): number {
  if (product.unit === '斤') return rng.pick(WEIGHED_QUANTITIES);
  return product.priceFen < 2000 && rng.chance(0.2) ? 2 : 1;
}

/**
 * Fills a basket towards a target amount drawn around the persona's mean: products come from the
 * persona's taste table; a product that would overshoot the target by more than a quarter is put back.
 */
function fillBasket(ctx: DemoContext, member: DemoMember, rng: Rng): DemoOrderItem[] {
  const spec = PERSONA_SPEC[member.persona];
  const target = spec.basketFen * rng.spread(spec.basketSigma);
  const table = ctx.productTables[member.persona];
  const items: DemoOrderItem[] = [];
  let total = 0;
  for (let tries = 0; tries < 16 && items.length < ORDER_RULES.maxLines; tries++) {
    const product = table.sample(rng);
    if (items.some((item) => item.product === product)) continue;
    const quantity = quantityFor(product, rng);
    const amountFen = Math.round(product.priceFen * quantity);
    if (items.length > 0 && total + amountFen > target * 1.25) continue;
    items.push({ lineNo: items.length + 1, product, quantity, amountFen });
    total += amountFen;
    if (total >= target * 0.85) break;
  }
  return items;
}

/** 新人券 on the first order of someone who just joined, otherwise now and then the 满39减5 coupon */
function discountFor(itemsFen: number, firstOrderOfNewcomer: boolean, rng: Rng): number {
  if (firstOrderOfNewcomer && itemsFen > 2 * ORDER_RULES.newcomerFen) return ORDER_RULES.newcomerFen;
  if (itemsFen >= ORDER_RULES.couponThresholdFen && rng.chance(ORDER_RULES.couponRate))
    return ORDER_RULES.couponFen;
  return 0;
}

/** the pickup instant: the next Shanghai day (two days after the 23:00 cutoff), at a persona-typical hour */
function pickupTime(
  ctx: DemoContext,
  member: DemoMember,
  placedAt: EpochMs,
  rng: Rng,
): { day: number; at: EpochMs } {
  const day = shanghaiDay(placedAt) + (shanghaiHour(placedAt) >= ORDER_CUTOFF_HOUR ? 2 : 1);
  const at =
    shanghaiMidnight(day) + ctx.pickupHours[member.persona].sample(rng) * HOUR + rng.int(0, 3599) * SECOND;
  return { day, at };
}

/**
 * Refunds of a collected order, never more than was paid: a full refund, or one or two partial refunds
 * of part of a line (a few bad fruit, short weight). Refunds that would fall after `now` do not exist yet.
 */
function refundsFor(ctx: DemoContext, order: DemoOrder, pickedUpAt: EpochMs, rng: Rng): DemoRefund[] {
  if (order.paidFen <= 0 || !rng.chance(ORDER_RULES.refundRate)) return [];
  const full = rng.chance(ORDER_RULES.fullRefundShare);
  const count = full ? 1 : rng.chance(ORDER_RULES.secondRefundShare) ? 2 : 1;
  const refunds: DemoRefund[] = [];
  let remaining = order.paidFen;
  let at = pickedUpAt;
  for (let n = 1; n <= count && remaining > 0; n++) {
    at += rng.int(30, 36 * 60) * MINUTE;
    if (at > ctx.windowEnd) break;
    const line = rng.pick(order.items);
    const amountFen = full
      ? remaining
      : Math.min(remaining, Math.max(1, Math.round(line.amountFen * (0.2 + 0.8 * rng.next()))));
    const externalId = `${order.externalId.replace('demo-o-', 'demo-r-')}-${n}`;
    refunds.push({
      id: derivedId('rfd', externalId),
      externalId,
      kind: !full && rng.chance(0.2) ? 'return' : 'refund',
      amountFen,
      reason: rng.pick(full ? FULL_REFUND_REASONS : PARTIAL_REFUND_REASONS),
      at,
    });
    remaining -= amountFen;
  }
  return refunds;
}

function settledStatus(paidFen: number, refundedFen: number): OrderStatus {
  if (refundedFen === 0) return 'picked_up';
  return refundedFen >= paidFen ? 'refunded' : 'partially_refunded';
}

export function buildOrder(
  ctx: DemoContext,
  member: DemoMember,
  placedAt: EpochMs,
  n: number,
  rng: Rng,
  /** names an order that is not the member's n-th regular one (the content lab's) */
  suffix?: string,
): DemoOrder {
  const externalId = `demo-o-${member.externalId.slice(7)}-${suffix ?? String(n + 1).padStart(4, '0')}`;
  const items = fillBasket(ctx, member, rng);
  const itemsFen = items.reduce((s, i) => s + i.amountFen, 0);
  const newcomer = n === 0 && member.registeredAt >= ctx.windowStart;
  const discountFen = discountFor(itemsFen, newcomer, rng);
  const order: DemoOrder = {
    id: orderIdOf(externalId),
    externalId,
    status: 'paid',
    itemsFen,
    discountFen,
    paidFen: itemsFen - discountFen,
    refundedFen: 0,
    placedAt,
    pickedUpAt: null,
    cancelledAt: null,
    pickupDate: null,
    updatedAt: placedAt,
    items,
    refunds: [],
  };
  if (rng.chance(ORDER_RULES.cancelRate)) {
    order.status = 'cancelled';
    order.cancelledAt = Math.min(ctx.windowEnd, placedAt + rng.int(1, 120) * MINUTE);
    order.updatedAt = order.cancelledAt;
    return order;
  }
  const pickup = pickupTime(ctx, member, placedAt, rng);
  order.pickupDate = cachedDayString(ctx, pickup.day);
  // not yet collected (the pickup is still ahead of `now`) or never collected
  if (pickup.at > ctx.windowEnd || rng.chance(ORDER_RULES.unclaimedRate)) return order;
  order.pickedUpAt = pickup.at;
  order.refunds = refundsFor(ctx, order, pickup.at, rng);
  order.refundedFen = order.refunds.reduce((s, r) => s + r.amountFen, 0);
  order.status = settledStatus(order.paidFen, order.refundedFen);
  order.updatedAt = order.refunds.at(-1)?.at ?? pickup.at;
  return order;
}
