/**
 * Sentiment features: hashed character n-grams of the normalised text and hashed jieba words and
 * word bigrams, as a sorted list of distinct bucket ids in [0, 2^bits). No vocabulary is stored:
 * the same function serves training and prediction.
 */

export interface FeatureSpec {
  /** log2 of the number of hash buckets. */
  bits: number;
  /** Character n-gram lengths, from `charMin` to `charMax` (0 = none). */
  charMin: number;
  charMax: number;
  /** Word unigrams (jieba). */
  words: boolean;
  /** Word bigrams. */
  wordBigrams: boolean;
  /**
   * Clause features: the words after the last contrast word (但是, 不过 …) and the words of the
   * last clause again, under their own hash seeds, so the model can weigh what comes last.
   */
  clauses?: boolean;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const BOUNDARY = 0x02;

/** murmur3's finaliser: spreads the FNV state over all bits. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit FNV-1a over UTF-16 code units, finalised; `seed` separates feature kinds. */
export function hashString(s: string, seed = 0): number {
  let h = FNV_OFFSET ^ seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return fmix(h);
}

const WORD_SEED = 0x57;
const BIGRAM_SEED = 0x5742;
const CONTRAST_SEED = 0x4354;
const LAST_SEED = 0x4c53;

const CONTRAST = new Set(['但是', '但', '可是', '不过', '然而', '只是', '却', '就是']);
const isBreak = (w: string) => w.length === 1 && /[,.!?;，。！？；…~]/.test(w);

/** Reused between calls (single-threaded). */
let buffer = new Int32Array(4096);
let points = new Int32Array(4096);

function push(n: number, v: number): number {
  if (n === buffer.length) {
    const b = new Int32Array(buffer.length * 2);
    b.set(buffer);
    buffer = b;
  }
  buffer[n] = v;
  return n + 1;
}

/**
 * The distinct buckets of `text` (already normalised) and its `words` (its segmentation), sorted.
 * Deterministic across platforms: 32-bit integer arithmetic only.
 */
export function featurize(text: string, words: readonly string[], spec: FeatureSpec): Int32Array {
  const mask = (1 << spec.bits) - 1;
  let n = 0;
  if (spec.charMax > 0) {
    // code points with a boundary mark at both ends
    if (points.length < text.length + 2) points = new Int32Array(text.length * 2 + 2);
    let m = 0;
    points[m++] = BOUNDARY;
    for (const ch of text) points[m++] = ch.codePointAt(0)!;
    points[m++] = BOUNDARY;
    for (let i = 0; i < m; i++) {
      let h = FNV_OFFSET;
      for (let len = 1; len <= spec.charMax && i + len <= m; len++) {
        h = Math.imul(h ^ points[i + len - 1]!, FNV_PRIME);
        if (len >= spec.charMin) {
          if (len === 1 && points[i] === BOUNDARY) continue;
          n = push(n, fmix(h ^ len) & mask);
        }
      }
    }
  }
  if (spec.words) {
    let prev = 0;
    for (let i = 0; i < words.length; i++) {
      const w = hashString(words[i]!, WORD_SEED);
      n = push(n, w & mask);
      if (spec.wordBigrams && i > 0) n = push(n, fmix(Math.imul(prev, 31) ^ w ^ BIGRAM_SEED) & mask);
      prev = w;
    }
  }
  if (spec.clauses && words.length > 0) {
    let contrast = -1;
    let lastBreak = -1;
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (CONTRAST.has(w)) contrast = i;
      else if (isBreak(w) && i < words.length - 1) lastBreak = i;
    }
    for (let i = contrast + 1; contrast >= 0 && i < words.length; i++)
      n = push(n, hashString(words[i]!, CONTRAST_SEED) & mask);
    for (let i = lastBreak + 1; i < words.length; i++) n = push(n, hashString(words[i]!, LAST_SEED) & mask);
  }
  const out = buffer.subarray(0, n).sort();
  let u = 0;
  for (let i = 0; i < n; i++) if (i === 0 || out[i] !== out[i - 1]) out[u++] = out[i]!;
  return out.slice(0, u);
}
