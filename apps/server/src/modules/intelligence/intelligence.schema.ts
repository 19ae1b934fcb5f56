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

/** Which members carry which tag now, since when, and the values that made the rule true. */
export const memberTags = pgTable(
  'member_tags',
  {
    tagId: text('tag_id').notNull(),
    memberId: text('member_id').notNull(),
    since: instant('since').notNull(),
    version: integer('version').notNull(),
    reason: jsonb('reason').notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.tagId, t.memberId] }), index('member_tags_member_idx').on(t.memberId)],
);

/** Every entry and exit, with the rule version and the values behind it. */
export const tagChanges = pgTable(
  'tag_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tagId: text('tag_id').notNull(),
    memberId: text('member_id').notNull(),
    change: text('change').notNull(), // entered | left
    at: instant('at').notNull().defaultNow(),
    version: integer('version').notNull(),
    reason: jsonb('reason').notNull().default({}),
  },
  (t) => [
    index('tag_changes_member_idx').on(t.memberId, t.at),
    index('tag_changes_tag_idx').on(t.tagId, t.at),
  ],
);

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
