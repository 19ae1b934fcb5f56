/**
 * Content-lab benchmark: a 50-arm test with 10 million exposures, its outcomes (orders before and
 * after exposure, content views with dwell, shares, complaints) written with COPY, then
 *
 *   - the aggregation of every unit's outcomes into sufficient statistics in SQL (a refresh),
 *   - the analysis from those statistics (what the results page and API answer; goal ≤ 5 s),
 *   - assignment in process (goal ≤ 1 µs) and over HTTP (goal p99 ≤ 5 ms), for members seen for
 *     the first time (each logs an exposure) and seen again.
 *
 *   npm run bench:experiments -- [--units 10000000] [--arms 50] [--requests 20000] [--concurrency 4]
 *                                [--seed 3] [--db embedded|postgres|both]
 *
 * `--db both` (the default when DATABASE_URL is set) runs the embedded database, then PostgreSQL.
 * The HTTP client is its own process (bench/get-client.ts), as a content server would be.
 */
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createApiKey } from '../apps/server/src/platform/auth/auth.service.ts';
import { cliCtx, type App, type Ctx } from '../apps/server/src/platform/context.ts';
import { deferIndexes } from '../apps/server/src/platform/db/bulk-load.ts';
import { createServer } from '../apps/server/src/routes.ts';
import {
  assignmentFor,
  compileExperiment,
  experimentResults,
  flushExposures,
  refreshExperiment,
  type CompiledExperiment,
} from '../apps/server/src/modules/experiments/index.ts';
import {
  createExperiment,
  startExperiment,
} from '../apps/server/src/modules/experiments/experiments.service.ts';
import { experimentByKey } from '../apps/server/src/modules/experiments/experiments.repo.ts';
import { benchApp, timed } from './bench-app.ts';
import { fmtInt, percentile, seeded, table, type Rand } from './lib.ts';

const { values: args } = parseArgs({
  options: {
    units: { type: 'string', default: '10000000' },
    arms: { type: 'string', default: '50' },
    requests: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '4' },
    seed: { type: 'string', default: '3' },
    db: { type: 'string', default: process.env.DATABASE_URL ? 'both' : 'embedded' },
  },
});
const UNITS = Number(args.units);
const ARMS = Number(args.arms);
const KEY = 'bench-lab';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BATCH = 500_000;

const memberId = (i: number) => `mbr_${i.toString(16).padStart(20, '0')}`;
const tsv = (cells: Array<string | number | null>) =>
  cells.map((c) => (c === null ? '\\N' : String(c))).join('\t') + '\n';

async function copy(client: pg.PoolClient, sql: string, text: string[]): Promise<void> {
  await pipeline(Readable.from(text), client.query(copyFrom(sql)));
}

/** Arm k converts at 4 % + a little per arm; arm V07 is the planted winner (+1 point). */
const conversionOf = (arm: string) => 0.04 + 0.002 * (Number(arm.slice(1)) % 5) + (arm === 'V07' ? 0.01 : 0);

/**
 * Exposures over the test's first three days and what followed: 15 % of members ordered in the 28
 * days before (the covariate), conversion within two days, a content view for a quarter of them
 * (heavy-tailed dwell), a share for 1 %, a complaint for 0.1 %. Everything in one transaction with
 * indexes built after the COPY, as the demo loader does.
 */
