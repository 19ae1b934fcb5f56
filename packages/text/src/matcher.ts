/**
 * Risk keywords: an Aho–Corasick automaton over a term list, built by a cheap pure function so a
 * lexicon edited by an operator can be rebuilt at once. Matching folds each character as it reads
 * it — full-width → half-width, traditional → simplified, A–Z → a–z — and steps over spaces,
 * zero-width characters, punctuation, symbols and emoji (all characters outside the BMP), so 食 物 中 毒, 食*物中毒 and 食物中毒 all match
 * 食物中毒. Positions refer to the original text.
 */
import { foldTable16, isControl, isInvisible, isPunctuation, isSpace } from './chars.ts';

export type Severity = 'high' | 'medium' | 'low';

export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];

export interface LexiconEntry {
  term: string;
  severity: Severity;
  /** Free label, e.g. `food_safety`, `regulator`, `media`. */
  category?: string;
}

/** One occurrence: `start`/`end` are UTF-16 offsets into the original text (end exclusive). */
export interface KeywordMatch {
  term: string;
  severity: Severity;
  category?: string;
  start: number;
  end: number;
}

/** The CLI's shape: one line per distinct term found. */
export interface KeywordHit {
  term: string;
  severity: Severity;
}

export interface KeywordMatcher {
  /** Distinct folded terms in the automaton. */
  readonly size: number;
  /** Every occurrence, in order of end position (overlapping occurrences included). */
  scan(text: string): KeywordMatch[];
  /** True as soon as any term occurs. */
  test(text: string): boolean;
}

const SKIP = 0xffff;
const RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

let matchFold: Uint16Array | undefined;

/** Symbols, emoji (every surrogate: astral characters are stepped over) and private-use characters. */
const isSymbol = (c: number) =>
  (c >= 0x2100 && c <= 0x2bff) || (c >= 0xd800 && c <= 0xf8ff) || (c >= 0x3200 && c <= 0x33ff);

/** The matcher's per-code-unit fold: SKIP for characters stepped over. */
function matchFoldTable(): Uint16Array {
  if (matchFold) return matchFold;
  const t = foldTable16().slice();
  for (let c = 0; c < 0x10000; c++) {
    const f = t[c]!;
    if (isSpace(c) || isInvisible(c) || isControl(c) || isPunctuation(f) || isPunctuation(c) || isSymbol(c))
      t[c] = SKIP;
  }
  matchFold = t;
  return t;
}

/** A term as the automaton sees it (folded, skipped characters removed). */
export function foldTerm(term: string): string {
  const t = matchFoldTable();
  let out = '';
  for (let i = 0; i < term.length; i++) {
    const c = t[term.charCodeAt(i)]!;
    if (c !== SKIP) out += String.fromCharCode(c);
  }
  return out;
}

const isAsciiWord = (c: number) =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

/**
 * Builds the automaton: O(total term length). Empty terms (after folding) are ignored; a term
 * listed twice keeps its highest severity. Terms that begin or end with a Latin letter or digit
 * only match at word boundaries (so `av` does not match inside `have`).
 */
