import { boolean, index, integer, jsonb, pgTable, real, smallint, text } from 'drizzle-orm/pg-core';
import { instant } from '../../platform/db/columns.ts';

/**
 * The analysis of every member text (reviews, complaints, UGC posts, service and group messages:
 * events with a `text`), one row per event, with the version of the model and lexicons that made it
 * so a model upgrade knows what to re-score. Aspects are also kept as bitmasks (bit i = ASPECTS[i])
 * so the explorer and the member aggregates filter on them without unpacking jsonb.
 */
export const textScores = pgTable(
  'text_scores',
  {
    eventId: text('event_id').primaryKey(),
    memberId: text('member_id').notNull(),
    /** the event type the text came with: review, complaint, ugc_post, cs_contact, group_message */
    source: text('source').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    modelVersion: text('model_version').notNull(),
    /** 1 positive, 0 negative */
    label: smallint('label').notNull(),
    /** calibrated P(positive) */
    probability: real('probability').notNull(),
    /** complaint emotion 0–100 */
    intensity: smallint('intensity').notNull(),
    /** [{aspect, polarity}] in the order the text names them */
    aspects: jsonb('aspects').notNull().default([]),
    aspectsMentioned: integer('aspects_mentioned').notNull().default(0),
    aspectsNegative: integer('aspects_negative').notNull().default(0),
    aspectsPositive: integer('aspects_positive').notNull().default(0),
    /** risk keywords found, [{term, severity}] */
    riskHits: jsonb('risk_hits').notNull().default([]),
    /** 0 none, 1 low, 2 medium, 3 high: the highest severity among the hits */
    riskLevel: smallint('risk_level').notNull().default(0),
    scoredAt: instant('scored_at').notNull().defaultNow(),
  },
  (t) => [
    index('text_scores_member_time_idx').on(t.memberId, t.occurredAt),
    index('text_scores_time_idx').on(t.occurredAt),
    index('text_scores_version_idx').on(t.modelVersion),
  ],
);

/**
 * Texts waiting to be scored. A trigger on `events` adds every event that carries a text, whoever
 * wrote it (ingest API, imports, demo, restore), in the writer's transaction: nothing can slip past
 * the scorer. The scorer removes rows in the transaction that stores their scores.
 */
export const textQueue = pgTable('text_queue', {
  eventId: text('event_id').primaryKey(),
  occurredAt: instant('occurred_at').notNull(),
  queuedAt: instant('queued_at').notNull().defaultNow(),
});

/**
 * The risk lexicon as operators edit it. Built-in terms are copied in from the shipped lexicon (and
 * kept `builtin`); a removed term is disabled, never deleted, so a mistake can be undone. Every
 * write takes the next `revision`, and matchers rebuild when the highest revision moves: an edit
 * takes effect in every process within one scoring round, without a restart.
 */
export const riskTerms = pgTable(
  'risk_terms',
  {
    id: text('id').primaryKey(),
    /** the term as the operator wrote it; matching folds width, case, traditional characters, spacing */
    term: text('term').notNull(),
    /** the folded form: one row per folded term */
    folded: text('folded').notNull().unique(),
    severity: text('severity').notNull(), // high | medium | low
    category: text('category').notNull().default(''),
    enabled: boolean('enabled').notNull().default(true),
    builtin: boolean('builtin').notNull().default(false),
    revision: integer('revision').notNull(),
    updatedBy: text('updated_by'),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [index('risk_terms_revision_idx').on(t.revision)],
);
