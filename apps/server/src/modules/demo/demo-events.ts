/**
 * A member's behaviour events: the app session around each order, reviews and complaints after it,
 * and activity that is not tied to an order (browsing, the check-in game, shares, content, posts), the
 * latter in proportion to the member's own order rate so heavy buyers are also heavy users.
 */
import { eventIdOf } from '../activity/index.ts';
import { ORDER_RULES, expectedOrders } from './demo-model.ts';
import {
  COMPLAINTS,
  CONTENT_SLOTS,
  CS_MESSAGES,
  DISHES,
  GROUP_MESSAGES,
  NEGATIVE_REVIEWS,
  POSITIVE_REVIEWS,
  UGC_POSTS,
  fillText,
} from './demo-texts.ts';
import { ENGAGEMENT } from './demo-personas.ts';
import { Rng } from './demo-random.ts';
import type { DemoEvent, DemoEventType, DemoMember, DemoOrder, EpochMs } from './demo-types.ts';
import { HOUR, MINUTE, SECOND, shanghaiDay, shanghaiMidnight } from './demo-time.ts';
import { activeRange } from './demo-orders.ts';
import { type DemoContext, cachedDayKey, sampleTime } from './demo-world.ts';

type Props = DemoEvent['properties'];
const NONE: Props = Object.freeze({});
const OPEN_SOURCES: readonly Props[] = ['wechat_group', 'push', 'direct', 'mini_program'].map((source) =>
  Object.freeze({ source }),
);
const SHARE_CHANNELS: readonly Props[] = ['wechat_group', 'moments', 'wechat_friend'].map((channel) =>
  Object.freeze({ channel }),
);
const CHECK_IN: Props = Object.freeze({ game: '种菜大作战', task: '浇水' });
const SLOT_PROPS: readonly Props[] = CONTENT_SLOTS.map((s) =>
  Object.freeze({ kind: s.kind, slot: s.slot, title: s.title }),
);
const CS_PROPS = Object.keys(CS_MESSAGES).flatMap((topic) =>
  ['wechat', 'phone', 'in_app'].map((channel) => Object.freeze({ topic, channel })),
);
const REFUND_CS = CS_PROPS.filter((p) => p.topic === '退款进度');
const UGC_KIND: Props = Object.freeze({ kind: 'recipe' });

/** Collects a member's events, numbering them; ids derive from external ids as for ingested events. */
class EventLog {
  readonly events: DemoEvent[] = [];
  private seq = 0;
  private readonly externalBase: string;
  private readonly ctx: DemoContext;

  constructor(ctx: DemoContext, member: DemoMember) {
    this.ctx = ctx;
    this.externalBase = `demo-e-${member.externalId.slice(7)}-`;
  }

  /** adds an event if it falls inside the window (partitions exist only there) */
  add(
    type: DemoEventType,
    occurredAt: EpochMs,
    fields: Partial<Omit<DemoEvent, 'id' | 'externalId' | 'type' | 'occurredAt'>> = {},
  ): void {
    if (occurredAt < this.ctx.windowStart || occurredAt > this.ctx.windowEnd) return;
    this.seq += 1;
    const externalId = this.externalBase + String(this.seq).padStart(6, '0');
    this.events.push({
      id: eventIdOf(externalId),
      externalId,
      type,
      occurredAt,
      productId: fields.productId ?? null,
      contentId: fields.contentId ?? null,
      orderId: fields.orderId ?? null,
      dwellMs: fields.dwellMs ?? null,
      rating: fields.rating ?? null,
      text: fields.text ?? null,
      properties: fields.properties ?? NONE,
    });
  }
}

const before = (t: EpochMs, rng: Rng, maxMinutes: number) => t - rng.int(1, maxMinutes * 60) * SECOND;

/**
 * Open the app, look at a product, fill the cart, pay. About half the lines skip the cart: they are
 * bought with 立即购买 from a group-chat link or with 再来一单 (repeat a past basket).
 */
function orderSession(log: EventLog, order: DemoOrder, rng: Rng): void {
  const t = order.placedAt;
  log.add(
    'app_open',
    t - rng.int(ORDER_RULES.sessionLead / SECOND / 2, ORDER_RULES.sessionLead / SECOND) * SECOND,
    {
      properties: rng.pick(OPEN_SOURCES),
    },
  );
  log.add('view_product', before(t, rng, 7), { productId: order.items[0]!.product.id });
  for (const item of order.items) {
    if (rng.chance(0.5)) log.add('add_to_cart', before(t, rng, 5), { productId: item.product.id });
  }
}

