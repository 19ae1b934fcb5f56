/**
 * The rule pattern language: small, and safe by construction (no backtracking blow-up, no
 * unbounded repetition). A pattern expands at load time into a finite list of sequences of
 * segments — literal text, a number, a bounded gap — and each sequence is found through its first
 * literal in one Aho–Corasick pass, then checked around it.
 *
 * | syntax      | meaning                                                                   |
 * |-------------|---------------------------------------------------------------------------|
 * | `最新鲜`     | literal text, folded like the text (spaces, symbols, full-width, 繁體 ignored) |
 * | `(a\|b\|c)` | one of the alternatives (may nest, may be empty: `(的\|)`)                  |
 * | `x?` `(…)?` | optional                                                                  |
 * | `{name}`    | one of the words of the pack's list `name`                                |
 * | `#`         | a number: a run of digits or Chinese numerals (3, 10, 三, 两, 几)            |
 * | `~N`        | up to N (1–30) characters of the same sentence                            |
 * | `\x`        | the character x itself (for `( ) \| ? { } # ~ \`)                           |
 */
import { foldTerm } from '@linli/text';

/**
 * A slot of a sequence: one of a set of literals (`''` among them when the slot is optional), a
 * number, or a gap. Alternations of plain text stay one slot, so `{disease}(患者|病人)` is two
 * slots, not the product of the lists.
 */
export type Segment =
  { t: 'lit'; alts: string[]; index?: SlotIndex } | { t: 'num' } | { t: 'gap'; n: number };

/** A literal slot's alternatives by first and by last code unit (built once, after compiling). */
export interface SlotIndex {
  first: Map<number, string[]>;
  last: Map<number, string[]>;
  empty: boolean;
}

function indexSlot(alts: readonly string[]): SlotIndex {
  const first = new Map<number, string[]>();
  const last = new Map<number, string[]>();
  for (const a of alts) {
    if (a === '') continue;
    const f = a.charCodeAt(0);
    const l = a.charCodeAt(a.length - 1);
    (first.get(f) ?? first.set(f, []).get(f)!).push(a);
    (last.get(l) ?? last.set(l, []).get(l)!).push(a);
  }
  return { first, last, empty: alts.includes('') };
}
export type Sequence = Segment[];

export const MAX_EXPANSION = 4000;
/** Most literal alternatives in one slot. */
export const MAX_SLOT = 20_000;
export const MAX_GAP = 30;
export const MAX_GAPS_PER_SEQUENCE = 3;
export const MAX_PATTERN_LENGTH = 4000;

export class PatternError extends Error {
  readonly at: number;
  constructor(message: string, at: number) {
    super(at >= 0 ? `${message} (at character ${at + 1})` : message);
    this.name = 'PatternError';
    this.at = at;
  }
}

type Node =
  | { k: 'lit'; s: string }
  | { k: 'alt'; alts: Node[][] }
  | { k: 'opt'; node: Node }
  | { k: 'list'; name: string; at: number }
  | { k: 'num' }
  | { k: 'gap'; n: number };

const SPECIAL = new Set(['(', ')', '|', '?', '{', '}', '#', '~', '\\']);

