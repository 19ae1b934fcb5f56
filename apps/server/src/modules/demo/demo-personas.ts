/**
 * What distinguishes the personas besides frequency and basket: what they buy, where they live, which
 * device and channels they use, how they engage. These are the hidden signals a segmentation should
 * rediscover; none of them is stored as a label.
 */
import type { DemoProduct } from './demo-catalog.ts';
import type { Persona } from './demo-model.ts';
import { WeightedTable } from './demo-random.ts';

/** Relative preference for each leaf category (codes from migration 0001). */
const CATEGORY_TASTE: Record<Persona, Record<string, number>> = {
  // traditional vegetables and fruit, pork and eggs, staples
  silver: {
    'vegetables.leafy': 10,
    'vegetables.root': 8,
    'vegetables.mushroom': 4,
    'vegetables.melon': 8,
    'fruit.citrus': 5,
    'fruit.pome': 5,
    'fruit.tropical': 2,
    'fruit.berry': 0.5,
    'meat_eggs.pork': 5,
    'meat_eggs.poultry': 3,
    'meat_eggs.eggs': 5,
    'meat_eggs.beef_lamb': 0.5,
    'seafood.fish': 3,
    'seafood.shrimp_crab': 0.8,
    'dairy_bakery.milk': 2,
    'dairy_bakery.bread': 1.5,
    'grain_oil.rice_flour': 3,
    'grain_oil.oil': 1.5,
    'grain_oil.condiments': 3,
    'organic.vegetables': 0.3,
    'organic.fruit': 0.2,
    'snacks.sweets': 0.3,
    'snacks.nuts': 0.5,
    drinks: 0.5,
    frozen: 1.5,
    household: 2,
  },
  // trending snacks, drinks, convenience food, photogenic fruit
  genz: {
    'vegetables.leafy': 1,
    'vegetables.root': 0.5,
    'vegetables.mushroom': 1,
    'vegetables.melon': 1,
    'fruit.citrus': 2,
    'fruit.pome': 1.5,
    'fruit.tropical': 5,
    'fruit.berry': 5,
    'meat_eggs.pork': 0.5,
    'meat_eggs.poultry': 2,
    'meat_eggs.eggs': 1,
    'meat_eggs.beef_lamb': 2,
    'seafood.fish': 1,
    'seafood.shrimp_crab': 2,
    'dairy_bakery.milk': 4,
    'dairy_bakery.bread': 5,
    'grain_oil.rice_flour': 0.5,
    'grain_oil.oil': 0.2,
    'grain_oil.condiments': 1,
    'organic.vegetables': 0.4,
    'organic.fruit': 0.6,
    'snacks.sweets': 10,
    'snacks.nuts': 7,
    drinks: 9,
    frozen: 8,
    household: 1.5,
  },
  // organic produce, quality protein, dairy
  new_middle: {
    'vegetables.leafy': 4,
    'vegetables.root': 3,
    'vegetables.mushroom': 3,
    'vegetables.melon': 4,
    'fruit.citrus': 3,
    'fruit.pome': 3,
    'fruit.tropical': 3,
    'fruit.berry': 5,
    'meat_eggs.pork': 3,
    'meat_eggs.poultry': 3,
    'meat_eggs.eggs': 4,
    'meat_eggs.beef_lamb': 5,
    'seafood.fish': 5,
    'seafood.shrimp_crab': 4,
    'dairy_bakery.milk': 6,
    'dairy_bakery.bread': 3,
    'grain_oil.rice_flour': 3,
    'grain_oil.oil': 2,
    'grain_oil.condiments': 2,
    'organic.vegetables': 9,
    'organic.fruit': 7,
    'snacks.sweets': 1,
    'snacks.nuts': 2,
    drinks: 2,
    frozen: 2,
    household: 2,
  },
};

/** multipliers for product flags and price: 银发族 avoid the fashionable and the expensive */
function flagAndPriceFactor(persona: Persona, p: DemoProduct): number {
  switch (persona) {
    case 'silver':
      return (p.trending ? 0.3 : 1) * (p.organic ? 0.4 : 1) * (p.priceFen > 3000 ? 0.15 : 1);
    case 'genz':
      return (p.trending ? 4 : 1) * (p.organic ? 0.7 : 1) * (p.priceFen > 8000 ? 0.3 : 1);
    case 'new_middle':
      return (p.organic ? 2.5 : 1) * (p.green ? 1.5 : 1) * (p.trending ? 1.2 : 1);
  }
}

