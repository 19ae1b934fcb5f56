import type { Queryable } from './sql.ts';
import { rows } from './sql.ts';

/**
 * Bulk loading into empty tables, the way pg_dump's output does it: rows first, then the indexes and
 * key constraints in one build each. Maintaining a B-tree row by row (random keys: ids are hashes)
 * and checking every foreign key per row costs far more than sorting once at the end.
 *
 * `deferIndexes` drops the indexes and the primary-key, unique and foreign-key constraints of the
 * given tables (with the foreign keys of other tables that point at them) and returns the step that
 * re-creates every one of them from the definition PostgreSQL itself reported before the drop
 * (`pg_get_indexdef`, `pg_get_constraintdef`), under the same names, partition indexes included.
 * Both must run in the same transaction as the load: DDL is transactional, so an interrupted or
 * failed load rolls back to the schema as it was, and the keys are checked in full when they are
 * re-created (a duplicate or an orphan fails the load as it would have row by row).
 */

interface ConstraintDef {
  table: string;
  name: string;
  kind: 'p' | 'u' | 'f';
  def: string;
}

interface IndexDef {
  table: string;
  name: string;
  def: string;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface DeferredIndexes {
  /** what was dropped: indexes (not counting partitions' copies) and constraints */
  dropped: { indexes: number; constraints: number };
  /**
   * re-creates everything that was dropped; call once, in the same transaction, after the load;
   * `onStep` hears how long each index or constraint took
   */
  restore(onStep?: (what: string, ms: number) => void): Promise<void>;
}

export async function deferIndexes(db: Queryable, tables: readonly string[]): Promise<DeferredIndexes> {
  // Constraints on the tables themselves (not the copies partitions inherit: conparentid = 0) and
  // foreign keys elsewhere that reference them.
  const constraints = await rows<ConstraintDef>(
    db,
    `SELECT t.relname AS "table", c.conname AS name, c.contype AS kind, pg_get_constraintdef(c.oid) AS def
     FROM pg_constraint c
     JOIN pg_class t ON t.oid = c.conrelid
     LEFT JOIN pg_class r ON r.oid = c.confrelid
     WHERE t.relnamespace = 'public'::regnamespace AND c.conparentid = 0 AND c.contype IN ('p', 'u', 'f')
       AND (t.relname = ANY($1::text[]) OR (c.contype = 'f' AND r.relname = ANY($1::text[])))
     ORDER BY c.contype = 'f' DESC, t.relname, c.conname`,
    [tables],
  );
  // Plain indexes (not those behind a constraint) of the tables; an index of a partitioned table
  // takes its partitions' indexes along when dropped and creates them again.
  const indexes = await rows<IndexDef>(
    db,
    `SELECT t.relname AS "table", ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
     WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
     ORDER BY 1, 2`,
    [tables],
  );
  // The names partitions' indexes have now: re-created indexes get generated names, set back below.
  const partitionIndexes = await partitionIndexNames(db, tables);

  for (const c of constraints.filter((x) => x.kind === 'f'))
    await db.query(`ALTER TABLE ${ident(c.table)} DROP CONSTRAINT ${ident(c.name)}`);
  for (const c of constraints.filter((x) => x.kind !== 'f'))
    await db.query(`ALTER TABLE ${ident(c.table)} DROP CONSTRAINT ${ident(c.name)}`);
  for (const i of indexes) await db.query(`DROP INDEX ${ident(i.name)}`);

  return {
    dropped: { indexes: indexes.length, constraints: constraints.length },
    async restore(onStep) {
      const run = async (what: string, sql: string) => {
        const started = performance.now();
        await db.query(sql);
        onStep?.(what, performance.now() - started);
      };
      // An index of a partitioned table is reported `ON ONLY` (as pg_dump attaches partitions'
      // indexes one by one); without ONLY it is built on every partition as well.
      for (const i of indexes) await run(i.name, i.def.replace(/ ON ONLY /, ' ON '));
      for (const c of constraints.filter((x) => x.kind !== 'f'))
        await run(c.name, `ALTER TABLE ${ident(c.table)} ADD CONSTRAINT ${ident(c.name)} ${c.def}`);
      for (const c of constraints.filter((x) => x.kind === 'f'))
        await run(c.name, `ALTER TABLE ${ident(c.table)} ADD CONSTRAINT ${ident(c.name)} ${c.def}`);
      const now = await partitionIndexNames(db, tables);
      for (const [key, name] of now) {
        const was = partitionIndexes.get(key);
        if (was && was !== name) await db.query(`ALTER INDEX ${ident(name)} RENAME TO ${ident(was)}`);
      }
    },
  };
}

/** partition index name by (partition, the parent index it belongs to) */
async function partitionIndexNames(db: Queryable, tables: readonly string[]): Promise<Map<string, string>> {
  const found = await rows<{ partition: string; parent: string; name: string }>(
    db,
    `SELECT pt.relname AS partition, parent.relname AS parent, ci.relname AS name
     FROM pg_inherits ih
     JOIN pg_class ci ON ci.oid = ih.inhrelid AND ci.relkind = 'i'
     JOIN pg_class parent ON parent.oid = ih.inhparent
     JOIN pg_index x ON x.indexrelid = ci.oid
     JOIN pg_class pt ON pt.oid = x.indrelid
     JOIN pg_index px ON px.indexrelid = parent.oid
     JOIN pg_class t ON t.oid = px.indrelid
     WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1::text[])`,
    [tables],
  );
  return new Map(found.map((r) => [`${r.partition}\u0000${r.parent}`, r.name]));
}

/** true when none of the tables holds a row */
export async function allEmpty(db: Queryable, tables: readonly string[]): Promise<boolean> {
  for (const t of tables) {
    const r = await db.query(`SELECT 1 FROM ${ident(t)} LIMIT 1`);
    if (r.rowCount) return false;
  }
  return true;
}