function parse(src: string): Node[] {
  let i = 0;
  const seq = (depth: number): Node[][] => {
    const alts: Node[][] = [[]];
    for (;;) {
      if (i >= src.length) {
        if (depth > 0) throw new PatternError('unclosed "("', src.length - 1);
        return alts;
      }
      const ch = src[i]!;
      const cur = alts[alts.length - 1]!;
      if (ch === ')') {
        if (depth === 0) throw new PatternError('unmatched ")"', i);
        i++;
        return alts;
      }
      if (ch === '|') {
        i++;
        alts.push([]);
        continue;
      }
      if (ch === '(') {
        const at = i++;
        if (depth >= 8) throw new PatternError('groups nested too deep', at);
        cur.push({ k: 'alt', alts: seq(depth + 1) });
        continue;
      }
      if (ch === '?') {
        const last = cur.pop();
        if (!last) throw new PatternError('"?" has nothing to make optional', i);
        if (last.k === 'opt') throw new PatternError('"??" is not allowed', i);
        if (last.k === 'gap') throw new PatternError('a gap is already optional', i);
        // `ab?` makes only `b` optional
        if (last.k === 'lit' && last.s.length > 1) {
          cur.push({ k: 'lit', s: last.s.slice(0, -1) });
          cur.push({ k: 'opt', node: { k: 'lit', s: last.s.slice(-1) } });
        } else cur.push({ k: 'opt', node: last });
        i++;
        continue;
      }
      if (ch === '{') {
        const end = src.indexOf('}', i);
        if (end < 0) throw new PatternError('unclosed "{"', i);
        const name = src.slice(i + 1, end).trim();
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new PatternError(`bad list name "${name}"`, i);
        cur.push({ k: 'list', name, at: i });
        i = end + 1;
        continue;
      }
      if (ch === '}') throw new PatternError('unmatched "}"', i);
      if (ch === '#') {
        i++;
        if (cur[cur.length - 1]?.k === 'num') continue; // ## is #
        cur.push({ k: 'num' });
        continue;
      }
      if (ch === '~') {
        const at = i++;
        let digits = '';
        while (i < src.length && src[i]! >= '0' && src[i]! <= '9') digits += src[i++];
        const n = digits === '' ? 6 : Number(digits);
        if (n < 1 || n > MAX_GAP) throw new PatternError(`a gap must be 1–${MAX_GAP} characters`, at);
        cur.push({ k: 'gap', n });
        continue;
      }
      let lit: string;
      if (ch === '\\') {
        if (i + 1 >= src.length) throw new PatternError('"\\" at the end', i);
        lit = src[i + 1]!;
        i += 2;
      } else {
        // a surrogate pair stays together
        const cp = src.codePointAt(i)!;
        lit = String.fromCodePoint(cp);
        i += lit.length;
      }
      const prev = cur[cur.length - 1];
      if (prev?.k === 'lit') prev.s += lit;
      else cur.push({ k: 'lit', s: lit });
    }
  };
  const alts = seq(0);
  return alts.length === 1 ? alts[0]! : [{ k: 'alt', alts }];
}

const lits = (alts: Iterable<string>): Segment => {
  const set = [...new Set(alts)];
  // longest first: the verifier tries them in this order
  set.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  return { t: 'lit', alts: set };
};

const isOneSlot = (seqs: Sequence[]) =>
  seqs.every((q) => q.length === 0 || (q.length === 1 && q[0]!.t === 'lit'));

/** Alternatives that are all plain text (or empty) become one slot. */
function oneSlot(seqs: Sequence[]): Segment {
  const alts: string[] = [];
  for (const q of seqs) {
    if (q.length === 0) alts.push('');
    else for (const a of (q[0] as { t: 'lit'; alts: string[] }).alts) alts.push(a);
  }
  return lits(alts);
}

/** Appends `seg` to `seq`, joining single literals and merging numbers. */
function push(seq: Sequence, seg: Segment): Sequence {
  const last = seq[seq.length - 1];
  if (seg.t === 'lit') {
    if (seg.alts.length === 1 && seg.alts[0] === '') return seq;
    if (last?.t === 'lit' && last.alts.length === 1 && seg.alts.length === 1 && last.alts[0] !== '')
      return [...seq.slice(0, -1), lits([last.alts[0]! + seg.alts[0]!])];
    if (
      last?.t === 'lit' &&
      last.alts.length * seg.alts.length <= 8 &&
      !last.alts.includes('') &&
      !seg.alts.includes('')
    )
      return [...seq.slice(0, -1), lits(last.alts.flatMap((a) => seg.alts.map((b) => a + b)))];
  }
  if (seg.t === 'num' && last?.t === 'num') return seq;
  return [...seq, seg];
}

function concat(a: Sequence, b: Sequence): Sequence {
  let out = a;
  for (const s of b) out = push(out, s);
  return out;
}

/**
 * Compiles a pattern into its sequences of slots. Literals are folded (`foldTerm`), so they are in
 * the matching view's alphabet. Throws `PatternError` with the reason.
 */
