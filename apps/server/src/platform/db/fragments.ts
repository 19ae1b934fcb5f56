import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './index.ts';

/**
 * Composable SQL for analytics: a module hands out fragments that read only its own tables, and a
 * reporting module joins or unions them without knowing those tables. Values are always bound
 * parameters.
 */
export { sql, type SQL };

/** A half-open time window `[start, end)` and the communities in view (`null`: all). */
export interface Window {
  start: Date;
  end: Date;
  communities: string[] | null;
}

export type Grain = 'day' | 'week';

/** `AND <column> = ANY(communities)` when the window is limited to some communities. */
export function inCommunities(column: SQL, communities: string[] | null): SQL {
  return communities ? sql`AND ${column} = ANY(${sql.param(communities)}::text[])` : sql``;
}

/** The Asia/Shanghai calendar bucket (day, or the week starting Monday) of a timestamptz column. */
export function shanghaiBucket(column: SQL, grain: Grain): SQL {
  return grain === 'week'
    ? sql`date_trunc('week', ${column} AT TIME ZONE 'Asia/Shanghai')::date`
    : sql`(${column} AT TIME ZONE 'Asia/Shanghai')::date`;
}

export async function fetchRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return result.rows as T[];
}
