/**
 * What the member-insight endpoints answer: tags, segments, personas, the value quadrant and the
 * CLV validation. Types only (no runtime code), so the console can import them for free.
 * `T` is how instants travel: ISO strings over HTTP.
 */

export type Kind = 'base' | 'behaviour' | 'emotion' | 'model';

/** A rule as stored and edited; `tag` leaves are allowed in segments only. */
export type RuleNode =
  | { all: RuleNode[] }
  | { any: RuleNode[] }
  | { not: RuleNode }
  | {
      field: string;
      key?: string;
      op: string;
      value?: number | string | boolean | (number | string | boolean)[];
    }
  | { event: string; windowDays: number; op: string; value: number | number[] }
  | { tag: string; has: boolean };

/** GET /api/v1/tags/fields: everything a rule editor offers. */
export interface RuleVocabulary {
  fields: {
    name: string;
    type: 'number' | 'text' | 'bool' | 'map';
    labelZh: string;
    labelEn: string;
    unit?: 'fen' | 'days' | 'ms' | 'share' | 'years' | 'stars';
    /** the values a text field takes, or the keys of a map field, with names where known */
    options?: { value: string; labelZh: string; labelEn: string }[];
  }[];
  events: { type: string; labelZh: string; labelEn: string }[];
  windows: number[];
  /** comparators per field type; events take the `number` list */
  comparators: Record<'number' | 'text' | 'bool' | 'map', string[]>;
}

export interface TagSummary<T = string> {
  id: string;
  key: string;
  kind: Kind;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  rule: RuleNode;
  version: number;
  builtin: boolean;
  enabled: boolean;
  members: number;
  /** members / all members */
  coverage: number;
  entered7d: number;
  left7d: number;
  updatedAt: T;
}

/** GET /api/v1/tags */
export interface TagList<T = string> {
  totalMembers: number;
  items: TagSummary<T>[];
}

/** GET /api/v1/tags/:key */
export interface TagDetail<T = string> {
  tag: TagSummary<T>;
  versions: { version: number; rule: RuleNode; changedBy: string; at: T }[];
  /** per Shanghai day, last 30 days: entries, exits and members at the end of the day */
  trend: { day: string; entered: number; left: number; members: number }[];
  byCommunity: { communityId: string | null; name: string | null; members: number }[];
  byQuadrant: { quadrant: string | null; nameZh: string; nameEn: string; members: number }[];
  /** for each numeric value the rule reads: a 10-bucket histogram over the tagged members */
  histograms: { name: string; buckets: { from: number; to: number; members: number }[] }[];
}

/** One member in a tag's or segment's member list (GET …/members, cursor pagination). */
export interface MemberRow<T = string> {
  memberId: string;
  nickname: string | null;
  /** masked */
  phone: string | null;
  communityId: string | null;
  since: T;
  /** tags: the values that made the rule true; segments: whether the member is held out */
  reason?: Record<string, unknown>;
  holdout?: boolean;
}

export interface Page<R> {
  items: R[];
  nextCursor: string | null;
}

/** POST /api/v1/tags/preview and /api/v1/segments/preview: the live count while editing. */
export interface RulePreview {
  members: number;
  /** of all members (within the chosen communities for segments) */
  share: number;
}

export interface SegmentView<T = string> {
  id: string;
  key: string;
  name: string;
  description: string;
  rule: RuleNode;
  /** null: every community */
  communityIds: string[] | null;
  /** share of members held out as the control group, 0…0.5 */
  holdoutShare: number;
  version: number;
  members: number;
  holdout: number;
  refreshedAt: T | null;
  createdBy: string;
  updatedAt: T;
  /** set when archived (restorable) */
  archivedAt: T | null;
}

/** POST /api/v1/segments and PUT /api/v1/segments/:key */
export interface SegmentInput {
  key: string;
  name: string;
  description?: string;
  rule: RuleNode;
  communityIds?: string[] | null;
  holdoutShare?: number;
}

/** GET /api/v1/personas/points: a sample of members for the frequency × AOV scatter. */
export interface PersonaPoints {
  points: { memberId: string; idx: number; ordersPerWeek: number; aovFen: number }[];
  total: number;
}

/** GET /api/v1/values/points: a sample of members for the ARPU × CLV scatter, with the cut lines. */
export interface ValuePoints {
  points: {
    memberId: string;
    quadrant: string;
    arpuFen: number;
    clvFen: number;
    pAlive: number;
    churnRisk: number;
  }[];
  total: number;
  /** where the quadrant lines are drawn, in fen */
  lines: { lowArpuFen: number; highClvFen: number; topClvFen: number };
}

/** GET /api/v1/values/validation: the model checked on a held-out time split of our own orders. */
export interface ClvValidation<T = string> {
  computedAt: T;
  calibrationEnd: string;
  holdoutEnd: string;
  holdoutWeeks: number;
  customers: number;
  params: { r: number; alpha: number; a: number; b: number };
  /** expected vs actual repeat purchases in the holdout period, all customers */
  aggregate: { predicted: number; actual: number; errorShare: number };
  /** totals (not means) per number of repeat purchases in calibration (0, 1, …, 6, "7+") */
  byFrequency: { frequency: string; customers: number; predicted: number; actual: number }[];
  /** cumulative repeat purchases per week over calibration and holdout */
  weekly: { week: number; predicted: number; actual: number }[];
  /** weeks from the cohort's first purchase to the calibration end (where the holdout starts) */
  calibrationWeek: number;
  /** churn warning measured on the same split: churned = no purchase in the holdout period */
  churn: {
    threshold: number;
    precision: number;
    recall: number;
    auc: number;
    baseRate: number;
    flagged: number;
  };
}
