export { normalize, stripHtml, truncate, DEFAULT_MAX_LENGTH, type NormalizeOptions } from './normalize.ts';
export { toSimplified } from './chars.ts';
export { segment, tokenize, domainWords, DOMAIN_DICTIONARY } from './segment.ts';
export { featurize, hashString, type FeatureSpec } from './features.ts';
export {
  sentiment,
  sentimentOfNormalized,
  sentimentModel,
  sentimentScore,
  probabilityOf,
  encodeModel,
  decodeModel,
  SENTIMENT_MODEL_FILE,
  type SentimentModel,
  type SentimentHeader,
  type SentimentResult,
} from './sentiment.ts';
export { complaintEmotion, type ComplaintEmotion } from './intensity.ts';
export {
  aspectsOfNormalized,
  clauses,
  ASPECTS,
  type Aspect,
  type AspectPolarity,
  type Polarity,
} from './aspects.ts';
export {
  analyze,
  intensity,
  aspects,
  summarizeMember,
  type TextAnalysis,
  type MemberSummary,
} from './analyze.ts';
export {
  buildMatcher,
  keywordHits,
  parseLexicon,
  foldTerm,
  SEVERITIES,
  type Severity,
  type LexiconEntry,
  type KeywordMatch,
  type KeywordHit,
  type KeywordMatcher,
} from './matcher.ts';
export { defaultRiskLexicon } from './lexicons.ts';
export { splitOf, SPLIT_RULE, SPLIT_PERCENT, type Split } from './split.ts';
export { analysisVersion } from './version.ts';
