/**
 * Reconciliation across pickup points. SKU × pickup-point series are sparse (a few units a day, many
 * zero days), so the forecast is made where the signal is, per SKU, and handed down to the points
 * by their recent shares, smoothed toward an even split so a point that sold nothing for a week is
 * not written off. The points then add up to the SKU total exactly.
 */
import type { Quantiles } from './forecast.ts';

/**
 * Each child's share of the parent's demand over the `days` days before o, with `prior` pseudo-units
 * spread evenly over the children (shrinkage toward an even split; 0 = raw shares).
 */
export function recentShares(
  children: ReadonlyArray<ArrayLike<number>>,
  o: number,
  days = 28,
  prior = 1,
): number[] {
  const sums = children.map((c) => {
    let s = 0;
    for (let i = Math.max(0, o - days); i < Math.min(o, c.length); i++) s += Math.max(0, c[i]!);
    return s;
  });
  const n = children.length;
  if (n === 0) return [];
  const total = sums.reduce((a, b) => a + b, 0) + prior;
  if (!(total > 0)) return sums.map(() => 1 / n);
  return sums.map((s) => (s + prior / n) / total);
}

/**
 * Top-down: each child's quantiles are the parent's times its share. The medians add up to the
 * parent's; the children's p10/p90 are the parent's scaled, i.e. the children are taken as moving
 * together, which errs wide rather than narrow for a single point.
 */
export function allocateForecast(total: Quantiles, shares: readonly number[]): Quantiles[] {
  return shares.map((s) => ({ p10: total.p10 * s, p50: total.p50 * s, p90: total.p90 * s }));
}

/**
 * Splits a purchase quantity over pickup points: first what each point has already booked, then the
 * rest by share, rounded to `unit` (0.1 kg by default) with the remainder going to the largest
 * fractions so the parts add up to the whole (largest-remainder method).
 */
export function allocateOrder(
  orderQty: number,
  shares: readonly number[],
  booked: readonly number[] = [],
  unit = 0.1,
): number[] {
  const n = shares.length;
  if (n === 0) return [];
  const units = Math.round(Math.max(0, orderQty) / unit);
  const bookedUnits = shares.map((_, i) => Math.max(0, Math.round((booked[i] ?? 0) / unit)));
  const bookedTotal = bookedUnits.reduce((a, b) => a + b, 0);
  // when the order does not even cover the book, the book is cut pro rata
  const base =
    bookedTotal > units ? bookedUnits.map((b) => Math.floor((b * units) / bookedTotal)) : bookedUnits.slice();
  let rest = units - base.reduce((a, b) => a + b, 0);
  const shareSum = shares.reduce((a, b) => a + Math.max(0, b), 0) || 1;
  const exact = shares.map((s) => (rest * Math.max(0, s)) / shareSum);
  const parts = exact.map((e, i) => base[i]! + Math.floor(e));
  rest -= exact.reduce((a, e) => a + Math.floor(e), 0);
  const order = exact
    .map((e, i) => [e - Math.floor(e), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < rest; k++) parts[order[k % n]![1]]! += 1;
  return parts.map((p) => Math.round(p * unit * 1e6) / 1e6);
}
