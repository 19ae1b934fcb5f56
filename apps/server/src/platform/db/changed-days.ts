import { shanghaiDay } from '../shanghai.ts';
import { retryOnConflict, type Queryable } from './sql.ts';

/**
 * Records that facts dated on these instants' Shanghai days changed. Call it after the write has
 * committed, outside the write's transaction: a refresh that started before this mark then always
 * sees the mark as newer than itself and recomputes the day again.
 */
export async function markChangedDays(
  db: Queryable,
  instants: Iterable<Date | null | undefined>,
): Promise<void> {
  const days = new Set<string>();
  for (const at of instants) if (at && !Number.isNaN(at.getTime())) days.add(shanghaiDay(at));
  if (days.size === 0) return;
  await retryOnConflict(() =>
    db.query(
      `INSERT INTO changed_days (day, at) SELECT d, clock_timestamp() FROM unnest($1::date[]) AS d
       ON CONFLICT (day) DO UPDATE SET at = excluded.at`,
      [[...days].sort()],
    ),
  );
}

/** The earliest changed day, or null when nothing changed. */
export async function earliestChangedDay(db: Queryable): Promise<string | null> {
  const { rows } = await db.query<{ day: string | null }>('SELECT min(day)::text AS day FROM changed_days');
  return rows[0]?.day ?? null;
}

/** Forgets the marks a refresh of `sinceDay` … `untilDay` that started at `startedAt` has covered. */
export async function clearChangedDays(
  db: Queryable,
  startedAt: Date,
  sinceDay: string,
  untilDay: string,
): Promise<void> {
  await db.query('DELETE FROM changed_days WHERE at <= $1 AND day BETWEEN $2::date AND $3::date', [
    startedAt,
    sinceDay,
    untilDay,
  ]);
}
