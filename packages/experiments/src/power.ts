/**
 * Power and sample size for planning a test: how small an effect 5,000 members can detect, and how
 * many members a given effect needs. Proportions follow R's `power.prop.test` (normal
 * approximation, two-sided, `strict = FALSE`); means the normal approximation with a known sd.
 */
import { normalCdf, normalQuantile } from './distributions.ts';

export interface PowerOptions {
  /** two-sided significance level, default 0.05 */
  alpha?: number;
  /** default 0.8 */
  power?: number;
}

function levels(o: PowerOptions) {
  const alpha = o.alpha ?? 0.05;
  const power = o.power ?? 0.8;
  if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1))
    throw new RangeError('alpha and power must be in (0, 1)');
  return { zA: normalQuantile(1 - alpha / 2), zB: normalQuantile(power), alpha };
}

/**
 * Power of the two-sided test of p1 against p2 with n units per arm, as `power.prop.test`:
 *   Φ((√n |p1 − p2| − z_{1−α/2} √((p1 + p2)(q1 + q2)/2)) / √(p1 q1 + p2 q2)).
 */
export function powerProportions(
  p1: number,
  p2: number,
  n: number,
  o: Omit<PowerOptions, 'power'> = {},
): number {
  const { zA } = levels({ ...o, power: 0.5 });
  const q1 = 1 - p1;
  const q2 = 1 - p2;
  const den = Math.sqrt(p1 * q1 + p2 * q2);
  if (!(den > 0)) return p1 === p2 ? (o.alpha ?? 0.05) : 1;
  return normalCdf((Math.sqrt(n) * Math.abs(p1 - p2) - zA * Math.sqrt(((p1 + p2) * (q1 + q2)) / 2)) / den);
}

/**
 * Units per arm to detect an absolute change `mde` from `baseRate` (the solution of the power
 * equation above for n, in closed form; not rounded — take Math.ceil for a plan):
 *   n = ((z_{1−α/2} √((p1 + p2)(q1 + q2)/2) + z_{power} √(p1 q1 + p2 q2)) / |p2 − p1|)².
 */
export function sampleSizeProportions(baseRate: number, mde: number, o: PowerOptions = {}): number | null {
  const { zA, zB } = levels(o);
  const p1 = baseRate;
  const p2 = baseRate + mde;
  if (!(p1 > 0 && p1 < 1) || !(p2 > 0 && p2 < 1) || mde === 0) return null;
  const q1 = 1 - p1;
  const q2 = 1 - p2;
  const num = zA * Math.sqrt(((p1 + p2) * (q1 + q2)) / 2) + zB * Math.sqrt(p1 * q1 + p2 * q2);
  return (num / Math.abs(mde)) ** 2;
}

/**
 * Minimum detectable (upward, absolute) effect with n units per arm at `baseRate`: the p2 > p1
 * at which `powerProportions` reaches the requested power, by bisection (power rises
 * monotonically with p2 on (p1, 1)). Null when even p2 → 1 does not reach it.
 */
export function mdeProportions(baseRate: number, n: number, o: PowerOptions = {}): number | null {
  const power = o.power ?? 0.8;
  levels(o);
  if (!(baseRate > 0 && baseRate < 1) || !(n > 0)) return null;
  let lo = baseRate;
  let hi = 1 - 1e-12;
  if (powerProportions(baseRate, hi, n, o) < power) return null;
  for (let i = 0; i < 200 && hi - lo > 1e-13; i++) {
    const mid = (lo + hi) / 2;
    if (powerProportions(baseRate, mid, n, o) < power) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2 - baseRate;
}

/** Minimum detectable difference of means with n per arm and per-unit sd: (z_{1−α/2} + z_power) · sd · √(2/n). */
export function mdeMeans(sd: number, n: number, o: PowerOptions = {}): number | null {
  const { zA, zB } = levels(o);
  if (!(sd >= 0) || !(n > 0)) return null;
  return (zA + zB) * sd * Math.sqrt(2 / n);
}

/** Units per arm for a difference of means `mde` with per-unit sd: 2 ((z_{1−α/2} + z_power) sd / mde)². */
export function sampleSizeMeans(sd: number, mde: number, o: PowerOptions = {}): number | null {
  const { zA, zB } = levels(o);
  if (!(sd > 0) || mde === 0 || !Number.isFinite(mde)) return null;
  return 2 * (((zA + zB) * sd) / mde) ** 2;
}
