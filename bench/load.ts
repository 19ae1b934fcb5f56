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
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
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

async function freshDb(kind: DbKind, dir: string): Promise<FreshDb> {
  const serverUrl = process.env.DATABASE_URL;
  let dbName: string | null = null;
  let databaseUrl: string | undefined;
  if (kind === 'postgres') {
    if (!serverUrl) throw new Error('--db postgres needs DATABASE_URL');
    dbName = `linli_bench_${randomBytes(5).toString('hex')}`;
    await withAdmin(serverUrl, `CREATE DATABASE ${dbName}`);
    const u = new URL(serverUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const before = new Set(childPidsMatching(process.pid, 'embedded-main'));
  const database = await openDatabase({ databaseUrl, dataDir: dir, poolSize: 2 });
  const child = childPidsMatching(process.pid, 'embedded-main').find((p) => !before.has(p)) ?? null;
  await runMigrations(database);
  return {
    database,
    dbPeakRss: () => (child === null ? null : peakRssOf(child)),
    async close() {
      await database.close();
      if (dbName && serverUrl) await withAdmin(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    },
  };
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

/** The baseline: COPY of the files, table after table, in one transaction, timed per table. */
async function rawCopy(database: Database, { files, months }: TsvFiles): Promise<Map<DemoTable, number>> {
  const client = await database.pool.connect();
  const ms = new Map<DemoTable, number>();
  try {
    for (const month of months) {
      await client.query('SELECT linli_ensure_event_partition($1::date)', [month]);
    }
    await client.query('BEGIN');
    for (const t of DEMO_TABLES) {
      const started = performance.now();
      await pipeline(
        createReadStream(files.get(t)!, { highWaterMark: 256 * 1024 }),
        client.query(copyFrom(copySql(t))),
      );
      ms.set(t, performance.now() - started);
    }
    await client.query('COMMIT');
  } finally {
    client.release();
  }
  return ms;
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
  raw: Map<DemoTable, number>,
  extra: Record<string, number | null>,
): void {
  const rows = DEMO_TABLES.map((t) => {
    const { rows: n, copyMs } = summary.tables[t];
    return [
      t,
      fmtInt(n),
      seconds(copyMs),
      perSecond(n, copyMs),
      seconds(raw.get(t)!),
      perSecond(n, raw.get(t)!),
    ];
  });
  const totalRows = DEMO_TABLES.reduce((s, t) => s + summary.tables[t].rows, 0);
  const rawMs = [...raw.values()].reduce((s, x) => s + x, 0);
  rows.push([
    'total',
    fmtInt(totalRows),
    seconds(summary.elapsedMs),
    perSecond(totalRows, summary.elapsedMs),
    seconds(rawMs),
    perSecond(totalRows, rawMs),
  ]);
  console.log(`\nbench:load  ${fmtInt(o.members)} members × ${o.months} months on ${o.db}\n`);
  console.log(table(['table', 'rows', 'loadDemo COPY', 'rows/s', 'raw COPY', 'rows/s'], rows));
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
        ['raw COPY of the same rows', seconds(rawMs)],
        ['ratio loadDemo / raw COPY (goal ≤ 1.5)', (summary.elapsedMs / rawMs).toFixed(2)],
        ['orders per member', (summary.tables.orders.rows / o.members).toFixed(1)],
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
  try {
    process.stderr.write(`bench:load: loadDemo of ${fmtInt(o.members)} members…\n`);
    const a = await freshDb(o.db, path.join(dir, 'a'));
    let summary: DemoSummary;
    let dbRssLoad: number | null;
    try {
      summary = await loadDemo(
        a.database,
        { members: o.members, months: o.months, seed: o.seed, now: o.now, keys },
        (p) => {
          if (p.phase === 'members')
            process.stderr.write(`\r  ${fmtInt(p.done)} / ${fmtInt(p.total)} members`);
        },
      );
      dbRssLoad = a.dbPeakRss();
    } finally {
      await a.close();
    }
    const loaderRss = process.resourceUsage().maxRSS * 1024;

    process.stderr.write('\nbench:load: writing the same rows as TSV for the raw COPY baseline…\n');
    const prepared = performance.now();
    const tsv = await writeTsv(o, keys, dir);
    const prepareMs = performance.now() - prepared;

    process.stderr.write('bench:load: raw COPY…\n');
    const b = await freshDb(o.db, path.join(dir, 'b'));
    let raw: Map<DemoTable, number>;
    let dbRssRaw: number | null;
    try {
      raw = await rawCopy(b.database, tsv);
      dbRssRaw = b.dbPeakRss();
    } finally {
      await b.close();
    }
    report(o, summary, raw, { loaderRss, dbRssLoad, dbRssRaw, prepareMs, piiMicros });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