/** bestsellers first: popularity falls off with the rank inside a category */
function popularity(rank: number): number {
  return 1 / Math.pow(1 + rank, 0.7);
}

export function productTable(persona: Persona, products: readonly DemoProduct[]): WeightedTable<DemoProduct> {
  return new WeightedTable(
    products,
    products.map(
      (p) =>
        (CATEGORY_TASTE[persona][p.categoryCode] ?? 0) * popularity(p.rank) * flagAndPriceFactor(persona, p),
    ),
  );
}

/** where each persona tends to live: the old city for 银发族, the tech and university districts for Z世代 */
export const DISTRICT_AFFINITY: Record<Persona, Record<string, number>> = {
  silver: {
    上城区: 2,
    拱墅区: 1.8,
    西湖区: 1.1,
    萧山区: 1,
    临平区: 0.9,
    余杭区: 0.6,
    滨江区: 0.5,
    钱塘区: 0.6,
  },
  genz: {
    上城区: 0.7,
    拱墅区: 0.8,
    西湖区: 1.1,
    萧山区: 0.8,
    临平区: 0.8,
    余杭区: 1.6,
    滨江区: 1.8,
    钱塘区: 2,
  },
  new_middle: {
    上城区: 1,
    拱墅区: 0.9,
    西湖区: 1.3,
    萧山区: 1,
    临平区: 0.8,
    余杭区: 1.3,
    滨江区: 1.4,
    钱塘区: 0.7,
  },
};

export const DEVICES = ['ios', 'android', 'harmonyos', 'mini_program', 'h5'] as const;
export const DEVICE_MIX: Record<Persona, readonly number[]> = {
  silver: [5, 50, 20, 23, 2],
  genz: [45, 28, 12, 13, 2],
  new_middle: [48, 24, 16, 10, 2],
};

export const CONSENT_CHANNELS = ['sms', 'wechat', 'wecom', 'in_app'] as const;
/** probability that a member grants each channel at registration */
export const CONSENT_GRANT: Record<Persona, readonly number[]> = {
  silver: [0.75, 0.85, 0.6, 0.35],
  genz: [0.3, 0.7, 0.45, 0.85],
  new_middle: [0.55, 0.8, 0.7, 0.7],
};

export const DEMOGRAPHICS: Record<Persona, { femaleShare: number; minAge: number; maxAge: number }> = {
  silver: { femaleShare: 0.64, minAge: 56, maxAge: 78 },
  genz: { femaleShare: 0.56, minAge: 18, maxAge: 29 },
  new_middle: { femaleShare: 0.62, minAge: 30, maxAge: 50 },
};

/** how each persona engages beyond ordering: events per order the member is expected to place */
interface Engagement {
  /** app sessions that end without an order */
  browse: number;
  /** chance that the member plays the 种菜大作战 check-in game (浇水 = check in) at all */
  playsGame: number;
  /** check-ins per order while playing */
  checkIns: number;
  shares: number;
  contentViews: number;
  ugcPosts: number;
  /** chance that a picked-up order gets a review */
  reviewRate: number;
  /** probability that the member joined through an earlier member's invitation */
  referred: number;
}

export const ENGAGEMENT: Record<Persona, Engagement> = {
  silver: {
    browse: 0.25,
    playsGame: 0.2,
    checkIns: 1,
    shares: 0.08,
    contentViews: 0.4,
    ugcPosts: 0.01,
    reviewRate: 0.05,
    referred: 0.15,
  },
  genz: {
    browse: 0.5,
    playsGame: 0.5,
    checkIns: 0.8,
    shares: 0.25,
    contentViews: 0.5,
    ugcPosts: 0.04,
    reviewRate: 0.07,
    referred: 0.35,
  },
  new_middle: {
    browse: 0.35,
    playsGame: 0.25,
    checkIns: 0.8,
    shares: 0.12,
    contentViews: 0.5,
    ugcPosts: 0.03,
    reviewRate: 0.1,
    referred: 0.25,
  },
};
