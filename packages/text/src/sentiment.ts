/**
 * The sentiment model: one linear scorer over hashed character n-grams and jieba words (the
 * ensemble trained by `npm run train:sentiment` is folded into a single weight per bucket), int16
 * weights, then Platt calibration. The artifact is `model/sentiment.bin` in this package.
 *
 * Format (little-endian): the 8 bytes `LLSENT01`, a uint32 header length, the header (UTF-8 JSON),
 * zero padding to an even offset, then 2^bits int16 weights; then, when the header has a
 * `network`, the small network stacked with them: per embedding row a float32 step, the int8
 * embeddings (rows × dim), and the float32 hidden weights, hidden biases and output weights.
 */
import { readFileSync } from 'node:fs';
import { featurize, type FeatureSpec } from './features.ts';
import { mlpScore, type Mlp } from './mlp.ts';
import { normalize } from './normalize.ts';
import { segment } from './segment.ts';

export const SENTIMENT_MODEL_FILE = new URL('../model/sentiment.bin', import.meta.url);

const MAGIC = 'LLSENT01';

export interface SentimentHeader {
  spec: FeatureSpec;
  bias: number;
  /** Weight of one int16 step. */
  scale: number;
  /** Platt calibration: P(positive) = σ(a·score + b). */
  calibration: { a: number; b: number };
  /** What the weights are (variant and training data), for the record. */
  description: string;
  /** The network's shape, when one is stacked (its output bias is in `bias`). */
  network?: { bits: number; dim: number; hidden: number };
}

export interface SentimentModel extends SentimentHeader {
  weights: Int16Array;
  mlp?: Mlp;
}

/** What the CLI prints for sentiment: label 1 positive / 0 negative, P(positive) calibrated. */
export interface SentimentResult {
  label: 0 | 1;
  probability: number;
}

/** Quantises the weights (int16; the network's embeddings int8 per row) and serialises; deterministic. */
export function encodeModel(
  header: Omit<SentimentHeader, 'scale' | 'network'>,
  weights: Float64Array,
  network?: Mlp,
): Uint8Array {
  if (weights.length !== 1 << header.spec.bits) throw new Error('weights do not match spec.bits');
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 32767 : 1;
  const full: SentimentHeader = {
    spec: header.spec,
    bias: header.bias + (network?.b2 ?? 0),
    scale,
    calibration: header.calibration,
    description: header.description,
    ...(network ? { network: { bits: network.bits, dim: network.dim, hidden: network.hidden } } : {}),
  };
  const json = new TextEncoder().encode(JSON.stringify(full));
  const start = 12 + json.length + ((12 + json.length) % 2);
  const rows = network ? 1 << network.bits : 0;
  const netBytes = network
    ? rows * 4 + rows * network.dim + (network.hidden * network.dim + 2 * network.hidden) * 4
    : 0;
  const out = new Uint8Array(start + weights.length * 2 + netBytes);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) out[i] = MAGIC.charCodeAt(i);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  for (let j = 0; j < weights.length; j++)
    view.setInt16(start + j * 2, Math.round(weights[j]! / scale), true);
  if (network) {
    let at = start + weights.length * 2;
    const { dim, embeddings: E } = network;
    const steps = new Float32Array(rows);
    for (let r = 0; r < rows; r++) {
      let m = 0;
      for (let d = 0; d < dim; d++) m = Math.max(m, Math.abs(E[r * dim + d]!));
      steps[r] = m > 0 ? m / 127 : 1;
      view.setFloat32(at + r * 4, steps[r]!, true);
    }
    at += rows * 4;
    for (let r = 0; r < rows; r++)
      for (let d = 0; d < dim; d++) view.setInt8(at++, Math.round(E[r * dim + d]! / steps[r]!));
    for (const arr of [network.w1, network.b1, network.w2])
      for (const x of arr) {
        view.setFloat32(at, x, true);
        at += 4;
      }
  }
  return out;
}

