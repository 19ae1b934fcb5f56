/**
 * The whole sentiment training run as one pure, deterministic function of the labelled reviews:
 * data checks (duplicates, conflicting labels, overlap between corpora), every model variant fitted
 * on the train split and tuned on the dev split, the ensemble stacked and calibrated on dev, all
 * of them scored on the held-out test split per corpus, and the artifact bytes. Same reviews in,
 * same bytes out. `scripts/train-sentiment.ts` reads the corpora and writes the files.
 */
import { featurize, type FeatureSpec } from './features.ts';
import { mlpScore, trainMlp, type Mlp, type MlpOptions } from './mlp.ts';
import { segment } from './segment.ts';
import { decodeModel, encodeModel, sentimentOfNormalized } from './sentiment.ts';
import type { Split } from './split.ts';
import {
  calibration,
  nbRatios,
  sparseRows,
  trainLogistic,
  type Calibration,
  type SparseRows,
} from './train.ts';

export interface LabelledText {
  corpus: string;
  label: 0 | 1;
  /** The raw text (for the duplicate count). */
  text: string;
  norm: string;
  split: Split;
}

export interface Variant {
  name: string;
  description: string;
  spec: Omit<FeatureSpec, 'bits'>;
  /** Naive-Bayes log-count-ratio scaling of the features. */
  nb?: { alpha: number; beta: number };
  /** Candidate L2 penalties; the best on dev (mean accuracy over corpora) is kept. */
  l2: number[];
  /** Weigh documents so that every corpus has the same total weight. */
  balanceCorpora?: boolean;
  /** A small neural network on the same features instead of logistic regression. */
  mlp?: MlpOptions;
}

export interface TrainOptions {
  bits: number;
  variants: Variant[];
  /** Names of the variants stacked into the shipped model (one name: that variant, calibrated). */
  ensemble: string[];
  maxIter?: number;
  /** Relative decrease of the objective below which L-BFGS stops (default 1e-5). */
  tol?: number;
  /** Features (buckets) in fewer training documents are left out (default 2). */
  minCount?: number;
  log?: (line: string) => void;
}

export interface CorpusStats {
  corpus: string;
  rows: number;
  positive: number;
  emptyAfterNormalisation: number;
  /** Rows whose raw text already occurred earlier in the same corpus. */
  exactDuplicateRows: number;
  /** Rows whose normalised text already occurred earlier in the same corpus. */
  normalisedDuplicateRows: number;
  /** Distinct normalised texts labelled both 0 and 1 within the corpus. */
  conflictingTexts: number;
  rowsBySplit: Record<Split, number>;
}

export type Accuracy = Record<string, { correct: number; total: number; accuracy: number }>;

export interface VariantResult {
  name: string;
  description: string;
  l2: number;
  features: number;
  iterations: number;
  seconds: number;
  dev: Accuracy;
  test: Accuracy;
  devByL2: Array<{ l2: number; meanAccuracy: number }>;
}

export interface TrainReport {
  bits: number;
  corpora: CorpusStats[];
  crossCorpus: {
    /** Distinct normalised texts found in more than one corpus. */
    sharedTexts: number;
    /** Of those, labelled differently in different corpora. */
    conflictingTexts: number;
    pairs: Array<{ a: string; b: string; sharedTexts: number }>;
  };
  training: { uniqueTexts: number; positive: number; dropped: string };
  variants: VariantResult[];
  ensemble: {
    members: string[];
    coefficients: number[];
    intercept: number;
    dev: Accuracy;
    test: Accuracy;
  };
  /** The shipped artifact, scored through the package's own prediction path. */
  shipped: {
    test: Accuracy;
    calibrationTest: Calibration;
    uncalibratedTest: Calibration;
    bytes: number;
    nonZeroWeights: number;
  };
}

const ALL = 'all';

function corpusStats(rows: readonly LabelledText[], corpus: string): CorpusStats {
  const mine = rows.filter((r) => r.corpus === corpus);
  const raw = new Set<string>();
  const labels = new Map<string, number>(); // bit 1: seen 0, bit 2: seen 1
  let exact = 0;
  let norm = 0;
  const rowsBySplit: Record<Split, number> = { train: 0, dev: 0, test: 0 };
  for (const r of mine) {
    if (raw.has(r.text)) exact++;
    raw.add(r.text);
    const seen = labels.get(r.norm);
    if (seen !== undefined) norm++;
    labels.set(r.norm, (seen ?? 0) | (r.label ? 2 : 1));
    rowsBySplit[r.split]++;
  }
  let conflicting = 0;
  for (const v of labels.values()) if (v === 3) conflicting++;
  return {
    corpus,
    rows: mine.length,
    positive: mine.filter((r) => r.label === 1).length,
    emptyAfterNormalisation: mine.filter((r) => r.norm === '').length,
    exactDuplicateRows: exact,
    normalisedDuplicateRows: norm,
    conflictingTexts: conflicting,
    rowsBySplit,
  };
}

