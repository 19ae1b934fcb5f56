/**
 * Everything the member-by-member generation reads but never changes: the resolved options, the time
 * window, the city, the catalogue and the sampling tables built from them once.
 */
import { buildCatalogue, type DemoProduct } from './demo-catalog.ts';
import { buildCity, type DemoCity } from './demo-city.ts';
import type { Persona, Tier } from './demo-model.ts';
import {
  ORDER_HOURS,
  PERSONA_SPEC,
  PERSONAS,
  PICKUP_HOURS,
  PRE_WINDOW_MONTHS,
  TIER_SPEC,
  TIERS,
  WEEKDAY_WEIGHT,
} from './demo-model.ts';
import { CONTENT_SLOTS } from './demo-texts.ts';
import { DEVICES, DEVICE_MIX, productTable } from './demo-personas.ts';
import { type Rng, WeightedTable } from './demo-random.ts';
import type { DemoMember, DemoOptions, EpochMs } from './demo-types.ts';
import { HOUR, SECOND, dayKey, dayString, shanghaiDay, shanghaiMidnight, weekdayOf } from './demo-time.ts';

export interface DemoContext {
  members: number;
  months: number;
  seed: number;
  now: Date;
  windowStart: EpochMs;
  windowEnd: EpochMs;
  /** the earliest registration: PRE_WINDOW_MONTHS before the window */
  historyStart: EpochMs;
  city: DemoCity;
  products: DemoProduct[];
  personaTable: WeightedTable<Persona>;
  tierTable: WeightedTable<Tier>;
  productTables: Record<Persona, WeightedTable<DemoProduct>>;
  orderHours: Record<Persona, WeightedTable<number>>;
  pickupHours: Record<Persona, WeightedTable<number>>;
  deviceTables: Record<Persona, WeightedTable<DemoMember['deviceType']>>;
  /** content slots each persona tends to read: morning for 银发族, night for Z世代 */
  contentSlots: Record<Persona, WeightedTable<number>>;
  /** `YYYY-MM-DD` and `YYYYMMDD` per Shanghai day, cached: formatting dates is costly at this volume */
  dayStrings: Map<number, string>;
  dayKeys: Map<number, string>;
}

function monthsBefore(t: EpochMs, months: number): EpochMs {
  const d = new Date(t);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);

function perPersona<T>(make: (p: Persona) => T): Record<Persona, T> {
  return Object.fromEntries(PERSONAS.map((p) => [p, make(p)])) as Record<Persona, T>;
}

const SLOT_TASTE: Record<Persona, readonly number[]> = {
  silver: [4, 2, 1, 0.5, 1],
  genz: [1, 1, 1.5, 4, 0.5],
  new_middle: [2, 2.5, 3, 1.5, 1.5],
};

export function createContext(opts: DemoOptions): DemoContext {
  if (!Number.isInteger(opts.members) || opts.members < 1)
    throw new Error('demo: members must be a positive integer');
  if (!Number.isInteger(opts.months) || opts.months < 1 || opts.months > 60)
    throw new Error('demo: months must be 1–60');
  const now = opts.now ?? new Date();
  const windowEnd = Math.floor(now.getTime() / SECOND) * SECOND;
  const windowStart = monthsBefore(windowEnd, opts.months);
  const historyStart = monthsBefore(windowStart, PRE_WINDOW_MONTHS);
  const products = buildCatalogue();
  return {
    members: opts.members,
    months: opts.months,
    seed: opts.seed,
    now,
    windowStart,
    windowEnd,
    historyStart,
    city: buildCity({ members: opts.members, seed: opts.seed, openedBy: historyStart }),
    products,
    personaTable: new WeightedTable(
      PERSONAS,
      PERSONAS.map((p) => PERSONA_SPEC[p].share),
    ),
    tierTable: new WeightedTable(
      TIERS,
      TIERS.map((t) => TIER_SPEC[t].share),
    ),
    productTables: perPersona((p) => productTable(p, products)),
    orderHours: perPersona((p) => new WeightedTable(HOURS, ORDER_HOURS[p])),
    pickupHours: perPersona((p) => new WeightedTable(HOURS, PICKUP_HOURS[p])),
    deviceTables: perPersona((p) => new WeightedTable(DEVICES, DEVICE_MIX[p])),
    contentSlots: perPersona(
      (p) =>
        new WeightedTable(
          CONTENT_SLOTS.map((_, i) => i),
          SLOT_TASTE[p],
        ),
    ),
    dayStrings: new Map(),
    dayKeys: new Map(),
  };
}

function cached(cache: Map<number, string>, day: number, format: (day: number) => string): string {
  let text = cache.get(day);
  if (text === undefined) {
    text = format(day);
    cache.set(day, text);
  }
  return text;
}

export const cachedDayString = (ctx: DemoContext, day: number) => cached(ctx.dayStrings, day, dayString);
export const cachedDayKey = (ctx: DemoContext, day: number) => cached(ctx.dayKeys, day, dayKey);

const MAX_WEEKDAY_WEIGHT = Math.max(...WEEKDAY_WEIGHT);

/**
 * A random instant in [from, to): the day weighted by weekday (weekend peak), the hour by the given
 * Shanghai-hour profile, whole seconds.
 */
export function sampleTime(rng: Rng, from: EpochMs, to: EpochMs, hours: WeightedTable<number>): EpochMs {
  const firstDay = shanghaiDay(from);
  const days = shanghaiDay(to - 1) - firstDay + 1;
  for (let attempt = 0; attempt < 16; attempt++) {
    const day = firstDay + Math.floor(rng.next() * days);
    if (rng.next() * MAX_WEEKDAY_WEIGHT > WEEKDAY_WEIGHT[weekdayOf(day)]!) continue;
    const t = shanghaiMidnight(day) + hours.sample(rng) * HOUR + Math.floor(rng.next() * 3600) * SECOND;
    if (t >= from && t < to) return t;
  }
  // a very short range can miss its profile: fall back to uniform
  return from + Math.floor((rng.next() * (to - from)) / SECOND) * SECOND;
}