async function generate(
  app: App,
  compiled: CompiledExperiment,
  experimentId: string,
  start: number,
  now: number,
) {
  const r: Rand = seeded(Number(args.seed));
  const client = await app.database.pool.connect();
  const counts = { exposures: 0, orders: 0, events: 0 };
  try {
    await client.query('BEGIN');
    if (app.database.kind === 'postgres')
      for (const s of ["SET LOCAL maintenance_work_mem = '1GB'", "SET LOCAL work_mem = '256MB'"])
        await client.query(s);
    for (const m of [start - 40 * DAY, start - 10 * DAY, start, now])
      await client.query('SELECT linli_ensure_event_partition(date_trunc($1, $2::timestamptz)::date)', [
        'month',
        new Date(m).toISOString(),
      ]);
    const deferred = await deferIndexes(client, ['experiment_exposures', 'orders', 'events', 'event_ids']);
    for (let from = 0; from < UNITS; from += BATCH) {
      const exposures: string[] = [];
      const orders: string[] = [];
      const events: string[] = [];
      for (let i = from; i < Math.min(UNITS, from + BATCH); i++) {
        const m = memberId(i);
        const arm = compiled.decide(m).arm!;
        const at = start + Math.floor(r() * 72 * HOUR);
        exposures.push(`${experimentId}\t${m}\t${arm}\t${new Date(at).toISOString()}\n`);
        const order = (id: string, t: number, fen: number) => {
          const iso = new Date(t).toISOString();
          orders.push(tsv([id, id, m, 'paid', fen, 0, fen, 0, iso, iso]));
        };
        const pre = r() < 0.15;
        if (pre) order(`bl-p-${i}`, at - (1 + r() * 26) * DAY, 2000 + Math.floor(r() * 4000));
        if (r() < conversionOf(arm) + (pre ? 0.03 : 0)) {
          const t = Math.min(now - 60_000, at + Math.floor(r() * 48 * HOUR));
          order(`bl-o-${i}`, t, 3000 + Math.floor(r() * 6000));
        }
        const event = (kind: string, t: number, dwell: number | null) => {
          const id = `bl-e-${kind[8] ?? 'c'}-${i}`;
          events.push(tsv([id, id, m, kind, new Date(t).toISOString(), KEY, dwell]));
        };
        if (r() < 0.25) event('content_view', at + 1000, Math.round(30_000 * Math.exp(1.1 * gauss(r) - 0.6)));
        if (r() < 0.01) event('content_share', at + 60_000, null);
        if (r() < 0.001) event('complaint', at + 5 * HOUR, null);
      }
      await copy(
        client,
        'COPY experiment_exposures (experiment_id, member_id, arm, first_at) FROM STDIN',
        exposures,
      );
      await copy(
        client,
        'COPY orders (id, external_id, member_id, status, items_fen, discount_fen, paid_fen, refunded_fen, placed_at, updated_at) FROM STDIN',
        orders,
      );
      await copy(
        client,
        'COPY events (id, external_id, member_id, type, occurred_at, content_id, dwell_ms) FROM STDIN',
        events,
      );
      counts.exposures += exposures.length;
      counts.orders += orders.length;
      counts.events += events.length;
      process.stdout.write(`\r  ${fmtInt(counts.exposures)} exposures written`);
    }
    process.stdout.write('\n');
    await deferred.restore();
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  await app.database.pool.query('ANALYZE experiment_exposures, orders, events');
  return counts;
}

function gauss(r: Rand): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** ns per call of `fn` over `n` calls: the fastest of three rounds (the first one warms the JIT). */
async function perCall(n: number, fn: (i: number) => unknown): Promise<number> {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await fn(i);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / n);
  }
  return best;
}

function perCallSync(n: number, fn: (i: number) => unknown): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn(i);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / n);
  }
  return best;
}

/** `requests` GETs of the assignment endpoint from a client process, `concurrency` at a time. */
function httpLatencies(base: string, key: string, prefix: string): Promise<{ lat: number[]; secs: number }> {
  const client = fileURLToPath(new URL('./get-client.ts', import.meta.url));
  const path = `/api/v1/experiments/${KEY}/assignment?memberId=${prefix}-{i}`;
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [client, base, key, path, args.requests, args.concurrency],
      { maxBuffer: 256 * 1024 * 1024 },
      (err, out) => (err ? reject(err) : resolve(JSON.parse(out) as { lat: number[]; secs: number })),
    ),
  );
}

