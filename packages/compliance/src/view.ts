/**
 * The matching view of a text: every code unit folded the way `@linli/text`'s matcher folds it
 * (full-width → half-width, traditional → simplified, A–Z → a–z) with the characters it steps over
 * (spaces, zero-width and control characters, punctuation, symbols, emoji) removed — so 最 新 鲜,
 * 最*新鲜 and 最新鮮 all read 最新鲜 — plus the way back to the original UTF-16 offsets and the
 * sentence and clause each character belongs to.
 */
import { foldTerm } from '@linli/text';

const SKIP = 0xffff;

let table: Uint16Array | undefined;

/** Per code unit: its folded form (one code unit), or SKIP when the matcher steps over it. */
export function foldTable(): Uint16Array {
  if (table) return table;
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const f = foldTerm(String.fromCharCode(c));
    t[c] = f.length === 1 ? f.charCodeAt(0) : SKIP;
  }
  table = t;
  return t;
}

/**
 * Ends a sentence: 。！？；… and line breaks, 【】 (poster and push copy separate parts with them), and
 * a full stop `.` that is not between letters or digits.
 */
const SENTENCE_BREAKS = new Set([
  0x3002, 0xff01, 0x21, 0xff1f, 0x3f, 0xff1b, 0x3b, 0x0a, 0x0d, 0x2026, 0x3010, 0x3011, 0xff61,
]);
/** Ends a clause: commas and colons (not the enumeration comma 、: 降血压、降血糖 is one clause). */
const CLAUSE_BREAKS = new Set([0xff0c, 0x2c, 0xff1a, 0x3a]);

/** ASCII or full-width letters and digits: a `.` between two of them is not a full stop (29.9, NO.1). */
const isAlnum = (c: number) =>
  (c >= 0x30 && c <= 0x39) ||
  (c >= 0x41 && c <= 0x5a) ||
  (c >= 0x61 && c <= 0x7a) ||
  (c >= 0xff10 && c <= 0xff5a);

/**
 * Whether the `.` at `i` ends a sentence: not between letters or digits (29.9, NO.1) and not one of
 * a run of dots between single characters (最.新.鲜 is spacing, 一般.旁边 a full stop).
 */
function fullStop(text: string, i: number): boolean {
  if (isAlnum(text.charCodeAt(i - 1)) && isAlnum(text.charCodeAt(i + 1))) return false;
  return text.charCodeAt(i - 2) !== 0x2e && text.charCodeAt(i + 2) !== 0x2e;
}

export interface TextView {
  /** Folded characters, skipped ones removed. */
  readonly chars: string;
  readonly length: number;
  /** Original UTF-16 offset of each view character. */
  readonly orig: Int32Array;
  /** For each original offset 0…n, the index of the first view character at or after it. */
  readonly toView: Int32Array;
  /** Sentence number of each view character (non-decreasing). */
  readonly sentence: Int32Array;
  /** Clause number of each view character (non-decreasing). */
  readonly clause: Int32Array;
}

/** Per code unit: 0 kept, 1 stepped over, 2 a sentence break, 3 a clause break, 4 `.` (decided by its neighbours). */
let classes: Uint8Array | undefined;

function classTable(): Uint8Array {
  if (classes) return classes;
  const fold = foldTable();
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (fold[c] !== SKIP) continue;
    t[c] = c === 0x2e ? 4 : SENTENCE_BREAKS.has(c) ? 2 : CLAUSE_BREAKS.has(c) ? 3 : 1;
  }
  classes = t;
  return t;
}

// buffers reused from one view to the next (a scan is synchronous and builds one view at a time)
let cap = 0;
let bufOrig = new Int32Array(0);
let bufToView = new Int32Array(0);
let bufSentence = new Int32Array(0);
let bufClause = new Int32Array(0);
let bufCodes = new Uint16Array(0);

function ensure(n: number): void {
  if (n + 1 <= cap) return;
  cap = Math.max(256, 2 ** Math.ceil(Math.log2(n + 1)));
  bufOrig = new Int32Array(cap);
  bufToView = new Int32Array(cap);
  bufSentence = new Int32Array(cap);
  bufClause = new Int32Array(cap);
  bufCodes = new Uint16Array(cap);
}

/**
 * The view of `text`. Its arrays are shared buffers, valid until the next call: use the view
 * before building another.
 */
export function buildView(text: string): TextView {
  const fold = foldTable();
  const cls = classTable();
  const n = text.length;
  ensure(n);
  const orig = bufOrig;
  const toView = bufToView;
  const sentence = bufSentence;
  const clause = bufClause;
  const codes = bufCodes;
  let v = 0;
  let s = 0;
  let c = 0;
  let newSentence = false;
  let newClause = false;
  for (let i = 0; i < n; i++) {
    toView[i] = v;
    const raw = text.charCodeAt(i);
    const k = cls[raw]!;
    if (k !== 0) {
      if (k === 2 || (k === 4 && fullStop(text, i))) newSentence = true;
      else if (k === 3) newClause = true;
      continue;
    }
    if (v > 0) {
      if (newSentence) {
        s++;
        c++;
      } else if (newClause) c++;
    }
    newSentence = newClause = false;
    orig[v] = i;
    sentence[v] = s;
    clause[v] = c;
    codes[v] = fold[raw]!;
    v++;
  }
  toView[n] = v;
  let chars = '';
  for (let i = 0; i < v; i += 4096)
    chars += String.fromCharCode.apply(null, codes.subarray(i, Math.min(v, i + 4096)) as unknown as number[]);
  return { chars, length: v, orig, toView, sentence, clause };
}

/** Characters the detectors need folded: full-width digits and Latin, traditional 棟 單 號 樓. */
const NEEDS_FOLD = /[\uff10-\uff5a棟單號樓]/;

/**
 * The text with each code unit folded one to one (same length, same offsets), for the detectors;
 * the text itself when nothing in it needs folding.
 */
export function foldSameLength(text: string): string {
  if (!NEEDS_FOLD.test(text)) return text;
  const fold = foldTable();
  const out = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const raw = text.charCodeAt(i);
    const f = fold[raw]!;
    out[i] = f === SKIP ? raw : f;
  }
  let s = '';
  for (let i = 0; i < out.length; i += 4096)
    s += String.fromCharCode.apply(null, out.subarray(i, i + 4096) as unknown as number[]);
  return s;
}
