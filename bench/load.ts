/**
 * Demo load benchmark: `loadDemo` (generate + encrypt + COPY, pipelined) against a raw COPY of the
 * very same rows from pre-written TSV files, each into a fresh, migrated database.
 *
 *   npm run bench:load -- [--members 1000000] [--months 12] [--db embedded|postgres] [--seed 42]
 *
 * embedded: PGlite in a temporary data dir; postgres: a new `linli_bench_<random>` database on the
 * server named by DATABASE_URL, dropped afterwards. The goal is loadDemo ≤ 1.5 × raw COPY.
 */
import { randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  rmSync,
  statSync,
  type WriteStream,
} from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { finished, pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  DEMO_TABLES,
  deferIndexesWhenEmpty,
  generateDemo,
  loadDemo,
  type DemoSummary,
  type DemoTable,
} from '../apps/server/src/modules/demo/index.ts';
import { DemoRowWriter, TableBuffers, copySql } from '../apps/server/src/modules/demo/demo-rows.ts';
import { monthsCovering } from '../apps/server/src/modules/demo/demo-time.ts';
import { openDatabase, runMigrations, type Database } from '../apps/server/src/platform/db/index.ts';
import { derivePiiKeys, encryptPii, lookupHash, type PiiKeys } from '../apps/server/src/platform/pii.ts';
import { childPidsMatching, fmtInt, mb, peakRssOf, table } from './lib.ts';

type DbKind = 'embedded' | 'postgres';

interface Options {
  members: number;
  months: number;
  seed: number;
  db: DbKind;
  /** fixed so both runs produce identical rows */
  now: Date;
}

interface FreshDb {
  database: Database;
  /** pg_database_size of the loaded database */
  size(): Promise<number>;
  /** peak resident memory of the embedded database process so far, when there is one */
  dbPeakRss(): number | null;
  close(): Promise<void>;
}

async function withAdmin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** databases this run created on the server: dropped on every way out, signals included */
const created = new Set<string>();

async function dropDb(name: string): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return;
  await withAdmin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  created.delete(name);
}

