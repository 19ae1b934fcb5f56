/** Reading and writing content items, their versions, screenings, queue rows and decisions. */
import type {
  ComplianceDecisionView,
  ComplianceItem,
  ContentChannel,
  ContentType,
  ItemStatus,
  MissedMark,
  ReviewStage,
} from '@linli/contracts/compliance';
import type { Violation } from '@linli/compliance';
import { fetchRows, sql, type SQL } from '../../platform/db/fragments.ts';
import { rows, type Queryable } from '../../platform/db/sql.ts';

/** The SLA clock of a version's human stages runs on this subject (clock name: the stage). */
export const slaSubject = (itemId: string, version: number) => `compliance:${itemId}:v${version}`;
export const SLA_PREFIX = 'compliance:';

const userName = (column: SQL) =>
  sql`coalesce((SELECT u.username FROM users u WHERE u.id = ${column}), ${column})`;

const itemCols = sql`i.id, i.client_id AS "clientId", i.type, i.channel, i.title, i.product_id AS "productId",
  i.campaign_id AS "campaignId", ${userName(sql`i.author_id`)} AS author, i.status, i.stage,
  CASE WHEN i.assignee_id IS NULL THEN NULL ELSE ${userName(sql`i.assignee_id`)} END AS assignee,
  i.current_version AS "currentVersion", i.approved_version AS "approvedVersion", i.verdict,
  i.hit_count AS hits, i.high_risk AS "highRisk", c.due_at AS "dueAt", c.started_at AS "slaStartedAt",
  left(v.text, 140) AS preview, i.created_at AS "createdAt", i.updated_at AS "updatedAt"`;

const itemFrom = sql`FROM compliance_items i
  JOIN compliance_versions v ON v.item_id = i.id AND v.version = i.current_version
  LEFT JOIN sla_clocks c ON c.subject = 'compliance:' || i.id || ':v' || i.current_version
    AND c.clock = i.stage AND c.stopped_at IS NULL`;

export interface ItemRow extends ComplianceItem<Date> {
  authorId: string;
  assigneeId: string | null;
}

export async function itemById(db: Queryable, id: string): Promise<ItemRow | undefined> {
  return (
    await fetchRows<ItemRow>(
      db,
      sql`SELECT ${itemCols}, i.author_id AS "authorId", i.assignee_id AS "assigneeId" ${itemFrom} WHERE i.id = ${id}`,
    )
  )[0];
}

export async function itemIdByClientId(db: Queryable, clientId: string): Promise<string | undefined> {
  return (
    await rows<{ id: string }>(db, 'SELECT id FROM compliance_items WHERE client_id = $1', [clientId])
  )[0]?.id;
}

export interface ItemFilter {
  status?: ItemStatus[] | undefined;
  stage?: ReviewStage | undefined;
  channel?: ContentChannel | undefined;
  type?: ContentType | undefined;
  /** a user id, or null for unassigned items */
  assigneeId?: string | null | undefined;
  authorId?: string | undefined;
  q?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

function where(f: ItemFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.status?.length) parts.push(sql`i.status = ANY(${sql.param(f.status)}::text[])`);
  if (f.stage) parts.push(sql`i.stage = ${f.stage}`);
  if (f.channel) parts.push(sql`i.channel = ${f.channel}`);
  if (f.type) parts.push(sql`i.type = ${f.type}`);
  if (f.assigneeId === null) parts.push(sql`i.assignee_id IS NULL`);
  else if (f.assigneeId) parts.push(sql`i.assignee_id = ${f.assigneeId}`);
  if (f.authorId) parts.push(sql`i.author_id = ${f.authorId}`);
  if (f.from) parts.push(sql`i.created_at >= ${f.from}`);
  if (f.to) parts.push(sql`i.created_at < ${f.to}`);
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(sql`(v.text ILIKE ${pattern} OR i.title ILIKE ${pattern} OR i.id = ${f.q})`);
  }
  return sql.join(parts, sql` AND `);
}

/** `due`: the open stage's deadline first (a queue); `updated`: newest change first. */
export type ItemSort = 'due' | 'updated';

const sortKey = (sort: ItemSort) =>
  sort === 'due' ? sql`coalesce(c.due_at, '9999-12-31'::timestamptz)` : sql`i.updated_at`;

export async function listItems(
  db: Queryable,
  f: ItemFilter,
  page: { limit: number; after: [string, string] | null; sort: ItemSort },
): Promise<Array<ItemRow & { sortAt: string }>> {
  const key = sortKey(page.sort);
  const desc = page.sort === 'updated';
  const after = page.after
    ? desc
      ? sql`AND (${key}, i.id) < (${page.after[0]}::timestamptz, ${page.after[1]})`
      : sql`AND (${key}, i.id) > (${page.after[0]}::timestamptz, ${page.after[1]})`
    : sql``;
  return fetchRows(
    db,
    sql`SELECT ${itemCols}, i.author_id AS "authorId", i.assignee_id AS "assigneeId", ${key}::text AS "sortAt"
        ${itemFrom} WHERE ${where(f)} ${after}
        ORDER BY ${key} ${desc ? sql`DESC` : sql`ASC`}, i.id ${desc ? sql`DESC` : sql`ASC`}
        LIMIT ${page.limit + 1}`,
  );
}

