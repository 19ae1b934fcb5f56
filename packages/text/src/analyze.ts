/**
 * One call per text for the server and the CLI: normalise once, segment once, then sentiment,
 * complaint intensity and aspects; and a per-member roll-up of many analyses.
 */
import { aspectsOfNormalized, type Aspect, type AspectPolarity } from './aspects.ts';
import { complaintEmotion } from './intensity.ts';
import { normalize } from './normalize.ts';
import { segment } from './segment.ts';
import { sentimentModel, sentimentOfNormalized, type SentimentModel } from './sentiment.ts';

/** Exactly what the CLI prints per text. */
export interface TextAnalysis {
  label: 0 | 1;
  probability: number;
  intensity: number;
  aspects: AspectPolarity[];
}

/** Sentiment (label, calibrated P(positive)), complaint intensity 0–100 and aspects with polarity. */
export function analyze(text: string, model: SentimentModel = sentimentModel()): TextAnalysis {
  const raw = typeof text === 'string' ? text : '';
  const norm = normalize(raw);
  const { label, probability } = sentimentOfNormalized(norm, segment(norm), model);
  const { intensity } = complaintEmotion(norm, raw, probability);
  const aspects = aspectsOfNormalized(
    norm,
    (clause) => sentimentOfNormalized(clause, segment(clause), model).probability,
  );
  return { label, probability, intensity, aspects };
}

/** Intensity 0–100 of a text as written (sentiment computed on the way). */
export function intensity(text: string, model: SentimentModel = sentimentModel()): number {
  const raw = typeof text === 'string' ? text : '';
  const norm = normalize(raw);
  return complaintEmotion(norm, raw, sentimentOfNormalized(norm, segment(norm), model).probability).intensity;
}

/** Aspects with polarity of a text as written. */
export function aspects(text: string, model: SentimentModel = sentimentModel()): AspectPolarity[] {
  return aspectsOfNormalized(
    normalize(text),
    (clause) => sentimentOfNormalized(clause, segment(clause), model).probability,
  );
}

export interface MemberSummary {
  texts: number;
  /** Share of texts labelled negative. */
  negativeShare: number;
  /** Mean calibrated P(positive). */
  meanProbability: number;
  meanIntensity: number;
  maxIntensity: number;
  /** Per aspect mentioned: how many texts were positive, neutral and negative about it. */
  aspects: Array<{ aspect: Aspect; positive: number; neutral: number; negative: number }>;
}

/** How a member feels overall and about what, from the analyses of their texts. */
export function summarizeMember(analyses: readonly TextAnalysis[]): MemberSummary {
  const n = analyses.length;
  const byAspect = new Map<Aspect, { positive: number; neutral: number; negative: number }>();
  let neg = 0;
  let prob = 0;
  let sumIntensity = 0;
  let maxIntensity = 0;
  for (const a of analyses) {
    if (a.label === 0) neg++;
    prob += a.probability;
    sumIntensity += a.intensity;
    maxIntensity = Math.max(maxIntensity, a.intensity);
    for (const { aspect, polarity } of a.aspects) {
      let c = byAspect.get(aspect);
      if (!c) byAspect.set(aspect, (c = { positive: 0, neutral: 0, negative: 0 }));
      if (polarity > 0) c.positive++;
      else if (polarity < 0) c.negative++;
      else c.neutral++;
    }
  }
  return {
    texts: n,
    negativeShare: n ? neg / n : 0,
    meanProbability: n ? prob / n : 0.5,
    meanIntensity: n ? sumIntensity / n : 0,
    maxIntensity,
    aspects: [...byAspect].map(([aspect, c]) => ({ aspect, ...c })),
  };
}