export function compilePattern(src: string, lists: Record<string, readonly string[]> = {}): Sequence[] {
  if (typeof src !== 'string' || src.trim() === '') throw new PatternError('empty pattern', -1);
  if (src.length > MAX_PATTERN_LENGTH)
    throw new PatternError(`longer than ${MAX_PATTERN_LENGTH} characters`, -1);
  const nodes = parse(src);
  const expand = (ns: Node[]): Sequence[] => {
    let acc: Sequence[] = [[]];
    for (const n of ns) {
      const opts = expandNode(n);
      const next: Sequence[] = [];
      for (const a of acc)
        for (const o of opts) {
          next.push(concat(a, o));
          if (next.length > MAX_EXPANSION)
            throw new PatternError(`expands to more than ${MAX_EXPANSION} alternatives`, -1);
        }
      acc = next;
    }
    return acc;
  };
  const expandNode = (n: Node): Sequence[] => {
    switch (n.k) {
      case 'lit': {
        const f = foldTerm(n.s);
        if (f === '')
          throw new PatternError(
            `"${n.s}" has nothing to match: spaces, punctuation and symbols are stepped over`,
            -1,
          );
        return [[lits([f])]];
      }
      case 'num':
        return [[{ t: 'num' }]];
      case 'gap':
        return [[{ t: 'gap', n: n.n }]];
      case 'opt': {
        const inner = expandNode(n.node);
        return isOneSlot(inner) ? [[oneSlot([[], ...inner])]] : [[], ...inner];
      }
      case 'alt': {
        // the plain-text alternatives stay one slot; the others (with numbers or gaps) are apart
        const all = n.alts.flatMap((a) => expand(a));
        if (isOneSlot(all)) return [[oneSlot(all)]];
        const plain = all.filter((q) => isOneSlot([q]));
        const rest = all.filter((q) => !isOneSlot([q]));
        return plain.length > 0 ? [[oneSlot(plain)], ...rest] : rest;
      }
      case 'list': {
        const words = lists[n.name];
        if (!words) throw new PatternError(`unknown list "{${n.name}}"`, n.at);
        if (words.length === 0) throw new PatternError(`list "{${n.name}}" is empty`, n.at);
        const folded = words.map((w) => foldTerm(w));
        const bad = words.find((_, i) => folded[i] === '');
        if (bad !== undefined)
          throw new PatternError(
            `list "{${n.name}}": "${bad}" has nothing to match (punctuation and symbols are stepped over)`,
            n.at,
          );
        return [[lits(folded)]];
      }
    }
  };
  const seqs = expand(nodes);
  const seen = new Set<string>();
  const out: Sequence[] = [];
  for (const seq of seqs) {
    if (seq.length === 0 || seq.every((s) => s.t === 'lit' && s.alts.includes('')))
      throw new PatternError('an alternative matches the empty text', -1);
    if (anchorOf(seq) < 0)
      throw new PatternError(
        'an alternative has no required literal text (only numbers, gaps or optional parts)',
        -1,
      );
    for (const s of seq) {
      if (s.t === 'lit' && s.alts.length > MAX_SLOT)
        throw new PatternError(`more than ${MAX_SLOT} words in one place`, -1);
    }
    if (seq[0]!.t === 'gap' || seq[seq.length - 1]!.t === 'gap')
      throw new PatternError('a gap must stand between two parts', -1);
    if (seq.filter((s) => s.t === 'gap').length > MAX_GAPS_PER_SEQUENCE)
      throw new PatternError(`more than ${MAX_GAPS_PER_SEQUENCE} gaps in one alternative`, -1);
    for (let k = 1; k < seq.length; k++)
      if (seq[k]!.t === 'gap' && seq[k - 1]!.t === 'gap') throw new PatternError('two gaps in a row', -1);
    const key = JSON.stringify(seq);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(seq);
  }
  for (const seq of out) for (const seg of seq) if (seg.t === 'lit') seg.index = indexSlot(seg.alts);
  return out;
}

/**
 * The slot a sequence is found by, −1 if none: of its literal slots that are not optional, the one
 * whose shortest alternative is longest (rarer in text), then the one with fewer alternatives.
 */
export function anchorOf(seq: Sequence): number {
  let best = -1;
  let bestMin = 0;
  let bestCount = 0;
  seq.forEach((s, k) => {
    if (s.t !== 'lit' || s.alts.includes('')) return;
    const min = Math.min(...s.alts.map((a) => a.length));
    if (best < 0 || min > bestMin || (min === bestMin && s.alts.length < bestCount)) {
      best = k;
      bestMin = min;
      bestCount = s.alts.length;
    }
  });
  return best;
}

/** Every text a sequence of literal slots only can match (for spelling variants), or null if too many. */
export function expansions(seq: Sequence, limit: number): string[] | null {
  let acc = [''];
  for (const s of seq) {
    if (s.t !== 'lit') return null;
    if (acc.length * s.alts.length > limit) return null;
    acc = acc.flatMap((a) => s.alts.map((b) => a + b));
  }
  return acc;
}