async function freshDb(kind: DbKind, dir: string): Promise<FreshDb> {
  const serverUrl = process.env.DATABASE_URL;
  let dbName: string | null = null;
  let databaseUrl: string | undefined;
  if (kind === 'postgres') {
    if (!serverUrl) throw new Error('--db postgres needs DATABASE_URL');
    dbName = `linli_bench_${randomBytes(5).toString('hex')}`;
    await withAdmin(serverUrl, `CREATE DATABASE ${dbName}`);
    created.add(dbName);
    const u = new URL(serverUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  let database: Database | null = null;
  try {
    const before = new Set(childPidsMatching(process.pid, 'embedded-main'));
    database = await openDatabase({ databaseUrl, dataDir: dir, poolSize: 2 });
    const child = childPidsMatching(process.pid, 'embedded-main').find((p) => !before.has(p)) ?? null;
    await runMigrations(database);
    const opened = database;
    return {
      database: opened,
      size: async () =>
        Number(
          (await opened.pool.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n'))
            .rows[0]!.n,
        ),
      dbPeakRss: () => (child === null ? null : peakRssOf(child)),
      async close() {
        try {
          await opened.close();
        } finally {
          if (dbName) await dropDb(dbName);
        }
      },
    };
  } catch (err) {
    await database?.close().catch(() => undefined);
    if (dbName) await dropDb(dbName).catch(() => undefined);
    throw err;
  }
}

interface TsvFiles {
  files: Map<DemoTable, string>;
  /** first days of the months the events fall in: their partitions */
  months: string[];
}

/** Writes every row the demo would load to `<dir>/<table>.tsv` (untimed preparation of the baseline). */
async function writeTsv(o: Options, keys: PiiKeys, dir: string): Promise<TsvFiles> {
  const files = new Map(DEMO_TABLES.map((t) => [t, path.join(dir, `${t}.tsv`)]));
  const streams = new Map<DemoTable, WriteStream>(
    DEMO_TABLES.map((t) => [t, createWriteStream(files.get(t)!)]),
  );
  const buffers = new TableBuffers();
  const writer = new DemoRowWriter(keys, buffers.sink);
  const flush = async () => {
    for (const batch of buffers.take()) {
      const out = streams.get(batch.table)!;
      for (const piece of batch.pieces) if (!out.write(piece)) await once(out, 'drain');
    }
  };
  const world = generateDemo(o);
  writer.writeStatic(world);
  for (let i = 0; i < world.members; i++) {
    writer.writeMember(world.member(i));
    if (buffers.size > 16 * 1024 * 1024) await flush();
  }
  await flush();
  for (const out of streams.values()) out.end();
  await Promise.all([...streams.values()].map((s) => finished(s)));
  return { files, months: monthsCovering(world.windowStart, world.windowEnd) };
}

interface RawResult {
  /** COPY time per table */
  ms: Map<DemoTable, number>;
  /** re-creating the indexes and keys dropped before the COPY (as loadDemo does into an empty database) */
  indexBuildMs: number | null;
  indexSteps: Record<string, number>;
  /** BEGIN … COMMIT, everything included */
  totalMs: number;
}

/**
 * The baseline: COPY of the files, table after table, in one transaction, with the same treatment of
 * indexes as loadDemo (dropped before, built after, when the tables are empty) and the partitions
 * created inside the transaction, as loadDemo does: the two sides differ only in where the rows come from.
 */
async function rawCopy(database: Database, { files, months }: TsvFiles): Promise<RawResult> {
  const client = await database.pool.connect();
  const ms = new Map<DemoTable, number>();
  let indexBuildMs: number | null = null;
  const indexSteps: Record<string, number> = {};
  const started = performance.now();
  try {
    await client.query('BEGIN');
    for (const month of months) {
      await client.query('SELECT linli_ensure_event_partition($1::date)', [month]);
    }
    const deferred = await deferIndexesWhenEmpty(client, database.kind);
    for (const t of DEMO_TABLES) {
      const tableStarted = performance.now();
      await pipeline(
        createReadStream(files.get(t)!, { highWaterMark: 256 * 1024 }),
        client.query(copyFrom(copySql(t))),
      );
      ms.set(t, performance.now() - tableStarted);
    }
    if (deferred) {
      const built = performance.now();
      await deferred.restore((what, ms) => (indexSteps[what] = ms));
      indexBuildMs = performance.now() - built;
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  return { ms, indexBuildMs, indexSteps, totalMs: performance.now() - started };
}

/**
 * Cost of sealing one phone number (AES-GCM + HMAC) measured on its own: inside loadDemo the figure
 * also absorbs GC pauses and CPU contention with the database process.
 */
function piiMicrosPerMember(keys: PiiKeys): number {
  const n = 20_000;
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const phone = `138${String(i).padStart(8, '0')}`;
    encryptPii(keys, phone);
    lookupHash(keys, phone);
  }
  return ((performance.now() - started) * 1000) / n;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const perSecond = (rows: number, ms: number) => (ms > 0 ? fmtInt((rows * 1000) / ms) : '–');

function report(
  o: Options,
  summary: DemoSummary,
  raw: RawResult,
  extra: Record<string, number | null>,
): void {
  const rows = DEMO_TABLES.map((t) => {
    const { rows: n, copyMs } = summary.tables[t];
    return [
      t,
      fmtInt(n),
      seconds(copyMs),
      perSecond(n, copyMs),
      seconds(raw.ms.get(t)!),
      perSecond(n, raw.ms.get(t)!),
    ];
  });
  const totalRows = DEMO_TABLES.reduce((s, t) => s + summary.tables[t].rows, 0);
  const build = (ms: number | null) => (ms === null ? 'kept during the load' : seconds(ms));
  rows.push(['index + key build', '', build(summary.indexBuildMs), '', build(raw.indexBuildMs), '']);
  rows.push([
    'total (wall)',
    fmtInt(totalRows),
    seconds(summary.elapsedMs),
    perSecond(totalRows, summary.elapsedMs),
    seconds(raw.totalMs),
    perSecond(totalRows, raw.totalMs),
  ]);
  console.log(`\nbench:load  ${fmtInt(o.members)} members × ${o.months} months on ${o.db}\n`);
  console.log(table(['table', 'rows', 'loadDemo COPY', 'rows/s', 'raw COPY', 'rows/s'], rows));
  const steps = Object.entries(summary.indexSteps).sort((a, b) => b[1] - a[1]);
  if (steps.length) {
    console.log('');
    console.log(
      table(
        ['index / key (after the COPY)', 'loadDemo', 'raw COPY'],
        steps.map(([what, ms]) => [what, seconds(ms), seconds(raw.indexSteps[what] ?? 0)]),
      ),
    );
  }
  console.log('');
  console.log(
    table(
      ['measure', 'value'],
      [
        ['loadDemo wall time', seconds(summary.elapsedMs)],
        ['  generating + rendering (overlaps COPY)', seconds(summary.generateMs)],
        [
          '  of which phone encryption + hash',
          `${seconds(summary.piiMs)} (${((summary.piiMs * 1000) / o.members).toFixed(1)} µs/member)`,
        ],
        ['phone encryption + hash alone', `${extra.piiMicros!.toFixed(1)} µs/member`],
        ['raw COPY of the same rows (BEGIN … COMMIT)', seconds(raw.totalMs)],
        ['ratio loadDemo / raw COPY (goal ≤ 1.5)', (summary.elapsedMs / raw.totalMs).toFixed(2)],
        ['orders per member', (summary.tables.orders.rows / o.members).toFixed(1)],
        ['database size after loadDemo', mb(extra.dbSize)],
        ['TSV files of the baseline', mb(extra.tsvBytes)],
        ['peak RSS, this process (during loadDemo)', mb(extra.loaderRss)],
        ['peak RSS, embedded db (loadDemo run)', mb(extra.dbRssLoad)],
        ['peak RSS, embedded db (raw COPY run)', mb(extra.dbRssRaw)],
        ['TSV preparation (untimed baseline setup)', seconds(extra.prepareMs ?? 0)],
      ],
    ),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      members: { type: 'string', default: '1000000' },
      months: { type: 'string', default: '12' },
      seed: { type: 'string', default: '42' },
      db: { type: 'string', default: 'embedded' },
    },
  });
  const int = (name: string, v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer (got ${v})`);
    return n;
  };
  if (values.db !== 'embedded' && values.db !== 'postgres')
    throw new Error(`--db must be embedded or postgres (got ${values.db})`);
  const o: Options = {
    members: int('members', values.members),
    months: int('months', values.months),
    seed: int('seed', values.seed),
    db: values.db,
    now: new Date(),
  };
  const keys = derivePiiKeys(randomBytes(32));
  const piiMicros = piiMicrosPerMember(keys);
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-bench-load-'));
  // interrupted (Ctrl-C, kill): drop what this run created before going
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`\nbench:load: ${signal}, dropping ${[...created].join(', ') || 'nothing'}…\n`);
    rmSync(dir, { recursive: true, force: true });
    // the forced drop cuts the load's own connection: its errors no longer matter
    process.on('uncaughtException', () => undefined);
    void Promise.allSettled([...created].map(dropDb)).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    process.stderr.write(`bench:load: loadDemo of ${fmtInt(o.members)} members…\n`);
    const a = await freshDb(o.db, path.join(dir, 'a'));
    let summary: DemoSummary;
    let dbRssLoad: number | null;
    let dbSize: number;
    try {
      summary = await loadDemo(
        a.database,
        { members: o.members, months: o.months, seed: o.seed, now: o.now, keys },
        (p) => {
          if (p.phase === 'members')
            process.stderr.write(
              `\r  ${fmtInt(p.done)} / ${fmtInt(p.total)} members (${new Date().toISOString()})`,
            );
          if (p.phase === 'indexes') process.stderr.write(`\n  building indexes and keys…`);
        },
      );
      dbRssLoad = a.dbPeakRss();
      dbSize = await a.size();
    } finally {
      await a.close();
    }
    const loaderRss = process.resourceUsage().maxRSS * 1024;
    process.stderr.write(`\nbench:load: loadDemo ${seconds(summary.elapsedMs)}\n`);

    process.stderr.write('bench:load: writing the same rows as TSV for the raw COPY baseline…\n');
    const prepared = performance.now();
    const tsv = await writeTsv(o, keys, dir);
    const prepareMs = performance.now() - prepared;
    const tsvBytes = [...tsv.files.values()].reduce((sum, f) => sum + statSync(f).size, 0);

    process.stderr.write('bench:load: raw COPY…\n');
    const b = await freshDb(o.db, path.join(dir, 'b'));
    let raw: RawResult;
    let dbRssRaw: number | null;
    try {
      raw = await rawCopy(b.database, tsv);
      dbRssRaw = b.dbPeakRss();
    } finally {
      await b.close();
    }
    report(o, summary, raw, { loaderRss, dbRssLoad, dbRssRaw, prepareMs, piiMicros, dbSize, tsvBytes });
  } finally {
    await Promise.allSettled([...created].map(dropDb));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
