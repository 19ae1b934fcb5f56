/**
 * Aspects: what a text is about, from the fixed set below, each with its own polarity where the
 * text says how it is ("菜很新鲜但是配送太慢" → freshness +1, delivery −1). The text is cut into
 * clauses at punctuation and at contrast words (但是, 不过 …); in each clause the aspect cues
 * (`lexicons/aspects.tsv`) name the aspects, and their polarity comes from the cue itself (坏, 慢,
 * 便宜), else from the clause's opinion words (`lexicons/opinion.tsv`), a negator right before a
 * word flipping it, else from an optional clause-level sentiment function.
 */
import { TEXT_ASPECTS, type TextAspect } from '@linli/contracts/text';
import { readTsv } from './lexicons.ts';
import { buildMatcher, type KeywordMatch, type KeywordMatcher } from './matcher.ts';

/** The fixed aspect set of the CLI and the API (defined with the API's types, for the console too). */
export const ASPECTS = TEXT_ASPECTS;
export type Aspect = TextAspect;
export type Polarity = -1 | 0 | 1;

/** The CLI's shape. */
export interface AspectPolarity {
  aspect: Aspect;
  polarity: Polarity;
}

interface Cue {
  kind: 'aspect' | 'opinion' | 'not';
  aspect?: Aspect;
  polarity: number;
}

let cues: { matcher: KeywordMatcher; byTerm: Map<string, Cue> } | undefined;

function cueMatcher() {
  if (cues) return cues;
  const byTerm = new Map<string, Cue>();
  for (const [term, aspect, pol] of readTsv('aspects.tsv')) {
    if (!term || !ASPECTS.includes(aspect as Aspect))
      throw new Error(`aspects.tsv: bad line ${term} ${aspect}`);
    byTerm.set(term, { kind: 'aspect', aspect: aspect as Aspect, polarity: Number(pol) });
  }
  for (const [term, pol, alone] of readTsv('opinion.tsv')) {
    if (!term || byTerm.has(term)) continue;
    byTerm.set(
      term,
      pol === 'not'
        ? { kind: 'not', polarity: Number(alone ?? 0) }
        : { kind: 'opinion', polarity: Number(pol) },
    );
  }
  const matcher = buildMatcher([...byTerm.keys()].map((term) => ({ term, severity: 'low' as const })));
  cues = { matcher, byTerm };
  return cues;
}

const CONTRAST = /(?<!不)(但是|但|可是|不过|然而|只是|就是|却)/g;
const BREAKS = /[,.!?;:，。！？；：、~…\s]+/;

/** Clauses of a normalised text: split at punctuation and whitespace, and before contrast words. */
export function clauses(norm: string): string[] {
  return norm
    .replace(CONTRAST, '\n$1')
    .split(BREAKS)
    .filter((c) => c.length > 0);
}

/** Leftmost-longest, non-overlapping. */
function resolve(matches: KeywordMatch[]): KeywordMatch[] {
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: KeywordMatch[] = [];
  let end = 0;
  for (const m of matches) {
    if (m.start < end) continue;
    out.push(m);
    end = m.end;
  }
  return out;
}

const sign = (x: number): Polarity => (x > 0 ? 1 : x < 0 ? -1 : 0);

/**
 * The aspects of a normalised text with their polarity, in order of first mention.
 * `clauseProbability`, when given, is asked for P(positive) of a clause that names an aspect
 * without saying how it is; it counts when ≥ 0.7 or ≤ 0.3.
 */
export function aspectsOfNormalized(
  norm: string,
  clauseProbability?: (clause: string) => number,
): AspectPolarity[] {
  if (!norm) return [];
  const { matcher, byTerm } = cueMatcher();
  const total = new Map<Aspect, number>();
  for (const clause of clauses(norm)) {
    const found = resolve(matcher.scan(clause));
    if (found.length === 0) continue;
    const inherent = new Map<Aspect, number>();
    let opinion = 0;
    // a negator flips the word that starts within 2 characters of its end; alone, some say "not enough"
    let negator: { until: number; alone: number } | undefined;
    for (const m of found) {
      const cue = byTerm.get(m.term)!;
      const flip = negator && m.start <= negator.until ? -1 : 1;
      if (negator && flip === 1) opinion += negator.alone;
      negator = undefined;
      if (cue.kind === 'not') negator = { until: m.end + 2, alone: cue.polarity };
      else if (cue.kind === 'opinion') opinion += flip * cue.polarity;
      else inherent.set(cue.aspect!, (inherent.get(cue.aspect!) ?? 0) + flip * cue.polarity);
    }
    if (negator) opinion += negator.alone;
    let fallback: number | undefined;
    for (const [aspect, pol] of inherent) {
      let p = sign(pol) || sign(opinion);
      if (p === 0 && clauseProbability) {
        fallback ??= clauseProbability(clause);
        p = fallback >= 0.7 ? 1 : fallback <= 0.3 ? -1 : 0;
      }
      total.set(aspect, (total.get(aspect) ?? 0) + p);
    }
  }
  return [...total].map(([aspect, sum]) => ({ aspect, polarity: sign(sum) }));
}