export function buildMatcher(entries: readonly LexiconEntry[]): KeywordMatcher {
  const fold = matchFoldTable();
  // distinct folded terms, the highest severity winning
  const byKey = new Map<string, LexiconEntry>();
  for (const e of entries) {
    const key = foldTerm(e.term);
    if (key.length === 0) continue;
    const prev = byKey.get(key);
    if (!prev || RANK[e.severity] < RANK[prev.severity]) byKey.set(key, e);
  }
  const keys = [...byKey.keys()];
  const terms = keys.map((k) => byKey.get(k)!);
  // the alphabet: code units that occur in some term, numbered from 1
  const symOf = new Uint32Array(0x10000);
  let alphabet = 0;
  let totalLength = 0;
  let maxLength = 1;
  for (const k of keys) {
    totalLength += k.length;
    if (k.length > maxLength) maxLength = k.length;
    for (let i = 0; i < k.length; i++) {
      const c = k.charCodeAt(i);
      if (symOf[c] === 0) symOf[c] = ++alphabet;
    }
  }
  // trie with an open-addressed edge table (state, symbol) → child
  const states = totalLength + 1;
  let cap = 16;
  while (cap < totalLength * 2) cap *= 2;
  const mask = cap - 1;
  const mask4 = cap * 4 - 1;
  // interleaved [from, symbol, to, unused] quadruples: one cache line per probe
  const edges = new Int32Array(cap * 4).fill(-1);
  const slot = (s: number, a: number) => (Math.imul(s, 0x9e3779b1) ^ Math.imul(a, 0x85ebca6b)) & mask;
  const rootNext = new Int32Array(alphabet + 1);
  const firstChild = new Int32Array(states).fill(-1);
  const nextSibling = new Int32Array(states).fill(-1);
  const depth = new Int32Array(states);
  const termAt = new Int32Array(states).fill(-1);
  let count = 1;
  for (let t = 0; t < keys.length; t++) {
    const k = keys[t]!;
    let s = 0;
    for (let i = 0; i < k.length; i++) {
      const a = symOf[k.charCodeAt(i)]!;
      let next = -1;
      if (s === 0) next = rootNext[a]! || -1;
      else {
        for (let h = slot(s, a) << 2; edges[h] !== -1; h = (h + 4) & mask4) {
          if (edges[h] === s && edges[h + 1] === a) {
            next = edges[h + 2]!;
            break;
          }
        }
      }
      if (next === -1) {
        next = count++;
        depth[next] = depth[s]! + 1;
        nextSibling[next] = firstChild[s]!;
        firstChild[s] = next;
        if (s === 0) rootNext[a] = next;
        else {
          let h = slot(s, a) << 2;
          while (edges[h] !== -1) h = (h + 4) & mask4;
          edges[h] = s;
          edges[h + 1] = a;
          edges[h + 2] = next;
        }
      }
      s = next;
    }
    termAt[s] = t;
  }
  // one lookup per code unit of the text: its folded symbol, 0 if in no term, −1 if stepped over
  const symOfRaw = new Int32Array(0x10000);
  for (let c = 0; c < 0x10000; c++) symOfRaw[c] = fold[c] === SKIP ? -1 : symOf[fold[c]!]!;
  // per state, a 32-bit summary of its children's symbols: most failed lookups stop here
  const childMask = new Int32Array(count);
  const symAt = new Int32Array(count);
  for (let a = 1; a <= alphabet; a++) if (rootNext[a]) symAt[rootNext[a]!] = a;
  for (let h = 0; h < cap * 4; h += 4)
    if (edges[h] !== -1) {
      symAt[edges[h + 2]!] = edges[h + 1]!;
      childMask[edges[h]!]! |= 1 << (edges[h + 1]! & 31);
    }

  // children of every state in one run each, sorted by symbol (compact and cache-friendly)
  const childStart = new Int32Array(count + 1);
  const childSym = new Int32Array(Math.max(1, count - 1));
  const childTo = new Int32Array(Math.max(1, count - 1));
  let k = 0;
  const kids: number[] = [];
  for (let s = 0; s < count; s++) {
    childStart[s] = k;
    kids.length = 0;
    for (let c = firstChild[s]!; c !== -1; c = nextSibling[c]!) kids.push(c);
    kids.sort((x, y) => symAt[x]! - symAt[y]!);
    for (const c of kids) {
      childSym[k] = symAt[c]!;
      childTo[k++] = c;
    }
  }
  childStart[count] = k;
  /** The child of `s` on symbol `a`, or −1: a short scan, a binary search when there are many. */
  const child = (s: number, a: number): number => {
    let lo = childStart[s]!;
    let hi = childStart[s + 1]!;
    if (hi - lo <= 8) {
      for (; lo < hi; lo++) if (childSym[lo] === a) return childTo[lo]!;
      return -1;
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = childSym[mid]!;
      if (m === a) return childTo[mid]!;
      if (m < a) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  };
  const step = (s: number, a: number): number => {
    for (;;) {
      if (s === 0) return rootNext[a]!;
      const c = child(s, a);
      if (c !== -1) return c;
      s = fail[s]!;
    }
  };
  // failure and output links, breadth first
  const fail = new Int32Array(count);
  const outLink = new Int32Array(count); // nearest proper suffix state with a term, 0 if none
  const queue = new Int32Array(count);
  let head = 0;
  let tail = 0;
  for (let c = firstChild[0]!; c !== -1; c = nextSibling[c]!) queue[tail++] = c;
  while (head < tail) {
    const s = queue[head++]!;
    for (let c = firstChild[s]!; c !== -1; c = nextSibling[c]!) {
      const f = step(fail[s]!, symAt[c]!);
      fail[c] = f;
      outLink[c] = termAt[f]! >= 0 ? f : outLink[f]!;
      queue[tail++] = c;
    }
  }
  const hasOutput = new Uint8Array(count);
  for (let s = 1; s < count; s++) if (termAt[s]! >= 0 || outLink[s]! > 0) hasOutput[s] = 1;
  const latinStart = new Uint8Array(keys.length);
  const latinEnd = new Uint8Array(keys.length);
  keys.forEach((k, t) => {
    latinStart[t] = isAsciiWord(k.charCodeAt(0)) ? 1 : 0;
    latinEnd[t] = isAsciiWord(k.charCodeAt(k.length - 1)) ? 1 : 0;
  });
  let ringSize = 1;
  while (ringSize < maxLength) ringSize *= 2;
  const ringMask = ringSize - 1;

  const sharedRing = new Int32Array(ringSize);
  let busy = false;
  const run = (text: string, onMatch: ((m: KeywordMatch) => boolean) | null): boolean => {
    if (busy) return runOn(text, onMatch, new Int32Array(ringSize));
    busy = true;
    try {
      return runOn(text, onMatch, sharedRing);
    } finally {
      busy = false;
    }
  };
  const runOn = (text: string, onMatch: ((m: KeywordMatch) => boolean) | null, ring: Int32Array): boolean => {
    let pos = 0;
    let s = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const a = symOfRaw[text.charCodeAt(i)]!;
      if (a < 0) continue;
      if (a === 0) {
        s = 0;
        continue;
      }
      ring[pos++ & ringMask] = i;
      // transition (inlined `step`)
      let next = 0;
      for (;;) {
        if (s === 0) {
          next = rootNext[a]!;
          break;
        }
        const found = ((childMask[s]! >>> (a & 31)) & 1) === 1 ? child(s, a) : -1;
        if (found !== -1) {
          next = found;
          break;
        }
        s = fail[s]!;
      }
      s = next;
      if (hasOutput[s] === 0) continue;
      for (let o = termAt[s]! >= 0 ? s : outLink[s]!; o > 0; o = outLink[o]!) {
        const t = termAt[o]!;
        const start = ring[(pos - depth[o]!) & ringMask]!;
        const end = i + 1;
        if (latinStart[t] === 1 && start > 0 && isAsciiWord(text.charCodeAt(start - 1))) continue;
        if (latinEnd[t] === 1 && end < n && isAsciiWord(text.charCodeAt(end))) continue;
        if (!onMatch) return true;
        const e = terms[t]!;
        const m: KeywordMatch = { term: e.term, severity: e.severity, start, end };
        if (e.category !== undefined) m.category = e.category;
        if (onMatch(m)) return true;
      }
    }
    return false;
  };

  return {
    size: keys.length,
    scan(text) {
      const out: KeywordMatch[] = [];
      if (typeof text === 'string' && text.length > 0)
        run(text, (m) => {
          out.push(m);
          return false;
        });
      return out;
    },
    test(text) {
      return typeof text === 'string' && text.length > 0 && run(text, null);
    },
  };
}

/**
 * Distinct terms found in `text`, most severe first, then by first occurrence: exactly the
 * `{"term","severity"}` lines the CLI prints.
 */
export function keywordHits(matcher: KeywordMatcher, text: string): KeywordHit[] {
  const first = new Map<string, KeywordMatch>();
  for (const m of matcher.scan(text)) {
    const prev = first.get(m.term);
    if (!prev || m.start < prev.start) first.set(m.term, m);
  }
  return [...first.values()]
    .sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.start - b.start || a.term.localeCompare(b.term))
    .map((m) => ({ term: m.term, severity: m.severity }));
}

/**
 * Reads a lexicon from text: one entry a line, `term`, `term<TAB>severity` or
 * `term<TAB>severity<TAB>category`; blank lines and lines starting with `#` are skipped. Lines
 * without a valid severity take `defaultSeverity`.
 */
export function parseLexicon(text: string, defaultSeverity: Severity = 'low'): LexiconEntry[] {
  const out: LexiconEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [term, sev, category] = line.split('\t').map((x) => x.trim());
    if (!term) continue;
    const severity = SEVERITIES.includes(sev as Severity) ? (sev as Severity) : defaultSeverity;
    out.push(category ? { term, severity, category } : { term, severity });
  }
  return out;
}