/** True when `s` has none of the pattern language's special characters (a plain term). */
export function isPlainTerm(s: string): boolean {
  for (const ch of s) if (SPECIAL.has(ch)) return false;
  return true;
}

/** Escapes a plain term for use inside a pattern. */
export function escapeTerm(s: string): string {
  let out = '';
  for (const ch of s) out += SPECIAL.has(ch) ? `\\${ch}` : ch;
  return out;
}

const NUMERALS = new Set(
  '0123456789一二三四五六七八九十百千万两零〇几半'.split('').map((c) => c.charCodeAt(0)),
);

export const isNumeral = (c: number) => NUMERALS.has(c);

/** What the checks around an anchor need of the view. */
export interface ViewLike {
  readonly chars: string;
  readonly length: number;
  readonly sentence: Int32Array;
  readonly clause: Int32Array;
}

/**
 * Parts of a pattern not separated by a gap do not run across a clause break (，。！ …): 满100，
 * 新鲜 is not 100新鲜. Only a gap may cross a comma (within its sentence).
 */
const joined = (v: ViewLike, pos: number) =>
  pos <= 0 || pos >= v.length || v.clause[pos - 1] === v.clause[pos];

export const oneClause = (v: ViewLike, s: number, e: number) => v.clause[s] === v.clause[e - 1];

/**
 * Matches `seq[k..]` forward from view position `pos` (seq[k - 1] ended just before): the end, or −1.
 * Literal slots try their alternatives longest first; gaps are lazy (shortest first) and stay
 * inside the sentence of the character before them.
 */
export function matchForward(v: ViewLike, seq: Sequence, k: number, pos: number): number {
  if (k >= seq.length) return pos;
  const seg = seq[k]!;
  if (seg.t !== 'gap' && k > 0 && seq[k - 1]!.t !== 'gap' && !joined(v, pos)) return -1;
  if (seg.t === 'lit') {
    const ix = seg.index!;
    const cands = pos < v.length ? ix.first.get(v.chars.charCodeAt(pos)) : undefined;
    if (cands)
      for (const a of cands) {
        const end = pos + a.length;
        if (!v.chars.startsWith(a, pos) || !oneClause(v, pos, end)) continue;
        const r = matchForward(v, seq, k + 1, end);
        if (r >= 0) return r;
      }
    return ix.empty ? matchForward(v, seq, k + 1, pos) : -1;
  }
  if (seg.t === 'num') {
    let p = pos;
    while (p < v.length && isNumeral(v.chars.charCodeAt(p))) p++;
    return p > pos ? matchForward(v, seq, k + 1, p) : -1;
  }
  const sent = pos > 0 ? v.sentence[pos - 1]! : 0;
  for (let g = 0; g <= seg.n && pos + g < v.length; g++) {
    if (v.sentence[pos + g] !== sent) break;
    const end = matchForward(v, seq, k + 1, pos + g);
    if (end >= 0) return end;
  }
  return -1;
}

/** Matches `seq[..k]` backward, ending at view position `end` (exclusive): the start, or −1. */
export function matchBackward(v: ViewLike, seq: Sequence, k: number, end: number): number {
  if (k < 0) return end;
  const seg = seq[k]!;
  if (seg.t !== 'gap' && k + 1 < seq.length && seq[k + 1]!.t !== 'gap' && !joined(v, end)) return -1;
  if (seg.t === 'lit') {
    const ix = seg.index!;
    const cands = end > 0 ? ix.last.get(v.chars.charCodeAt(end - 1)) : undefined;
    if (cands)
      for (const a of cands) {
        const start = end - a.length;
        if (start < 0 || !v.chars.startsWith(a, start) || !oneClause(v, start, end)) continue;
        const r = matchBackward(v, seq, k - 1, start);
        if (r >= 0) return r;
      }
    return ix.empty ? matchBackward(v, seq, k - 1, end) : -1;
  }
  if (seg.t === 'num') {
    let p = end;
    while (p > 0 && isNumeral(v.chars.charCodeAt(p - 1))) p--;
    return p < end ? matchBackward(v, seq, k - 1, p) : -1;
  }
  const sent = end < v.length ? v.sentence[end]! : v.sentence[v.length - 1]!;
  for (let g = 0; g <= seg.n && end - g > 0; g++) {
    if (v.sentence[end - g - 1] !== sent) break;
    const start = matchBackward(v, seq, k - 1, end - g);
    if (start >= 0) return start;
  }
  return -1;
}
