import { inMembers, shanghaiDayOf, sql, type SQL } from '../../platform/db/fragments.ts';

/** (member_id, day) pairs with any behaviour event from `since` on. */
export function eventDaysFragment(since: Date): SQL {
  return sql`SELECT DISTINCT e.member_id, ${shanghaiDayOf(sql`e.occurred_at`)} AS day FROM events e WHERE e.occurred_at >= ${since}`;
}

export function earliestEventFragment(): SQL {
  return sql`SELECT min(e.occurred_at) AS at FROM events e`;
}

/**
 * Per member: counts of each event type over 7/14/30/90 days up to `now`, dwell time, ratings.
 * Two steps, because the cost is in the per-row work: events are first counted per member and type
 * (one FILTER per window), then those few rows per member are pivoted into the jsonb. Counting
 * every key of the jsonb straight from the events evaluated types × windows filters on every event
 * row, about ten times the work (measured: 230 ms against 25 ms for 32,000 events of 1,000 members).
 */
export function memberEventAggregatesFragment(
  now: Date,
  types: readonly string[],
  windows: readonly number[],
  members: string[] | null = null,
): SQL {
  const within = (days: number) => sql`e.occurred_at > ${now}::timestamptz - make_interval(days => ${days})`;
  const perWindow = windows.map(
    (w) => sql`count(*) FILTER (WHERE ${within(w)})::int AS ${sql.identifier(`c${w}`)}`,
  );
  const pivot = windows.map(
    (w) =>
      sql`jsonb_object_agg(t.type || ${`_${w}d`}::text, nullif(t.${sql.identifier(`c${w}`)}, 0)) FILTER (WHERE t.type = ANY(${sql.param([...types])}::text[]))`,
  );
  const longest = Math.max(...windows);
  return sql`SELECT t.member_id,
      coalesce(jsonb_strip_nulls(${sql.join(pivot, sql` || `)}), '{}') AS events,
      coalesce(sum(t.dwell_30d), 0)::bigint AS dwell_ms_30d,
      (sum(t.rating_sum)::float8 / nullif(sum(t.ratings), 0))::real AS avg_rating_90d,
      max(t.last_at) AS last_event_at
    FROM (
      SELECT e.member_id, e.type, ${sql.join(perWindow, sql`, `)},
        sum(e.dwell_ms) FILTER (WHERE ${within(30)}) AS dwell_30d,
        sum(e.rating) FILTER (WHERE e.type = 'review') AS rating_sum,
        count(e.rating) FILTER (WHERE e.type = 'review') AS ratings,
        max(e.occurred_at) AS last_at
      FROM events e WHERE ${within(longest)} AND e.occurred_at <= ${now} ${inMembers(sql`e.member_id`, members)}
      GROUP BY e.member_id, e.type) t
    GROUP BY t.member_id`;
}

/** The event types that count as community talk about a product. */
export const HEAT_EVENT_TYPES = ['share', 'content_share', 'group_message', 'ugc_post'] as const;

/**
 * Community heat per product and Shanghai day from `from` to `to` (inclusive): shares of the product
 * and group messages, content shares and posts that name it (events carrying its `product_id`).
 */
export function productHeatFragment(from: string, to: string): SQL {
  return sql`SELECT e.product_id, ${shanghaiDayOf(sql`e.occurred_at`)} AS day, count(*)::int AS heat
    FROM events e
    WHERE e.type = ANY(${sql.param([...HEAT_EVENT_TYPES])}::text[]) AND e.product_id IS NOT NULL
      AND e.occurred_at >= (${from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
      AND e.occurred_at < ((${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
    GROUP BY 1, 2`;
}

/**
 * Per unit of a test (`units`: rows of member_id, first_at): within `windowHours` after first
 * exposure, the dwell time of its content views, its content shares (both limited to `contentId`
 * when given) and any complaints. `since`/`until` bound the scan to the test's partitions.
 */
export function exposureEventsFragment(
  units: SQL,
  o: { windowHours: number; contentId: string | null; since: Date; until: Date },
): SQL {
  const content = o.contentId === null ? sql`true` : sql`e.content_id = ${o.contentId}`;
  return sql`SELECT u.member_id,
      coalesce(sum(e.dwell_ms) FILTER (WHERE e.type = 'content_view' AND ${content}), 0)::float8 AS dwell_ms,
      (count(*) FILTER (WHERE e.type = 'content_share' AND ${content}))::int AS shares,
      (count(*) FILTER (WHERE e.type = 'complaint'))::int AS complaints
    FROM (${units}) u JOIN events e ON e.member_id = u.member_id
    WHERE e.type IN ('content_view', 'content_share', 'complaint')
      AND e.occurred_at >= ${o.since} AND e.occurred_at < ${o.until}::timestamptz + make_interval(hours => ${o.windowHours})
      AND e.occurred_at >= u.first_at AND e.occurred_at < u.first_at + make_interval(hours => ${o.windowHours})
    GROUP BY u.member_id`;
}

/** Members with any behaviour event in [since, until). */
export function activeMembersFragment(since: Date, until: Date): SQL {
  return sql`SELECT DISTINCT e.member_id FROM events e WHERE e.occurred_at >= ${since} AND e.occurred_at < ${until}`;
}