export async function countItems(db: Queryable, f: ItemFilter): Promise<number> {
  const [r] = await fetchRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n ${itemFrom} WHERE ${where(f)}`,
  );
  return r!.n;
}

export interface VersionRow {
  version: number;
  text: string;
  textHash: string;
  createdBy: string;
  createdAt: Date;
  verdict: 'pass' | 'review' | 'block';
  hits: Violation[];
  packs: string;
}

export function versionsOf(db: Queryable, itemId: string): Promise<VersionRow[]> {
  return fetchRows<VersionRow>(
    db,
    sql`SELECT v.version, v.text, v.text_hash AS "textHash", ${userName(sql`v.created_by`)} AS "createdBy",
          v.created_at AS "createdAt", s.verdict, s.hits, s.packs
        FROM compliance_versions v JOIN compliance_screenings s USING (item_id, version)
        WHERE v.item_id = ${itemId} ORDER BY v.version DESC`,
  );
}

export function decisionsOf(db: Queryable, itemId: string): Promise<ComplianceDecisionView<Date>[]> {
  return fetchRows(
    db,
    sql`SELECT d.version, d.stage, d.decision, d.reasons, d.comment, d.checklist,
          ${userName(sql`d.actor_id`)} AS actor, d.decided_at AS at
        FROM compliance_decisions d WHERE d.item_id = ${itemId} ORDER BY d.decided_at, d.id`,
  );
}

export function missedOf(db: Queryable, itemId: string): Promise<MissedMark<Date>[]> {
  return fetchRows(
    db,
    sql`SELECT m.id, m.version, m.category, m.term, m.note, ${userName(sql`m.actor_id`)} AS actor, m.at
        FROM compliance_missed m WHERE m.item_id = ${itemId} ORDER BY m.at, m.id`,
  );
}

export async function verdictsOf(
  db: Queryable,
  itemId: string,
): Promise<Array<{ version: number; hitKey: string; verdict: 'confirmed' | 'overruled' }>> {
  return rows(
    db,
    `SELECT version, hit_key AS "hitKey", verdict FROM compliance_hit_verdicts WHERE item_id = $1`,
    [itemId],
  );
}

export interface ReviewRow {
  version: number;
  stage: ReviewStage;
  assignee: string | null;
  assignedAt: Date | null;
  openedAt: Date;
  closedAt: Date | null;
}

export function reviewsOf(db: Queryable, itemId: string): Promise<ReviewRow[]> {
  return fetchRows(
    db,
    sql`SELECT r.version, r.stage,
          CASE WHEN r.assignee_id IS NULL THEN NULL ELSE ${userName(sql`r.assignee_id`)} END AS assignee,
          r.assigned_at AS "assignedAt", r.opened_at AS "openedAt", r.closed_at AS "closedAt"
        FROM compliance_reviews r WHERE r.item_id = ${itemId} ORDER BY r.opened_at`,
  );
}

/** Locks an item row for a state change (decisions, edits and claims take turns per item). */
export async function lockItem(
  tx: Queryable,
  id: string,
): Promise<
  | {
      status: ItemStatus;
      stage: ReviewStage | null;
      currentVersion: number;
      approvedVersion: number | null;
      assigneeId: string | null;
      authorId: string;
      channel: ContentChannel;
      highRisk: boolean;
    }
  | undefined
> {
  return (
    await rows(
      tx,
      `SELECT status, stage, current_version AS "currentVersion", approved_version AS "approvedVersion",
         assignee_id AS "assigneeId", author_id AS "authorId", channel, high_risk AS "highRisk"
       FROM compliance_items WHERE id = $1 FOR UPDATE`,
      [id],
    )
  )[0] as never;
}

export async function setItemState(
  tx: Queryable,
  id: string,
  s: {
    status: ItemStatus;
    stage: ReviewStage | null;
    assigneeId: string | null;
    approvedVersion?: number | null;
  },
): Promise<void> {
  await tx.query(
    `UPDATE compliance_items SET status = $2, stage = $3, assignee_id = $4,
       approved_version = CASE WHEN $5 THEN $6::int ELSE approved_version END, updated_at = now()
     WHERE id = $1`,
    [id, s.status, s.stage, s.assigneeId, s.approvedVersion !== undefined, s.approvedVersion ?? null],
  );
}

export async function insertDecision(
  tx: Queryable,
  d: {
    itemId: string;
    version: number;
    stage: string;
    decision: string;
    reasons?: string[];
    comment?: string;
    checklist?: Record<string, string>;
    actorId: string;
    at?: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO compliance_decisions (item_id, version, stage, decision, reasons, comment, checklist, actor_id, decided_at)
     VALUES ($1, $2, $3, $4, $5::text[], $6, $7::jsonb, $8, coalesce($9, now()))`,
    [
      d.itemId,
      d.version,
      d.stage,
      d.decision,
      d.reasons ?? [],
      d.comment ?? '',
      JSON.stringify(d.checklist ?? {}),
      d.actorId,
      d.at ?? null,
    ],
  );
}

/** Opens a version's queue row for a stage (idempotent). */
export async function openReview(
  tx: Queryable,
  itemId: string,
  version: number,
  stage: ReviewStage,
  at?: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO compliance_reviews (item_id, version, stage, opened_at) VALUES ($1, $2, $3, coalesce($4, now()))
     ON CONFLICT DO NOTHING`,
    [itemId, version, stage, at ?? null],
  );
}

export async function closeReviews(tx: Queryable, itemId: string, at?: Date): Promise<ReviewStage[]> {
  const r = await rows<{ stage: ReviewStage; version: number }>(
    tx,
    `UPDATE compliance_reviews SET closed_at = coalesce($2, now())
     WHERE item_id = $1 AND closed_at IS NULL RETURNING stage, version`,
    [itemId, at ?? null],
  );
  return r.map((x) => x.stage);
}
