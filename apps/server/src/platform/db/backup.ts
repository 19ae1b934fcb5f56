import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { AppError } from '../errors.ts';
import { notifyDataReplaced, type Database } from './index.ts';
import { rows, withTransaction, type Queryable } from './sql.ts';

/**
 * Logical backup that round-trips losslessly between PGlite and PostgreSQL (whose pg_dump versions
 * differ): each row travels as its PostgreSQL record literal (`t::text`) and is restored with
 * `(literal::t).*`, so every type keeps its exact text I/O form. File: gzip'd JSON lines.
 * Inside the restore transaction every query goes through its client: the embedded database has one
 * backend, so a second connection would wait for the transaction to end.
 */
const FORMAT = 'linli-backup/1';
const CHUNK = 2000;

/**
 * Tables whose rows follow from other tables: not written to a backup, rebuilt after a restore by
 * this SQL (so they can never disagree with what was restored).
 */
const DERIVED: Record<string, string> = {
  event_ids: 'INSERT INTO event_ids (id) SELECT DISTINCT id FROM events ORDER BY 1 ON CONFLICT DO NOTHING',
  // restored events queued themselves through the trigger; texts whose scores were restored need no new score
  text_queue: 'DELETE FROM text_queue q USING text_scores s WHERE s.event_id = q.event_id',
};

async function tablesInDependencyOrder(db: Queryable): Promise<string[]> {
  const tables = (
    await rows<{ t: string }>(
      db,
      `SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
    )
  ).map((r) => r.t);
  const deps = await rows<{ child: string; parent: string }>(
    db,
    `SELECT cl.relname AS child, pa.relname AS parent FROM pg_constraint k
     JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE k.contype = 'f' AND n.nspname = 'public'`,
  );
  const ordered: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (ordered.includes(t) || path.has(t)) return;
    path.add(t);
    for (const d of deps.filter((x) => x.child === t && x.parent !== t)) visit(d.parent, path);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

async function migrationCount(db: Queryable): Promise<number> {
  const [r] = await rows<{ n: number }>(db, 'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
  return r?.n ?? 0;
}

export async function backup(database: Database, file: string): Promise<Record<string, number>> {
  const tables = (await tablesInDependencyOrder(database.pool)).filter((t) => !(t in DERIVED));
  const counts: Record<string, number> = {};
  const migrations = await migrationCount(database.pool);
  const client = await database.pool.connect();
  // one snapshot for all tables, read through cursors so no table is ever held in memory
  async function* lines(): AsyncGenerator<string> {
    yield JSON.stringify({ format: FORMAT, migrations, tables, at: new Date().toISOString() }) + '\n';
    for (const t of tables) {
      counts[t] = 0;
      await client.query(`DECLARE linli_backup CURSOR FOR SELECT x::text AS r FROM ${quote(t)} x`);
      for (;;) {
        const page = await rows<{ r: string }>(client, `FETCH ${CHUNK} FROM linli_backup`);
        if (page.length === 0) break;
        counts[t] += page.length;
        yield JSON.stringify({ t, rows: page.map((p) => p.r) }) + '\n';
      }
      await client.query('CLOSE linli_backup');
    }
  }
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
    await client.query('COMMIT');
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
  return counts;
}

export async function restore(database: Database, file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await withTransaction(database, async (tx) => {
    // opened here, after BEGIN: a readline interface created earlier can emit (and lose) its lines
    // before the loop below starts reading
    const input = createInterface({
      input: createReadStream(file).pipe(createGunzip()),
      crlfDelay: Infinity,
    });
    let header: { format?: string; migrations?: number } | null = null;
    for await (const line of input) {
      if (!line) continue;
      const obj = JSON.parse(line) as {
        format?: string;
        migrations?: number;
        tables?: string[];
        t?: string;
        rows?: string[];
      };
      if (!header) {
        if (obj.format !== FORMAT)
          throw new AppError('invalid', 'backup.format_unknown', `${file} is not a Linli backup`);
        header = obj;
        const here = await migrationCount(tx);
        if (header.migrations !== here)
          throw new AppError(
            'invalid',
            'backup.version_mismatch',
            `Backup has ${header.migrations} migrations applied, this database ${here}: run the matching Linli version`,
          );
        const present = await tablesInDependencyOrder(tx);
        await tx.query(`TRUNCATE ${present.map(quote).join(', ')} RESTART IDENTITY CASCADE`);
        continue;
      }
      const t = obj.t!;
      // events are partitioned: make sure the months exist before rows arrive
      if (t === 'events')
        await tx.query(
          `SELECT linli_ensure_event_partition(m) FROM (SELECT DISTINCT date_trunc('month', (r::events).occurred_at AT TIME ZONE 'UTC')::date AS m
           FROM unnest($1::text[]) r) x`,
          [obj.rows],
        );
      await tx.query(`INSERT INTO ${quote(t)} SELECT (r::${quote(t)}).* FROM unnest($1::text[]) r`, [
        obj.rows,
      ]);
      counts[t] = (counts[t] ?? 0) + obj.rows!.length;
    }
    if (!header) throw new AppError('invalid', 'backup.empty', `${file} is empty`);
    for (const [t, sql] of Object.entries(DERIVED)) {
      const r = await tx.query(sql);
      counts[t] = (counts[t] ?? 0) + (r.rowCount ?? 0);
    }
    // identity/serial columns continue after the restored ids
    const seqs = await rows<{ t: string; c: string; s: string }>(
      tx,
      `SELECT tc.relname AS t, a.attname AS c, pg_get_serial_sequence(quote_ident(tc.relname), a.attname) AS s
       FROM pg_attribute a JOIN pg_class tc ON tc.oid = a.attrelid JOIN pg_namespace n ON n.oid = tc.relnamespace
       WHERE n.nspname = 'public' AND tc.relkind IN ('r','p') AND a.attnum > 0 AND pg_get_serial_sequence(quote_ident(tc.relname), a.attname) IS NOT NULL`,
    );
    notifyDataReplaced();
    for (const s of seqs)
      await tx.query(
        `SELECT setval($1, coalesce((SELECT max(${quote(s.c)}) FROM ${quote(s.t)}), 0) + 1, false)`,
        [s.s],
      );
  });
  return counts;
}

function quote(ident: string): string {
  return `"${ident.replace(/"/g, '""')}"`;
}
