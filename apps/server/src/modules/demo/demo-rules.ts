/**
 * The demo community generator. Deterministic for (members, months, seed, now); members are generated
 * one at a time from their own random stream, so a million members stream through a loader without
 * ever holding more than one member's orders in memory.
 */
import type { DemoProduct } from './demo-catalog.ts';
import { eventIdOf } from '../activity/index.ts';
import { buildEvents } from './demo-events.ts';
import { type DemoExperiment, demoExperiments, labActivity } from './demo-lab.ts';
import { buildConsents, buildMember, drawPersona, memberId } from './demo-members.ts';
import { buildOrder, orderTimes } from './demo-orders.ts';
import { Rng } from './demo-random.ts';
import type {
  DemoCommunity,
  DemoLeader,
  DemoMemberBundle,
  DemoOptions,
  DemoPickupPoint,
  DemoWechatGroup,
  EpochMs,
  TruthRow,
} from './demo-types.ts';
import { createContext } from './demo-world.ts';

export interface DemoWorld {
  members: number;
  seed: number;
  /** orders and events lie in [windowStart, windowEnd]; windowEnd is `now` */
  windowStart: EpochMs;
  windowEnd: EpochMs;
  communities: readonly DemoCommunity[];
  leaders: readonly DemoLeader[];
  pickupPoints: readonly DemoPickupPoint[];
  wechatGroups: readonly DemoWechatGroup[];
  products: readonly DemoProduct[];
  /** the content lab's tests (a finished and a running one) */
  experiments: readonly DemoExperiment[];
  /** member `index` with everything it did; the same on every call */
  member(index: number): DemoMemberBundle;
  /** all members in index (= registration) order, generated lazily */
  memberBundles(): Generator<DemoMemberBundle>;
  /** each member's id and hidden persona, cheaply (no orders are generated) */
  truth(): Generator<TruthRow>;
}

export function generateDemo(opts: DemoOptions): DemoWorld {
  const ctx = createContext(opts);
  const streamOf = (index: number) => new Rng(ctx.seed, index);
  const lab = demoExperiments(ctx);

  const member = (index: number): DemoMemberBundle => {
    const rng = streamOf(index);
    const profile = buildMember(ctx, index, rng);
    const consents = buildConsents(ctx, profile, rng);
    const orders = orderTimes(ctx, profile, rng).map((t, n) => buildOrder(ctx, profile, t, n, rng));
    const events = buildEvents(ctx, profile, orders, rng);
    const tested = labActivity(ctx, lab, profile, eventIdOf);
    return {
      member: profile,
      consents,
      orders: tested.orders.length ? [...orders, ...tested.orders] : orders,
      events: tested.events.length ? [...events, ...tested.events] : events,
      exposures: tested.exposures,
    };
  };

  return {
    members: ctx.members,
    seed: ctx.seed,
    windowStart: ctx.windowStart,
    windowEnd: ctx.windowEnd,
    communities: ctx.city.communities,
    leaders: ctx.city.leaders,
    pickupPoints: ctx.city.pickupPoints,
    wechatGroups: ctx.city.wechatGroups,
    products: ctx.products,
    experiments: lab,
    member,
    *memberBundles() {
      for (let i = 0; i < ctx.members; i++) yield member(i);
    },
    *truth() {
      for (let i = 0; i < ctx.members; i++)
        yield { memberId: memberId(i), persona: drawPersona(ctx, streamOf(i)) };
    },
  };
}
