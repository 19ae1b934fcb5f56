import { sql } from 'drizzle-orm';
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
  smallint,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import { instant } from '../../platform/db/columns.ts';

/** One row of policy: SLA per human stage, when legal may be skipped, the high-risk categories. */
export const complianceSettings = pgTable('compliance_settings', {
  id: smallint('id').primaryKey().default(1),
  reviewSlaHours: real('review_sla_hours').notNull().default(4),
  legalSlaHours: real('legal_sla_hours').notNull().default(24),
  legalAlways: boolean('legal_always').notNull().default(false),
  highRisk: text('high_risk').array().notNull(),
  updatedBy: text('updated_by'),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/**
 * A piece of copy under review. Its text lives in immutable versions; the columns below mirror
 * where the current version stands, so queues and lists need no joins.
 */
export const complianceItems = pgTable(
  'compliance_items',
  {
    id: text('id').primaryKey(),
    /** the submitter's own id; a retried submission lands on the same row */
    clientId: text('client_id').unique(),
    type: text('type').notNull(),
    channel: text('channel').notNull(),
    title: text('title').notNull().default(''),
    productId: text('product_id'),
    campaignId: text('campaign_id'),
    authorId: text('author_id').notNull(),
    /** returned | review | legal | approved | rejected | recalled */
    status: text('status').notNull(),
    /** review | legal while waiting for one of them */
    stage: text('stage'),
    assigneeId: text('assignee_id'),
    currentVersion: integer('current_version').notNull(),
    /** the one version an approval covers; the guard compares it with the current one */
    approvedVersion: integer('approved_version'),
    /** stage 1 of the current version */
    verdict: text('verdict').notNull(),
    hitCount: integer('hit_count').notNull().default(0),
    highRisk: boolean('high_risk').notNull().default(false),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('compliance_items_status_idx').on(t.status, t.updatedAt),
    index('compliance_items_assignee_idx')
      .on(t.assigneeId)
      .where(sql`assignee_id IS NOT NULL`),
    index('compliance_items_created_idx').on(t.createdAt),
  ],
);

/** The text of each version, never changed: an edit is a new version, screened again. */
export const complianceVersions = pgTable(
  'compliance_versions',
  {
    itemId: text('item_id').notNull(),
    version: integer('version').notNull(),
    text: text('text').notNull(),
    /** sha256 of the exact text: the guard finds approved copy by it */
    textHash: text('text_hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.version] }),
    index('compliance_versions_hash_idx').on(t.textHash),
  ],
);

/** Stage 1 of a version: the hits as `@linli/compliance` reported them and the packs that found them. */
export const complianceScreenings = pgTable(
  'compliance_screenings',
  {
    itemId: text('item_id').notNull(),
    version: integer('version').notNull(),
    verdict: text('verdict').notNull(),
    hits: jsonb('hits').notNull(),
    /** `id@version` of every pack used */
    packs: text('packs').notNull(),
    /** the pack table's revision the live book was built from */
    revision: bigint('revision', { mode: 'number' }).notNull(),
    ms: real('ms').notNull(),
    screenedAt: instant('screened_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.version] }),
    index('compliance_screenings_at_idx').on(t.screenedAt),
  ],
);

/** A version waiting in (or done with) a human stage's queue: assignee and the checklist answers. */
export const complianceReviews = pgTable(
  'compliance_reviews',
  {
    itemId: text('item_id').notNull(),
    version: integer('version').notNull(),
    /** review | legal */
    stage: text('stage').notNull(),
    assigneeId: text('assignee_id'),
    assignedAt: instant('assigned_at'),
    openedAt: instant('opened_at').notNull().defaultNow(),
    closedAt: instant('closed_at'),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.version, t.stage] })],
);

/**
 * Every decision on a version: stage 1's automatic pass or return, the human stages' approve,
 * reject or return, a recall of approved copy. One per version and stage, so a retried decision
 * is answered, not repeated.
 */
export const complianceDecisions = pgTable(
  'compliance_decisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    itemId: text('item_id').notNull(),
    version: integer('version').notNull(),
    /** screen | review | legal | recall */
    stage: text('stage').notNull(),
    /** pass | approve | reject | return | recall */
    decision: text('decision').notNull(),
    reasons: text('reasons').array().notNull().default([]),
    comment: text('comment').notNull().default(''),
    checklist: jsonb('checklist').notNull().default({}),
    actorId: text('actor_id').notNull(),
    decidedAt: instant('decided_at').notNull().defaultNow(),
  },
  (t) => [
    unique('compliance_decisions_stage_key').on(t.itemId, t.version, t.stage),
    index('compliance_decisions_at_idx').on(t.decidedAt),
  ],
);

