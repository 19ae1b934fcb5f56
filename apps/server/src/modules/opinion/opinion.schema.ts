import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { instant } from '../../platform/db/columns.ts';

/**
 * One row of response settings: the scale rule, the grouping window, the SLA minutes per level, the
 * operations WeCom robot and the on-call executive. Read with defaults when the row is missing.
 */
export const opinionSettings = pgTable('opinion_settings', {
  id: smallint('id').primaryKey().default(1),
  scaleHouseholds: integer('scale_households').notNull().default(10),
  scaleWindowHours: integer('scale_window_hours').notNull().default(24),
  groupWindowHours: integer('group_window_hours').notNull().default(24),
  ackMinutes: integer('ack_minutes').notNull().default(15),
  resolveMinutes: integer('resolve_minutes').notNull().default(120),
  closeMinutes: integer('close_minutes').notNull().default(1440),
  /** overrides LINLI_WECOM_WEBHOOK_URL when set */
  wecomWebhookUrl: text('wecom_webhook_url'),
  oncallExecutive: text('oncall_executive'),
  updatedBy: text('updated_by'),
  updatedAt: instant('updated_at'),
});

/** The HMAC secret of each webhook source, encrypted with the data key like phone numbers. */
export const opinionWebhookSecrets = pgTable('opinion_webhook_secrets', {
  source: text('source').primaryKey(),
  secretEnc: text('secret_enc').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/**
 * Every message taken in, with its triage and the version of the triage that made it. The id is
 * derived from (source, external id) when the client sends one, so a retry lands on the same row.
 * `text_hash` is the folded text, for floods of the same message.
 */
export const opinionMessages = pgTable(
  'opinion_messages',
  {
    id: text('id').primaryKey(),
    source: text('source').notNull(),
    externalId: text('external_id'),
    text: text('text').notNull(),
    textHash: text('text_hash').notNull(),
    memberId: text('member_id'),
    orderId: text('order_id'),
    productId: text('product_id'),
    sku: text('sku'),
    batch: text('batch'),
    pickupPointId: text('pickup_point_id'),
    communityId: text('community_id'),
    threadId: text('thread_id'),
    receivedAt: instant('received_at').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    level: smallint('level').notNull(),
    category: text('category'),
    reasons: jsonb('reasons').notNull().default([]),
    /** [{reason, start, end}]: the spans of the text behind the reasons */
    evidence: jsonb('evidence').notNull().default([]),
    triageVersion: text('triage_version').notNull(),
    incidentId: text('incident_id'),
  },
  (t) => [
    index('opinion_messages_incident_idx').on(t.incidentId, t.receivedAt),
    index('opinion_messages_received_idx').on(t.receivedAt),
    index('opinion_messages_member_idx').on(t.memberId),
    index('opinion_messages_hash_idx').on(t.textHash, t.receivedAt),
    // the scale rule counts households per SKU and per pickup point over a window
    index('opinion_messages_product_idx')
      .on(t.productId, t.receivedAt)
      .where(sql`product_id IS NOT NULL AND level > 0`),
    index('opinion_messages_point_idx')
      .on(t.pickupPointId, t.receivedAt)
      .where(sql`pickup_point_id IS NOT NULL AND level > 0`),
  ],
);

/**
 * A group of messages about one thing, with an owner, a level (the highest of its messages, raised
 * by scale and by escalation), a category, and where it stands. The group keys are those of its
 * first messages; `sla_due_at` mirrors the running clock so the board sorts without a join.
 */
export const opinionIncidents = pgTable(
  'opinion_incidents',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    level: smallint('level').notNull(),
    messageLevel: smallint('message_level').notNull(),
    category: text('category'),
    /** open | acknowledged | resolved */
    status: text('status').notNull(),
    /** leader | operator | customer_service | executive: who the level's SLA belongs to */
    ownerRole: text('owner_role').notNull(),
    ownerId: text('owner_id'),
    ownerName: text('owner_name'),
    memberId: text('member_id'),
    orderId: text('order_id'),
    productId: text('product_id'),
    sku: text('sku'),
    batch: text('batch'),
    pickupPointId: text('pickup_point_id'),
    communityId: text('community_id'),
    threadId: text('thread_id'),
    textHash: text('text_hash'),
    messageCount: integer('message_count').notNull().default(0),
    households: integer('households').notNull().default(0),
    escalations: integer('escalations').notNull().default(0),
    openedAt: instant('opened_at').notNull(),
    lastMessageAt: instant('last_message_at').notNull(),
    acknowledgedAt: instant('acknowledged_at'),
    resolvedAt: instant('resolved_at'),
    resolutionCode: text('resolution_code'),
    resolutionNote: text('resolution_note'),
    slaClock: text('sla_clock'),
    slaDueAt: instant('sla_due_at'),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => {
    // grouping looks for an open incident by each of its keys, once per message
    const open = sql`status <> 'resolved'`;
    return [
      index('opinion_incidents_status_idx').on(t.status, t.level),
      index('opinion_incidents_opened_idx').on(t.openedAt),
      index('opinion_incidents_owner_idx').on(t.ownerId),
      index('opinion_incidents_open_thread_idx').on(t.threadId).where(open),
      index('opinion_incidents_open_order_idx').on(t.orderId).where(open),
      index('opinion_incidents_open_hash_idx').on(t.textHash, t.lastMessageAt).where(open),
      index('opinion_incidents_open_product_idx').on(t.productId, t.lastMessageAt).where(open),
      index('opinion_incidents_open_point_idx').on(t.pickupPointId, t.category, t.lastMessageAt).where(open),
    ];
  },
);

/** Every action on an incident, in order: who, what, when (the audit log has the same writes). */
export const opinionTimeline = pgTable(
  'opinion_timeline',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: text('incident_id').notNull(),
    at: instant('at').notNull(),
    kind: text('kind').notNull(),
    actor: text('actor').notNull(),
    detail: jsonb('detail').notNull().default({}),
  },
  (t) => [index('opinion_timeline_incident_idx').on(t.incidentId, t.at)],
);

/** Refunds and compensation given for an incident, against the order they concern (integer fen). */
export const opinionRemedies = pgTable(
  'opinion_remedies',
  {
    id: text('id').primaryKey(),
    incidentId: text('incident_id').notNull(),
    kind: text('kind').notNull(),
    orderId: text('order_id'),
    memberId: text('member_id'),
    amountFen: integer('amount_fen').notNull(),
    note: text('note').notNull().default(''),
    by: text('by').notNull(),
    at: instant('at').notNull(),
  },
  (t) => [
    index('opinion_remedies_incident_idx').on(t.incidentId),
    index('opinion_remedies_order_idx').on(t.orderId),
  ],
);

/**
 * SLA marks this module has acted on (escalation, notifications). The platform records a mark once;
 * this row, written in the transaction of the action, makes the action happen once too, and lets a
 * later sweep find a mark whose action a crash interrupted.
 */
export const opinionSlaActions = pgTable(
  'opinion_sla_actions',
  {
    subject: text('subject').notNull(),
    clock: text('clock').notNull(),
    mark: text('mark').notNull(),
    at: instant('at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.subject, t.clock, t.mark] })],
);

/**
 * Notifications: the console list, messages to named people, and an outbox for the WeCom robot
 * (delivered by the worker with retries). `dedupe_key` makes each notice exist once.
 */
export const opinionNotifications = pgTable(
  'opinion_notifications',
  {
    id: text('id').primaryKey(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    at: instant('at').notNull(),
    kind: text('kind').notNull(),
    incidentId: text('incident_id'),
    level: smallint('level').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** console | wecom | user */
    channel: text('channel').notNull(),
    recipient: text('recipient'),
    /** pending | sent | failed (wecom); console and user notices are sent when written */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at'),
    lastError: text('last_error'),
    sentAt: instant('sent_at'),
  },
  (t) => [
    index('opinion_notifications_at_idx').on(t.at),
    index('opinion_notifications_outbox_idx')
      .on(t.nextAttemptAt)
      .where(sql`status = 'pending'`),
  ],
);

/**
 * Review and complaint events with a text, queued by a trigger on `events` for triage. No key on
 * purpose: a restore re-queues restored events through the trigger and may also bring queued rows
 * back; a duplicate is harmless (the message id follows from the event id).
 */
export const opinionEventQueue = pgTable(
  'opinion_event_queue',
  {
    eventId: text('event_id').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    queuedAt: instant('queued_at').notNull().defaultNow(),
  },
  (t) => [index('opinion_event_queue_queued_idx').on(t.queuedAt)],
);

/**
 * NPS surveys: one per completed pickup or closed incident (`dedupe_key`), answered through a
 * tokenised link, or imported answered. A detractor's reason becomes an opinion message.
 */
export const npsSurveys = pgTable(
  'nps_surveys',
  {
    id: text('id').primaryKey(),
    token: text('token').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    /** pickup | incident | manual | import */
    trigger: text('trigger').notNull(),
    memberId: text('member_id'),
    orderId: text('order_id'),
    incidentId: text('incident_id'),
    communityId: text('community_id'),
    pickupPointId: text('pickup_point_id'),
    leaderId: text('leader_id'),
    sentAt: instant('sent_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    answeredAt: instant('answered_at'),
    score: smallint('score'),
    reason: text('reason'),
    messageId: text('message_id'),
  },
  (t) => [
    uniqueIndex('nps_surveys_token_idx').on(t.token),
    uniqueIndex('nps_surveys_dedupe_idx').on(t.dedupeKey),
    index('nps_surveys_answered_idx')
      .on(t.answeredAt)
      .where(sql`answered_at IS NOT NULL`),
  ],
);
