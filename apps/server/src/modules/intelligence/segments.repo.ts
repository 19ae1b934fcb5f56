import type { SegmentInput, TagRule } from '@linli/contracts';
import { execute, fetchRows, inMembers, sql, type SQL } from '../../platform/db/fragments.ts';
import type { Queryable } from '../../platform/db/sql.ts';
import { applyMembership, type Membership } from './membership.repo.ts';
import { sameJson } from '../../platform/same-json.ts';

export interface SegmentRow {
  id: string;
  key: string;
  name: string;
  description: string;
  rule: TagRule;
  communityIds: string[] | null;
  holdoutShare: number;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  refreshedAt: Date | null;
  archivedAt: Date | null;
}

const cols = sql`id, key, name, description, rule, community_ids AS "communityIds", holdout_share AS "holdoutShare", version,
  coalesce((SELECT u.username FROM users u WHERE u.id = segments.created_by), created_by) AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt", refreshed_at AS "refreshedAt",
  archived_at AS "archivedAt"`;

export function segmentList(db: Queryable, archived: boolean): Promise<SegmentRow[]> {
  return fetchRows<SegmentRow>(
    db,
    sql`SELECT ${cols} FROM segments WHERE (archived_at IS NOT NULL) = ${archived} ORDER BY updated_at DESC, key`,
  );
}

export async function segmentByKey(db: Queryable, key: string): Promise<SegmentRow | undefined> {
  return (await fetchRows<SegmentRow>(db, sql`SELECT ${cols} FROM segments WHERE key = ${key}`))[0];
}

export async function insertSegment(db: Queryable, id: string, s: SegmentInput, actor: string) {
  await execute(
    db,
    sql`INSERT INTO segments (id, key, name, description, rule, community_ids, holdout_share, created_by)
        VALUES (${id}, ${s.key}, ${s.name}, ${s.description}, ${JSON.stringify(s.rule)}::jsonb,
                ${s.communityIds ? sql.param(s.communityIds) : null}::text[], ${s.holdoutShare}, ${actor})`,
  );
}

/** Saves a segment; a changed rule or scope is the next version. */
export async function updateSegment(db: Queryable, before: SegmentRow, s: SegmentInput) {
  const changed = !sameJson(before.rule, s.rule) || !sameJson(before.communityIds, s.communityIds);
  await execute(
    db,
    sql`UPDATE segments SET name = ${s.name}, description = ${s.description}, rule = ${JSON.stringify(s.rule)}::jsonb,
          community_ids = ${s.communityIds ? sql.param(s.communityIds) : null}::text[], holdout_share = ${s.holdoutShare},
          version = version + ${changed ? 1 : 0}, updated_at = now()
        WHERE id = ${before.id}`,
  );
}

export async function setArchived(db: Queryable, id: string, archived: boolean) {
  await execute(
    db,
    sql`UPDATE segments SET archived_at = ${archived ? sql`now()` : null}, updated_at = now() WHERE id = ${id}`,
  );
}

export function segmentCounts(db: Queryable) {
  return fetchRows<{ segmentId: string; members: number; holdout: number }>(
    db,
    sql`SELECT segment_id AS "segmentId", count(*)::int AS members, (count(*) FILTER (WHERE holdout))::int AS holdout
        FROM segment_members GROUP BY 1`,
  );
}

const SEGMENTS: Membership = { members: 'segment_members', changes: 'segment_changes', owner: 'segment_id' };

/**
 * A stable coin per segment and member in [0, 1): below the holdout share the member is in the
 * control group. Raising the share only moves members into it, never out.
 */
const coin = (segmentId: SQL, memberId: SQL) =>
  sql`(('x' || substr(md5(${segmentId} || ':' || ${memberId}), 1, 8))::bit(32)::bigint / 4294967296.0)`;

/** Brings a segment's members in line with its rule and scope, then its control group with its share. */
export async function applySegment(
  db: Queryable,
  s: SegmentRow,
  now: Date,
  members: string[] | null = null,
): Promise<{ entered: number; left: number }> {
  const moved = await applyMembership(
    db,
    SEGMENTS,
    { id: s.id, version: s.version, rule: s.rule, communities: s.communityIds },
    now,
    members,
  );
  await execute(
    db,
    sql`UPDATE segment_members t SET holdout = ${coin(sql`t.segment_id`, sql`t.member_id`)} < ${s.holdoutShare}
        WHERE t.segment_id = ${s.id} ${inMembers(sql`t.member_id`, members)} AND holdout <> (${coin(sql`t.segment_id`, sql`t.member_id`)} < ${s.holdoutShare})`,
  );
  if (!members) await execute(db, sql`UPDATE segments SET refreshed_at = ${now} WHERE id = ${s.id}`);
  return moved;
}

export type Group = 'all' | 'treatment' | 'holdout';

/** A segment's members as rows for a member list: since, and whether held out. */
export function segmentMembersSource(segmentId: string, group: Group): SQL {
  const filter = group === 'all' ? sql`` : sql`AND holdout = ${group === 'holdout'}`;
  return sql`SELECT member_id, since, holdout FROM segment_members WHERE segment_id = ${segmentId} ${filter}`;
}

/**
 * For other modules that target a segment (the experiments module): its current members by key,
 * its own control group included, nothing for an archived segment.
 */
export function segmentMembersByKeyFragment(key: string): SQL {
  return sql`SELECT sm.member_id FROM segment_members sm JOIN segments s ON s.id = sm.segment_id
    WHERE s.key = ${key} AND s.archived_at IS NULL`;
}

/** Which of `memberIds` are in the segment now. */
export async function membersInSegment(
  db: Queryable,
  key: string,
  memberIds: string[],
): Promise<Set<string>> {
  const found = await fetchRows<{ member_id: string }>(
    db,
    sql`SELECT x.member_id FROM (${segmentMembersByKeyFragment(key)}) x
        WHERE x.member_id = ANY(${sql.param(memberIds)}::text[])`,
  );
  return new Set(found.map((r) => r.member_id));
}

/** Whether a segment of this key exists and is not archived. */
export async function segmentIsLive(db: Queryable, key: string): Promise<boolean> {
  const rows = await fetchRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM segments WHERE key = ${key} AND archived_at IS NULL`,
  );
  return rows[0]!.n > 0;
}
