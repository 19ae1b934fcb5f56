/**
 * What the text-intelligence endpoints answer: scored member texts, the negative-share trend per
 * aspect, the scoring status and the risk lexicon. Types only. `T` is how instants travel.
 */

export const TEXT_ASPECTS = [
  'freshness',
  'quantity',
  'delivery',
  'price',
  'service',
  'food_safety',
  'packaging',
] as const;
export type TextAspect = (typeof TEXT_ASPECTS)[number];

export type RiskSeverity = 'high' | 'medium' | 'low';

/** One scored text as the explorer lists it. */
export interface TextItem<T = string> {
  eventId: string;
  memberId: string;
  nickname: string | null;
  communityId: string | null;
  /** the event type it came with: review, complaint, ugc_post, cs_contact, group_message */
  source: string;
  occurredAt: T;
  /** plain text as written (at most 2,000 characters here); never to be rendered as HTML */
  text: string;
  /** stars of a review, when given */
  rating: number | null;
  label: 0 | 1;
  probability: number;
  intensity: number;
  aspects: Array<{ aspect: TextAspect; polarity: -1 | 0 | 1 }>;
  riskHits: Array<{ term: string; severity: RiskSeverity }>;
  modelVersion: string;
}

export interface TextPage<T = string> {
  items: TextItem<T>[];
  nextCursor: string | null;
}

/** GET /api/v1/texts/trend: per week, texts and negatives, and per aspect mentions and negatives. */
export interface TextTrend {
  weeks: Array<{
    week: string;
    texts: number;
    negative: number;
    aspects: Record<TextAspect, { mentioned: number; negative: number }>;
  }>;
  totals: {
    texts: number;
    negative: number;
    aspects: Record<TextAspect, { mentioned: number; negative: number }>;
  };
}

export interface TextStatus {
  modelVersion: string;
  scored: number;
  current: number;
  outdated: number;
  queued: number;
}

export interface TextAnalysisResult {
  label: 0 | 1;
  probability: number;
  intensity: number;
  aspects: Array<{ aspect: TextAspect; polarity: -1 | 0 | 1 }>;
  riskHits: Array<{ term: string; severity: RiskSeverity }>;
}

export interface RiskTermRow<T = string> {
  id: string;
  term: string;
  severity: RiskSeverity;
  category: string;
  enabled: boolean;
  builtin: boolean;
  revision: number;
  updatedBy: string | null;
  updatedAt: T;
}
