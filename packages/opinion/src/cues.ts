/**
 * Reading a message: every cue term found by one Aho–Corasick pass of `@linli/text`'s matcher over
 * the original text (so spans are offsets into what the member wrote, and spacing, symbols,
 * full-width and traditional characters do not hide a term), overlaps resolved leftmost-longest
 * (炖得软烂 hides 烂, 不新鲜 hides 新鲜), the number cues added, and each cue marked negated,
 * hypothetical or generic from the cues around it in its clause and sentence.
 */
import { buildMatcher, foldTerm, type KeywordMatcher } from '@linli/text';
import { cueTerms, type CueKind, type CueSpec, type CueTerm } from './lexicon/index.ts';
import { numberCues } from './numbers.ts';

export interface Cue {
  spec: CueSpec;
  start: number;
  end: number;
  sentence: number;
  clause: number;
  /** 没拉肚子, 拉肚子倒是没有. */
  negated: boolean;
  /** 如果…, 万一…, 担心… earlier in the sentence. */
  hypothetical: boolean;
  /** Advice (提醒大家) or news about elsewhere (看到新闻) before it. */
  generic: boolean;
}

export interface Reading {
  /** Cues in text order, masks removed. */
  cues: Cue[];
  /** A joke marker anywhere (哈哈, 笑死, 😂). */
  joke: boolean;
  /** Photography words anywhere (曝光 is then about a photo). */
  photo: boolean;
  /** Exclamation marks, counted before normalisation would collapse them. */
  exclamations: number;
}

/** How far (UTF-16 units) a negator may end before the word it negates: 没有一个坏的. */
const NEG_WINDOW = 2;
/** What may follow a negator that closes its clause: 坏的一个都没有啊. */
const PARTICLE = new Uint8Array(0x10000);
for (const ch of '了啦的哦呢啊吧呀哈~ \t') PARTICLE[ch.charCodeAt(0)] = 1;

let compiled: { matcher: KeywordMatcher; terms: CueTerm[] } | undefined;

function compiledCues() {
  if (compiled) return compiled;
  const terms = cueTerms();
  const matcher = buildMatcher(terms.map((t, i) => ({ term: t.term, severity: 'low', category: String(i) })));
  compiled = { matcher, terms };
  return compiled;
}

/** Builds the matcher now (about 50 ms) rather than on the first message. */
export function warmUp(): void {
  compiledCues();
  foldTable();
}

let table: Uint16Array | undefined;

/** Per code unit, one code unit: the matcher's fold, full-width → half-width, pinyin tones removed. */
function foldTable(): Uint16Array {
  if (table) return table;
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const f = foldTerm(String.fromCharCode(c));
    t[c] = f.length === 1 ? f.charCodeAt(0) : c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c;
  }
  const tones = 'āáǎàa ēéěèe īíǐìi ōóǒòo ūúǔùu ǖǘǚǜü';
  for (const group of tones.split(' ')) {
    const base = group.at(-1) === 'ü' ? 'v' : group.at(-1)!;
    for (const ch of group) t[ch.charCodeAt(0)] = base.charCodeAt(0);
  }
  t[0x3000] = 0x20;
  table = t;
  return t;
}

/** The text folded one code unit to one (same offsets): for the number patterns and the matcher. */
export function foldSameLength(text: string): string {
  const t = foldTable();
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const f = t[c]!;
    if (f === c) continue;
    out += text.slice(from, i) + String.fromCharCode(f);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Per code unit: 1 ends a sentence (。！？；… and line breaks), 2 ends a clause (，、：~). */
const BREAK = new Uint8Array(0x10000);
for (const ch of '。！？!?；;\n\r…') BREAK[ch.charCodeAt(0)] = 1;
for (const ch of '，,、：:~～') BREAK[ch.charCodeAt(0)] = 2;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** 1 a sentence break, 2 a clause break, 0 neither; a full stop, not a decimal point (9.9). */
function breakAt(text: string, i: number): number {
  const ch = text.charCodeAt(i);
  if (ch === 0x2e) return isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1)) ? 0 : 1;
  return BREAK[ch]!;
}

