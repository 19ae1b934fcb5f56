/**
 * Loads a generated demo community with COPY … FROM STDIN on one connection and in one transaction:
 * the demo is either there completely or not at all. Members are rendered into batches of a few MB;
 * while the database ingests one batch the next one is being generated, so generation and ingestion
 * overlap (the embedded database runs in its own process).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { allEmpty, deferIndexes, type DeferredIndexes } from '../../platform/db/bulk-load.ts';
import { notifyDataReplaced, type Database } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { PiiKeys } from '../../platform/pii.ts';
import { loadDemoCompliance } from './demo-compliance.ts';
import { loadDemoOpinion } from './demo-opinion.ts';
import { DEMO_CONVERSION_BAR } from './demo-lab.ts';
import { generateDemo, type DemoWorld } from './demo-rules.ts';
import {
  DEMO_TABLES,
  DemoRowWriter,
  TableBuffers,
  type DemoTable,
  type TableBatch,
  copySql,
} from './demo-rows.ts';
import { monthsCovering } from './demo-time.ts';
import type { DemoOptions, TruthRow } from './demo-types.ts';

export interface LoadDemoOptions extends DemoOptions {
  keys: PiiKeys;
  /** write `member_id,persona` for every member here after a successful load */
  truthFile?: string;
  /** delete an earlier demo first instead of refusing */
  replace?: boolean;
}

export interface DemoProgress {
  phase: 'prepare' | 'catalogue' | 'members' | 'indexes' | 'truth';
  done: number;
  total: number;
}

export interface DemoSummary {
  tables: Record<DemoTable, { rows: number; copyMs: number }>;
  /**
   * Loading into empty tables, their indexes and keys were dropped before the COPY and built again
   * after it (same transaction); the time of that rebuild. null when the tables held rows.
   */
  indexBuildMs: number | null;
  /** the index builds and key checks of that rebuild, in ms each */
  indexSteps: Record<string, number>;
  /** wall time of the whole load */
  elapsedMs: number;
  /** time spent generating and rendering rows (overlaps with the COPY time) */
  generateMs: number;
  /** part of generateMs spent encrypting and hashing phone numbers */
  piiMs: number;
  truthRows: number | null;
}

/** a batch of this many characters is handed to the database while the next one is generated */
const BATCH_CHARS = 16 * 1024 * 1024;
/**
 * Generation runs on the event loop that also moves COPY data into the socket and reacts to the
 * server's replies; it gives way this often (ms) so a batch in flight keeps streaming meanwhile.
 */
const SLICE_MS = 4;

/** external ids of every demo row start with these; `replace` deletes by them (children first) */
const DEMO_ROWS: ReadonlyArray<readonly [table: string, column: string, prefix: string]> = [
  ['events', 'external_id', 'demo-e-'],
  ['orders', 'external_id', 'demo-o-'], // order_items and refunds cascade
  ['members', 'external_id', 'demo-m-'], // member_consents cascade
  ['wechat_groups', 'wechat_group_id', 'demo-g-'],
  ['pickup_points', 'external_id', 'demo-pkp-'],
  ['leaders', 'external_id', 'demo-ldr-'],
  ['communities', 'external_id', 'demo-com-'],
  ['products', 'sku', 'demo-p-'],
  ['experiments', 'key', 'demo-'], // their exposures and statistics go first, in prepare()
];

/**
 * Session settings for the index builds at the end of a bulk load on a PostgreSQL server (this
 * transaction only): sorts of tens of millions of keys in memory rather than in merge passes on disk.
 * The embedded database keeps its own settings (its WASM heap is capped at 2 GiB).
 */
const BULK_BUILD_SETTINGS = ["SET LOCAL maintenance_work_mem = '1GB'", "SET LOCAL work_mem = '256MB'"];

/**
 * Into an empty database the rows go in before the indexes and keys (built once, at the end); into
 * one that holds rows, indexes stay as they are. Dropping them takes the tables' exclusive locks
 * until the load commits: other sessions' reads and writes of these tables wait for it.
 */
export async function deferIndexesWhenEmpty(
  client: pg.PoolClient,
  kind: Database['kind'],
): Promise<DeferredIndexes | null> {
  if (!(await allEmpty(client, DEMO_TABLES))) return null;
  if (kind === 'postgres') for (const sql of BULK_BUILD_SETTINGS) await client.query(sql);
  return deferIndexes(client, DEMO_TABLES);
}

async function prepare(client: pg.PoolClient, world: DemoWorld, replace: boolean): Promise<void> {
  const existing = await client.query(`SELECT 1 FROM members WHERE external_id LIKE 'demo-m-%' LIMIT 1`);
  if (existing.rowCount && !replace) {
    throw new AppError(
      'conflict',
      'demo.already_loaded',
      'This database already holds demo data (members demo-m-…). Load the demo into an empty database, or pass replace to delete the old demo first.',
    );
  }
  if (existing.rowCount) {
    // event_ids has no external id to match on: the demo events name theirs, so they go first
    await client.query(
      `DELETE FROM event_ids WHERE id IN (SELECT id FROM events WHERE external_id LIKE 'demo-e-%')`,
    );
    for (const table of ['experiment_exposures', 'experiment_stats'])
      await client.query(
        `DELETE FROM ${table} WHERE experiment_id IN (SELECT id FROM experiments WHERE key LIKE 'demo-%')`,
      );
    for (const [table, column, prefix] of DEMO_ROWS)
      await client.query(`DELETE FROM ${table} WHERE ${column} LIKE '${prefix}%'`);
    notifyDataReplaced();
  }
  for (const month of monthsCovering(world.windowStart, world.windowEnd)) {
    await client.query('SELECT linli_ensure_event_partition($1::date)', [month]);
  }
}