async function benchOne(db: 'embedded' | 'postgres'): Promise<string[][]> {
  const { app, close } = await benchApp(db, 'linli-bench-lab-', { LINLI_RATE_LIMIT_PER_MINUTE: '100000000' });
  const ctx: Ctx = cliCtx(app, 'bench');
  const rows: string[][] = [];
  const s = (x: number) => `${x.toFixed(2)} s`;
  try {
    const now = Date.now();
    const start = now - 4 * DAY;
    const variants = Array.from({ length: ARMS }, (_, i) => ({
      name: `V${String(i).padStart(2, '0')}`,
      content: { title: `标题 ${i}` },
    }));
    await createExperiment(ctx, {
      key: KEY,
      name: '50 个标题',
      design: 'variants',
      variants,
      salt: 'bench',
      plannedDays: 3,
    });
    await startExperiment(ctx, KEY);
    await app.database.pool.query('UPDATE experiments SET started_at = $1 WHERE key = $2', [
      new Date(start),
      KEY,
    ]);
    const row = (await experimentByKey(app.database.pool, KEY))!;
    const compiled = compileExperiment({
      key: KEY,
      salt: row.salt,
      status: 'running',
      archivedFrom: null,
      definition: row,
      layer: null,
      holdout: { salt: 'linli', share: 0 },
      shippedArm: null,
    });
    const [made, genS] = await timed(() => generate(app, compiled, row.id, start, now));
    rows.push([
      db,
      `data: ${fmtInt(made.exposures)} exposures, ${fmtInt(made.orders)} orders, ${fmtInt(made.events)} events (generate + COPY + indexes)`,
      s(genS),
    ]);

    const [fresh, aggS] = await timed(() => refreshExperiment(ctx, KEY, new Date(now)));
    rows.push([
      db,
      `aggregation in SQL → ${fmtInt(fresh.results.groups[0]!.arms.length)} arms × days of sums (refresh)`,
      s(aggS),
    ]);
    const reads: number[] = [];
    let results = null as Awaited<ReturnType<typeof experimentResults>> | null;
    for (let k = 0; k < 3; k++) {
      const [r, readS] = await timed(() => experimentResults(ctx, KEY));
      reads.push(readS);
      results = r;
    }
    const analysis = reads.sort((a, b) => a - b)[1]!;
    rows.push([
      db,
      `analysis from the sums: ${ARMS} arms × 5 metrics, CUPED, Holm/BH, Bayes, mSPRT, boundary, Thompson (median of 3)`,
      `${s(analysis)} ${analysis <= 5 ? '(goal ≤ 5 s: met)' : '(goal ≤ 5 s: missed)'}`,
    ]);
    const g = results!.groups[0]!;
    const best = g.comparisons
      .filter((c) => c.metric === 'conversion')
      .sort((a, b) => (b.mean ?? 0) - (a.mean ?? 0))[0]!;
    console.log(
      `${db}: ${fmtInt(results!.units)} units; SRM p ${g.srm.pValue?.toFixed(3)}; best ${best.arm} ${((best.relativeLift ?? 0) * 100).toFixed(1)} % (Holm p ${best.pValueHolm?.toExponential(2)}); winner ${g.winner}; CUPED variance reduction ${((best.cuped?.varianceReduction ?? 0) * 100).toFixed(1)} %`,
    );

    const ids = Array.from({ length: 1_000_000 }, (_, i) => memberId(UNITS + i));
    const sync = perCallSync(2_000_000, (i) => compiled.decide(ids[i % ids.length]!));
    rows.push([
      db,
      'assignment in process, pure (compiled test: hash, arm, reason)',
      `${sync.toFixed(0)} ns ${sync <= 1000 ? '(goal ≤ 1 µs: met)' : '(goal ≤ 1 µs: missed)'}`,
    ]);
    const cached = await perCall(1_000_000, (i) => assignmentFor(app, KEY, ids[i]!, { expose: false }));
    rows.push([
      db,
      'assignmentFor(app, key, member) without logging (cached config, content)',
      `${cached.toFixed(0)} ns`,
    ]);
    await Promise.all(ids.slice(0, 20_000).map((m) => assignmentFor(app, KEY, m)));
    await flushExposures(app);
    const seen = await perCall(1_000_000, (i) => assignmentFor(app, KEY, ids[i % 20_000]!));
    rows.push([db, 'assignmentFor for members already exposed (no database)', `${seen.toFixed(0)} ns`]);

    const server = await createServer(app);
    await server.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    const { key } = await createApiKey(ctx, { name: 'bench', scopes: ['read'] });
    try {
      await httpLatencies(base, key, 'warm');
      for (const [label, prefix] of [
        ['first sight: each request logs an exposure', 'h'],
        ['seen again: no write', 'h'],
      ] as const) {
        const { lat, secs } = await httpLatencies(base, key, prefix);
        const p99 = percentile(lat, 99);
        rows.push([
          db,
          `HTTP GET …/assignment, ${label} (${fmtInt(lat.length)} requests, ${args.concurrency} in flight, ${fmtInt(Math.round(lat.length / secs))}/s)`,
          `p50 ${percentile(lat, 50).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms ${p99 <= 5 ? '(goal ≤ 5 ms: met)' : '(goal ≤ 5 ms: missed)'}`,
        ]);
      }
    } finally {
      await server.close();
    }
  } finally {
    await close();
  }
  return rows;
}

const kinds = args.db === 'both' ? (['embedded', 'postgres'] as const) : [args.db as 'embedded' | 'postgres'];
const all: string[][] = [];
for (const db of kinds) all.push(...(await benchOne(db)));
console.log(`\nContent lab: ${fmtInt(UNITS)} exposures over ${ARMS} arms`);
console.log(table(['db', 'what', 'time'], all));