function crossCorpus(rows: readonly LabelledText[], corpora: readonly string[]): TrainReport['crossCorpus'] {
  const where = new Map<string, Map<string, number>>(); // norm → corpus → label bits
  for (const r of rows) {
    let m = where.get(r.norm);
    if (!m) where.set(r.norm, (m = new Map()));
    m.set(r.corpus, (m.get(r.corpus) ?? 0) | (r.label ? 2 : 1));
  }
  let shared = 0;
  let conflicting = 0;
  const pairCount = new Map<string, number>();
  for (const m of where.values()) {
    if (m.size < 2) continue;
    shared++;
    let bits = 0;
    for (const v of m.values()) bits |= v;
    if (bits === 3) conflicting++;
    const names = [...m.keys()].sort();
    for (let i = 0; i < names.length; i++)
      for (let j = i + 1; j < names.length; j++) {
        const k = `${names[i]}|${names[j]}`;
        pairCount.set(k, (pairCount.get(k) ?? 0) + 1);
      }
  }
  const pairs = corpora.flatMap((a, i) =>
    corpora.slice(i + 1).map((b) => {
      const [x, y] = [a, b].sort();
      return { a, b, sharedTexts: pairCount.get(`${x}|${y}`) ?? 0 };
    }),
  );
  return { sharedTexts: shared, conflictingTexts: conflicting, pairs };
}

/** Accuracy per corpus (and over all rows) of predictions for the rows of one split. */
function accuracy(
  rows: readonly LabelledText[],
  split: Split,
  predict: (norm: string) => number,
  corpora: readonly string[],
): Accuracy {
  const out: Accuracy = {};
  for (const name of [...corpora, ALL]) out[name] = { correct: 0, total: 0, accuracy: 0 };
  for (const r of rows) {
    if (r.split !== split) continue;
    const ok = (predict(r.norm) >= 0 ? 1 : 0) === r.label ? 1 : 0;
    for (const name of [r.corpus, ALL]) {
      out[name]!.total++;
      out[name]!.correct += ok;
    }
  }
  for (const a of Object.values(out)) a.accuracy = a.total ? a.correct / a.total : 0;
  return out;
}

const meanOverCorpora = (a: Accuracy, corpora: readonly string[]) =>
  corpora.reduce((s, c) => s + a[c]!.accuracy, 0) / corpora.length;

/** Logistic regression on a few dense columns (stacking): coefficients and intercept by Newton. */
export function fitStack(
  columns: readonly Float64Array[],
  labels: ArrayLike<number>,
  weights?: ArrayLike<number>,
  l2 = 1e-3,
) {
  const k = columns.length + 1;
  const beta = new Float64Array(k);
  const n = labels.length;
  const x = (i: number, j: number) => (j === k - 1 ? 1 : columns[j]![i]!);
  for (let it = 0; it < 50; it++) {
    const g = new Float64Array(k);
    const h = Array.from({ length: k }, () => new Float64Array(k));
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let j = 0; j < k; j++) z += beta[j]! * x(i, j);
      const p = 1 / (1 + Math.exp(-z));
      const c = weights ? weights[i]! : 1;
      const d = c * (p - labels[i]!);
      const w = c * p * (1 - p);
      for (let a = 0; a < k; a++) {
        g[a]! += d * x(i, a);
        for (let b = 0; b < k; b++) h[a]![b]! += w * x(i, a) * x(i, b);
      }
    }
    for (let a = 0; a < k - 1; a++) {
      g[a]! += l2 * beta[a]!;
      h[a]![a]! += l2;
    }
    // solve h·δ = g (Gaussian elimination with partial pivoting)
    const m = h.map((row, a) => [...row, g[a]!]);
    for (let c = 0; c < k; c++) {
      let p = c;
      for (let r = c + 1; r < k; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
      [m[c], m[p]] = [m[p]!, m[c]!];
      for (let r = 0; r < k; r++) {
        if (r === c) continue;
        const f = m[r]![c]! / m[c]![c]!;
        for (let q = c; q <= k; q++) m[r]![q]! -= f * m[c]![q]!;
      }
    }
    let step = 0;
    for (let a = 0; a < k; a++) {
      const d = m[a]![k]! / m[a]![a]!;
      beta[a]! -= d;
      step += Math.abs(d);
    }
    if (step < 1e-10) break;
  }
  return { coefficients: [...beta.subarray(0, k - 1)], intercept: beta[k - 1]! };
}

