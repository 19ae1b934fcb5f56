/**
 * The baselines every forecast is shown next to. Histories are dense daily series (a day without
 * sales is 0), oldest first; a forecast is `horizon` values for the days after the last one.
 */

/** The same weekday last week (period `m`): ŷ(n+h) = y(n + h − m·⌈h/m⌉). Short histories repeat what there is. */
export function seasonalNaive(history: readonly number[], horizon: number, m = 7): number[] {
  const n = history.length;
  if (n === 0) return new Array<number>(horizon).fill(0);
  if (n < m) return movingAverage(history, horizon, n);
  return Array.from({ length: horizon }, (_, i) => {
    const h = i + 1;
    // 1-based y(n + h − m⌈h/m⌉) is index n + h − 1 − m⌈h/m⌉ here
    return history[n + h - 1 - m * Math.ceil(h / m)]!;
  });
}

/** The mean of the last `window` days, flat over the horizon. */
export function movingAverage(history: readonly number[], horizon: number, window = 28): number[] {
  const k = Math.min(window, history.length);
  let sum = 0;
  for (let i = history.length - k; i < history.length; i++) sum += history[i]!;
  const level = k > 0 ? sum / k : 0;
  return new Array<number>(horizon).fill(level);
}