/** Numbers the sentence and clause of each cue (cues in order of start), in one pass over the text. */
function number(text: string, cues: Cue[]): void {
  let s = 0;
  let c = 0;
  let j = 0;
  for (let i = 0; i < text.length && j < cues.length; i++) {
    for (; j < cues.length && cues[j]!.start <= i; j++) {
      cues[j]!.sentence = s;
      cues[j]!.clause = c;
    }
    const b = breakAt(text, i);
    if (b === 1) {
      s++;
      c++;
    } else if (b === 2) c++;
  }
  for (; j < cues.length; j++) {
    cues[j]!.sentence = s;
    cues[j]!.clause = c;
  }
}

const JOKE_EMOJI =
  /[\u{1F602}\u{1F923}\u{1F606}\u{1F604}\u{1F601}\u{1F60B}\u{1F61C}\u{1F92A}\u{1F436}\u{1F60F}]/u;

interface Found {
  spec: CueSpec;
  start: number;
  end: number;
}

/** Leftmost-longest, non-overlapping: the longer phrase wins where two terms overlap. */
function resolve(found: Found[]): Found[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Found[] = [];
  let end = 0;
  for (const f of found) {
    if (f.start < end) continue;
    out.push(f);
    end = f.end;
  }
  return out;
}

const GENERIC_KINDS = new Set<CueKind>(['tip', 'elsewhere']);

/** Reads one message. `text` must be a string (callers check). */
export function read(text: string): Reading {
  const { matcher, terms } = compiledCues();
  const folded = foldSameLength(text);
  const found: Found[] = matcher.scan(folded).map((m) => ({
    spec: terms[Number(m.category)]!.spec,
    start: m.start,
    end: m.end,
  }));
  const resolved = resolve(found).filter((f) => f.spec.kind !== 'mask');
  // number cues may overlap words (少了一袋 is both): they are added, not resolved
  const all = [...resolved, ...numberCues(folded)].sort((a, b) => a.start - b.start || a.end - b.end);
  const cues: Cue[] = all.map((f) => ({
    spec: f.spec,
    start: f.start,
    end: f.end,
    sentence: 0,
    clause: 0,
    negated: false,
    hypothetical: false,
    generic: false,
  }));
  number(text, cues);
  markFraming(text, cues);
  let exclamations = 0;
  const head = text.length > 10_000 ? text.slice(0, 10_000) : text;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0x21 || c === 0xff01) exclamations++;
  }
  return {
    cues,
    joke: cues.some((c) => c.spec.kind === 'joke') || JOKE_EMOJI.test(head),
    photo: cues.some((c) => c.spec.kind === 'photo'),
    exclamations,
  };
}

/**
 * Negation, hypotheticals and generic framing, in one pass forwards (what came before) and one
 * backwards (a negator after: 拉肚子倒是没有).
 */
function markFraming(text: string, cues: Cue[]): void {
  let lastNeg: Cue | undefined;
  let lastHypo: Cue | undefined;
  let generic: Cue | undefined;
  for (const c of cues) {
    const k = c.spec.kind;
    if (k === 'neg') {
      lastNeg = c;
      continue;
    }
    if (k === 'hypo') {
      lastHypo = c;
      continue;
    }
    if (GENERIC_KINDS.has(k)) {
      generic = c;
      continue;
    }
    if (lastNeg && lastNeg.clause === c.clause && c.start - lastNeg.end <= NEG_WINDOW) c.negated = true;
    if (lastHypo && lastHypo.sentence === c.sentence) c.hypothetical = true;
    // advice covers the rest of the message; news about elsewhere its sentence and the next
    if (generic && (generic.spec.kind === 'tip' || c.sentence - generic.sentence <= 1)) c.generic = true;
  }
  // a negator after the word that ends its clause negates it too: 坏的一个都没有
  const closesClause = (n: Cue) => {
    for (let i = n.end; i < n.end + 5; i++) {
      if (i >= text.length || breakAt(text, i) !== 0) return true;
      if (PARTICLE[text.charCodeAt(i)] !== 1) return false;
    }
    return false;
  };
  let nextNegAfter: Cue | undefined;
  for (let i = cues.length - 1; i >= 0; i--) {
    const c = cues[i]!;
    const k = c.spec.kind;
    if (k === 'neg_after' || (k === 'neg' && closesClause(c))) {
      nextNegAfter = c;
      continue;
    }
    const gap = nextNegAfter ? nextNegAfter.start - c.end : -1;
    if (nextNegAfter && nextNegAfter.clause === c.clause && gap >= 0 && gap <= NEG_WINDOW + 1)
      c.negated = true;
  }
}
