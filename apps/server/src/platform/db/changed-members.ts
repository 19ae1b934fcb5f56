import { retryOnConflict, type Queryable } from './sql.ts';

/**
 * Records that these members' facts changed, after the write committed (same reasoning as
 * changed-days.ts): whoever recomputes them clears only marks older than its own start.
 */
export async function markChangedMembers(db: Queryable, memberIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(memberIds)].sort();
  if (ids.length === 0) return;
  await retryOnConflict(() =>
    db.query(
      `INSERT INTO changed_members (member_id, at) SELECT id, clock_timestamp() FROM unnest($1::text[]) AS id
       ON CONFLICT (member_id) DO UPDATE SET at = excluded.at`,
      [ids],
    ),
  );
}

/** Up to `limit` changed members, oldest marks first. */
export async function changedMembers(db: Queryable, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT member_id AS id FROM changed_members ORDER BY at LIMIT $1',
    [limit],
  );
  return rows.map((r) => r.id);
}

export async function clearChangedMembers(
  db: Queryable,
  memberIds: string[],
  startedAt: Date,
): Promise<void> {
  // rows are locked in member order, as the marking upsert locks them: a plain DELETE locks them in
  // scan order, and a writer marking the same members at that moment deadlocked with it
  await retryOnConflict(() =>
    db.query(
      `DELETE FROM changed_members c USING (
         SELECT member_id FROM changed_members WHERE member_id = ANY($1::text[]) AND at <= $2
         ORDER BY member_id FOR UPDATE) x
       WHERE c.member_id = x.member_id AND c.at <= $2`,
      [[...memberIds].sort(), startedAt],
    ),
  );
}

/** After a full recomputation: every mark older than its start is covered. */
export async function clearAllChangedMembers(db: Queryable, startedAt: Date): Promise<void> {
  await retryOnConflict(() =>
    db.query(
      `DELETE FROM changed_members c USING (
         SELECT member_id FROM changed_members WHERE at <= $1 ORDER BY member_id FOR UPDATE) x
       WHERE c.member_id = x.member_id AND c.at <= $1`,
      [startedAt],
    ),
  );
}
