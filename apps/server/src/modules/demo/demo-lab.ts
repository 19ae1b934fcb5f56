/**
 * The content lab of the demo: a finished test of three morning-post titles (B shipped) and a
 * factorial test of weekend posts (title × cover × button) that has been running for two days, each
 * with a planted true winner. Members are placed in arms by the same assignment the server uses, so
 * asking the API about a demo member gives the arm the demo recorded. What an exposed member then does
 * — the content view and its dwell, a share, an extra order — depends on the arm and comes from a
 * random stream of its own, so adding the lab left every other generated row as it was.
 */
import type { ExperimentStatus } from '@linli/contracts/experiments';
import { mdeProportions } from '@linli/experiments';
import { derivedId } from '../../platform/ids.ts';
import {
  type CompiledExperiment,
  type Definition,
  compileExperiment,
  parseExperiment,
} from '../experiments/index.ts';
import { buildOrder, activeRange } from './demo-orders.ts';
import { Rng } from './demo-random.ts';
import { DAY, HOUR, MINUTE, SECOND } from './demo-time.ts';
import type { DemoEvent, DemoMember, DemoOrder, EpochMs } from './demo-types.ts';
import { type DemoContext, sampleTime } from './demo-world.ts';

/** What an arm (or a level) truly does, on top of what the member would have done anyway. */
interface Effect {
  /** probability of one extra order soon after exposure (mean delay 8 hours, at most two days) */
  order: number;
  /** dwell time multiplier on the content view */
  dwell: number;
  /** probability of sharing the content */
  share: number;
}

export interface DemoExperiment {
  id: string;
  salt: string;
  definition: Definition;
  status: ExperimentStatus;
  startedAt: EpochMs;
  stoppedAt: EpochMs | null;
  stopReason: string | null;
  shippedArm: string | null;
  /** share of the members active during the test who were shown it */
  reach: number;
  effect(arm: string): Effect;
  compiled: CompiledExperiment;
}

export interface DemoExposure {
  experimentId: string;
  arm: string;
  firstAt: EpochMs;
}

const FINISHED = parseExperiment({
  key: 'demo-morning-title',
  name: '早报标题：价格写进标题',
  hypothesis: '把价格和数量写进早报标题（19.9 元两盒），比泛泛的“上新”更能带来下单和分享。',
  owner: '内容运营',
  design: 'variants',
  variants: [
    { name: 'A', content: { title: '今日鲜果上新', text: '产地直发，今早到货。', buttonLabel: '去看看' } },
    {
      name: 'B',
      content: { title: '丹东草莓 19.9 元两盒', text: '今早到货，限量 300 份。', buttonLabel: '立即抢购' },
    },
    {
      name: 'C',
      content: { title: '团长推荐：今天的草莓很甜', text: '团长亲自试吃。', buttonLabel: '去看看' },
    },
  ],
  plannedDays: 7,
  learned:
    '价格和数量写进标题（B）转化和分享都明显更高，停留也更久；已把 B 设为默认。团长推荐语（C）与对照无差别。',
});

const TITLES = ['周末鲜果', '周末草莓买一送一', '周末果园直送', '周末水果清单'];
const COVERS = ['fruit-basket', 'strawberry-close', 'orchard'];
const BUTTONS = ['去看看', '立即抢', '加入购物车'];

const RUNNING = parseExperiment({
  key: 'demo-weekend-lab',
  name: '周末推文实验室：标题 × 封面 × 按钮',
  hypothesis: '优惠写进标题、近景封面、行动明确的按钮各自提高转化；三者一起估计主效应。',
  owner: '内容运营',
  design: 'factorial',
  factors: [
    {
      name: 'title',
      levels: TITLES.map((title, i) => ({ key: `T${i + 1}`, label: title, content: { title } })),
    },
    {
      name: 'cover',
      levels: COVERS.map((c, i) => ({
        key: `C${i + 1}`,
        label: c,
        content: { imageUrl: `https://img.linli.example/demo/${c}.jpg` },
      })),
    },
    {
      name: 'cta',
      levels: BUTTONS.map((b, i) => ({ key: `B${i + 1}`, label: b, content: { buttonLabel: b } })),
    },
  ],
  plannedDays: 3,
});

const VARIANT_EFFECT: Record<string, Effect> = {
  A: { order: 0, dwell: 1, share: 0.05 },
  B: { order: 0.06, dwell: 1.25, share: 0.08 },
  C: { order: 0.015, dwell: 1.05, share: 0.05 },
};
/** the planted winner: T2 (the offer in the title), C2 (the close-up), B2 (立即抢) */
const LEVEL_EFFECT: Record<string, Effect> = {
  T1: { order: 0, dwell: 1, share: 0 },
  T2: { order: 0.08, dwell: 1.15, share: 0.02 },
  T3: { order: 0.015, dwell: 1.05, share: 0 },
  T4: { order: -0.01, dwell: 0.95, share: 0 },
  C1: { order: 0, dwell: 1, share: 0.04 },
  C2: { order: 0.05, dwell: 1.2, share: 0.06 },
  C3: { order: 0.01, dwell: 1, share: 0.04 },
  B1: { order: 0, dwell: 1, share: 0 },
  B2: { order: 0.04, dwell: 1, share: 0 },
  B3: { order: 0.015, dwell: 1, share: 0 },
};

