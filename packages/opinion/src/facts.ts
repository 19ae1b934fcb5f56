/**
 * From cues to facts: which cues are live (not negated, hypothetical or generic), what was eaten,
 * what kind of food a finding is in, whether there is a grievance at all. The rules in
 * `decide.ts` read these facts, so each rule stays one line of the specification.
 */
import type { Cue, Reading } from './cues.ts';
import type { CueKind } from './lexicon/index.ts';
import type { Category } from './types.ts';

export interface Facts {
  text: string;
  reading: Reading;
  /**
   * P(positive) from `@linli/text`'s sentiment model of the text around a cue: the whole message
   * when it is short, the cue's neighbourhood in a long one (computed on first use).
   */
  toneAt(c: Cue): number;
  /** `@linli/text`'s complaint anger, 0–100 (computed on first use). */
  readonly anger: number;
  /** Live cues by kind (not negated, not hypothetical, not generic). */
  live: Map<CueKind, Cue[]>;
  /** Cues by kind that are only not negated and not generic: threats are conditional by nature. */
  asserted: Map<CueKind, Cue[]>;
  eaten: boolean;
  uneaten: boolean;
  /** Some food is named or something was found in it. */
  foodContext: boolean;
  /** Live problems (strength 2), mild remarks (strength 1). */
  problems: Cue[];
  mild: Cue[];
}

const push = (m: Map<CueKind, Cue[]>, c: Cue) => {
  const list = m.get(c.spec.kind);
  if (list) list.push(c);
  else m.set(c.spec.kind, [c]);
};

/** A question about a possibility: 吃了会拉肚子吗 (会 before the cue, 吗 closing its clause). */
function possibilityQuestion(text: string, c: Cue): boolean {
  const after = /^[^，。！？!?,；;\n]{0,6}[吗么嘛]/.exec(text.slice(c.end, c.end + 8));
  if (!after) return false;
  const before = text.slice(Math.max(0, c.start - 8), c.start);
  const clauseStart = Math.max(before.search(/[^，。！？!?,；;\n]*$/), 0);
  return /会|能|可能/.test(before.slice(clauseStart));
}

/** Offsets inside quotation marks: what someone else said (客服说"理解一下"). */
function quotedRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(/“[^”]{0,60}”|「[^」]{0,60}」|‘[^’]{0,60}’|"[^"]{0,60}"/g))
    out.push([m.index, m.index + m[0].length]);
  return out;
}

/** Framing a writer puts in someone else's mouth does not count as theirs. */
const OWN_WORDS_ONLY = new Set<CueKind>(['accept', 'resolved']);

/** The tone of a text, asked for only by the rules that need it: most messages never pay for it. */
export interface Tone {
  positiveAt(start: number, end: number): number;
  anger(): number;
}

const FOOD_CONTEXT = new Set<CueKind>(['ready_food', 'raw_food', 'found_in', 'uneaten', 'eat', 'eat_found']);

export function factsOf(text: string, reading: Reading, tone: Tone): Facts {
  const live = new Map<CueKind, Cue[]>();
  const asserted = new Map<CueKind, Cue[]>();
  // both checks read the text around each cue: skip them when the text has no quote or question
  const quotes = /[“「‘"]/.test(text) ? quotedRanges(text) : [];
  const questions = /[吗么嘛]/.test(text);
  let foodContext = false;
  for (const c of reading.cues) {
    if (FOOD_CONTEXT.has(c.spec.kind)) foodContext = true;
    if (c.negated || c.generic) continue;
    if (OWN_WORDS_ONLY.has(c.spec.kind) && quotes.some(([a, b]) => c.start >= a && c.end <= b)) continue;
    push(asserted, c);
    if (c.hypothetical || (questions && possibilityQuestion(text, c))) continue;
    push(live, c);
  }
  const get = (k: CueKind) => live.get(k) ?? [];
  const negatedEat = reading.cues.some((c) => c.spec.kind === 'eat' && c.negated);
  const eaten = get('eat').length + get('eat_found').length > 0;
  return {
    text,
    reading,
    toneAt: (c: Cue) => tone.positiveAt(c.start, c.end),
    get anger() {
      return tone.anger();
    },
    live,
    asserted,
    eaten,
    uneaten: get('uneaten').length > 0 || negatedEat,
    foodContext,
    problems: get('problem').filter((c) => c.spec.strength === 2),
    mild: get('problem').filter((c) => c.spec.strength === 1),
  };
}

const NONE: Cue[] = [];

/** The cues of these kinds (a list the caller must not change). */
function ofKinds(m: Map<CueKind, Cue[]>, kinds: readonly CueKind[]): Cue[] {
  if (kinds.length === 1) return m.get(kinds[0]!) ?? NONE;
  let out: Cue[] | undefined;
  for (const k of kinds) {
    const list = m.get(k);
    if (list) out = out ? out.concat(list) : list;
  }
  return out ?? NONE;
}

export const liveOf = (f: Facts, ...kinds: CueKind[]): Cue[] => ofKinds(f.live, kinds);
export const assertedOf = (f: Facts, ...kinds: CueKind[]): Cue[] => ofKinds(f.asserted, kinds);
export const anyOf = (f: Facts, ...kinds: CueKind[]): boolean =>
  kinds.some((k) => (f.live.get(k)?.length ?? 0) > 0);

/**
 * Whether a finding is in cooked / ready-to-eat food or in fresh produce: a dish in its clause, else
 * the nearest food word, those before it in the same sentence first (卤鸭里有虫 vs 米里有虫).
 * Undefined when no food is named.
 */
export function foodKindNear(f: Facts, c: Cue): 'ready' | 'raw' | undefined {
  // a dish named in the same clause decides, whatever raw ingredient it is made of (熟食拼盘的鸭肉里)
  if (f.reading.cues.some((x) => x.spec.kind === 'ready_food' && x.clause === c.clause)) return 'ready';
  let best: Cue | undefined;
  let bestScore = Infinity;
  for (const x of f.reading.cues) {
    if (x.spec.kind !== 'ready_food' && x.spec.kind !== 'raw_food') continue;
    const distance = x.end <= c.start ? c.start - x.end : x.start - c.end + 20;
    const score = distance + (x.sentence === c.sentence ? 0 : 100);
    if (score < bestScore) {
      best = x;
      bestScore = score;
    }
  }
  if (!best) return undefined;
  return best.spec.kind === 'ready_food' ? 'ready' : 'raw';
}

/** The next cue after `c` within `window` code units, if any. */
export function nextCue(f: Facts, c: Cue, window: number): Cue | undefined {
  const cues = f.reading.cues;
  const i = cues.indexOf(c);
  for (let j = i + 1; j < cues.length; j++) {
    const x = cues[j]!;
    if (x.start < c.end) continue;
    return x.start - c.end <= window ? x : undefined;
  }
  return undefined;
}

/** Whether `!` or `！` follows the cue (spaces and closing marks between allowed): 退钱！ */
export function exclaimed(text: string, c: Cue): boolean {
  return /^[\s"”'’)）~]*[!！]/.test(text.slice(c.end, c.end + 4));
}

/** Aspect of `@linli/text` → routing category, for messages whose problem names no category. */
export const ASPECT_CATEGORY: Record<string, Category> = {
  freshness: 'quality_freshness',
  quantity: 'quantity',
  delivery: 'delivery_pickup',
  price: 'price_billing',
  service: 'service_attitude',
  food_safety: 'food_safety',
  packaging: 'delivery_pickup',
};
