import { inMembers, shanghaiDayOf, sql, type SQL } from '../../platform/db/fragments.ts';

/** (member_id, day) pairs with any behaviour event from `since` on. */
export function eventDaysFragment(since: Date): SQL {
  return sql`SELECT DISTINCT e.member_id, ${shanghaiDayOf(sql`e.occurred_at`)} AS day FROM events e WHERE e.occurred_at >= ${since}`;
}

export function earliestEventFragment(): SQL {
  return sql`SELECT min(e.occurred_at) AS at FROM events e`;
}

/** Per member: counts of each event type over 7/14/30/90 days up to `now`, dwell time, ratings. */
export function memberEventAggregatesFragment(
  now: Date,
  types: readonly string[],
  windows: readonly number[],
  members: string[] | null = null,
): SQL {
  const within = (days: number) => sql`e.occurred_at > ${now}::timestamptz - make_interval(days => ${days})`;
  const counts = types.flatMap((type) =>
    windows.map(
      (w) =>
        sql`${`${type}_${w}d`}::text, nullif(count(*) FILTER (WHERE e.type = ${type} AND ${within(w)}), 0)`,
    ),
  );
  const longest = Math.max(...windows);
  return sql`SELECT e.member_id, jsonb_strip_nulls(jsonb_build_object(${sql.join(counts, sql`, `)})) AS events,
      coalesce(sum(e.dwell_ms) FILTER (WHERE ${within(30)}), 0)::bigint AS dwell_ms_30d,
      (avg(e.rating) FILTER (WHERE e.type = 'review' AND e.rating IS NOT NULL))::real AS avg_rating_90d,
      max(e.occurred_at) AS last_event_at
    FROM events e WHERE ${within(longest)} AND e.occurred_at <= ${now} ${inMembers(sql`e.member_id`, members)}
    GROUP BY e.member_id`;
}
