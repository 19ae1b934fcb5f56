/**
 * The demand model of the demo community: who the members are (the seed's three personas), how often
 * they order, how much, and when.
 *
 * Calibration. The seed describes 23,000 members with 银发族 ordering 3×/week, Z世代 7×/week and 新中产
 * 5×/week; taken literally that is ~6 million orders a year, far beyond a demo that loads at start-up
 * and beyond what real platforms see per registered member. We keep the seed's persona RATIOS and read
 * its absolute frequencies as those of the most active members, using the seed's own value pyramid
 * (2.1 四象限): the top 2 % order at the persona's full seed frequency, the 63 % "potential" members at a
 * small fraction of it, the 20 % "churn-warning" members a little more but they stop at some point, and
 * the 15 % "value-depression" members rarely. One scale factor, derived below, makes the population
 * average 20 orders per member per 12 months (1,000,000 members → ~20 million orders), whatever the
 * persona mix. Within a tier each member's rate gets gamma noise (gamma–Poisson heterogeneity).
 * Per member and year that comes to about 12 orders for 银发族, 27 for Z世代 and 20 for 新中产
 * (3 : 7 : 5), and ~460,000 orders a year for the default 23,000 members.
 */
import type { EpochMs } from './demo-time.ts';
import { MINUTE, WEEK } from './demo-time.ts';

export type Persona = 'silver' | 'genz' | 'new_middle';
export const PERSONAS: readonly Persona[] = ['silver', 'genz', 'new_middle'];

interface PersonaSpec {
  /** share of members (seed: 18 / 27 / 55 %) */
  share: number;
  /** orders per week of the most active members (seed) */
  ordersPerWeek: number;
  /** mean basket in fen (seed: < ¥50, ¥80, ¥120); the silver target sits well under the ¥50 ceiling */
  basketFen: number;
  /** spread of one basket around the mean (log-normal sigma) */
  basketSigma: number;
}

export const PERSONA_SPEC: Record<Persona, PersonaSpec> = {
  silver: { share: 0.18, ordersPerWeek: 3, basketFen: 3800, basketSigma: 0.25 },
  genz: { share: 0.27, ordersPerWeek: 7, basketFen: 8000, basketSigma: 0.35 },
  new_middle: { share: 0.55, ordersPerWeek: 5, basketFen: 12000, basketSigma: 0.3 },
};

export type Tier = 'top' | 'potential' | 'churn_warning' | 'value_depression';

interface TierSpec {
  share: number;
  /** fraction of the persona's seed frequency, before the calibration scale */
  activity: number;
  /** churners stop ordering (and using the app) at a uniformly random point of their time */
  churns: boolean;
}

/** seed 2.1: 金字塔顶端 2 %, 潜力股 63 %, 流失预警 20 %, 价值洼地 15 % */
export const TIER_SPEC: Record<Tier, TierSpec> = {
  top: { share: 0.02, activity: 1, churns: false },
  potential: { share: 0.63, activity: 0.085, churns: false },
  churn_warning: { share: 0.2, activity: 0.12, churns: true },
  value_depression: { share: 0.15, activity: 0.025, churns: false },
};
export const TIERS = Object.keys(TIER_SPEC) as Tier[];

const TARGET_ORDERS_PER_MEMBER_YEAR = 20;
/** members already registered when the window opens; the rest join uniformly during it */
export const PRE_WINDOW_SHARE = 0.65;
/** how far back the earliest registrations go before the window */
export const PRE_WINDOW_MONTHS = 24;
/** gamma shape of the per-member rate within a tier: coefficient of variation 1/√2 ≈ 0.71 */
export const RATE_SHAPE = 2;

const WEEKS_PER_YEAR = 365.25 / 7;

/**
 * Expected share of the window in which a member can order. Registration inside the window is uniform
 * (half the window on average) and a churner stops uniformly within their time (half again).
 */
function expectedExposure(tier: TierSpec): number {
  const registration = PRE_WINDOW_SHARE + (1 - PRE_WINDOW_SHARE) / 2;
  return registration * (tier.churns ? 0.5 : 1);
}

