export {
  LEVELS,
  CATEGORIES,
  REASONS,
  LEVEL_LABELS,
  CATEGORY_LABELS,
  REASON_LABELS,
  REASON_LEVEL,
  MAX_EVIDENCE,
  type Level,
  type Category,
  type Reason,
  type Label,
  type Evidence,
  type TriageContext,
  type TriageResult,
} from './types.ts';
export { triage, prepareTriage } from './triage.ts';
export { triageVersion } from './version.ts';
export { numberValue } from './numbers.ts';
export { cueTerms, GROUPS, type CueKind, type CueSpec, type CueTerm } from './lexicon/index.ts';
export {
  evaluate,
  evaluationReport,
  type Evaluation,
  type LabelledMessage,
  type LevelFigures,
} from './evaluate.ts';