export interface TrainResult {
  model: Uint8Array;
  report: TrainReport;
}

/** Trains, evaluates and serialises. Deterministic: no randomness, fixed orders everywhere. */
export function trainSentiment(rows: readonly LabelledText[], o: TrainOptions): TrainResult {
  const log = o.log ?? (() => {});
  const corpora = [...new Set(rows.map((r) => r.corpus))];
  const dim = 1 << o.bits;

  // distinct texts, each segmented once; training set: distinct (text, label) pairs of the train split
  const texts = [...new Set(rows.filter((r) => r.norm !== '').map((r) => r.norm))].sort();
  const index = new Map(texts.map((t, i) => [t, i]));
  const words = texts.map((t) => segment(t));
  const pairs = new Map<string, { i: number; label: 0 | 1; corpora: Set<string> }>();
  for (const r of rows) {
    if (r.split !== 'train' || r.norm === '') continue;
    const key = `${r.label}\u0000${r.norm}`;
    const p = pairs.get(key);
    if (p) p.corpora.add(r.corpus);
    else pairs.set(key, { i: index.get(r.norm)!, label: r.label, corpora: new Set([r.corpus]) });
  }
  const train = [...pairs.values()].sort((a, b) => a.i - b.i || a.label - b.label);
  log(`${texts.length} distinct texts, ${train.length} distinct (text, label) pairs to train on`);
  const devRows = rows.filter((r) => r.split === 'dev' && r.norm !== '');

  const variants: VariantResult[] = [];
  const fitted = new Map<string, Member>();
  const docsBySpec = new Map<string, Int32Array[]>();
  const featuresOf = (spec: FeatureSpec) => {
    const key = JSON.stringify(spec);
    let docs = docsBySpec.get(key);
    if (!docs) docsBySpec.set(key, (docs = texts.map((t, i) => featurize(t, words[i]!, spec))));
    return docs;
  };
  for (const v of o.variants) {
    const t0 = performance.now();
    const spec: FeatureSpec = { bits: o.bits, ...v.spec };
    const docs = featuresOf(spec);
    const member = v.mlp
      ? fitMlp(v, docs, train, devRows, corpora, index, log)
      : fitLinear(v, spec, docs, train, devRows, corpora, index, o, log);
    fitted.set(v.name, member);
    const result: VariantResult = {
      name: v.name,
      description: v.description,
      l2: member.l2,
      features: member.features,
      iterations: member.iterations,
      seconds: (performance.now() - t0) / 1000,
      dev: member.dev,
      test: accuracy(rows, 'test', member.score, corpora),
      devByL2: member.devByL2,
    };
    variants.push(result);
    log(
      `${v.name}: λ=${member.l2}, test ${corpora.map((c) => `${c} ${(result.test[c]!.accuracy * 100).toFixed(2)}`).join(', ')} (${result.seconds.toFixed(1)} s)`,
    );
  }

  // the ensemble: a non-negative logistic stack of the members' dev scores
  const linearSpecs = o.variants.filter((v) => !v.mlp);
  const unionSpec: FeatureSpec = {
    bits: o.bits,
    charMin: Math.min(...linearSpecs.filter((v) => v.spec.charMax > 0).map((v) => v.spec.charMin)),
    charMax: Math.max(...linearSpecs.map((v) => v.spec.charMax)),
    words: linearSpecs.some((v) => v.spec.words),
    wordBigrams: linearSpecs.some((v) => v.spec.wordBigrams),
    clauses: linearSpecs.some((v) => v.spec.clauses),
  };
  const members = o.ensemble.map((n) => {
    const m = fitted.get(n);
    if (!m) throw new Error(`ensemble: no variant ${n}`);
    const v = o.variants.find((x) => x.name === n)!;
    const same = (k: keyof FeatureSpec) =>
      Boolean(v.spec[k as keyof Variant['spec']] ?? false) === Boolean(unionSpec[k]);
    const sameSpec =
      v.spec.charMin === unionSpec.charMin &&
      v.spec.charMax === unionSpec.charMax &&
      same('words') &&
      same('wordBigrams') &&
      same('clauses');
    if (v.mlp && !sameSpec)
      throw new Error(`ensemble: the network ${n} must use the linear members' union of features`);
    return m;
  });
  const columns = members.map((m) => Float64Array.from(devRows, (r) => m.score(r.norm)));
  const devLabels = devRows.map((r) => r.label);
  // every corpus weighs the same in the stack (the e-commerce corpus would otherwise decide alone)
  const devCount = new Map<string, number>();
  for (const r of devRows) devCount.set(r.corpus, (devCount.get(r.corpus) ?? 0) + 1);
  const devWeights = devRows.map((r) => devRows.length / devCount.size / devCount.get(r.corpus)!);
  // a member that would get a non-positive coefficient (collinear members) is dropped and the rest refitted
  let kept = members.map((_, k) => k);
  let stack = fitStack(columns, devLabels, devWeights);
  while (kept.length > 1 && stack.coefficients.some((c) => c <= 0)) {
    kept = kept.filter((_, i) => stack.coefficients[i]! > 0);
    stack = fitStack(
      kept.map((k) => columns[k]!),
      devLabels,
      devWeights,
    );
  }
  const coefficients = members.map((_, k) => (kept.includes(k) ? stack.coefficients[kept.indexOf(k)]! : 0));
  const ensembleScore = (norm: string) =>
    members.reduce((z, m, k) => (coefficients[k] ? z + coefficients[k] * m.score(norm) : z), stack.intercept);
  const ensemble: TrainReport['ensemble'] = {
    members: o.ensemble,
    coefficients,
    intercept: stack.intercept,
    dev: accuracy(devRows, 'dev', ensembleScore, corpora),
    test: accuracy(rows, 'test', ensembleScore, corpora),
  };
  log(
    `ensemble: test ${corpora.map((c) => `${c} ${(ensemble.test[c]!.accuracy * 100).toFixed(2)}`).join(', ')}`,
  );

  // the artifact: linear members folded into one weight per bucket (over the union of their
  // features), the network (if stacked) with its coefficient folded into its output layer
  const combined = new Float64Array(dim);
  let bias = stack.intercept;
  let network: Mlp | undefined;
  members.forEach((m, k) => {
    const c = coefficients[k]!;
    if (c === 0) return;
    if (m.mlp) {
      if (network) throw new Error('ensemble: at most one network');
      network = { ...m.mlp, w2: m.mlp.w2.map((x) => x * c), b2: 0 };
      bias += c * m.mlp.b2;
      return;
    }
    for (let j = 0; j < dim; j++) combined[j]! += c * m.full![j]!;
    bias += c * m.bias;
  });
  const model = encodeModel(
    {
      spec: unionSpec,
      bias,
      calibration: { a: 1, b: 0 },
      description: `stack of ${o.ensemble.filter((_, k) => coefficients[k]).join(' + ')} on ${corpora.join(', ')} (train split), stacked and calibrated on the dev split`,
    },
    combined,
    network,
  );
  const decoded = decodeModel(model);
  const testRows = rows.filter((r) => r.split === 'test');
  const shipped = new Map<string, number>();
  for (const r of testRows)
    if (!shipped.has(r.norm))
      shipped.set(r.norm, sentimentOfNormalized(r.norm, segment(r.norm), decoded).probability);
  const probs = testRows.map((r) => shipped.get(r.norm)!);
  const labels = testRows.map((r) => r.label);
  // the members' plain average (uncalibrated), for comparison
  const rawProbs = testRows.map((r) => {
    const z = members.reduce((s, m) => s + m.score(r.norm), 0) / members.length;
    return 1 / (1 + Math.exp(-z));
  });
  let nonZero = 0;
  for (const w of decoded.weights) if (w !== 0) nonZero++;
  const report: TrainReport = {
    bits: o.bits,
    corpora: corpora.map((c) => corpusStats(rows, c)),
    crossCorpus: crossCorpus(rows, corpora),
    training: {
      uniqueTexts: train.length,
      positive: train.filter((p) => p.label === 1).length,
      dropped: 'texts empty after normalisation; repeated (text, label) pairs count once',
    },
    variants,
    ensemble,
    shipped: {
      test: accuracy(rows, 'test', (n) => (shipped.get(n)! >= 0.5 ? 1 : -1), corpora),
      calibrationTest: calibration(probs, labels),
      uncalibratedTest: calibration(rawProbs, labels),
      bytes: model.length,
      nonZeroWeights: nonZero,
    },
  };
  return { model, report };
}