async function copyBatches(
  client: pg.PoolClient,
  batches: TableBatch[],
  summary: DemoSummary,
): Promise<void> {
  for (const batch of batches) {
    const started = performance.now();
    await pipeline(Readable.from(batch.pieces), client.query(copyFrom(copySql(batch.table))));
    const stats = summary.tables[batch.table];
    stats.rows += batch.rows;
    stats.copyMs += performance.now() - started;
  }
}

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

function emptySummary(): DemoSummary {
  const tables = Object.fromEntries(
    DEMO_TABLES.map((t) => [t, { rows: 0, copyMs: 0 }]),
  ) as DemoSummary['tables'];
  return {
    tables,
    indexBuildMs: null,
    indexSteps: {},
    elapsedMs: 0,
    generateMs: 0,
    piiMs: 0,
    truthRows: null,
  };
}

/**
 * Streams every member through the writer; each full batch goes to the database while generation
 * continues, at most one batch in flight.
 */
async function loadMembers(
  client: pg.PoolClient,
  world: DemoWorld,
  writer: DemoRowWriter,
  buffers: TableBuffers,
  summary: DemoSummary,
  onProgress?: (p: DemoProgress) => void,
): Promise<void> {
  let inFlight: Promise<void> = Promise.resolve();
  const handOver = async (done: number) => {
    const batches = buffers.take();
    await inFlight;
    inFlight = copyBatches(client, batches, summary);
    inFlight.catch(() => undefined); // awaited at the next hand-over; don't report it as unhandled meanwhile
    onProgress?.({ phase: 'members', done, total: world.members });
  };
  let i = 0;
  while (i < world.members) {
    const sliceStarted = performance.now();
    let now = sliceStarted;
    while (i < world.members && now - sliceStarted < SLICE_MS && buffers.size < BATCH_CHARS) {
      writer.writeMember(world.member(i++));
      now = performance.now();
    }
    summary.generateMs += now - sliceStarted;
    if (buffers.size >= BATCH_CHARS) await handOver(i);
    await yieldToIo();
  }
  await handOver(world.members);
  await inFlight;
}

export async function loadDemo(
  database: Database,
  opts: LoadDemoOptions,
  onProgress?: (p: DemoProgress) => void,
): Promise<DemoSummary> {
  const started = performance.now();
  const summary = emptySummary();
  const world = generateDemo(opts);
  const buffers = new TableBuffers();
  const writer = new DemoRowWriter(opts.keys, buffers.sink);
  const client = await database.pool.connect();
  try {
    await client.query('BEGIN');
    onProgress?.({ phase: 'prepare', done: 0, total: 1 });
    await prepare(client, world, opts.replace ?? false);
    const deferred = await deferIndexesWhenEmpty(client, database.kind);
    onProgress?.({ phase: 'catalogue', done: 0, total: 1 });
    writer.writeStatic(world);
    await copyBatches(client, buffers.take(), summary);
    await loadMembers(client, world, writer, buffers, summary, onProgress);
    // the lab's settings come with the demo unless an operator has set them already
    await client.query(
      `INSERT INTO experiment_settings (id, conversion_bar, updated_by) VALUES (1, $1, 'demo') ON CONFLICT (id) DO NOTHING`,
      [DEMO_CONVERSION_BAR],
    );
    // a dozen pieces of copy in every review stage, so the compliance pages show the workflow
    await loadDemoCompliance(client, world.windowEnd);
    if (deferred) {
      onProgress?.({ phase: 'indexes', done: 0, total: 1 });
      const started = performance.now();
      await deferred.restore((what, ms) => (summary.indexSteps[what] = ms));
      summary.indexBuildMs = performance.now() - started;
    }
    // incidents at every level and state, a month of closed ones, six months of NPS answers (after
    // the indexes are back: grouping looks orders and members up by key)
    await loadDemoOpinion(client, world.windowEnd);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  summary.piiMs = writer.piiMs;
  if (opts.truthFile) {
    onProgress?.({ phase: 'truth', done: 0, total: world.members });
    summary.truthRows = await writeTruth(opts.truthFile, world.truth());
  }
  summary.elapsedMs = performance.now() - started;
  return summary;
}

/** `member_id,persona` with a header; returns the number of members written */
export async function writeTruth(path: string, rows: Iterable<TruthRow>): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  let count = 0;
  let chunk = 'member_id,persona\n';
  for (const row of rows) {
    chunk += `${row.memberId},${row.persona}\n`;
    count += 1;
    if (chunk.length >= 64 * 1024) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await finished(out);
  return count;
}
