import { z } from 'zod';

/**
 * What the compliance-review endpoints take and answer: content items and their versions, the
 * three stages (automatic screen, human review with the checklist, legal sign-off), per-hit
 * verdicts, rule packs, the dashboard. `T` is how instants travel (ISO strings over HTTP).
 */

/** The fixed categories of `@linli/compliance` (the server checks the two lists are the same). */
export const COMPLIANCE_CATEGORIES = [
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
export type ComplianceCategory = (typeof COMPLIANCE_CATEGORIES)[number];

export const CONTENT_TYPES = [
  'push',
  'poster',
  'product_description',
  'video_script',
  'leader_group_message',
  'ugc',
] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

/** Where the copy will be shown; the guard checks an approval for the channel it was given for. */
export const CONTENT_CHANNELS = [
  'app_push',
  'sms',
  'wechat_group',
  'wecom',
  'mini_program',
  'h5',
  'video',
  'offline',
] as const;
export type ContentChannel = (typeof CONTENT_CHANNELS)[number];

/**
 * Where an item stands: `returned` to its author (stage 1 blocked it, or a reviewer sent it back),
 * waiting for the human `review` (stage 2) or the `legal` sign-off (stage 3), `approved` (its
 * current version only), `rejected` for good, or `recalled` (approved, then found violating).
 */
export const ITEM_STATUSES = ['returned', 'review', 'legal', 'approved', 'rejected', 'recalled'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** The two human stages that have a queue, an assignee and an SLA clock. */
export const REVIEW_STAGES = ['review', 'legal'] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];

export const DECISIONS = ['approve', 'reject', 'return'] as const;
export type Decision = (typeof DECISIONS)[number];

export const HIT_VERDICTS = ['confirmed', 'overruled'] as const;
export type HitVerdict = (typeof HIT_VERDICTS)[number];

/** A checklist answer: `concern` on a high-risk item sends the copy to legal; `violation` stops approval. */
export const CHECK_ANSWERS = ['ok', 'concern', 'violation', 'na'] as const;
export type CheckAnswer = (typeof CHECK_ANSWERS)[number];

const id = z.string().trim().min(1).max(128);
/** Copy is kept whole up to 200,000 characters (100 KB of text and more); longer is refused. */
export const MAX_COPY_CHARS = 200_000;
const copy = z.string().max(MAX_COPY_CHARS);

export const submitInput = z.object({
  /** the client's own id: sending the same item again answers the stored one */
  clientId: z.string().trim().min(1).max(128).optional(),
  type: z.enum(CONTENT_TYPES),
  channel: z.enum(CONTENT_CHANNELS),
  title: z.string().trim().max(200).default(''),
  text: copy.refine((t) => t.trim() !== '', 'the copy is empty'),
  productId: id.nullable().optional(),
  campaignId: id.nullable().optional(),
});
export type SubmitInput = z.input<typeof submitInput>;

export const editInput = z.object({
  text: copy.refine((t) => t.trim() !== '', 'the copy is empty'),
  /** the version the author edited: an edit of an older one is refused (someone else edited) */
  baseVersion: z.number().int().min(1),
});

export const decideInput = z.object({
  version: z.number().int().min(1),
  stage: z.enum(REVIEW_STAGES),
  decision: z.enum(DECISIONS),
  /** why: checklist categories or free words; a return or reject needs a reason or a comment */
  reasons: z.array(z.string().trim().min(1).max(200)).max(30).default([]),
  comment: z.string().trim().max(4000).default(''),
  /** stage 2: an answer per checklist item key */
  checklist: z.record(z.string().max(64), z.enum(CHECK_ANSWERS)).default({}),
  /** stage 2: ask for the legal sign-off even when policy would skip it */
  needsLegal: z.boolean().default(false),
});
export type DecideInput = z.input<typeof decideInput>;

export const verdictsInput = z.object({
  version: z.number().int().min(1),
  verdicts: z
    .array(z.object({ hit: z.string().min(1).max(200), verdict: z.enum(HIT_VERDICTS).nullable() }))
    .min(1)
    .max(200),
});

export const missedInput = z.object({
  version: z.number().int().min(1),
  category: z.enum(COMPLIANCE_CATEGORIES),
  term: z.string().trim().max(200).default(''),
  note: z.string().trim().max(2000).default(''),
});

export const recallInput = z.object({
  category: z.enum(COMPLIANCE_CATEGORIES),
  reason: z.string().trim().min(1).max(2000),
});

export const allowInput = z.object({
  ruleId: z.string().trim().min(1).max(128),
  /** the phrase that is not a violation (matched like a pattern literal: spacing and width folded) */
  phrase: z.string().trim().min(1).max(100),
  itemId: id.optional(),
  note: z.string().trim().max(500).default(''),
});

export const checklistInput = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,63}$/, 'lower-case letters, digits and _ (2–64)'),
  title: z.string().trim().min(1).max(200),
  law: z.string().trim().max(500).default(''),
  highRisk: z.boolean().default(false),
});

export const settingsInput = z.object({
  reviewSlaHours: z
    .number()
    .gt(0)
    .max(24 * 30),
  legalSlaHours: z
    .number()
    .gt(0)
    .max(24 * 30),
  /** true: every item goes to legal; false: only those with a high-risk finding */
  legalAlways: z.boolean(),
  highRisk: z.array(z.enum(COMPLIANCE_CATEGORIES)).max(12),
});
export type ComplianceSettings = z.infer<typeof settingsInput>;

