import { shanghaiBucket, sql, type Grain, type SQL, type Window } from '../../platform/db/fragments.ts';

/** Members with any behaviour event in the window (communities are applied by the caller). */
export function eventMembersFragment(w: Window): SQL {
  return sql`SELECT e.member_id FROM events e WHERE e.occurred_at >= ${w.start} AND e.occurred_at < ${w.end}`;
}

/** (member, bucket) pairs of behaviour events, for activity trends. */
export function eventMemberBucketsFragment(w: Window, grain: Grain): SQL {
  return sql`SELECT e.member_id, ${shanghaiBucket(sql`e.occurred_at`, grain)} AS bucket FROM events e
    WHERE e.occurred_at >= ${w.start} AND e.occurred_at < ${w.end}`;
}
