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

/**
 * Per unit of a test (`units`: rows of member_id, first_at): members whose consent on some channel
 * was withdrawn within `windowHours` after first exposure. Consent rows hold the latest change per
 * channel, so a member who withdrew and granted again within the window is not counted.
 */
export function unsubscribedAfterFragment(units: SQL, o: { windowHours: number }): SQL {
  return sql`SELECT DISTINCT u.member_id FROM (${units}) u JOIN member_consents c ON c.member_id = u.member_id
    WHERE NOT c.granted AND c.at >= u.first_at AND c.at < u.first_at + make_interval(hours => ${o.windowHours})`;
}

/** Every member who is not a stub (a stub is only an id an order or event named). */
export function knownMembersFragment(): SQL {
  return sql`SELECT m.id AS member_id FROM members m WHERE NOT m.is_stub`;
}

/* Fragments the opinion module reads (who wrote a complaint, affected buyers). */

/** (member_id, external_id, nickname, phone_masked, community_id, pickup_point_id) of these members. */
export function memberContactsFragment(memberIds: readonly string[]): SQL {
  return sql`SELECT m.id AS member_id, m.external_id, m.nickname, m.phone_masked, m.community_id, m.pickup_point_id
    FROM members m WHERE m.id = ANY(${sql.param([...memberIds])}::text[])`;
}
