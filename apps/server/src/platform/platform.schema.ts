import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { instant } from './db/columns.ts';

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  roles: text('roles').array().notNull(),
  /** for the `leader` role: the communities this account may see */
  communityIds: text('community_ids').array().notNull().default([]),
  disabledAt: instant('disabled_at'),
  createdAt: instant('created_at').notNull().defaultNow(),
});

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(), // sha256 of the cookie token; the token itself is never stored
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull().defaultNow(),
    expiresAt: instant('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiKeys = pgTable('api_keys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** first characters of the secret, shown in lists so an operator can tell keys apart */
  prefix: text('prefix').notNull(),
  secretHash: text('secret_hash').notNull().unique(),
  scopes: text('scopes').array().notNull(),
  createdBy: text('created_by'),
  createdAt: instant('created_at').notNull().defaultNow(),
  revokedAt: instant('revoked_at'),
  lastUsedAt: instant('last_used_at'),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: instant('at').notNull().defaultNow(),
    actorType: text('actor_type').notNull(), // user | api_key | system | cli
    actorId: text('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId), index('audit_at_idx').on(t.at)],
);

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    username: text('username').notNull(),
    ip: text('ip'),
    success: boolean('success').notNull(),
    at: instant('at').notNull().defaultNow(),
  },
  (t) => [index('login_attempts_user_at_idx').on(t.username, t.at)],
);

export const importRuns = pgTable(
  'import_runs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    status: text('status').notNull(), // running | done | failed
    total: integer('total').notNull().default(0),
    accepted: integer('accepted').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    reportPath: text('report_path'),
    startedAt: instant('started_at').notNull().defaultNow(),
    finishedAt: instant('finished_at'),
  },
  (t) => [uniqueIndex('import_runs_file_idx').on(t.kind, t.fileSha256, t.startedAt)],
);

/**
 * Shanghai calendar days whose orders, events or members changed since the rollups last looked:
 * writers mark them after they commit, the rollup refresh recomputes from the earliest.
 */
export const changedDays = pgTable('changed_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  at: instant('at').notNull(),
});

/** Members whose orders, events or profile changed since their features and tags were last computed. */
export const changedMembers = pgTable('changed_members', {
  memberId: text('member_id').primaryKey(),
  at: instant('at').notNull(),
});

/**
 * Durable SLA clocks (`platform/sla.ts`): one row per subject and clock, with the moments each
 * mark was recorded. The sweep sets a mark with `UPDATE … WHERE <mark> IS NULL`, so each fires
 * once however many sweeps run, and a restart loses nothing.
 */
export const slaClocks = pgTable(
  'sla_clocks',
  {
    subject: text('subject').notNull(),
    clock: text('clock').notNull(),
    owner: text('owner'),
    startedAt: instant('started_at').notNull(),
    dueAt: instant('due_at').notNull(),
    stoppedAt: instant('stopped_at'),
    warned50At: instant('warned_50_at'),
    warned80At: instant('warned_80_at'),
    breachedAt: instant('breached_at'),
    meta: jsonb('meta').notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.subject, t.clock] }),
    index('sla_clocks_open_idx')
      .on(t.dueAt)
      .where(sql`stopped_at IS NULL AND breached_at IS NULL`),
  ],
);
