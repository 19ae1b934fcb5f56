/**
 * What buying one unit of a product costs and loses, as the purchase policy needs it. An operator's
 * value for the product wins, then the default of its category (leaf, then top level), then the
 * built-in default of its top-level category below. The built-in values are rough starting points
 * for fresh group buying (leafy vegetables lose about a tenth in handling and keep a day), shown in
 * the console as defaults so that operators replace them with their own.
 */

export interface SupplyDefault {
  lossRatePct: number;
  shelfLifeDays: number;
  /** unit cost as a share of the selling price, percent; null: unknown */
  costSharePct: number | null;
}

export const BUILTIN_DEFAULTS: Readonly<Record<string, SupplyDefault>> = {
  vegetables: { lossRatePct: 12, shelfLifeDays: 1, costSharePct: 65 },
  fruit: { lossRatePct: 8, shelfLifeDays: 3, costSharePct: 65 },
  meat_eggs: { lossRatePct: 3, shelfLifeDays: 3, costSharePct: 75 },
  seafood: { lossRatePct: 6, shelfLifeDays: 1, costSharePct: 75 },
  dairy_bakery: { lossRatePct: 2, shelfLifeDays: 5, costSharePct: 70 },
  grain_oil: { lossRatePct: 0.5, shelfLifeDays: 180, costSharePct: 80 },
  organic: { lossRatePct: 12, shelfLifeDays: 1, costSharePct: 60 },
  snacks: { lossRatePct: 1, shelfLifeDays: 90, costSharePct: 60 },
  drinks: { lossRatePct: 0.5, shelfLifeDays: 180, costSharePct: 70 },
  frozen: { lossRatePct: 1, shelfLifeDays: 90, costSharePct: 70 },
  household: { lossRatePct: 0, shelfLifeDays: 365, costSharePct: 70 },
};
const FALLBACK: SupplyDefault = { lossRatePct: 5, shelfLifeDays: 3, costSharePct: 70 };

export interface ProductFacts {
  productId: string;
  sku: string;
  name: string;
  category: string;
  top: string;
  unit: string;
  priceFen: number;
}

export interface SupplyOverride {
  lossRatePct: number | null;
  shelfLifeDays: number | null;
  unitCostFen: number | null;
}

export type Source = 'item' | 'category' | 'builtin';

export interface Economics {
  lossRatePct: number;
  shelfLifeDays: number;
  unitCostFen: number | null;
  priceFen: number | null;
  /** where each value came from, for the console */
  sources: { lossRatePct: Source; shelfLifeDays: Source; unitCostFen: Source | null };
}

/** The effective economics of a product. */
export function economicsOf(
  p: ProductFacts,
  item: SupplyOverride | undefined,
  categoryDefaults: ReadonlyMap<string, SupplyDefault>,
): Economics {
  const own = categoryDefaults.get(p.category) ?? categoryDefaults.get(p.top);
  const base = own ?? BUILTIN_DEFAULTS[p.top] ?? FALLBACK;
  const baseSource: Source = own ? 'category' : 'builtin';
  const price = p.priceFen > 0 ? p.priceFen : null;
  const estimated =
    price !== null && base.costSharePct !== null ? Math.round((price * base.costSharePct) / 100) : null;
  const unitCost = item?.unitCostFen ?? estimated;
  return {
    lossRatePct: item?.lossRatePct ?? base.lossRatePct,
    shelfLifeDays: item?.shelfLifeDays ?? base.shelfLifeDays,
    unitCostFen: unitCost,
    priceFen: price,
    sources: {
      lossRatePct: item?.lossRatePct != null ? 'item' : baseSource,
      shelfLifeDays: item?.shelfLifeDays != null ? 'item' : baseSource,
      unitCostFen: item?.unitCostFen != null ? 'item' : unitCost === null ? null : baseSource,
    },
  };
}

/** Units sold by weight are bought in tenths; pieces, boxes and bags whole. */
const WEIGHT_UNITS = new Set(['斤', '公斤', '千克', 'kg', 'g', '克', '两', 'lb']);

export function purchaseStep(unit: string): number {
  return WEIGHT_UNITS.has(unit.trim().toLowerCase()) ? 0.1 : 1;
}