export function decodeModel(bytes: Uint8Array): SentimentModel {
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (magic !== MAGIC) throw new Error(`not a sentiment model (magic ${JSON.stringify(magic)})`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length))) as SentimentHeader;
  const start = 12 + length + ((12 + length) % 2);
  const count = 1 << header.spec.bits;
  const net = header.network;
  const rows = net ? 1 << net.bits : 0;
  const netBytes = net ? rows * 4 + rows * net.dim + (net.hidden * net.dim + 2 * net.hidden) * 4 : 0;
  if (bytes.length !== start + count * 2 + netBytes) throw new Error('sentiment model: truncated weights');
  const weights = new Int16Array(count);
  for (let j = 0; j < count; j++) weights[j] = view.getInt16(start + j * 2, true);
  const model: SentimentModel = { ...header, weights };
  if (net) {
    let at = start + count * 2;
    const embeddings = new Float32Array(rows * net.dim);
    const steps = new Float32Array(rows);
    for (let r = 0; r < rows; r++) steps[r] = view.getFloat32(at + r * 4, true);
    at += rows * 4;
    for (let k = 0; k < embeddings.length; k++)
      embeddings[k] = view.getInt8(at++) * steps[Math.floor(k / net.dim)]!;
    const floats = (n: number) => {
      const a = new Float32Array(n);
      for (let k = 0; k < n; k++, at += 4) a[k] = view.getFloat32(at, true);
      return a;
    };
    const w1 = floats(net.hidden * net.dim);
    const b1 = floats(net.hidden);
    const w2 = floats(net.hidden);
    model.mlp = { bits: net.bits, dim: net.dim, hidden: net.hidden, embeddings, w1, b1, w2, b2: 0 };
  }
  return model;
}

let packaged: SentimentModel | undefined;

/** The model shipped with the package (read once). */
export function sentimentModel(): SentimentModel {
  packaged ??= decodeModel(readFileSync(SENTIMENT_MODEL_FILE));
  return packaged;
}

/** Emoji the review corpora hardly contain: a fixed prior of ±1 logit each (at most ±2.5 in all). */
const POSITIVE_EMOJI = new Set([...'😀😁😂🤣😃😄😆😊😋😍🥰😘😻👍👏💯❤💕💖🌹🎉✌👌💪🤗😎🥳🌟⭐']);
const NEGATIVE_EMOJI = new Set([...'😡😠🤬😤😞😟😢😭😩😫🤮🤢💩👎😒🙄😓😔💔😰😨😱😣😖🤯']);

/** The emoji prior of a text: +1 per distinct positive emoji, −1 per negative one, within ±2.5. */
export function emojiScore(text: string): number {
  let score = 0;
  let seen: Set<string> | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x2600) continue;
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    if (ch.length === 2) i++;
    const pol = POSITIVE_EMOJI.has(ch) ? 1 : NEGATIVE_EMOJI.has(ch) ? -1 : 0;
    if (pol === 0) continue;
    seen ??= new Set();
    if (seen.has(ch)) continue;
    seen.add(ch);
    score += pol;
  }
  return Math.max(-2.5, Math.min(2.5, score));
}

/**
 * The raw linear score of a normalised text and its words (positive means positive): the hashed
 * features' weights, the bias and the emoji prior.
 */
export function sentimentScore(model: SentimentModel, text: string, words: readonly string[]): number {
  const f = featurize(text, words, model.spec);
  let sum = 0;
  for (let k = 0; k < f.length; k++) sum += model.weights[f[k]!]!;
  const net = model.mlp ? mlpScore(model.mlp, f) : 0;
  return model.bias + sum * model.scale + net + emojiScore(text);
}

/** Calibrated P(positive) of a raw score. */
export function probabilityOf(model: SentimentModel, score: number): number {
  const z = model.calibration.a * score + model.calibration.b;
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * Sentiment of a text as written: `{label, probability}` with probability the calibrated
 * P(positive), label 1 when it is at least 0.5. A text that is empty after normalisation (nothing
 * but whitespace, control characters or markup) says nothing: `{label: 1, probability: 0.5}`.
 */
export function sentiment(text: string, model: SentimentModel = sentimentModel()): SentimentResult {
  const norm = normalize(text);
  return sentimentOfNormalized(norm, segment(norm), model);
}

/** The same for a text already normalised and segmented (saves the work when both are at hand). */
export function sentimentOfNormalized(
  norm: string,
  words: readonly string[],
  model: SentimentModel = sentimentModel(),
): SentimentResult {
  if (norm === '') return { label: 1, probability: 0.5 };
  const probability = probabilityOf(model, sentimentScore(model, norm, words));
  return { label: probability >= 0.5 ? 1 : 0, probability };
}
