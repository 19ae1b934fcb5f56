import type pg from 'pg';
import type { Database } from './index.ts';

/** A pool or a checked-out client: repos take either, so the same SQL runs inside or outside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

export async function withTransaction<T>(
  database: Database,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await database.pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export async function rows<T>(db: Queryable, text: string, params: unknown[] = []): Promise<T[]> {
  const result = await db.query(text, params);
  return result.rows as T[];
}

/** Column-wise arrays of `list` for `INSERT … SELECT FROM unnest($1::text[], …)`, one per key, in order. */
export function columnsOf<T>(list: readonly T[], keys: ReadonlyArray<keyof T>): unknown[][] {
  return keys.map((k) => list.map((row) => row[k] ?? null));
}

/**
 * Turns PostgreSQL's JIT compiler off for the rest of the current transaction. Statements that
 * evaluate many rules per row (the one-pass tag evaluation) are costed high enough to be compiled,
 * and compiling their large expressions takes seconds where running them takes milliseconds
 * (3.9 s against 0.2 s measured on 3,000 members). Without a transaction it has no effect.
 */
export async function withoutJit(tx: Queryable): Promise<void> {
  await tx.query('SET LOCAL jit = off');
}

/**
 * Runs a standalone, idempotent statement again when PostgreSQL chose it as a deadlock victim
 * (40P01) or could not serialise it (40001). For the "mark as changed" upserts that writers and the
 * background jobs race on: a failed mark must not fail the write it follows.
 */
export async function retryOnConflict<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (i >= attempts || (code !== '40P01' && code !== '40001')) throw err;
      await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 20));
    }
  }
}
