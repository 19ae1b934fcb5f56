import type { TagRule } from '@linli/contracts';
import { fetchRows, inCommunities, inMembers, sql, type SQL } from '../../platform/db/fragments.ts';
import type { Queryable } from '../../platform/db/sql.ts';
import { compileRule, reasonOf } from './tag-rules.ts';

/**
 * A rule-defined membership (segments; tags use the one-pass evaluation in tags-pass.repo.ts): a
 * table of current members with the rule version and the values behind it, and a log of every
 * entry and exit.
 */
export interface Membership {
  members: 'segment_members';
  changes: 'segment_changes';
  owner: 'segment_id';
}

export interface RuleOwner {
  id: string;
  version: number;
  rule: TagRule;
  /** only members of these communities (segments scoped by community) */
  communities?: string[] | null;
}

/** Members matching a rule, with the values of every field it reads. */
export const matching = (
  rule: TagRule,
  now: Date,
  members: string[] | null = null,
  communities: string[] | null = null,
): SQL =>
  sql`SELECT m.id AS member_id, ${reasonOf(rule, now)} AS reason
      FROM members m LEFT JOIN member_features f ON f.member_id = m.id
      WHERE ${compileRule(rule, now)} ${inMembers(sql`m.id`, members)} ${inCommunities(sql`m.community_id`, communities)}`;

/**
 * Brings one owner's members in line with its rule in a single statement: new matches enter,
 * members who no longer match leave, and both are logged with the values that decided it.
 * `members` limits the work to some members (the incremental path).
 */
export async function applyMembership(
  db: Queryable,
  m: Membership,
  owner: RuleOwner,
  now: Date,
  members: string[] | null = null,
): Promise<{ entered: number; left: number }> {
  const members_ = sql.raw(m.members);
  const changes = sql.raw(m.changes);
  const ownerCol = sql.raw(m.owner);
  const [row] = await fetchRows<{ entered: number; left: number }>(
    db,
    sql`WITH hits AS (${matching(owner.rule, now, members, owner.communities ?? null)}),
        entered AS (
          INSERT INTO ${members_} (${ownerCol}, member_id, since, version, reason)
          SELECT ${owner.id}, h.member_id, ${now}, ${owner.version}, h.reason FROM hits h
          ON CONFLICT (${ownerCol}, member_id) DO NOTHING RETURNING member_id, reason),
        gone AS (
          DELETE FROM ${members_} t WHERE t.${ownerCol} = ${owner.id} ${inMembers(sql`t.member_id`, members)}
            AND NOT EXISTS (SELECT 1 FROM hits h WHERE h.member_id = t.member_id)
          RETURNING member_id),
        logged AS (
          INSERT INTO ${changes} (${ownerCol}, member_id, change, at, version, reason)
          SELECT ${owner.id}::text, member_id, 'entered', ${now}::timestamptz, ${owner.version}::int, reason FROM entered
          UNION ALL
          SELECT ${owner.id}::text, g.member_id, 'left', ${now}::timestamptz, ${owner.version}::int, ${reasonOf(owner.rule, now)}
          FROM gone g JOIN members m ON m.id = g.member_id LEFT JOIN member_features f ON f.member_id = m.id
          RETURNING change)
        SELECT (count(*) FILTER (WHERE change = 'entered'))::int AS entered, (count(*) FILTER (WHERE change = 'left'))::int AS "left"
        FROM logged`,
  );
  return row!;
}
