/**
 * What the content-lab (experiments) endpoints take and answer: definitions, assignment, results.
 * Types and plain constants only. `T` is how instants travel. Money in fen, dwell in ms, rates as
 * fractions (0.05 = 5 %).
 */

export const EXPERIMENT_STATUSES = ['draft', 'running', 'stopped', 'shipped', 'archived'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/** Metrics a test is read on; `score` is the operator-weighted composite of the first four. */
export const EXPERIMENT_METRICS = ['conversion', 'dwell', 'share', 'revenue', 'score'] as const;
export type ExperimentMetric = (typeof EXPERIMENT_METRICS)[number];
export const SCORE_INPUTS = ['conversion', 'dwell', 'share', 'revenue'] as const;
export type ScoreInput = (typeof SCORE_INPUTS)[number];
/** 0/1 per member: read with the z-test and the Bayesian view; the others with Welch */
export const PROPORTION_METRICS: readonly ExperimentMetric[] = ['conversion', 'share'];

/** Harm a test must not do: the share of members who unsubscribe, complain or get a refund. */
export const GUARDRAILS = ['unsubscribe', 'complaint', 'refund'] as const;
export type GuardrailMetric = (typeof GUARDRAILS)[number];

export type AssignmentReason =
  'assigned' | 'holdout' | 'layer' | 'traffic' | 'segment' | 'not_running' | 'shipped';

/** What a member is shown: any of the four fields (a level of a factor usually sets one). */
export interface ExperimentContent {
  title?: string;
  text?: string;
  imageUrl?: string;
  buttonLabel?: string;
}

/** An explicit arm; the first is the control. */
export interface ExperimentVariant {
  name: string;
  weight: number;
  content: ExperimentContent;
}

/** A level of a factor (a title, a cover, a button); the first level is the factor's reference. */
export interface ExperimentLevel {
  key: string;
  label: string;
  content: ExperimentContent;
}

export interface ExperimentFactor {
  name: string;
  levels: ExperimentLevel[];
}

export interface ExperimentMetrics {
  /** the metric a winner is called on */
  primary: ExperimentMetric;
  /** conversion, revenue, shares and guardrails count what happens this long after first exposure */
  attributionHours: number;
  /** dwell time is capped at this percentile over all units before it is averaged (heavy tail) */
  dwellWinsorize: number;
  /** weights of the composite score (normalised to sum 1) */
  weights: Partial<Record<ScoreInput, number>>;
  /** CUPED covariate: each member's orders in the 28 days before first exposure */
  covariate: 'orders_28d' | null;
  /** stop the test when an arm's rate exceeds the control's by more than `maxIncrease` (absolute) */
  guardrails: Array<{ metric: GuardrailMetric; maxIncrease: number }>;
}

/** The planning figures: base rate and units the power analysis assumed. */
export interface ExperimentPlan {
  baseRate: number | null;
  unitsPerArm: number | null;
  /** absolute minimum detectable effect on the conversion rate at α 0.05, power 0.8 */
  mde: number | null;
}

export interface ExperimentView<T = string> {
  id: string;
  key: string;
  name: string;
  hypothesis: string;
  owner: string;
  segmentKey: string | null;
  /** share of eligible members in the test */
  traffic: number;
  layer: { key: string; share: number; from: number | null; to: number | null } | null;
  design: 'variants' | 'factorial';
  variants: ExperimentVariant[] | null;
  factors: ExperimentFactor[] | null;
  /** the content id that content_view / content_share events of this test carry (null: any) */
  contentId: string | null;
  metrics: ExperimentMetrics;
  plan: ExperimentPlan;
  plannedDays: number;
  status: ExperimentStatus;
  archivedFrom: ExperimentStatus | null;
  salt: string;
  startedAt: T | null;
  stoppedAt: T | null;
  stopReason: string | null;
  shippedArm: string | null;
  shippedContent: ExperimentContent | null;
  learned: string;
  createdBy: string;
  createdAt: T;
  updatedAt: T;
  statsAt: T | null;
  units: number;
}

export interface Assignment {
  experimentKey: string;
  status: ExperimentStatus;
  /** the arm (for factorial tests: the levels joined by `|`, e.g. `T2|C1|B3`), or null */
  arm: string | null;
  levels: Record<string, string> | null;
  inExperiment: boolean;
  reason: AssignmentReason;
  /** what to show: the arm's content, else the default (the control's, or the shipped winner's) */
  content: ExperimentContent;
  contentId: string | null;
}

export interface MetricSummary {
  mean: number | null;
  variance: number | null;
}

export interface ArmResult {
  arm: string;
  control: boolean;
  weight: number;
  n: number;
  /** units the configured split expects (SRM) */
  expected: number;
  metrics: Record<ExperimentMetric, MetricSummary>;
  guardrails: Record<GuardrailMetric, number | null>;
  content: ExperimentContent | null;
}

export interface ComparisonResult {
  arm: string;
  metric: ExperimentMetric;
  test: 'z' | 'welch';
  controlMean: number | null;
  mean: number | null;
  absoluteLift: number | null;
  relativeLift: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  relativeCiLow: number | null;
  relativeCiHigh: number | null;
  pValue: number | null;
  pValueHolm: number | null;
  pValueBH: number | null;
  /** always-valid p-value of the mSPRT over the daily looks */
  pValueSequential: number | null;
  chanceToBeatControl: number | null;
  expectedLoss: number | null;
  cuped: {
    absoluteLift: number | null;
    ciLow: number | null;
    ciHigh: number | null;
    pValue: number | null;
    varianceReduction: number | null;
    theta: number | null;
  } | null;
}

/** One daily look at the primary metric (units first exposed up to that day). */
export interface LookResult {
  date: string;
  /** information fraction of the look (units so far ÷ planned units, or days ÷ planned days) */
  fraction: number | null;
  /** O'Brien–Fleming-type group-sequential boundary on |z| at this look */
  boundary: number | null;
  arms: Array<{
    arm: string;
    n: number;
    absoluteLift: number | null;
    relativeLift: number | null;
    ciLow: number | null;
    ciHigh: number | null;
    z: number | null;
    pValueSequential: number | null;
    /** always-valid confidence sequence of the absolute lift */
    sequenceLow: number | null;
    sequenceHigh: number | null;
  }>;
}

export interface GuardrailResult {
  metric: GuardrailMetric;
  maxIncrease: number;
  arm: string;
  controlRate: number | null;
  rate: number | null;
  increase: number | null;
  pValueSequential: number | null;
  breached: boolean;
}

/** A group of arms compared with one control: the test's arms, or one factor's levels. */
export interface ResultGroup {
  /** null for a test of explicit variants; the factor's name otherwise */
  factor: string | null;
  control: string;
  srm: { chi2: number | null; df: number; pValue: number | null; mismatch: boolean };
  arms: ArmResult[];
  comparisons: ComparisonResult[];
  looks: LookResult[];
  guardrails: GuardrailResult[];
  /** share of traffic Thompson sampling and its top-two variant would give each arm now (conversion) */
  allocation: Array<{ arm: string; thompson: number; topTwo: number }>;
  /** the arm to ship: best on the primary metric, Holm p < 0.05, no guardrail breached (null: none yet) */
  winner: string | null;
}

export interface FactorialEffectResult {
  factor: string;
  level: string;
  estimate: number;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
}

export interface FactorialResult {
  metric: ExperimentMetric;
  n: number;
  intercept: { estimate: number; se: number | null };
  levels: Record<string, string[]>;
  effects: FactorialEffectResult[];
  best: {
    levels: Record<string, string>;
    predicted: number;
    ciLow: number | null;
    ciHigh: number | null;
  };
  error: string | null;
}

export interface ExperimentResults<T = string> {
  experiment: ExperimentView<T>;
  /** when the sufficient statistics behind these figures were aggregated */
  asOf: T | null;
  units: number;
  /** the cap dwell time was winsorised at, ms */
  dwellCap: number | null;
  groups: ResultGroup[];
  /** main effects per metric (factorial tests only) */
  factorial: FactorialResult[] | null;
  power: { unitsPerArm: number; mde: number | null; baseRate: number | null };
  warnings: ResultWarning[];
}

/** Something to know before reading the figures; `message` in English, `code` and `params` to translate. */
export interface ResultWarning {
  code: 'srm' | 'stray_arms' | 'score_dropped' | 'no_units';
  message: string;
  params: Record<string, string | number>;
}

export interface ExperimentListItem<T = string> extends ExperimentView<T> {
  /** primary metric: the best arm's relative lift over the control, with its Holm p-value */
  headline: { arm: string; relativeLift: number | null; pValueHolm: number | null } | null;
}

export interface HitRate {
  /** the operator's conversion bar */
  bar: number;
  /** control content of finished tests: what content converted before the lab */
  before: { hits: number; total: number };
  /** shipped winners: content chosen by the lab */
  after: { hits: number; total: number };
}

export interface ExperimentSettings<T = string> {
  holdoutShare: number;
  holdoutSalt: string;
  conversionBar: number;
  updatedAt: T | null;
}

export interface PlanEstimate {
  eligibleMembers: number;
  expectedUnits: number;
  unitsPerArm: number;
  baseRate: number | null;
  /** absolute and relative MDE at α 0.05, power 0.8 */
  mde: number | null;
  relativeMde: number | null;
  /** units per arm to detect `targetMde` (when one was given) */
  unitsPerArmForTarget: number | null;
}
