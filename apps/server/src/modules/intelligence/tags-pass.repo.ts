import { execute, inMembers, sql, type SQL } from '../../platform/db/fragments.ts';
import type { Queryable } from '../../platform/db/sql.ts';
import { compileRule, reasonOf } from './tag-rules.ts';
import type { TagRow } from './tags.repo.ts';

/**
 * Evaluates every given tag in one pass over `members ⋈ member_features`: each member row yields the
 * ids of the tags whose rules hold, and that set is diffed against member_tags. The values behind a
 * rule (the reason) are computed only for members entering or leaving, not for the many who stay.
 * One scan instead of one per tag keeps a full recompute near the cost of reading the members once.
 *
 * Run inside a transaction (the scratch tables are dropped at commit).
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
  const hitsQuery = sql`SELECT h.member_id, h.tag_id FROM (
      SELECT m.id AS member_id, unnest(array_remove(ARRAY[${hitsOf}], NULL)) AS tag_id
      FROM members m LEFT JOIN member_features f ON f.member_id = m.id
      WHERE true ${inMembers(sql`m.id`, members)}) h`;
  const reasonByTag = (tagId: SQL): SQL =>
    sql`CASE ${tagId} ${sql.join(
      tags.map((t) => sql`WHEN ${t.id}::text THEN ${reasonOf(t.rule, now)}`),
      sql` `,
    )} END`;
  const versions = sql`(VALUES ${sql.join(
    tags.map((t) => sql`(${t.id}::text, ${t.version}::int)`),
    sql`, `,
  )}) AS tv (tag_id, version)`;
  const ids = tags.map((t) => t.id);

  // Hits, then the new ones among them, each a table of its own (dropped at commit) so that each
  // diff statement is planned with real counts. Finding the new hits in the same statement that
  // inserts them let the planner scan member_tags once per hit while the insert kept growing it.
  await execute(db, sql`DROP TABLE IF EXISTS pg_temp.tag_hits, pg_temp.tag_new`);
  await execute(db, sql`CREATE TEMP TABLE tag_hits ON COMMIT DROP AS ${hitsQuery}`);
  await execute(db, sql`ANALYZE pg_temp.tag_hits`);
  // without autovacuum (the embedded database) the statistics are only as fresh as the last full run
  if (members === null) await execute(db, sql`ANALYZE member_tags`);
  await execute(
    db,
    sql`CREATE TEMP TABLE tag_new ON COMMIT DROP AS
        SELECT h.member_id, h.tag_id FROM pg_temp.tag_hits h
        WHERE NOT EXISTS (SELECT 1 FROM member_tags t WHERE t.tag_id = h.tag_id AND t.member_id = h.member_id)`,
  );
  const hits = sql`pg_temp.tag_hits`;

  const entered = await execute(
    db,
    sql`WITH entered AS (
          INSERT INTO member_tags (tag_id, member_id, since, version, reason)
          SELECT h.tag_id, h.member_id, ${now}, tv.version, ${reasonByTag(sql`h.tag_id`)}
          FROM pg_temp.tag_new h JOIN ${versions} ON tv.tag_id = h.tag_id
            JOIN members m ON m.id = h.member_id LEFT JOIN member_features f ON f.member_id = m.id
          ON CONFLICT (tag_id, member_id) DO NOTHING
          RETURNING tag_id, member_id, version, reason)
        INSERT INTO tag_changes (tag_id, member_id, change, at, version, reason)
        SELECT tag_id, member_id, 'entered', ${now}::timestamptz, version, reason FROM entered`,
  );
  const left = await execute(
    db,
    sql`WITH gone AS (
          DELETE FROM member_tags t
          WHERE t.tag_id = ANY(${sql.param(ids)}::text[]) ${inMembers(sql`t.member_id`, members)}
            AND NOT EXISTS (SELECT 1 FROM ${hits} h WHERE h.member_id = t.member_id AND h.tag_id = t.tag_id)
          RETURNING t.tag_id, t.member_id)
        INSERT INTO tag_changes (tag_id, member_id, change, at, version, reason)
        SELECT g.tag_id, g.member_id, 'left', ${now}::timestamptz, tv.version, ${reasonByTag(sql`g.tag_id`)}
        FROM gone g JOIN ${versions} ON tv.tag_id = g.tag_id
          JOIN members m ON m.id = g.member_id LEFT JOIN member_features f ON f.member_id = m.id`,
  );
  if (members === null) await execute(db, sql`ANALYZE member_tags`);
  return { entered, left };
}