/** A reviewer's verdict on one stage-1 hit: what per-rule precision is computed from. */
export const complianceHitVerdicts = pgTable(
  'compliance_hit_verdicts',
  {
    itemId: text('item_id').notNull(),
    version: integer('version').notNull(),
    hitKey: text('hit_key').notNull(),
    ruleId: text('rule_id').notNull(),
    category: text('category').notNull(),
    term: text('term').notNull(),
    /** confirmed | overruled */
    verdict: text('verdict').notNull(),
    actorId: text('actor_id').notNull(),
    at: instant('at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.version, t.hitKey] }),
    index('compliance_hit_verdicts_rule_idx').on(t.ruleId),
  ],
);

/** A violation a reviewer found that stage 1 did not: what recall is computed from. */
export const complianceMissed = pgTable(
  'compliance_missed',
  {
    id: text('id').primaryKey(),
    itemId: text('item_id').notNull(),
    version: integer('version').notNull(),
    category: text('category').notNull(),
    term: text('term').notNull().default(''),
    note: text('note').notNull().default(''),
    actorId: text('actor_id').notNull(),
    at: instant('at').notNull().defaultNow(),
  },
  (t) => [index('compliance_missed_item_idx').on(t.itemId, t.version)],
);

/**
 * Rule packs as data, every version kept. The live pack is a pack's highest version; `revision`
 * rises with every saved version in commit order (writers take a table lock), so a process knows
 * its rule book is stale when `max(revision)` moved.
 */
export const compliancePackVersions = pgTable(
  'compliance_pack_versions',
  {
    revision: bigint('revision', { mode: 'number' }).primaryKey(),
    packId: text('pack_id').notNull(),
    version: integer('version').notNull(),
    pack: jsonb('pack').notNull(),
    /** a pack as shipped with Linli (its version string in `shipped`), not an operator's edit */
    builtin: boolean('builtin').notNull().default(false),
    shipped: text('shipped'),
    note: text('note').notNull().default(''),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [unique('compliance_pack_versions_key').on(t.packId, t.version)],
);

/** Allow-list entries per rule: each one saved a new version of its pack (`context.allow`). */
export const complianceAllowEntries = pgTable(
  'compliance_allow_entries',
  {
    id: text('id').primaryKey(),
    ruleId: text('rule_id').notNull(),
    packId: text('pack_id').notNull(),
    phrase: text('phrase').notNull(),
    packVersion: integer('pack_version').notNull(),
    itemId: text('item_id'),
    note: text('note').notNull().default(''),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('compliance_allow_rule_idx').on(t.ruleId)],
);

/** The stage-2 checklist: the twelve categories by default, and what operators add. */
export const complianceChecklist = pgTable('compliance_checklist', {
  key: text('key').primaryKey(),
  title: text('title').notNull(),
  law: text('law').notNull().default(''),
  category: text('category'),
  highRisk: boolean('high_risk').notNull().default(false),
  builtin: boolean('builtin').notNull().default(false),
  enabled: boolean('enabled').notNull().default(true),
  position: integer('position').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
});
