export {
  CATEGORIES,
  PRECEDENCE,
  RULE_SEVERITIES,
  DETECTORS,
  SCOPES,
  PackError,
  type Category,
  type Rule,
  type RuleContext,
  type RulePack,
  type RuleSeverity,
  type Detector,
  type Scope,
  type Violation,
  type Verdict,
  type ScanResult,
  type PackProblem,
} from './types.ts';
export { compile, MAX_VIOLATIONS, type ComplianceMatcher, type RuleInfo } from './matcher.ts';
export { scan, defaultMatcher } from './scan.ts';
export { RuleBook, type PutResult } from './ruleset.ts';
export { validatePack, validatePacks } from './validate.ts';
export { compilePattern, escapeTerm, isPlainTerm, PatternError, MAX_EXPANSION, MAX_GAP } from './pattern.ts';
export { defaultPacks } from './packs/index.ts';
export { lexiconPack, parseTermList, type LexiconPackOptions } from './lexicon.ts';
export { validIdNumber, luhn } from './detectors.ts';
export { spellings, SPELLINGS } from './evasion.ts';
export { complianceVersion } from './version.ts';
export { defaultChecklist, HIGH_RISK, type ChecklistItem } from './checklist.ts';
export {
  evaluate,
  evaluationReport,
  type Evaluation,
  type LabelledRow,
  type CategoryFigures,
} from './evaluate.ts';
