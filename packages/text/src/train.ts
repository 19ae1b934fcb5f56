/**
 * Training of the linear sentiment models, pure and deterministic (no randomness at all, fixed
 * iteration order, single thread): L2-regularised logistic regression fitted by L-BFGS over sparse
 * binary features, optionally scaled per feature by naive-Bayes log-count ratios (NB-LR, Wang &
 * Manning 2012), and Platt calibration. The script `scripts/train-sentiment.ts` does the IO.
 */

/** Documents as compressed sparse rows of distinct feature ids. */
export interface SparseRows {
  indptr: Int32Array;
  indices: Int32Array;
  /** 1 positive, 0 negative. */
  labels: Uint8Array;
}

export function sparseRows(docs: readonly Int32Array[], labels: ArrayLike<number>): SparseRows {
  let nnz = 0;
  for (const d of docs) nnz += d.length;
  const indptr = new Int32Array(docs.length + 1);
  const indices = new Int32Array(nnz);
  let k = 0;
  docs.forEach((d, i) => {
    indices.set(d, k);
    k += d.length;
    indptr[i + 1] = k;
  });
  return { indptr, indices, labels: Uint8Array.from(labels, (x) => (x ? 1 : 0)) };
}

/** Documents containing each of `dim` features. */
export function documentFrequency(rows: SparseRows, dim: number, label?: 0 | 1): Float64Array {
  const df = new Float64Array(dim);
  const n = rows.labels.length;
  for (let i = 0; i < n; i++) {
    if (label !== undefined && rows.labels[i] !== label) continue;
    for (let k = rows.indptr[i]!; k < rows.indptr[i + 1]!; k++) df[rows.indices[k]!]!++;
  }
  return df;
}

/**
 * Naive-Bayes log-count ratios r_j = log((p_j + α)/‖p + α‖₁) − log((q_j + α)/‖q + α‖₁) over binary
 * features, p and q the positive and negative document counts; then interpolated towards 1 by
 * `beta` (r' = β·r + (1 − β)), 1 leaving them as they are.
 */
export function nbRatios(rows: SparseRows, dim: number, alpha = 1, beta = 1): Float64Array {
  const p = documentFrequency(rows, dim, 1);
  const q = documentFrequency(rows, dim, 0);
  let sp = 0;
  let sq = 0;
  for (let j = 0; j < dim; j++) {
    sp += p[j]! + alpha;
    sq += q[j]! + alpha;
  }
  const r = new Float64Array(dim);
  for (let j = 0; j < dim; j++) {
    const v = Math.log((p[j]! + alpha) / sp) - Math.log((q[j]! + alpha) / sq);
    r[j] = beta * v + (1 - beta);
  }
  return r;
}

export interface LogisticOptions {
  /** L2 penalty λ on the sum of the log-losses (the bias is not penalised). */
  l2: number;
  /** Value of each feature when present (default 1). */
  scale?: Float64Array;
  /** Weight of each document (default 1). */
  weights?: Float64Array;
  maxIter?: number;
  /** Stop when the relative decrease of the objective falls below this. */
  tol?: number;
  /** L-BFGS memory. */
  memory?: number;
  /** Starting point (weights…, bias), e.g. the solution for a larger λ (warm start). */
  init?: Float64Array;
}

