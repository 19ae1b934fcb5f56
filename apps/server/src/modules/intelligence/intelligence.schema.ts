import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
} from 'drizzle-orm/pg-core';
import { instant } from '../../platform/db/columns.ts';

/**
 * Per-member rolling aggregates of orders and events, the input of every behaviour tag: tags are
 * evaluated over this table (one row per member), never over the order history.
 */
export const memberFeatures = pgTable('member_features', {
  memberId: text('member_id').primaryKey(),
  ordersTotal: integer('orders_total').notNull().default(0),
  spendTotalFen: bigint('spend_total_fen', { mode: 'number' }).notNull().default(0),
  firstOrderAt: instant('first_order_at'),
  lastOrderAt: instant('last_order_at'),
  orders7d: integer('orders_7d').notNull().default(0),
  orders30d: integer('orders_30d').notNull().default(0),
  orders90d: integer('orders_90d').notNull().default(0),
  spend30dFen: bigint('spend_30d_fen', { mode: 'number' }).notNull().default(0),
  spend90dFen: bigint('spend_90d_fen', { mode: 'number' }).notNull().default(0),
  refundedOrders90d: integer('refunded_orders_90d').notNull().default(0),
  refundedFen90d: bigint('refunded_fen_90d', { mode: 'number' }).notNull().default(0),
  discountOrders90d: integer('discount_orders_90d').notNull().default(0),
  /** share of line spend per top-level category over 90 days, e.g. {"organic": 0.42} */
  categoryShare90d: jsonb('category_share_90d').$type<Record<string, number>>().notNull().default({}),
  /** event counts per type and window, e.g. {"share_14d": 3} */
  events: jsonb('events').$type<Record<string, number>>().notNull().default({}),
  dwellMs30d: bigint('dwell_ms_30d', { mode: 'number' }).notNull().default(0),
  avgRating90d: real('avg_rating_90d'),
  /** what the member's texts say, from text_scores, e.g. {"negative_reviews_30d": 1, "neg_delivery_90d": 2} */
  textSignals: jsonb('text_signals').$type<Record<string, number>>().notNull().default({}),
  lastActiveAt: instant('last_active_at'),
  computedAt: instant('computed_at').notNull().defaultNow(),
});

/** Tag definitions; every change of a rule is kept in tag_versions. */
export const tagDefinitions = pgTable('tag_definitions', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  kind: text('kind').notNull(), // base | behaviour | emotion | model
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionZh: text('description_zh').notNull().default(''),
  descriptionEn: text('description_en').notNull().default(''),
  rule: jsonb('rule').notNull(),
  version: integer('version').notNull().default(1),
  builtin: boolean('builtin').notNull().default(false),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: instant('created_at').notNull().defaultNow(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

export const tagVersions = pgTable(
  'tag_versions',
  {
    tagId: text('tag_id').notNull(),
    version: integer('version').notNull(),
    rule: jsonb('rule').notNull(),
    changedBy: text('changed_by').notNull(),
    at: instant('at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tagId, t.version] })],
);

/**
 * Rule-defined memberships (tags, segments) share one shape: who is in now, since when, under which
 * rule version and with which values; and a log of every entry and exit.
 */
const membershipColumns = (owner: string) => ({
  ownerId: text(owner).notNull(),
  memberId: text('member_id').notNull(),
  since: instant('since').notNull(),
  version: integer('version').notNull(),
  reason: jsonb('reason').notNull().default({}),
});

function changeLog(name: string, owner: string, ownerIndex: string) {
  return pgTable(
    name,
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      ownerId: text(owner).notNull(),
      memberId: text('member_id').notNull(),
      change: text('change').notNull(), // entered | left
      at: instant('at').notNull().defaultNow(),
      version: integer('version').notNull(),
      reason: jsonb('reason').notNull().default({}),
    },
    (t) => [index(`${name}_member_idx`).on(t.memberId, t.at), index(ownerIndex).on(t.ownerId, t.at)],
  );
}

/** Which members carry which tag now, since when, and the values that made the rule true. */
export const memberTags = pgTable('member_tags', membershipColumns('tag_id'), (t) => [
  primaryKey({ columns: [t.ownerId, t.memberId] }),
  index('member_tags_member_idx').on(t.memberId),
]);

/** Every entry and exit, with the rule version and the values behind it. */
export const tagChanges = changeLog('tag_changes', 'tag_id', 'tag_changes_tag_idx');

/** One clustering of members into personas (seed 1.1: frequency × order value × categories). */
export const personaFits = pgTable('persona_fits', {
  id: text('id').primaryKey(),
  fittedAt: instant('fitted_at').notNull().defaultNow(),
  k: integer('k').notNull(),
  silhouette: real('silhouette').notNull(),
  members: integer('members').notNull(),
  /** the feature names and the k values tried with their silhouettes */
  detail: jsonb('detail').notNull(),
  current: boolean('current').notNull().default(false),
});

export const personas = pgTable(
  'personas',
  {
    fitId: text('fit_id').notNull(),
    idx: integer('idx').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    size: integer('size').notNull(),
    /** centre in readable units: orders per week, average order value in fen, category shares */
    profile: jsonb('profile').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fitId, t.idx] })],
);

