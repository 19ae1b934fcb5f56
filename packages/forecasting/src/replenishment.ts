/**
 * Nightly purchase quantities for fresh produce and the simulation every policy is judged by.
 *
 * The simulation (the same in the CLI, the console and the docs): for each item-day, buy `order` kg;
 * handling loss leaves order × (1 − loss) sellable; sold = min(sellable, demand); waste = order −
 * sold; nothing carries over to the next day (leafy vegetables). Fill rate = Σ sold / Σ demand.
 */

export interface DayOutcome {
  demand: number;
  order: number;
  sold: number;
  waste: number;
  /** demand not met */
  short: number;
}

export function simulateDay(demand: number, order: number, lossRate: number): DayOutcome {
  const sellable = order * (1 - lossRate);
  const sold = Math.min(sellable, demand);
  return { demand, order, sold, waste: order - sold, short: demand - sold };
}

export interface PolicyTotals {
  demand: number;
  ordered: number;
  sold: number;
  waste: number;
  /** Σ sold / Σ demand (1 when there was no demand) */
  fillRate: number;
  /** item-days with demand not fully met */
  stockouts: number;
  /** revenue − purchase cost, when prices are known */
  grossMargin: number | null;
}

export function totals(
  days: ReadonlyArray<DayOutcome & { price?: number | undefined; cost?: number | undefined }>,
): PolicyTotals {
  let demand = 0;
  let ordered = 0;
  let sold = 0;
  let waste = 0;
  let stockouts = 0;
  let margin = 0;
  let priced = true;
  for (const d of days) {
    demand += d.demand;
    ordered += d.order;
    sold += d.sold;
    waste += d.waste;
    if (d.short > 1e-9) stockouts++;
    if (d.price === undefined || d.cost === undefined) priced = false;
    else margin += d.sold * d.price - d.order * d.cost;
  }
  return {
    demand,
    ordered,
    sold,
    waste,
    fillRate: demand > 0 ? sold / demand : 1,
    stockouts,
    grossMargin: priced ? margin : null,
  };
}

/** The naive policy: buy so that the sellable part equals the same weekday's demand a week earlier. */
export function naiveOrder(demandWeekAgo: number, lossRate: number): number {
  return demandWeekAgo / (1 - lossRate);
}

/**
 * The newsvendor's critical ratio when a kg bought costs `cost`, a sellable kg sells for `price`,
 * and a share `lossRate` of what is bought is lost in handling: each sellable kg costs cost / (1 −
 * loss), so under-buying forgoes price − that, and over-buying wastes that. Clamped to [0.5, 0.99]
 * when the margin is unknown or negative would make it meaningless.
 */
export function criticalRatio(price: number, cost: number, lossRate: number): number {
  const unit = cost / (1 - lossRate);
  if (!(price > 0) || !(unit > 0)) return 0.5;
  const ratio = (price - unit) / price;
  return Math.min(0.99, Math.max(0.05, ratio));
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/**
 * Purchase quantity for a demand forecast given as p10/p50/p90: the demand quantile at the critical
 * ratio, read from a normal fitted to the 10–90 spread (below p50 and above it separately, so a
 * skewed interval keeps its skew), never below zero, grossed up for the handling loss.
 */
export function newsvendorOrder(
  q: { p10: number; p50: number; p90: number },
  ratio: number,
  lossRate: number,
): number {
  const z = normalQuantile(ratio);
  const z90 = normalQuantile(0.9);
  const spread = z >= 0 ? (q.p90 - q.p50) / z90 : (q.p50 - q.p10) / z90;
  const sellable = Math.max(0, q.p50 + z * spread);
  return sellable / (1 - lossRate);
}