/** One stage-1 hit, as `@linli/compliance` reports it, with its key and the reviewers' verdict. */
export interface ComplianceHit {
  /** `ruleId@start-end`: stable for a version, what verdicts refer to */
  key: string;
  category: ComplianceCategory;
  term: string;
  start: number;
  end: number;
  severity: 'block' | 'review';
  law: string;
  suggestion: string;
  ruleId: string;
  highRisk: boolean;
  verdict: HitVerdict | null;
}

export interface ScanAnswer {
  verdict: 'pass' | 'review' | 'block';
  hits: Array<Omit<ComplianceHit, 'key' | 'verdict'>>;
  /** `id@version` of the live packs */
  packs: string;
  ms: number;
}

export interface ComplianceItem<T = string> {
  id: string;
  clientId: string | null;
  type: ContentType;
  channel: ContentChannel;
  title: string;
  productId: string | null;
  campaignId: string | null;
  author: string;
  status: ItemStatus;
  /** the stage waiting (review | legal) when the status is one of them */
  stage: ReviewStage | null;
  assignee: string | null;
  currentVersion: number;
  approvedVersion: number | null;
  verdict: 'pass' | 'review' | 'block';
  hits: number;
  highRisk: boolean;
  /** the open stage's SLA: when it is due and which marks it passed */
  dueAt: T | null;
  slaStartedAt: T | null;
  preview: string;
  createdAt: T;
  updatedAt: T;
}

export interface ItemPage<T = string> {
  items: Array<ComplianceItem<T>>;
  nextCursor: string | null;
  total: number;
}

export interface ComplianceVersion<T = string> {
  version: number;
  text: string;
  createdBy: string;
  createdAt: T;
  verdict: 'pass' | 'review' | 'block';
  packs: string;
  hits: ComplianceHit[];
}

export interface ComplianceDecisionView<T = string> {
  version: number;
  stage: 'screen' | ReviewStage | 'recall';
  decision: Decision | 'pass' | 'recall';
  reasons: string[];
  comment: string;
  checklist: Record<string, CheckAnswer>;
  actor: string;
  at: T;
}

export interface MissedMark<T = string> {
  id: string;
  version: number;
  category: ComplianceCategory;
  term: string;
  note: string;
  actor: string;
  at: T;
}

export interface TimelineEntry<T = string> {
  at: T;
  /** submitted | edited | <stage>.<decision> | <stage>.assigned | missed | sla.50 | sla.80 | sla.breach */
  kind: string;
  version: number | null;
  actor: string | null;
  /** category codes and `legal:<reason>` codes (see `legal.reasons`) */
  reasons: string[];
  /** a comment, the marked words, or the stage of an SLA mark */
  detail: string;
}

export interface ChecklistEntry {
  key: string;
  title: string;
  law: string;
  category: ComplianceCategory | null;
  highRisk: boolean;
  builtin: boolean;
  enabled: boolean;
}

export interface ComplianceItemDetail<T = string> {
  item: ComplianceItem<T>;
  versions: Array<ComplianceVersion<T>>;
  decisions: Array<ComplianceDecisionView<T>>;
  missed: Array<MissedMark<T>>;
  timeline: Array<TimelineEntry<T>>;
  /**
   * whether stage 3 is needed for the current version, and why: `policy`,
   * `hit:<category>:<terms>`, `concern:<checklist key>`, `asked`
   */
  legal: { required: boolean; reasons: string[] };
  checklist: ChecklistEntry[];
  /** what the caller may do now */
  can: { edit: boolean; claim: ReviewStage | null; decide: ReviewStage | null; recall: boolean };
}

export interface PackSummary<T = string> {
  id: string;
  category: ComplianceCategory;
  title: string;
  law: string;
  version: number;
  rules: number;
  builtin: boolean;
  updatedBy: string | null;
  updatedAt: T;
}

export interface PackProblemView {
  pack: string;
  rule?: string;
  path: string;
  message: string;
}

export interface RuleStat {
  ruleId: string;
  category: ComplianceCategory;
  hits: number;
  confirmed: number;
  overruled: number;
  /** confirmed / (confirmed + overruled); null before any verdict */
  precision: number | null;
  /** the phrases reviewers overruled most (candidates for the allow-list) */
  falsePositives: Array<{ term: string; count: number }>;
}

export interface CategoryRecall {
  category: ComplianceCategory;
  confirmed: number;
  missed: number;
  /** confirmed / (confirmed + missed by hand); null before any */
  recall: number | null;
}

export interface ComplianceDashboard {
  from: string;
  to: string;
  items: number;
  versions: number;
  /** stage 1 flagged (review or block) among screened versions */
  flaggedRate: number | null;
  /** among versions found violating (by stage 1, a reviewer or legal), the share stage 1 flagged */
  interceptionRate: number | null;
  blockedAtScreen: number;
  returned: number;
  rejected: number;
  approved: number;
  recalled: number;
  weeks: Array<{
    week: string;
    items: number;
    flagged: number;
    approved: number;
    recalled: number;
    /** approvals later recalled as violations / approvals of the week */
    violationRate: number | null;
  }>;
  sla: Array<{
    stage: ReviewStage;
    hours: number;
    done: number;
    onTime: number;
    open: number;
    overdue: number;
    attainment: number | null;
  }>;
  topRules: Array<{ ruleId: string; category: ComplianceCategory; hits: number; precision: number | null }>;
}
