import { index, integer, jsonb, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';
import { instant } from '../../platform/db/columns.ts';

/**
 * Behaviour events. The table is range-partitioned by month on `occurred_at` (see the migration and
 * activity.partitions.ts), so the primary key has to include it: a retried event carries the same id
 * and time and lands on the same key.
 */
export const events = pgTable(
  'events',
  {
    id: text('id').notNull(),
    externalId: text('external_id').notNull(),
    memberId: text('member_id').notNull(),
    type: text('type').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    receivedAt: instant('received_at').notNull().defaultNow(),
    productId: text('product_id'),
    contentId: text('content_id'),
    orderId: text('order_id'),
    dwellMs: integer('dwell_ms'),
    rating: smallint('rating'),
    text: text('text'),
    properties: jsonb('properties').notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.occurredAt] }),
    index('events_member_time_idx').on(t.memberId, t.occurredAt),
    index('events_type_time_idx').on(t.type, t.occurredAt),
  ],
);

/**
 * The id of every stored event, in one unpartitioned table. The partitioned `events` cannot enforce a
 * unique id on its own (its key must include `occurred_at`), and probing every monthly partition per
 * event gets slower with each month of history; this table's primary key answers "stored already?"
 * with one index probe, whatever the timestamp of a resend. Every writer of `events` adds the ids
 * here in the same transaction (ingest, the demo loader, restore).
 */
export const eventIds = pgTable('event_ids', {
  id: text('id').primaryKey(),
});