/** reviews, complaints and customer-service contacts after collection; refunds make them negative */
function afterPickup(log: EventLog, member: DemoMember, order: DemoOrder, rng: Rng): void {
  if (order.pickedUpAt === null) return;
  const product = rng.pick(order.items).product;
  const refund = order.refunds[0];
  const contact = (at: EpochMs, properties: { topic: string; channel: string }) =>
    log.add('cs_contact', at, {
      orderId: order.id,
      properties,
      text: fillText(rng.pick(CS_MESSAGES[properties.topic]!), product.name),
    });
  if (refund && rng.chance(0.5)) contact(refund.at - rng.int(5, 25) * MINUTE, rng.pick(REFUND_CS));
  else if (rng.chance(0.015)) contact(order.pickedUpAt + rng.int(1, 24 * 60) * MINUTE, rng.pick(CS_PROPS));
  if ((refund && rng.chance(0.35)) || rng.chance(0.003)) {
    log.add('complaint', (refund?.at ?? order.pickedUpAt) + rng.int(10, 600) * MINUTE, {
      orderId: order.id,
      productId: product.id,
      text: fillText(rng.pick(COMPLAINTS), product.name),
    });
  }
  if (!rng.chance(refund ? 0.4 : ENGAGEMENT[member.persona].reviewRate)) return;
  const negative = refund ? rng.chance(0.8) : rng.chance(0.06);
  log.add('review', order.pickedUpAt + rng.int(1, 72) * HOUR, {
    orderId: order.id,
    productId: product.id,
    rating: negative ? rng.int(1, 2) : rng.chance(0.15) ? 3 : rng.int(4, 5),
    text: fillText(rng.pick(negative ? NEGATIVE_REVIEWS : POSITIVE_REVIEWS), product.name),
  });
}

function backgroundActivity(ctx: DemoContext, log: EventLog, member: DemoMember, rng: Rng): void {
  const engagement = ENGAGEMENT[member.persona];
  const { from, to } = activeRange(ctx, member);
  if (to <= from) return;
  const hours = ctx.orderHours[member.persona];
  const products = ctx.productTables[member.persona];
  const at = () => sampleTime(rng, from, to, hours);
  // how many events of a kind, given how many per expected order
  const orders = expectedOrders(member.weeklyRate, from, to);
  const count = (perOrder: number) => rng.poisson(perOrder * orders);

  for (let n = count(engagement.browse); n > 0; n--) {
    const t = at();
    log.add('app_open', t, { properties: rng.pick(OPEN_SOURCES) });
    const viewed = products.sample(rng);
    log.add('view_product', t + rng.int(10, 300) * SECOND, { productId: viewed.id });
    // an abandoned cart: interest without an order
    if (rng.chance(0.2)) log.add('add_to_cart', t + rng.int(301, 900) * SECOND, { productId: viewed.id });
  }
  if (rng.chance(engagement.playsGame)) {
    for (let n = count(engagement.checkIns); n > 0; n--) log.add('check_in', at(), { properties: CHECK_IN });
  }
  for (let n = count(engagement.shares); n > 0; n--) {
    log.add('share', at(), { productId: products.sample(rng).id, properties: rng.pick(SHARE_CHANNELS) });
  }
  for (let n = count(engagement.contentViews); n > 0; n--) contentView(ctx, log, member, from, to, rng);
  for (let n = count(engagement.ugcPosts); n > 0; n--) {
    const text = fillText(rng.pick(UGC_POSTS), products.sample(rng).name, rng.pick(DISHES), rng.int(2, 60));
    log.add('ugc_post', at(), { text, properties: UGC_KIND });
  }
  groupMessages(ctx, log, member, products);
}

/**
 * Messages in the community's WeChat group, about one for every seven orders. They draw from a
 * random stream of their own, so adding them left every other generated row as it was.
 */
function groupMessages(
  ctx: DemoContext,
  log: EventLog,
  member: DemoMember,
  products: DemoContext['productTables'][DemoMember['persona']],
): void {
  const rng = new Rng(ctx.seed, member.index, 0x67726f75);
  const { from, to } = activeRange(ctx, member);
  if (to <= from) return;
  const hours = ctx.orderHours[member.persona];
  for (let n = rng.poisson(0.15 * expectedOrders(member.weeklyRate, from, to)); n > 0; n--) {
    const text = fillText(
      rng.pick(GROUP_MESSAGES),
      products.sample(rng).name,
      rng.pick(DISHES),
      rng.int(2, 60),
    );
    log.add('group_message', sampleTime(rng, from, to, hours), { text });
  }
}

/** content is published per day and slot (the seed's content calendar); a viewer sometimes shares it */
function contentView(
  ctx: DemoContext,
  log: EventLog,
  member: DemoMember,
  from: EpochMs,
  to: EpochMs,
  rng: Rng,
): void {
  const firstDay = shanghaiDay(from);
  const day = firstDay + Math.floor(rng.next() * (shanghaiDay(to) - firstDay + 1));
  const slotIndex = ctx.contentSlots[member.persona].sample(rng);
  const slot = CONTENT_SLOTS[slotIndex]!;
  const t = shanghaiMidnight(day) + slot.hour * HOUR + rng.int(0, 150 * 60) * SECOND;
  if (t < from || t >= to) return;
  const contentId = `demo-content-${cachedDayKey(ctx, day)}-${slotIndex + 1}`;
  const dwellMs = Math.round(slot.dwellSec * 1000 * rng.spread(0.6));
  const properties = SLOT_PROPS[slotIndex]!;
  log.add('content_view', t, { contentId, dwellMs, properties });
  if (rng.chance(0.08))
    log.add('content_share', t + dwellMs, { contentId, properties: rng.pick(SHARE_CHANNELS) });
}

export function buildEvents(
  ctx: DemoContext,
  member: DemoMember,
  orders: readonly DemoOrder[],
  rng: Rng,
): DemoEvent[] {
  const log = new EventLog(ctx, member);
  for (const order of orders) {
    orderSession(log, order, rng);
    afterPickup(log, member, order, rng);
  }
  backgroundActivity(ctx, log, member, rng);
  return log.events;
}
