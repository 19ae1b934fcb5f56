/**
 * Gamma-Gamma spend model: P. S. Fader, B. G. S. Hardie and K. L. Lee, "RFM and CLV: Using Iso-Value
 * Curves for Customer Base Analysis", Journal of Marketing Research 42(4), 2005 (and the technical
 * note "The Gamma-Gamma Model of Monetary Value", Fader & Hardie 2013), as implemented by the
 * `lifetimes` package. A customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ); the
 * fitted scale γ is called v here, as in `lifetimes`.
 */
import { conditionalExpectedPurchases, type BgNbdParams, type Rft } from './bgnbd.ts';
import { minimizeWithRestarts } from './optimize.ts';
import { lgamma } from './special.ts';

export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

/** What the spend model needs of a customer: repeat purchases x and their mean value m̄. */
export interface SpendSummary {
  frequency: number;
  monetary: number;
}

/** The customers the spend model is fitted on: at least one repeat purchase of positive value. */
export function spendSample<T extends SpendSummary>(data: readonly T[]): T[] {
  return data.filter((d) => d.frequency > 0 && d.monetary > 0);
}

function check(data: readonly SpendSummary[]): void {
  for (const d of data)
    if (!(d.frequency > 0 && d.monetary > 0))
      throw new RangeError(`Gamma-Gamma needs frequency > 0 and monetary > 0: ${JSON.stringify(d)}`);
}

/** Sum over customers of ln f(m̄ | p, q, v, x) (the density of the mean of x Gamma(p, ν) values). */
export function gammaGammaLogLikelihood(g: GammaGammaParams, data: readonly SpendSummary[]): number {
  check(data);
  return logLikelihoodOf(g, prepare(data));
}

/** The data as arrays, with what does not depend on the parameters computed once. */
interface Prepared {
  x: Float64Array;
  m: Float64Array;
  logM: Float64Array;
  logX: Float64Array;
  xIndex: Int32Array;
  xs: number[];
}

function prepare(data: readonly SpendSummary[]): Prepared {
  const xs = [...new Set(data.map((d) => d.frequency))];
  const xPos = new Map(xs.map((x, i) => [x, i]));
  return {
    x: Float64Array.from(data, (d) => d.frequency),
    m: Float64Array.from(data, (d) => d.monetary),
    logM: Float64Array.from(data, (d) => Math.log(d.monetary)),
    logX: Float64Array.from(data, (d) => Math.log(d.frequency)),
    xIndex: Int32Array.from(data, (d) => xPos.get(d.frequency)!),
    xs,
  };
}

function logLikelihoodOf({ p, q, v }: GammaGammaParams, d: Prepared): number {
  const shared = -lgamma(q) + q * Math.log(v);
  // the gamma-function part depends on x only, once per distinct x
  const byX = d.xs.map((x) => shared + lgamma(p * x + q) - lgamma(p * x));
  let sum = 0;
  for (let i = 0; i < d.x.length; i++) {
    const px = p * d.x[i]!;
    sum +=
      byX[d.xIndex[i]!]! +
      (px - 1) * d.logM[i]! +
      px * d.logX[i]! -
      (px + q) * Math.log(d.x[i]! * d.m[i]! + v);
  }
  return sum;
}

/** Maximum-likelihood fit on customers with frequency > 0 (Nelder–Mead on log p, log q, log v). */
export function fitGammaGamma(data: readonly SpendSummary[]): {
  params: GammaGammaParams;
  logLikelihood: number;
} {
  check(data);
  if (data.length === 0) throw new RangeError('fitGammaGamma: no customers with repeat purchases');
  const prepared = prepare(data);
  const lm = Math.log(data.reduce((s, d) => s + d.monetary, 0) / data.length);
  const toParams = (z: readonly number[]): GammaGammaParams => ({
    p: Math.exp(z[0]!),
    q: Math.exp(z[1]!),
    v: Math.exp(z[2]!),
  });
  const res = minimizeWithRestarts(
    (z) => -logLikelihoodOf(toParams(z), prepared),
    [
      [0, 0, lm],
      [Math.log(5), Math.log(3), lm + 0.5],
      [Math.log(0.5), Math.log(10), lm + 2],
    ],
    { step: 0.5, fTolerance: 1e-12, xTolerance: 1e-7 },
  );
  return { params: toParams(res.x), logLikelihood: -res.f };
}

/**
 * E[M | p, q, v, x, m̄]: the expected mean transaction value of a customer, a weighted average of
 * the population mean p·v/(q−1) and the customer's own mean m̄ (weight p·x/(p·x + q − 1)). With no
 * repeat purchases it is the population mean. Needs q > 1.
 */
export function conditionalExpectedSpend(g: GammaGammaParams, c: SpendSummary): number {
  const populationMean = (g.v * g.p) / (g.q - 1);
  if (c.frequency === 0) return populationMean;
  const w = (g.p * c.frequency) / (g.p * c.frequency + g.q - 1);
  return (1 - w) * populationMean + w * c.monetary;
}

export interface ClvOptions {
  /** Horizon in months. */
  months?: number;
  /** Discount rate per month (0.01 ≈ 12.7 % a year). */
  monthlyDiscountRate?: number;
  /** Time units in a month: 4.345 for weeks (the default), 30 for days. */
  unitsPerMonth?: number;
}

/**
 * Customer lifetime value as `lifetimes`' `customer_lifetime_value`: for each month i of the
 * horizon, the expected purchases in that month (E[Y(i·u)] − E[Y((i−1)·u)] from the BG/NBD model,
 * u = units per month) times the expected spend per purchase, discounted by (1 + d)^i.
 */
export function customerLifetimeValue(
  bg: BgNbdParams,
  gg: GammaGammaParams,
  c: Rft & SpendSummary,
  o: ClvOptions = {},
): number {
  const months = o.months ?? 12;
  const d = o.monthlyDiscountRate ?? 0.01;
  const u = o.unitsPerMonth ?? 4.345;
  const spend = conditionalExpectedSpend(gg, c);
  let value = 0;
  let before = 0;
  for (let i = 1; i <= months; i++) {
    const upTo = conditionalExpectedPurchases(bg, c, i * u);
    value += ((upTo - before) * spend) / (1 + d) ** i;
    before = upTo;
  }
  return value;
}