export const memberPersonas = pgTable(
  'member_personas',
  {
    memberId: text('member_id').primaryKey(),
    fitId: text('fit_id').notNull(),
    idx: integer('idx').notNull(),
    /** the member's own profile at the fit, for the frequency × order value scatter */
    ordersPerWeek: real('orders_per_week'),
    aovFen: bigint('aov_fen', { mode: 'number' }),
  },
  (t) => [index('member_personas_fit_idx').on(t.fitId, t.idx)],
);

/** Per member: BG/NBD and Gamma-Gamma forecasts, ARPU and the value quadrant (seed 2.1). */
export const memberValues = pgTable(
  'member_values',
  {
    memberId: text('member_id').primaryKey(),
    fitId: text('fit_id').notNull(),
    frequency: integer('frequency').notNull(),
    pAlive: real('p_alive').notNull(),
    expectedOrders30d: real('expected_orders_30d').notNull(),
    expectedOrders90d: real('expected_orders_90d').notNull(),
    expectedOrders365d: real('expected_orders_365d').notNull(),
    expectedSpendFen: bigint('expected_spend_fen', { mode: 'number' }).notNull(),
    clvFen: bigint('clv_fen', { mode: 'number' }).notNull(),
    arpuFen: bigint('arpu_fen', { mode: 'number' }).notNull(),
    spend12mFen: bigint('spend_12m_fen', { mode: 'number' }).notNull(),
    quadrant: text('quadrant').notNull(), // pyramid_top | value_depression | churn_warning | potential
    /** 0…1: how likely the member is to buy nothing in the next 90 days */
    churnRisk: real('churn_risk').notNull().default(0),
  },
  (t) => [index('member_values_quadrant_idx').on(t.quadrant)],
);

export const valueFits = pgTable('value_fits', {
  id: text('id').primaryKey(),
  fittedAt: instant('fitted_at').notNull().defaultNow(),
  /** model parameters, cut-offs and the per-quadrant summary */
  detail: jsonb('detail').notNull(),
  current: boolean('current').notNull().default(false),
});

/** Segments: rule-defined member groups over tags, attributes, aggregates and events. */
export const segments = pgTable('segments', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  rule: jsonb('rule').notNull(),
  /** null: every community */
  communityIds: text('community_ids').array(),
  /** share of members held out as a control group, decided by a hash so it is stable */
  holdoutShare: real('holdout_share').notNull().default(0),
  version: integer('version').notNull().default(1),
  createdBy: text('created_by').notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
  refreshedAt: instant('refreshed_at'),
  archivedAt: instant('archived_at'),
});

export const segmentMembers = pgTable(
  'segment_members',
  { ...membershipColumns('segment_id'), holdout: boolean('holdout').notNull().default(false) },
  (t) => [
    primaryKey({ columns: [t.ownerId, t.memberId] }),
    index('segment_members_member_idx').on(t.memberId),
  ],
);

export const segmentChanges = changeLog('segment_changes', 'segment_id', 'segment_changes_segment_idx');