/** the factor that turns persona × tier activity into ~20 orders per member-year on average */
const ACTIVITY_SCALE = (() => {
  const personaMix = PERSONAS.reduce((s, p) => s + PERSONA_SPEC[p].share * PERSONA_SPEC[p].ordersPerWeek, 0);
  const tierMix = TIERS.reduce(
    (s, t) => s + TIER_SPEC[t].share * TIER_SPEC[t].activity * expectedExposure(TIER_SPEC[t]),
    0,
  );
  return TARGET_ORDERS_PER_MEMBER_YEAR / (WEEKS_PER_YEAR * personaMix * tierMix);
})();

/** a member's expected orders per week while active, before the member's own gamma noise */
export function weeklyRate(persona: Persona, tier: Tier): number {
  return PERSONA_SPEC[persona].ordersPerWeek * TIER_SPEC[tier].activity * ACTIVITY_SCALE;
}

export function expectedOrders(ratePerWeek: number, from: EpochMs, to: EpochMs): number {
  return (ratePerWeek * Math.max(0, to - from)) / WEEK;
}

/** relative order volume by Shanghai weekday, Sunday first: the weekend peak */
export const WEEKDAY_WEIGHT = [1.1, 0.92, 0.88, 0.92, 0.96, 1.06, 1.18];

/**
 * Relative order volume by Shanghai hour. 新中产 peak 20–22 h (the seed's member-only evening offers);
 * 银发族 order early in the morning; Z世代 late at night. All three have the noon bump.
 */
export const ORDER_HOURS: Record<Persona, readonly number[]> = {
  silver: [0.05, 0, 0, 0, 0.2, 1, 4, 5, 4.5, 3, 2, 2, 1.5, 1, 1, 1.2, 1.5, 2, 1.5, 1.5, 2, 1.5, 0.5, 0.1],
  genz: [
    1.5, 1, 0.4, 0.1, 0.05, 0.05, 0.2, 0.6, 1, 1, 1.2, 2.5, 3, 1.5, 1, 1, 1.2, 1.5, 2, 2.5, 3, 4, 4.5, 3,
  ],
  new_middle: [
    0.2, 0.1, 0.05, 0.05, 0.05, 0.2, 1, 2.5, 2.5, 1.5, 1.2, 2, 2.5, 1.5, 1, 1, 1.2, 2, 2.2, 2, 3.5, 4.5, 4,
    1.2,
  ],
};

/** pickup happens the next afternoon or evening; retired members often come in the morning */
export const PICKUP_HOURS: Record<Persona, readonly number[]> = {
  silver: [0, 0, 0, 0, 0, 0, 0, 1, 3, 3, 2, 1, 0.5, 0.5, 1, 2, 3, 2, 1, 0.5, 0, 0, 0, 0],
  genz: [0, 0, 0, 0, 0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1, 2, 3, 4, 3.5, 2, 0.5, 0],
  new_middle: [0, 0, 0, 0, 0, 0, 0, 0.5, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1, 2, 3, 3.5, 3, 2, 1, 0, 0],
};

/** orders placed after the 23:00 cutoff are packed a day later */
export const ORDER_CUTOFF_HOUR = 23;

export const ORDER_RULES = {
  /** cancelled before the cutoff; paid_fen keeps the order's amount, as for ingested orders */
  cancelRate: 0.025,
  /** picked-up orders that get refunds (the seed's red-zone "退货率" metric); 3–5 % */
  refundRate: 0.04,
  /** of refunded orders: the whole order refunded rather than some goods */
  fullRefundShare: 0.3,
  /** a partially refunded order sometimes gets a second refund for other goods */
  secondRefundShare: 0.15,
  /** paid but never collected */
  unclaimedRate: 0.004,
  /** coupon 满39减5 */
  couponRate: 0.15,
  couponThresholdFen: 3900,
  couponFen: 500,
  /** 新人券 on the first order of a member who joins during the window */
  newcomerFen: 1000,
  maxLines: 8,
  /** the app session before an order starts this long before payment */
  sessionLead: 15 * MINUTE,
} as const;
