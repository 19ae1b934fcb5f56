import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, real, smallint, text } from 'drizzle-orm/pg-core';
import { instant } from '../../platform/db/columns.ts';

/**
 * One row of lab-wide settings: the global holdout (members whose holdout hash falls below the share
 * see no experiment at all) and the conversion bar behind the archive's hit rate. Read with
 * defaults when the row is missing.
 */
export const experimentSettings = pgTable('experiment_settings', {
  id: smallint('id').primaryKey().default(1),
  holdoutShare: real('holdout_share').notNull().default(0),
  holdoutSalt: text('holdout_salt').notNull().default('linli'),
  conversionBar: real('conversion_bar').notNull().default(0.05),
  updatedBy: text('updated_by'),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/**
 * A layer of mutually exclusive tests: members are spread over the layer's 10,000 buckets by its
 * own salted hash, and each running test of the layer owns a disjoint range of them.
 */
export const experimentLayers = pgTable('experiment_layers', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  salt: text('salt').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
});

/** A test of content: its arms (variants, or factors with levels), audience, metrics and lifecycle. */
export const experiments = pgTable(
  'experiments',
  {
    id: text('id').primaryKey(),
    key: text('key').notNull().unique(),
    name: text('name').notNull(),
    hypothesis: text('hypothesis').notNull().default(''),
    owner: text('owner').notNull().default(''),
    /** only members of this segment take part (null: everyone) */
    segmentKey: text('segment_key'),
    traffic: real('traffic').notNull(),
    layerKey: text('layer_key'),
    /** share of the layer the test asks for; its bucket range is given at start */
    layerShare: real('layer_share'),
    layerFrom: integer('layer_from'),
    layerTo: integer('layer_to'),
    /** variants | factorial */
    design: text('design').notNull(),
    variants: jsonb('variants'),
    factors: jsonb('factors'),
    contentId: text('content_id'),
    metrics: jsonb('metrics').notNull(),
    plan: jsonb('plan').notNull().default({}),
    plannedDays: integer('planned_days').notNull(),
    /** draft | running | stopped | shipped | archived */
    status: text('status').notNull(),
    /** the status an archived test had, which a restore gives back */
    archivedFrom: text('archived_from'),
    /** part of the assignment hash: fixed for the life of the test */
    salt: text('salt').notNull(),
    startedAt: instant('started_at'),
    stoppedAt: instant('stopped_at'),
    stopReason: text('stop_reason'),
    shippedArm: text('shipped_arm'),
    learned: text('learned').notNull().default(''),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
    /** when experiment_stats were last aggregated, and what that pass found (dwell cap, …) */
    statsAt: instant('stats_at'),
    statsMeta: jsonb('stats_meta').notNull().default({}),
  },
  (t) => [
    index('experiments_status_idx').on(t.status),
    index('experiments_layer_idx')
      .on(t.layerKey)
      .where(sql`layer_key IS NOT NULL`),
  ],
);

/**
 * Who was shown a test, in which arm and when first: one row per member, written once (a repeated
 * exposure changes nothing). Assignment is a pure hash, so the arm never changes while a test runs.
 */
export const experimentExposures = pgTable(
  'experiment_exposures',
  {
    experimentId: text('experiment_id').notNull(),
    memberId: text('member_id').notNull(),
    arm: text('arm').notNull(),
    firstAt: instant('first_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.memberId] })],
);

/**
 * Sufficient statistics per arm and Shanghai day of first exposure: unit count and the sums,
 * squares and cross products every result is computed from (see stats.repo.ts for the keys).
 * Rebuilt whole by each refresh, never patched.
 */
export const experimentStats = pgTable(
  'experiment_stats',
  {
    experimentId: text('experiment_id').notNull(),
    arm: text('arm').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    n: integer('n').notNull(),
    sums: jsonb('sums').notNull(),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.arm, t.day] })],
);
