/**
 * The data model of compliance review: the twelve fixed categories, rule packs (plain data, JSON
 * serialisable, versioned) and what a scan returns.
 */

/** The fixed categories, in the order a reviewer cites them when several apply (see `PRECEDENCE`). */
export const CATEGORIES = [
  'absolute_terms',
  'medical_claims',
  'false_claims',
  'price_fraud',
  'inducement',
  'disparagement',
  'guarantee',
  'authority_endorsement',
  'minors',
  'prohibited_content',
  'personal_info',
  'superstition',
] as const;

export type Category = (typeof CATEGORIES)[number];

/**
 * Which violation comes first when two are equally severe: the more specific and more serious
 * category (a medical claim before the superlative inside it, a price claim before 全网最…).
 * Lower is first.
 */
export const PRECEDENCE: Record<Category, number> = {
  prohibited_content: 0,
  personal_info: 1,
  medical_claims: 2,
  minors: 3,
  authority_endorsement: 4,
  guarantee: 5,
  disparagement: 6,
  price_fraud: 7,
  inducement: 8,
  false_claims: 9,
  superstition: 10,
  absolute_terms: 11,
};

/** `block`: a certain violation; `review`: a likely one a person must look at. */
export type RuleSeverity = 'block' | 'review';

export const RULE_SEVERITIES: readonly RuleSeverity[] = ['block', 'review'];

/** Built-in detectors for what a pattern cannot express (checksums, digit layouts). */
export const DETECTORS = ['phone', 'id_card', 'bank_card', 'address'] as const;
export type Detector = (typeof DETECTORS)[number];

/** Where a context pattern is looked for, around a hit. */
export type Scope = 'clause' | 'sentence' | 'text';

export const SCOPES: readonly Scope[] = ['clause', 'sentence', 'text'];

/**
 * Context of a rule: what turns a matching phrase into a non-violation (or is needed to make it
 * one). Every entry is a pattern in the same language as `Rule.patterns` and is matched with the
 * same folding (spacing, full-width, traditional characters).
 */
export interface RuleContext {
  /**
   * Exception phrases: a hit that overlaps an occurrence of one of these is not a violation
   * (`第一` inside 第一次, `有机` inside 有机会).
   */
  allow?: string[];
  /**
   * Negations and disclaimers: a hit preceded within `beforeWindow` characters (same clause) by one
   * of these is not a violation (不能降血压, 并非有机).
   */
  notAfter?: string[];
  /** Characters before the hit searched for `notAfter` (default 6). */
  beforeWindow?: number;
  /** The hit counts only when one of these occurs within `scope`. */
  requires?: string[];
  /** The hit does not count when one of these occurs within `scope` (a certificate number, a basis). */
  unless?: string[];
  /** Where `requires` and `unless` are looked for (default `sentence`). */
  scope?: Scope;
}

export interface Rule {
  /** Stable identifier, unique over all packs, e.g. `abs.superlative`. */
  id: string;
  /** Pattern language (see `pattern.ts`): literals, `(a|b)`, `?`, `{list}`, `#` (a number), `~N` (a gap). */
  patterns?: string[];
  /** A built-in detector instead of (or besides) patterns. */
  detector?: Detector;
  severity: RuleSeverity;
  /** Law citation; defaults to the pack's. */
  law?: string;
  /**
   * Suggested rewrite: a replacement text, or `删除` (remove the phrase). With `strip`, the
   * suggestion is the found phrase without those parts (最新鲜 → 新鲜), this text when nothing is left.
   */
  suggestion?: string;
  /** Substrings removed from the found phrase to make the suggestion (e.g. `["最", "最为"]`). */
  strip?: string[];
  context?: RuleContext;
  /**
   * Also match pinyin and homophone spellings of the literal terms (醉新鲜, zui新鲜, 降xue压) — for
   * the worst terms only: it multiplies the automaton's size.
   */
  evasion?: boolean;
  /** Why the rule exists, for reviewers and the console's editor. */
  note?: string;
}

export interface RulePack {
  /** Pack identifier; the shipped packs use their category's name. */
  id: string;
  category: Category;
  /** Bumped on every change (`YYYY.MM.DD` or `YYYY.MM.DD-n`); reported with each scan's matcher. */
  version: string;
  title?: string;
  /** Default law citation of the rules. */
  law: string;
  /** Default suggestion of the rules. */
  suggestion?: string;
  /** Named word lists used as `{name}` in patterns. */
  lists?: Record<string, string[]>;
  rules: Rule[];
}

export interface Violation {
  category: Category;
  /** The phrase as written in the original text: `text.slice(start, end)`. */
  term: string;
  /** UTF-16 offsets into the original text, `end` exclusive. */
  start: number;
  end: number;
  severity: RuleSeverity;
  law: string;
  suggestion: string;
  ruleId: string;
}

export type Verdict = 'pass' | 'review' | 'block';

export interface ScanResult {
  verdict: Verdict;
  /** Most severe first, then by category precedence, then by position. */
  violations: Violation[];
}

/** One reason a pack was rejected. */
export interface PackProblem {
  pack: string;
  rule?: string;
  /** Where: `rules[3].patterns[1]`, `version` … */
  path: string;
  message: string;
}

export class PackError extends Error {
  readonly problems: PackProblem[];
  constructor(problems: PackProblem[]) {
    super(
      problems
        .slice(0, 5)
        .map((p) => `${p.pack}${p.rule ? ` ${p.rule}` : ''} ${p.path}: ${p.message}`)
        .join('; ') + (problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''),
    );
    this.name = 'PackError';
    this.problems = problems;
  }
}
