import { shanghaiDayOf, sql, type SQL } from '../../platform/db/fragments.ts';

/** (member_id, day) pairs with any behaviour event from `since` on. */
export function eventDaysFragment(since: Date): SQL {
  return sql`SELECT DISTINCT e.member_id, ${shanghaiDayOf(sql`e.occurred_at`)} AS day FROM events e WHERE e.occurred_at >= ${since}`;
}

export function earliestEventFragment(): SQL {
  return sql`SELECT min(e.occurred_at) AS at FROM events e`;
}
