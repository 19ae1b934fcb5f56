/**
 * A small seeded PRNG and the distributions the demo needs. Every member gets its own stream seeded
 * from (seed, member index), so member i comes out the same no matter how many members precede it or
 * which table a loader happens to be writing.
 */

/** splitmix32 finaliser: spreads nearby integers (seed, index) over the whole 32-bit range */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

/** Stable 32-bit hash of a seed and a few integer keys. */
export function hashInts(...keys: number[]): number {
  let h = 0x6a09e667;
  for (const k of keys) h = mix32(h ^ mix32(k | 0) ^ Math.floor(k / 0x100000000));
  return h;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** sfc32 state from a hash of the keys; a few rounds are discarded so similar keys diverge */
  constructor(...keys: number[]) {
    const h = hashInts(...keys);
    this.a = h;
    this.b = mix32(h ^ 0x85ebca6b);
    this.c = mix32(h ^ 0xc2b2ae35);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** uniform in [0, 1) */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** standard normal (Box–Muller; the second value is discarded to keep the stream simple) */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** log-normal factor with mean 1: spread around a target without shifting its average */
  spread(sigma: number): number {
    return Math.exp(sigma * this.normal() - (sigma * sigma) / 2);
  }

  /** Gamma(shape, scale 1/shape), i.e. mean 1 (Marsaglia–Tsang; shape < 1 via the u^(1/shape) boost) */
  gammaMean1(shape: number): number {
    const k = shape < 1 ? shape + 1 : shape;
    const d = k - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    let x: number;
    for (;;) {
      const z = this.normal();
      const v0 = 1 + c * z;
      if (v0 <= 0) continue;
      const v = v0 * v0 * v0;
      const u = this.next();
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
        x = d * v;
        break;
      }
    }
    if (shape < 1) x *= Math.pow(this.next(), 1 / shape);
    return x / shape;
  }

  /** Poisson count; Knuth's product method for small means, a rounded normal above 40 */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let n = 0;
    let p = this.next();
    while (p > limit) {
      n++;
      p *= this.next();
    }
    return n;
  }
}

/** Cumulative weights for O(log n) weighted sampling from a fixed table. */
export class WeightedTable<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;

  constructor(items: readonly T[], weights: readonly number[]) {
    if (items.length === 0 || items.length !== weights.length)
      throw new Error('WeightedTable needs one weight per item');
    this.items = items;
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += Math.max(0, w);
      this.cumulative[i] = sum;
    });
    if (sum <= 0) throw new Error('WeightedTable needs a positive weight');
  }

  sample(rng: Rng): T {
    const target = rng.next() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}
