/**
 * BG/NBD purchase model: P. S. Fader, B. G. S. Hardie and K. L. Lee, "Counting Your Customers the
 * Easy Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 2005. While alive a
 * customer buys at Poisson rate λ ~ Gamma(r, α); after each purchase they drop out with probability
 * p ~ Beta(a, b). Times are in the unit of the summaries (α carries that unit).
 */
import { minimizeWithRestarts } from './optimize.ts';
import { hyp2f1, lgamma, logAddExp } from './special.ts';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** What the model needs of a customer: repeat purchases x, recency t_x and age T. */
export interface Rft {
  frequency: number;
  recency: number;
  T: number;
}

export interface BgNbdFit {
  params: BgNbdParams;
  logLikelihood: number;
  evaluations: number;
}

/**
 * Customers with equal (x, t_x, T) share one likelihood term: the data reduced to distinct rows,
 * each with the index of its x, t_x and T among their distinct values, so that the gamma functions
 * and logarithms are computed once per distinct value rather than once per customer.
 */
interface Compressed {
  x: Float64Array;
  weight: Float64Array;
  xIndex: Int32Array;
  txIndex: Int32Array;
  TIndex: Int32Array;
  xs: number[];
  txs: number[];
  Ts: number[];
}

function distinct(values: number[]): { list: number[]; index: Int32Array } {
  const list = [...new Set(values)];
  const pos = new Map(list.map((v, i) => [v, i]));
  return { list, index: Int32Array.from(values, (v) => pos.get(v)!) };
}

function compress(data: readonly Rft[]): Compressed {
  const rows = new Map<string, number>();
  const keys: Rft[] = [];
  const w: number[] = [];
  for (const d of data) {
    if (!(d.frequency >= 0 && d.recency >= 0 && d.T >= d.recency))
      throw new RangeError(`invalid customer summary: ${JSON.stringify(d)}`);
    const k = `${d.frequency},${d.recency},${d.T}`;
    const i = rows.get(k);
    if (i === undefined) {
      rows.set(k, keys.length);
      keys.push(d);
      w.push(1);
    } else w[i]!++;
  }
  const x = distinct(keys.map((k) => k.frequency));
  const tx = distinct(keys.map((k) => k.recency));
  const T = distinct(keys.map((k) => k.T));
  return {
    x: Float64Array.from(keys, (k) => k.frequency),
    weight: Float64Array.from(w),
    xIndex: x.index,
    txIndex: tx.index,
    TIndex: T.index,
    xs: x.list,
    txs: tx.list,
    Ts: T.list,
  };
}

function logLikelihoodOf(p: BgNbdParams, c: Compressed): number {
  const { r, alpha, a, b } = p;
  const base = lgamma(a + b) - lgamma(b) - lgamma(r) + r * Math.log(alpha);
  const c1 = c.xs.map((x) => base + lgamma(r + x) + lgamma(b + x) - lgamma(a + b + x));
  const c2 = c.xs.map((x) => (x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity));
  const logT = c.Ts.map((T) => Math.log(alpha + T));
  const logTx = c.txs.map((tx) => Math.log(alpha + tx));
  let sum = 0;
  for (let i = 0; i < c.x.length; i++) {
    const xi = c.xIndex[i]!;
    const rx = r + c.x[i]!;
    const alive = -rx * logT[c.TIndex[i]!]!;
    const dropped = c2[xi]! - rx * logTx[c.txIndex[i]!]!;
    sum += c.weight[i]! * (c1[xi]! + logAddExp(alive, dropped));
  }
  return sum;
}

/** Sum of the customers' log-likelihoods (eq. 6 of the paper, in logs). */
export function bgnbdLogLikelihood(p: BgNbdParams, data: readonly Rft[]): number {
  return logLikelihoodOf(p, compress(data));
}

/**
 * Maximum-likelihood fit: Nelder–Mead on the logs of (r, α, a, b), from three fixed starts and then
 * restarted at the best point. Deterministic for given data.
 */
export function fitBgNbd(data: readonly Rft[]): BgNbdFit {
  if (data.length === 0) throw new RangeError('fitBgNbd: no customers');
  const c = compress(data);
  const meanT = data.reduce((s, d) => s + d.T, 0) / data.length || 1;
  const la = Math.log(meanT / 8);
  const toParams = (z: readonly number[]): BgNbdParams => ({
    r: Math.exp(z[0]!),
    alpha: Math.exp(z[1]!),
    a: Math.exp(z[2]!),
    b: Math.exp(z[3]!),
  });
  const res = minimizeWithRestarts(
    (z) => -logLikelihoodOf(toParams(z), c),
    [
      [0, la, 0, 0],
      [Math.log(0.3), la + 1, Math.log(0.5), Math.log(2)],
      [Math.log(2), la - 1, Math.log(2), Math.log(0.5)],
    ],
    { step: 0.5, fTolerance: 1e-12, xTolerance: 1e-7 },
  );
  return { params: toParams(res.x), logLikelihood: -res.f, evaluations: res.evaluations };
}

/** P(alive at T | x, t_x, T), eq. 13: a customer without repeat purchases cannot have dropped out. */
export function probabilityAlive(p: BgNbdParams, c: Rft): number {
  if (c.frequency === 0) return 1;
  const { r, alpha, a, b } = p;
  const x = c.frequency;
  return 1 / (1 + (a / (b + x - 1)) * Math.exp((r + x) * Math.log((alpha + c.T) / (alpha + c.recency))));
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in the next t units for a customer with this history
 * (eq. 10). It holds for a < 1 as well (both factors change sign), not at a = 1 exactly.
 */
export function conditionalExpectedPurchases(p: BgNbdParams, c: Rft, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  const x = c.frequency;
  const lead = (a + b + x - 1) / (a - 1);
  const hyp = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + c.T + t));
  const tail = 1 - Math.exp((r + x) * Math.log((alpha + c.T) / (alpha + c.T + t))) * hyp;
  const denom =
    1 + (x > 0 ? (a / (b + x - 1)) * Math.exp((r + x) * Math.log((alpha + c.T) / (alpha + c.recency))) : 0);
  return (lead * tail) / denom;
}

/** E[X(t)]: expected purchases in the first t units after a new customer's first purchase (eq. 9). */
export function expectedPurchasesNewCustomer(p: BgNbdParams, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  const hyp = hyp2f1(r, b, a + b - 1, t / (alpha + t));
  return ((a + b - 1) / (a - 1)) * (1 - Math.exp(r * Math.log(alpha / (alpha + t))) * hyp);
}