function factorialEffect(arm: string): Effect {
  const levels = arm.split('|').map((l) => LEVEL_EFFECT[l]!);
  return {
    order: Math.max(
      0,
      levels.reduce((s, e) => s + e.order, 0),
    ),
    dwell: levels.reduce((s, e) => s * e.dwell, 1),
    share: levels.reduce((s, e) => s + e.share, 0),
  };
}

/**
 * The plan the demo tests were started with: nearly half of the members shown each test, the
 * base conversion of an active demo member over three days, and the MDE that gives.
 */
function withPlan(d: Definition, members: number, arms: number): Definition {
  const unitsPerArm = Math.max(10, Math.round((members * 0.45) / arms));
  const baseRate = 0.15;
  return { ...d, plan: { baseRate, unitsPerArm, mde: mdeProportions(baseRate, unitsPerArm) } };
}

function experiment(
  definition: Definition,
  o: Omit<DemoExperiment, 'id' | 'salt' | 'definition' | 'compiled'>,
): DemoExperiment {
  const salt = `demo-${definition.key.slice(5)}`;
  const compiled = compileExperiment({
    key: definition.key,
    salt,
    status: 'running', // exposures are what the test did while it ran
    archivedFrom: null,
    definition,
    layer: null,
    holdout: { salt: 'linli', share: 0 },
    shippedArm: null,
  });
  return { id: derivedId('exp', definition.key), salt, definition, compiled, ...o };
}

/** The two demo tests, timed against the demo's `now`. */
export function demoExperiments(ctx: DemoContext): DemoExperiment[] {
  const now = ctx.windowEnd;
  const finishedStart = now - 40 * DAY;
  const out = [
    experiment(withPlan(FINISHED, ctx.members, 3), {
      status: 'shipped',
      startedAt: finishedStart,
      stoppedAt: finishedStart + 7 * DAY,
      stopReason: 'shipped B',
      shippedArm: 'B',
      reach: 0.6,
      effect: (arm) => VARIANT_EFFECT[arm]!,
    }),
    experiment(withPlan(RUNNING, ctx.members, 4), {
      status: 'running',
      startedAt: now - 52 * HOUR,
      stoppedAt: null,
      stopReason: null,
      shippedArm: null,
      reach: 0.6,
      effect: factorialEffect,
    }),
  ];
  // a short demo window holds only what falls inside it
  return out.filter((e) => e.startedAt >= ctx.windowStart);
}

/**
 * The demo's conversion bar for the hit rate: between the control's three-day conversion (about
 * 16 %) and the shipped winner's (about 21 %), so the archive shows what the lab changed.
 */
export const DEMO_CONVERSION_BAR = 0.18;

/** Stream tag of the lab's random numbers ("lab!"): independent of every other demo stream. */
const LAB_STREAM = 0x6c616221;
const BASE_DWELL_MS = 45_000;

export interface LabActivity {
  exposures: DemoExposure[];
  orders: DemoOrder[];
  events: DemoEvent[];
}

/** One member's part in the lab: exposures and what followed them. */
export function labActivity(
  ctx: DemoContext,
  lab: readonly DemoExperiment[],
  member: DemoMember,
  eventIdOf: (externalId: string) => string,
): LabActivity {
  const out: LabActivity = { exposures: [], orders: [], events: [] };
  if (!lab.length) return out;
  const rng = new Rng(ctx.seed, member.index, LAB_STREAM);
  const active = activeRange(ctx, member);
  const base = member.externalId.slice(7);
  lab.forEach((e, n) => {
    const end = Math.min(e.stoppedAt ?? ctx.windowEnd, active.to);
    const from = Math.max(e.startedAt, active.from);
    if (end - from < HOUR || !rng.chance(e.reach)) return;
    const { arm } = e.compiled.decide(member.id);
    if (!arm) return;
    const at = sampleTime(rng, from, end, ctx.orderHours[member.persona]);
    out.exposures.push({ experimentId: e.id, arm, firstAt: at });
    const effect = e.effect(arm);
    const contentId = e.definition.contentId;
    // nothing after the window's end, nor after a churner stopped using the app
    const limit = Math.min(ctx.windowEnd, active.to);
    const add = (type: DemoEvent['type'], t: EpochMs, extra: Partial<DemoEvent>) => {
      if (t > limit) return;
      const externalId = `demo-e-${base}-lab${n + 1}-${out.events.length + 1}`;
      out.events.push({
        id: eventIdOf(externalId),
        externalId,
        type,
        occurredAt: t,
        productId: null,
        contentId,
        orderId: null,
        dwellMs: null,
        rating: null,
        text: null,
        properties: {},
        ...extra,
      });
    };
    const dwellMs = Math.round(BASE_DWELL_MS * effect.dwell * rng.spread(0.9));
    add('content_view', at + rng.int(1, 20) * SECOND, { dwellMs });
    if (rng.chance(effect.share)) add('content_share', at + dwellMs + rng.int(1, 60) * SECOND, {});
    if (rng.chance(effect.order)) {
      // content-driven orders come soon: an exponential delay, mean 8 h, cut at two days
      const delay = Math.min(48 * HOUR, 10 * MINUTE - 8 * HOUR * Math.log(1 - rng.next()));
      const placed = at + Math.floor(delay / SECOND) * SECOND;
      if (placed <= limit) out.orders.push(buildOrder(ctx, member, placed, 1, rng, `lab${n + 1}`));
    }
  });
  return out;
}
