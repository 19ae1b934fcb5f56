import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Queryable } from './sql.ts';

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

/** `AND <column> = ANY(members)` when only some members are wanted. */
export function inMembers(column: SQL, members: readonly string[] | null | undefined): SQL {
  return members ? sql`AND ${column} = ANY(${sql.param(members)}::text[])` : sql``;
}

/** The Asia/Shanghai calendar bucket (day, or the week starting Monday) of a timestamptz column. */
export function shanghaiBucket(column: SQL, grain: Grain): SQL {
  return grain === 'week'
    ? sql`date_trunc('week', ${column} AT TIME ZONE 'Asia/Shanghai')::date`
    : shanghaiDayOf(column);
}

const dialect = new PgDialect();

/** Runs a composed query on a pool or on a transaction's client. */
export async function fetchRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const result = await db.query(text, params);
  return result.rows as T[];
}

export async function execute(db: Queryable, query: SQL): Promise<number> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return (await db.query(text, params)).rowCount ?? 0;
}

/** The Asia/Shanghai calendar day of a timestamptz column, as a date. */
export function shanghaiDayOf(column: SQL): SQL {
  return sql`(${column} AT TIME ZONE 'Asia/Shanghai')::date`;
}

/**
 * `community_id` for a rollup row: the group's community ('' for none), or '*' on the grand-total
 * row of `GROUP BY GROUPING SETS ((…, community), (…))`.
 */
export function communityKey(column: SQL): SQL {
  return sql`CASE WHEN grouping(${column}) = 1 THEN '*' ELSE coalesce(${column}, '') END`;
}
