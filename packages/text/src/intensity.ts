/**
 * Complaint emotion intensity, 0–100: how angry and how urgent a text is. Cues
 * (`lexicons/intensity.tsv`: 再也不买, 投诉, 12315, 曝光, 报警 …, matched like risk keywords so
 * spacing and traditional characters do not hide them) add their weights; so do exclamation marks,
 * intensifiers and the negative sentiment; the sum saturates towards 100.
 */
import { readTsv } from './lexicons.ts';
import { buildMatcher, type KeywordMatcher } from './matcher.ts';

export interface ComplaintEmotion {
  /** 0–100 overall. */
  intensity: number;
  /** 0–100: insults, disgust, 再也不买 … */
  anger: number;
  /** 0–100: threats to complain, regulators, media, police, demands for compensation … */
  urgency: number;
  /** The cues found, in order. */
  cues: string[];
}

let lexicon: { matcher: KeywordMatcher; weight: Map<string, { w: number; kind: string }> } | undefined;

function intensityMatcher() {
  if (lexicon) return lexicon;
  const weight = new Map<string, { w: number; kind: string }>();
  for (const [term, w, kind] of readTsv('intensity.tsv'))
    if (term) weight.set(term, { w: Number(w), kind: kind! });
  lexicon = {
    matcher: buildMatcher([...weight.keys()].map((term) => ({ term, severity: 'low' as const }))),
    weight,
  };
  return lexicon;
}

const INTENSIFIERS = /太|非常|极其|极度|简直|根本|特别|超级|真的|实在/g;
const saturate = (x: number, k: number) => Math.round(100 * (1 - Math.exp(-Math.max(0, x) / k)));

/**
 * Complaint emotion of a text. `norm` is its normalised form (for the cues), `raw` the text as
 * written (exclamation marks are counted before normalisation collapses them), `probability` its
 * P(positive) from the sentiment model.
 */
export function complaintEmotion(norm: string, raw: string, probability: number): ComplaintEmotion {
  if (!norm) return { intensity: 0, anger: 0, urgency: 0, cues: [] };
  const { matcher, weight } = intensityMatcher();
  const seen = new Set<string>();
  let anger = 0;
  let urgency = 0;
  for (const m of matcher.scan(norm)) {
    if (seen.has(m.term)) continue;
    seen.add(m.term);
    const c = weight.get(m.term)!;
    if (c.kind === 'anger') anger += c.w;
    else urgency += c.w;
  }
  let bangs = 0;
  const head = raw.length > 10_000 ? raw.slice(0, 10_000) : raw;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0x21 || c === 0xff01) bangs++;
  }
  const exclamation = Math.min(15, 3 * bangs);
  const intensifiers = Math.min(8, 2 * (norm.slice(0, 10_000).match(INTENSIFIERS)?.length ?? 0));
  const negativity = 30 * (1 - probability);
  // emphasis only counts in a text that is negative or carries cues
  const emphasis = (exclamation + intensifiers) * (seen.size > 0 ? 1 : 1 - probability);
  return {
    intensity: saturate(anger + urgency + negativity + emphasis, 45),
    anger: saturate(anger + 0.5 * negativity + emphasis, 30),
    urgency: saturate(urgency, 30),
    cues: [...seen],
  };
}