export interface LinearModel {
  /** Effective weight per feature id (the feature scale folded in). */
  w: Float64Array;
  /** The optimum in the optimiser's coordinates (weights…, bias), for a warm start. */
  x: Float64Array;
  bias: number;
  iterations: number;
  objective: number;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** log(1 + e^z), stable. */
const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/** Σ_i c_i·logloss(y_i, σ(x_i·w + b)) + λ/2‖w‖² and its gradient; x = (w…, b). */
function objective(
  rows: SparseRows,
  dim: number,
  o: LogisticOptions,
  x: Float64Array,
  g: Float64Array,
): number {
  const { indptr, indices, labels } = rows;
  const scale = o.scale;
  const n = labels.length;
  const b = x[dim]!;
  g.fill(0);
  let f = 0;
  for (let i = 0; i < n; i++) {
    let z = b;
    const s = indptr[i]!;
    const e = indptr[i + 1]!;
    if (scale) for (let k = s; k < e; k++) z += x[indices[k]!]! * scale[indices[k]!]!;
    else for (let k = s; k < e; k++) z += x[indices[k]!]!;
    const c = o.weights ? o.weights[i]! : 1;
    const y = labels[i]!;
    f += c * (y ? softplus(-z) : softplus(z));
    const d = c * (sigmoid(z) - y);
    if (scale) for (let k = s; k < e; k++) g[indices[k]!]! += d * scale[indices[k]!]!;
    else for (let k = s; k < e; k++) g[indices[k]!]! += d;
    g[dim]! += d;
  }
  for (let j = 0; j < dim; j++) {
    f += 0.5 * o.l2 * x[j]! * x[j]!;
    g[j]! += o.l2 * x[j]!;
  }
  return f;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** L-BFGS (two-loop recursion) with a backtracking Armijo line search. Deterministic. */
export function trainLogistic(rows: SparseRows, dim: number, o: LogisticOptions): LinearModel {
  const maxIter = o.maxIter ?? 200;
  const tol = o.tol ?? 1e-6;
  const m = o.memory ?? 8;
  const size = dim + 1;
  const x = o.init ? Float64Array.from(o.init) : new Float64Array(size);
  const g = new Float64Array(size);
  let f = objective(rows, dim, o, x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const dir = new Float64Array(size);
  const xNew = new Float64Array(size);
  const gNew = new Float64Array(size);
  let iter = 0;
  for (; iter < maxIter; iter++) {
    // direction = −H·g
    dir.set(g);
    const alpha: number[] = new Array(S.length);
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(S[k]!, dir);
      const yk = Y[k]!;
      for (let j = 0; j < size; j++) dir[j]! -= alpha[k]! * yk[j]!;
    }
    if (S.length > 0) {
      const last = S.length - 1;
      const gamma = dot(S[last]!, Y[last]!) / dot(Y[last]!, Y[last]!);
      for (let j = 0; j < size; j++) dir[j]! *= gamma;
    } else {
      const norm = Math.sqrt(dot(g, g)) || 1;
      for (let j = 0; j < size; j++) dir[j]! /= norm;
    }
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k]! * dot(Y[k]!, dir);
      const sk = S[k]!;
      for (let j = 0; j < size; j++) dir[j]! += sk[j]! * (alpha[k]! - beta);
    }
    for (let j = 0; j < size; j++) dir[j] = -dir[j]!;
    let slope = dot(g, dir);
    if (slope >= 0) {
      // not a descent direction: restart from steepest descent
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      for (let j = 0; j < size; j++) dir[j] = -g[j]!;
      slope = dot(g, dir);
    }
    let step = 1;
    let fNew = 0;
    for (let t = 0; t < 40; t++) {
      for (let j = 0; j < size; j++) xNew[j] = x[j]! + step * dir[j]!;
      fNew = objective(rows, dim, o, xNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < f)) break;
    const s = new Float64Array(size);
    const y = new Float64Array(size);
    for (let j = 0; j < size; j++) {
      s[j] = xNew[j]! - x[j]!;
      y[j] = gNew[j]! - g[j]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    const decrease = (f - fNew) / Math.max(1, Math.abs(f));
    x.set(xNew);
    g.set(gNew);
    f = fNew;
    if (decrease < tol) {
      iter++;
      break;
    }
  }
  const w = new Float64Array(dim);
  for (let j = 0; j < dim; j++) w[j] = x[j]! * (o.scale ? o.scale[j]! : 1);
  return { w, x, bias: x[dim]!, iterations: iter, objective: f };
}

/** Linear scores x·w + b of every document. */
export function margins(rows: SparseRows, w: Float64Array, bias: number): Float64Array {
  const n = rows.labels.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = bias;
    for (let k = rows.indptr[i]!; k < rows.indptr[i + 1]!; k++) z += w[rows.indices[k]!]!;
    out[i] = z;
  }
  return out;
}

export interface Platt {
  a: number;
  b: number;
}

/** Platt scaling: P(y = 1) = σ(a·z + b), fitted by Newton's method on (score, label) pairs. */
export function fitPlatt(scores: ArrayLike<number>, labels: ArrayLike<number>): Platt {
  let a = 1;
  let b = 0;
  for (let it = 0; it < 100; it++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < scores.length; i++) {
      const z = scores[i]!;
      const p = sigmoid(a * z + b);
      const d = p - labels[i]!;
      const h = p * (1 - p);
      ga += d * z;
      gb += d;
      haa += h * z * z;
      hab += h * z;
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  return { a, b };
}

export interface Calibration {
  /** Mean squared error of the probabilities. */
  brier: number;
  /** Expected calibration error over equal-width bins. */
  ece: number;
  logLoss: number;
  bins: Array<{ from: number; to: number; count: number; meanPredicted: number; fractionPositive: number }>;
}

/** Reliability of probabilities against labels, `binCount` equal-width bins. */
export function calibration(probs: ArrayLike<number>, labels: ArrayLike<number>, binCount = 10): Calibration {
  const n = probs.length;
  const sums = new Float64Array(binCount);
  const pos = new Float64Array(binCount);
  const counts = new Float64Array(binCount);
  let brier = 0;
  let logLoss = 0;
  for (let i = 0; i < n; i++) {
    const p = probs[i]!;
    const y = labels[i]!;
    brier += (p - y) ** 2;
    logLoss -= Math.log(Math.max(1e-15, y ? p : 1 - p));
    const bin = Math.min(binCount - 1, Math.floor(p * binCount));
    sums[bin]! += p;
    pos[bin]! += y;
    counts[bin]!++;
  }
  let ece = 0;
  const bins: Calibration['bins'] = [];
  for (let k = 0; k < binCount; k++) {
    const c = counts[k]!;
    if (c > 0) ece += (c / n) * Math.abs(sums[k]! / c - pos[k]! / c);
    bins.push({
      from: k / binCount,
      to: (k + 1) / binCount,
      count: c,
      meanPredicted: c ? sums[k]! / c : 0,
      fractionPositive: c ? pos[k]! / c : 0,
    });
  }
  return { brier: brier / n, ece, logLoss: logLoss / n, bins };
}
