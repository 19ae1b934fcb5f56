/**
 * Forecasts for intermittent demand (many zero days): Croston (1972) and Teunter, Syntetos &
 * Babai (2011, "TSB"). Both are flat over the horizon.
 *
 * Croston smooths the non-zero demand sizes z and the intervals p between them separately by simple
 * exponential smoothing, each started at its first observation, and forecasts z / p per day; the
 * first interval counts the days up to and including the first demand. The SBA variant (Syntetos &
 * Boylan 2005) multiplies by (1 − α/2) to remove Croston's upward bias.
 *
 * TSB smooths the probability of a demand every day (so a product that stopped selling decays to
 * zero, which Croston never does) and the size on demand days, and forecasts probability × size.
 */

export function croston(
  history: readonly number[],
  horizon: number,
  o: { alpha?: number; sba?: boolean } = {},
): number[] {
  const alpha = o.alpha ?? 0.1;
  let z: number | null = null;
  let p: number | null = null;
  let since = 0;
  for (const y of history) {
    since++;
    if (y <= 0) continue;
    if (z === null || p === null) {
      z = y;
      p = since;
    } else {
      z += alpha * (y - z);
      p += alpha * (since - p);
    }
    since = 0;
  }
  const rate = z === null || p === null ? 0 : (z / p) * (o.sba ? 1 - alpha / 2 : 1);
  return new Array<number>(horizon).fill(rate);
}

export function tsb(
  history: readonly number[],
  horizon: number,
  o: { alphaDemand?: number; alphaProbability?: number } = {},
): number[] {
  const ad = o.alphaDemand ?? 0.1;
  const ap = o.alphaProbability ?? 0.1;
  const first = history.findIndex((y) => y > 0);
  if (first < 0) return new Array<number>(horizon).fill(0);
  // started at the first demand: size from it, probability from the share of demand days
  let z = history[first]!;
  let prob = history.filter((y) => y > 0).length / history.length;
  for (let t = first + 1; t < history.length; t++) {
    const y = history[t]!;
    prob += ap * ((y > 0 ? 1 : 0) - prob);
    if (y > 0) z += ad * (y - z);
  }
  return new Array<number>(horizon).fill(prob * z);
}