interface TrainPair {
  i: number;
  label: 0 | 1;
  corpora: Set<string>;
}

interface Member {
  score: (norm: string) => number;
  l2: number;
  features: number;
  iterations: number;
  dev: Accuracy;
  devByL2: VariantResult['devByL2'];
  /** Linear members: weight per bucket and bias. */
  full?: Float64Array;
  bias: number;
  mlp?: Mlp;
}

function fitLinear(
  v: Variant,
  spec: FeatureSpec,
  docs: Int32Array[],
  train: readonly TrainPair[],
  devRows: readonly LabelledText[],
  corpora: readonly string[],
  index: Map<string, number>,
  o: TrainOptions,
  log: (l: string) => void,
): Member {
  const dim = 1 << spec.bits;
  // compact feature ids: the buckets that occur in training
  const minCount = o.minCount ?? 2;
  const df = new Int32Array(dim);
  for (const p of train) for (const b of docs[p.i]!) df[b]!++;
  const dense = new Int32Array(dim).fill(-1);
  let used = 0;
  const bucketOf: number[] = [];
  for (let b = 0; b < dim; b++)
    if (df[b]! >= minCount) {
      dense[b] = used++;
      bucketOf.push(b);
    }
  const rowsTrain: SparseRows = sparseRows(
    train.map((p) => {
      const kept = docs[p.i]!.map((b) => dense[b]!).filter((j) => j >= 0);
      return kept;
    }),
    train.map((p) => p.label),
  );
  let weights: Float64Array | undefined;
  if (v.balanceCorpora) {
    const total = new Map<string, number>();
    for (const p of train) for (const c of p.corpora) total.set(c, (total.get(c) ?? 0) + 1 / p.corpora.size);
    const mean = train.length / total.size;
    weights = Float64Array.from(train, (p) => {
      let w = 0;
      for (const c of p.corpora) w += mean / total.get(c)! / p.corpora.size;
      return w;
    });
  }
  const scale = v.nb ? nbRatios(rowsTrain, used, v.nb.alpha, v.nb.beta) : undefined;
  const scorer = (full: Float64Array, bias: number) => (norm: string) => {
    const i = index.get(norm);
    let z = bias;
    if (i !== undefined) for (const b of docs[i]!) z += full[b]!;
    return z;
  };
  let best: Member | undefined;
  let bestMean = -1;
  const devByL2: VariantResult['devByL2'] = [];
  // a regularisation path, from the largest λ down, each fit starting from the previous optimum
  let init: Float64Array | undefined;
  for (const l2 of [...v.l2].sort((a, b) => b - a)) {
    const model = trainLogistic(rowsTrain, used, {
      l2,
      ...(scale ? { scale } : {}),
      ...(weights ? { weights } : {}),
      ...(init ? { init } : {}),
      maxIter: o.maxIter ?? 200,
      tol: o.tol ?? 1e-5,
    });
    init = model.x;
    const full = new Float64Array(dim);
    for (let j = 0; j < used; j++) full[bucketOf[j]!] = model.w[j]!;
    const score = scorer(full, model.bias);
    const dev = accuracy(devRows, 'dev', score, corpora);
    const mean = meanOverCorpora(dev, corpora);
    devByL2.push({ l2, meanAccuracy: mean });
    devByL2.sort((a, b) => a.l2 - b.l2);
    log(`  ${v.name} λ=${l2}: dev mean ${(mean * 100).toFixed(2)} % (${model.iterations} iterations)`);
    if (mean > bestMean || (mean === bestMean && best && l2 < best.l2)) {
      bestMean = mean;
      best = {
        score,
        l2,
        features: used,
        iterations: model.iterations,
        dev,
        devByL2,
        full,
        bias: model.bias,
      };
    }
  }
  return best!;
}

function fitMlp(
  v: Variant,
  docs: Int32Array[],
  train: readonly TrainPair[],
  devRows: readonly LabelledText[],
  corpora: readonly string[],
  index: Map<string, number>,
  log: (l: string) => void,
): Member {
  const net = trainMlp(
    train.map((p) => docs[p.i]!),
    train.map((p) => p.label),
    v.mlp!,
  );
  const h = new Float32Array(net.dim);
  const a = new Float32Array(net.hidden);
  const score = (norm: string) => {
    const i = index.get(norm);
    return mlpScore(net, i === undefined ? [] : docs[i]!, h, a);
  };
  const dev = accuracy(devRows, 'dev', score, corpora);
  log(`  ${v.name}: dev mean ${(meanOverCorpora(dev, corpora) * 100).toFixed(2)} %`);
  return {
    score,
    l2: 0,
    features: 1 << net.bits,
    iterations: v.mlp!.epochs,
    dev,
    devByL2: [],
    bias: 0,
    mlp: net,
  };
}
