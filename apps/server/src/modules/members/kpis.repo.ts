import {
  fetchRows,
  inCommunities,
  shanghaiBucket,
  sql,
  type Grain,
  type SQL,
  type Window,
} from '../../platform/db/fragments.ts';
import type { Db } from '../../platform/db/index.ts';

/** When a member joined: the registration time, or when Linli first heard of them. */
const joinedAt = sql`coalesce(m.registered_at, m.created_at)`;

export interface MemberTotals {
  /** members who had joined by the end of the window */
  members: number;
  /** members who joined inside the window */
  newMembers: number;
}

export async function memberTotals(db: Db, w: Window): Promise<MemberTotals> {
  const [row] = await fetchRows<MemberTotals>(
    db,
    sql`SELECT count(*)::int AS members, (count(*) FILTER (WHERE ${joinedAt} >= ${w.start}))::int AS "newMembers"
        FROM members m WHERE ${joinedAt} < ${w.end} ${inCommunities(sql`m.community_id`, w.communities)}`,
  );
  return row!;
}

export function newMemberTrend(
  db: Db,
  w: Window,
  grain: Grain,
): Promise<Array<{ bucket: string; newMembers: number }>> {
  return fetchRows(
    db,
    sql`SELECT to_char(${shanghaiBucket(joinedAt, grain)}, 'YYYY-MM-DD') AS bucket, count(*)::int AS "newMembers"
        FROM members m WHERE ${joinedAt} >= ${w.start} AND ${joinedAt} < ${w.end}
          ${inCommunities(sql`m.community_id`, w.communities)}
        GROUP BY 1 ORDER BY 1`,
  );
}

export function membersByCommunity(
  db: Db,
  w: Window,
): Promise<Array<{ communityId: string | null; members: number }>> {
  return fetchRows(
    db,
    sql`SELECT m.community_id AS "communityId", count(*)::int AS members FROM members m
        WHERE ${joinedAt} < ${w.end} ${inCommunities(sql`m.community_id`, w.communities)} GROUP BY 1`,
  );
}

/**
 * Keeps rows of `source` (which must have a `member_id` column) whose member belongs to the
 * window's communities; all rows when the window is not limited.
 */
export function memberInCommunities(source: SQL, w: Window): SQL {
  if (!w.communities) return source;
  return sql`SELECT s.* FROM (${source}) s JOIN members m ON m.id = s.member_id
    WHERE m.community_id = ANY(${sql.param(w.communities)}::text[])`;
}

/** Active members per community: joins (member_id) rows to their member's community. */
export function activeByCommunity(
  db: Db,
  active: SQL,
  w: Window,
): Promise<Array<{ communityId: string | null; active: number }>> {
  return fetchRows(
    db,
    sql`SELECT m.community_id AS "communityId", count(*)::int AS active
        FROM (SELECT DISTINCT member_id FROM (${active}) a) u JOIN members m ON m.id = u.member_id
        WHERE true ${inCommunities(sql`m.community_id`, w.communities)} GROUP BY 1`,
  );
}
