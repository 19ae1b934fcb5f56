/**
 * A small neural sentiment model, trained in TypeScript: the hashed features' embeddings are summed
 * (÷√n), go through one ReLU hidden layer, then a logistic output — fastText with a hidden layer.
 * Trained by SGD with a linearly decaying rate, in an order shuffled by a seeded generator:
 * deterministic. Pure; used as an ensemble member by the training pipeline.
 */
import { seededRandom } from '@linli/intelligence';

export interface MlpOptions {
  /** log2 of the embedding rows (feature buckets are folded into them). */
  bits: number;
  dim: number;
  hidden: number;
  epochs: number;
  learningRate: number;
  seed: number;
}

export interface Mlp {
  bits: number;
  dim: number;
  hidden: number;
  /** 2^bits × dim embeddings. */
  embeddings: Float32Array;
  /** hidden × dim. */
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: number;
}

/** Score (logit) of one document given its feature buckets; `h`, `a` are scratch vectors. */
export function mlpScore(
  m: Mlp,
  features: ArrayLike<number>,
  h = new Float32Array(m.dim),
  a = new Float32Array(m.hidden),
) {
  const { dim, hidden, embeddings: E, w1, b1, w2 } = m;
  const mask = (1 << m.bits) - 1;
  h.fill(0);
  for (let k = 0; k < features.length; k++) {
    const row = (features[k]! & mask) * dim;
    for (let d = 0; d < dim; d++) h[d]! += E[row + d]!;
  }
  const norm = features.length > 0 ? 1 / Math.sqrt(features.length) : 0;
  for (let d = 0; d < dim; d++) h[d]! *= norm;
  let z = m.b2;
  for (let j = 0; j < hidden; j++) {
    let s = b1[j]!;
    for (let d = 0; d < dim; d++) s += w1[j * dim + d]! * h[d]!;
    a[j] = s;
    if (s > 0) z += w2[j]! * s;
  }
  return z;
}

/** Trains on documents (feature buckets) and 0/1 labels. */
export function trainMlp(docs: readonly Int32Array[], labels: ArrayLike<number>, o: MlpOptions): Mlp {
  const rand = seededRandom(o.seed);
  const { dim, hidden } = o;
  const rows = 1 << o.bits;
  const E = new Float32Array(rows * dim);
  for (let i = 0; i < E.length; i++) E[i] = (rand() * 2 - 1) / dim;
  const w1 = new Float32Array(hidden * dim);
  const scale = Math.sqrt(6 / (dim + hidden));
  for (let i = 0; i < w1.length; i++) w1[i] = (rand() * 2 - 1) * scale;
  const b1 = new Float32Array(hidden).fill(0.01);
  const w2 = new Float32Array(hidden);
  for (let i = 0; i < hidden; i++) w2[i] = (rand() * 2 - 1) * Math.sqrt(6 / (hidden + 1));
  const m: Mlp = { bits: o.bits, dim, hidden, embeddings: E, w1, b1, w2, b2: 0 };
  const h = new Float32Array(dim);
  const a = new Float32Array(hidden);
  const dh = new Float32Array(dim);
  const order = Int32Array.from(docs, (_, i) => i);
  const total = o.epochs * docs.length;
  const mask = rows - 1;
  let seen = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const lr = o.learningRate * (1 - seen++ / total);
      const f = docs[i]!;
      const z = mlpScore(m, f, h, a);
      const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      const g = p - labels[i]!;
      dh.fill(0);
      for (let j = 0; j < hidden; j++) {
        if (a[j]! <= 0) continue;
        const da = g * w2[j]!;
        w2[j]! -= lr * g * a[j]!;
        b1[j]! -= lr * da;
        const base = j * dim;
        for (let d = 0; d < dim; d++) {
          dh[d]! += da * w1[base + d]!;
          w1[base + d]! -= lr * da * h[d]!;
        }
      }
      m.b2 -= lr * g;
      if (f.length === 0) continue;
      const norm = 1 / Math.sqrt(f.length);
      for (let k = 0; k < f.length; k++) {
        const row = (f[k]! & mask) * dim;
        for (let d = 0; d < dim; d++) E[row + d]! -= lr * dh[d]! * norm;
      }
    }
  }
  return m;
}
