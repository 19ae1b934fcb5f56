/**
 * Forecast accuracy over aligned actual and forecast values. All three are ratios of sums, so a
 * day with no demand never divides by zero; with no demand at all they are null, not NaN.
 */

/** Weighted absolute percentage error: Σ|a − f| / Σa. The seed's 需求匹配度 is 1 − WAPE. */
export function wape(actual: readonly number[], forecast: readonly number[]): number | null {
  let err = 0;
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    err += Math.abs(actual[i]! - forecast[i]!);
    sum += actual[i]!;
  }
  return sum > 0 ? err / sum : null;
}

/** Σ(f − a) / Σa: positive when the forecast runs high. */
export function bias(actual: readonly number[], forecast: readonly number[]): number | null {
  let diff = 0;
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    diff += forecast[i]! - actual[i]!;
    sum += actual[i]!;
  }
  return sum > 0 ? diff / sum : null;
}

/**
 * Mean absolute scaled error (Hyndman & Koehler 2006): the mean absolute error divided by the
 * in-sample mean absolute error of the seasonal naive forecast with period `m`. Null when the
 * history is too short or perfectly seasonal (the scale would be zero).
 */
export function mase(
  actual: readonly number[],
  forecast: readonly number[],
  history: readonly number[],
  m = 7,
): number | null {
  if (history.length <= m || actual.length === 0) return null;
  let scale = 0;
  for (let t = m; t < history.length; t++) scale += Math.abs(history[t]! - history[t - m]!);
  scale /= history.length - m;
  if (scale === 0) return null;
  let mae = 0;
  for (let i = 0; i < actual.length; i++) mae += Math.abs(actual[i]! - forecast[i]!);
  return mae / actual.length / scale;
}
