import { fetchRows, inMembers, sql, type SQL } from '../../platform/db/fragments.ts';
import type { Queryable } from '../../platform/db/sql.ts';
import { compileRule, reasonOf } from './tag-rules.ts';
import type { TagRow } from './tags.repo.ts';

/**
 * Evaluates every given tag in one pass over `members ⋈ member_features`: each member row yields the
 * ids of the tags whose rules hold, and one statement diffs that against member_tags. The values
 * behind a rule (the reason) are computed only for members entering or leaving, not for the many
 * who stay. One scan instead of one per tag is what keeps a full recompute near the cost of reading
 * the members once.
 */
export async function applyTags(
  db: Queryable,
  tags: readonly TagRow[],
  now: Date,
  members: string[] | null = null,
): Promise<{ entered: number; left: number }> {
  if (tags.length === 0) return { entered: 0, left: 0 };
  const hitsOf = sql.join(
    tags.map((t) => sql`CASE WHEN ${compileRule(t.rule, now)} THEN ${t.id}::text END`),
    sql`, `,
  );
  const reasonByTag = (tagId: SQL): SQL =>
    sql`CASE ${tagId} ${sql.join(
      tags.map((t) => sql`WHEN ${t.id}::text THEN ${reasonOf(t.rule, now)}`),
      sql` `,
    )} END`;
  const versions = sql.join(
    tags.map((t) => sql`(${t.id}::text, ${t.version}::int)`),
    sql`, `,
  );
  const ids = tags.map((t) => t.id);
  const [row] = await fetchRows<{ entered: number; left: number }>(
    db,
    sql`WITH hits AS MATERIALIZED (
          SELECT h.member_id, h.tag_id FROM (
            SELECT m.id AS member_id, unnest(array_remove(ARRAY[${hitsOf}], NULL)) AS tag_id
            FROM members m LEFT JOIN member_features f ON f.member_id = m.id
            WHERE true ${inMembers(sql`m.id`, members)}) h),
        tv (tag_id, version) AS (VALUES ${versions}),
        entered AS (
          INSERT INTO member_tags (tag_id, member_id, since, version, reason)
          SELECT h.tag_id, h.member_id, ${now}, tv.version, ${reasonByTag(sql`h.tag_id`)}
          FROM hits h JOIN tv ON tv.tag_id = h.tag_id
            JOIN members m ON m.id = h.member_id LEFT JOIN member_features f ON f.member_id = m.id
          WHERE NOT EXISTS (SELECT 1 FROM member_tags t WHERE t.tag_id = h.tag_id AND t.member_id = h.member_id)
          ON CONFLICT (tag_id, member_id) DO NOTHING
          RETURNING tag_id, member_id, version, reason),
        gone AS (
          DELETE FROM member_tags t
          WHERE t.tag_id = ANY(${sql.param(ids)}::text[]) ${inMembers(sql`t.member_id`, members)}
            AND NOT EXISTS (SELECT 1 FROM hits h WHERE h.member_id = t.member_id AND h.tag_id = t.tag_id)
          RETURNING t.tag_id, t.member_id),
        logged AS (
          INSERT INTO tag_changes (tag_id, member_id, change, at, version, reason)
          SELECT tag_id, member_id, 'entered', ${now}::timestamptz, version, reason FROM entered
          UNION ALL
          SELECT g.tag_id, g.member_id, 'left', ${now}::timestamptz, tv.version, ${reasonByTag(sql`g.tag_id`)}
          FROM gone g JOIN tv ON tv.tag_id = g.tag_id
            JOIN members m ON m.id = g.member_id LEFT JOIN member_features f ON f.member_id = m.id
          RETURNING change)
        SELECT (count(*) FILTER (WHERE change = 'entered'))::int AS entered,
               (count(*) FILTER (WHERE change = 'left'))::int AS "left"
        FROM logged`,
  );
  return row!;
}
