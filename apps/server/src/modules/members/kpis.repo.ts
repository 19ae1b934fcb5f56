import { communityKey, shanghaiDayOf, sql, type SQL } from '../../platform/db/fragments.ts';

/** When a member joined: the registration time, or when Linli first heard of them. */
const joinedAt = sql`coalesce(m.registered_at, m.created_at)`;

/* Fragments the insights rollups are rebuilt from. */

/** Members who joined before `at`, per community ('' for none) plus '*'. */
export function joinedBeforeFragment(at: Date): SQL {
  return sql`SELECT ${communityKey(sql`m.community_id`)} AS community_id, count(*)::int AS members
    FROM members m WHERE ${joinedAt} < ${at} GROUP BY GROUPING SETS ((m.community_id), ())`;
}

/** New members per Shanghai day and community, plus '*' per day. */
export function dailyNewMembersFragment(since: Date): SQL {
  return sql`SELECT s.day, ${communityKey(sql`s.community_id`)} AS community_id, count(*)::int AS new_members
    FROM (SELECT ${shanghaiDayOf(joinedAt)} AS day, m.community_id FROM members m WHERE ${joinedAt} >= ${since}) s
    GROUP BY GROUPING SETS ((s.day, s.community_id), (s.day))`;
}

/** Adds each row's member community ('' for none) to `source`, which must have `member_id`. */
export function withMemberCommunity(source: SQL): SQL {
  return sql`SELECT s.*, coalesce(m.community_id, '') AS community_id FROM (${source}) s LEFT JOIN members m ON m.id = s.member_id`;
}

export function earliestJoinFragment(): SQL {
  return sql`SELECT min(${joinedAt}) AS at FROM members m`;
}
