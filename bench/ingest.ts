/**
 * Ingestion benchmark: events/s and orders/s through the real HTTP API (POST /api/v1/ingest/events
 * and /orders), with p50/p99 batch latency, a retry pass that must be fully deduplicated, and a SQL
 * check that the tables hold exactly what was sent.
 *
 *   npm run bench:ingest -- [--events 200000] [--orders 50000] [--batch 1000] [--concurrency 4]
 *                           [--db embedded|postgres|both] [--client process|inline]
 *                           [--members 20000] [--days 90] [--seed 42] [--prime]
 *
 * Without --db the embedded database is measured, and PostgreSQL as well when DATABASE_URL is set.
 * Without --prime the run is a cold start: members, product stubs and monthly event partitions are
 * created on the fly by the ingested data. --prime measures the steady state instead: members and the
 * catalogue are synced and the partitions created (untimed) before the events and orders are sent.
 *
 * The app and its HTTP server run in this process on a loopback port, on a fresh database: the
 * embedded PGlite (a temporary data dir) or, with DATABASE_URL, a new `linli_bench_<random>` database
 * on that server, dropped afterwards. The HTTP client runs in a child process by default, so payload
 * handling on the client side does not compete with the server's event loop (`--client inline` sends
 * from this process instead).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { FastifyRequest } from 'fastify';
import pg from 'pg';
import { createApp } from '../apps/server/src/app.ts';
import { forgetPartitions } from '../apps/server/src/modules/activity/index.ts';
import { createApiKey } from '../apps/server/src/platform/auth/auth.service.ts';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import { cliCtx, type App } from '../apps/server/src/platform/context.ts';
import { createServer } from '../apps/server/src/routes.ts';
import {
  buildDataset,
  childPidsMatching,
  cpuMsOf,
  fmtInt,
  machineCpuMs,
  mb,
  memberItems,
  peakRssOf,
  percentile,
  pidsNamed,
  productItems,
  sendBatches,
  table,
  type DataOptions,
  type Dataset,
  type Expected,
  type SendResult,
} from './lib.ts';

const GOALS: Record<DbKind, number> = { embedded: 20_000, postgres: 50_000 };
const RETRY_FRACTION = 0.1;

/** A wrong flag or missing setting: reported as one line, without a stack trace. */
class UsageError extends Error {}

type DbKind = 'embedded' | 'postgres';
type Phase = 'events' | 'orders' | 'retry';
const PHASES: Phase[] = ['events', 'orders', 'retry'];

// ---------------------------------------------------------------------------------------------------
// Client side (child process or inline)
// ---------------------------------------------------------------------------------------------------

interface ClientInit {
  base: string;
  apiKey: string;
  data: DataOptions;
  concurrency: number;
}

interface PreparedInfo {
  expected: Expected;
  eventBatches: number;
  orderBatches: number;
  eventBytes: number;
  orderBytes: number;
  retryBatches: number;
  prepareSeconds: number;
}

interface Client {
  prepare(init: ClientInit): Promise<PreparedInfo>;
  run(phase: Phase): Promise<SendResult>;
  close(): Promise<{ peakRss: number | null }>;
  pid: number | null;
}

/** Holds the pre-generated bodies and sends a phase on request. */
class Sender {
  private init: ClientInit | null = null;
  private data: Dataset | null = null;

  prepare(init: ClientInit): PreparedInfo {
    const t0 = performance.now();
    this.init = init;
    this.data = buildDataset(init.data);
    return {
      expected: this.data.expected,
      eventBatches: this.data.eventBatches.length,
      orderBatches: this.data.orderBatches.length,
      eventBytes: this.data.eventBytes,
      orderBytes: this.data.orderBytes,
      retryBatches: this.retryCount(),
      prepareSeconds: (performance.now() - t0) / 1000,
    };
  }

  private retryCount(): number {
    return this.data!.eventBatches.length === 0
      ? 0
      : Math.max(1, Math.ceil(this.data!.eventBatches.length * RETRY_FRACTION));
  }

  run(phase: Phase): Promise<SendResult> {
    const { base, apiKey, data: o, concurrency } = this.init!;
    const d = this.data!;
    const sizes = (bodies: Buffer[], total: number) =>
      bodies.map((_, i) => Math.min(o.batch, total - i * o.batch));
    if (phase === 'orders')
      return sendBatches(
        `${base}/api/v1/ingest/orders`,
        apiKey,
        d.orderBatches,
        sizes(d.orderBatches, o.orders),
        concurrency,
      );
    const bodies = phase === 'retry' ? d.eventBatches.slice(0, this.retryCount()) : d.eventBatches;
    return sendBatches(`${base}/api/v1/ingest/events`, apiKey, bodies, sizes(bodies, o.events), concurrency);
  }
}

type ToClient = { type: 'prepare'; init: ClientInit } | { type: 'run'; phase: Phase } | { type: 'exit' };
type FromClient =
  | { type: 'prepared'; info: PreparedInfo }
  | { type: 'ran'; result: SendResult }
  | { type: 'bye'; peakRss: number }
  | { type: 'error'; message: string };

async function clientProcessMain(): Promise<void> {
  const sender = new Sender();
  const reply = (m: FromClient) => process.send!(m);
  process.on('message', (m: ToClient) => {
    void (async () => {
      try {
        if (m.type === 'prepare') reply({ type: 'prepared', info: sender.prepare(m.init) });
        else if (m.type === 'run') reply({ type: 'ran', result: await sender.run(m.phase) });
        else {
          reply({ type: 'bye', peakRss: process.resourceUsage().maxRSS * 1024 });
          process.disconnect();
        }
      } catch (err) {
        reply({ type: 'error', message: (err as Error).stack ?? String(err) });
      }
    })();
  });
}

function processClient(): Client {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--client-process'], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiters: Array<(m: FromClient) => void> = [];
  child.on('message', (m: FromClient) => waiters.shift()?.(m));
  child.on('exit', (code) => {
    for (const w of waiters.splice(0))
      w({ type: 'error', message: `client process exited with code ${code}` });
  });
  const ask = (m: ToClient): Promise<FromClient> =>
    new Promise((resolve, reject) => {
      waiters.push((r) => (r.type === 'error' ? reject(new Error(r.message)) : resolve(r)));
      child.send(m);
    });
  return {
    pid: child.pid ?? null,
    async prepare(init) {
      return ((await ask({ type: 'prepare', init })) as Extract<FromClient, { type: 'prepared' }>).info;
    },
    async run(phase) {
      return ((await ask({ type: 'run', phase })) as Extract<FromClient, { type: 'ran' }>).result;
    },
    async close() {
      if (child.exitCode !== null) return { peakRss: null };
      const exited = new Promise((r) => child.once('exit', r));
      const bye = (await ask({ type: 'exit' })) as Extract<FromClient, { type: 'bye' }>;
      await exited;
      return { peakRss: bye.peakRss };
    },
  };
}

function inlineClient(): Client {
  const sender = new Sender();
  return {
    pid: null,
    prepare: async (init) => sender.prepare(init),
    run: (phase) => sender.run(phase),
    close: async () => ({ peakRss: null }),
  };
}

// ---------------------------------------------------------------------------------------------------
// Server-side instrumentation: where a request's time goes, and how busy each process is
// ---------------------------------------------------------------------------------------------------

interface Stages {
  requests: number;
  /** headers in → body read and JSON-parsed (preValidation) */
  parseMs: number;
  /** body schema check + API key lookup (our preHandler runs after the app's auth preHandler) */
  authMs: number;
  /** route handler: item validation, mapping, the transaction, response serialization */
  handlerMs: number;
  totalMs: number;
  /** wall time of SQL statements by statement kind (summed over concurrent connections) */
  sql: Map<string, { n: number; ms: number }>;
  /** errors the server answered with, by message (the client only sees "internal") */
  errors: Map<string, number>;
}

const newStages = (): Stages => ({
  requests: 0,
  parseMs: 0,
  authMs: 0,
  handlerMs: 0,
  totalMs: 0,
  sql: new Map(),
  errors: new Map(),
});

function statementKind(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  let m: RegExpExecArray | null;
  if ((m = /^(BEGIN|COMMIT|ROLLBACK)\b/i.exec(s))) return m[1]!.toUpperCase();
  if (/linli_ensure_event_partition/.test(s)) return 'ensure partition';
  if ((m = /^INSERT INTO (\w+)/i.exec(s))) return `insert ${m[1]}`;
  if ((m = /^WITH .*?\bUPDATE (\w+)/i.exec(s))) return `update ${m[1]} (refund state)`;
  if ((m = /^UPDATE (\w+)/i.exec(s))) return `update ${m[1]}`;
  return s.slice(0, 40);
}

/** Adds timing hooks (before listen, so they apply to every route) and times every SQL statement. */
function instrument(server: Awaited<ReturnType<typeof createServer>>, app: App): { current: Stages } {
  const holder = { current: newStages() };
  const marks = new WeakMap<FastifyRequest, number[]>();
  server.addHook('onRequest', async (req) => {
    marks.set(req, [performance.now()]);
  });
  server.addHook('preValidation', async (req) => {
    marks.get(req)?.push(performance.now());
  });
  server.addHook('preHandler', async (req) => {
    marks.get(req)?.push(performance.now());
  });
  server.addHook('onSend', async (req) => {
    marks.get(req)?.push(performance.now());
  });
  server.addHook('onError', async (_req, _reply, err) => {
    const key = err.message.replace(/\s+/g, ' ').slice(0, 120);
    holder.current.errors.set(key, (holder.current.errors.get(key) ?? 0) + 1);
  });
  server.addHook('onResponse', async (req) => {
    const t = marks.get(req);
    if (!t || t.length !== 4 || !req.url.startsWith('/api/v1/ingest/')) return;
    const s = holder.current;
    s.requests++;
    s.parseMs += t[1]! - t[0]!;
    s.authMs += t[2]! - t[1]!;
    s.handlerMs += t[3]! - t[2]!;
    s.totalMs += performance.now() - t[0]!;
  });

  const wrapped = new WeakSet<object>();
  const record = (text: unknown, ms: number) => {
    if (typeof text !== 'string') return;
    const kind = statementKind(text);
    const e = holder.current.sql.get(kind) ?? { n: 0, ms: 0 };
    e.n++;
    e.ms += ms;
    holder.current.sql.set(kind, e);
  };
  app.database.pool.on('acquire', (client: pg.PoolClient) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0] as string | { text?: string } | undefined;
      const text = typeof first === 'string' ? first : first?.text;
      const t0 = performance.now();
      const last = args.at(-1);
      if (typeof last === 'function') {
        args[args.length - 1] = (err: unknown, res: unknown) => {
          record(text, performance.now() - t0);
          (last as (e: unknown, r: unknown) => void)(err, res);
        };
        return original(...args);
      }
      const result = original(...args);
      if (result && typeof (result as Promise<unknown>).then === 'function')
        (result as Promise<unknown>).then(
          () => record(text, performance.now() - t0),
          () => record(text, performance.now() - t0),
        );
      return result;
    };
  });
  return holder;
}

interface PhaseReport {
  phase: Phase;
  send: SendResult;
  stages: Stages;
  elu: number;
  cpuMs: { server: number; db: number; client: number; machineBusy: number; machineTotal: number };
}

// ---------------------------------------------------------------------------------------------------
// One run against one database kind
// ---------------------------------------------------------------------------------------------------

interface Options {
  events: number;
  orders: number;
  batch: number;
  concurrency: number;
  members: number;
  days: number;
  seed: number;
  client: 'process' | 'inline';
  /** sync members and the catalogue and create the event partitions before timing (steady state) */
  prime: boolean;
}

interface Check {
  what: string;
  expected: number;
  actual: number;
}

interface RunReport {
  kind: DbKind;
  info: PreparedInfo;
  phases: PhaseReport[];
  checks: Check[];
  partitions: Array<{ name: string; rows: number }>;
  rss: { server: number; db: number | null; client: number | null; dbLabel: string };
  serverVersion: string;
  setupSeconds: number;
}

async function withAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * The steady state of a running installation, set up untimed: members and the catalogue were synced
 * before their events and orders arrive, and the months' event partitions exist (the worker creates
 * upcoming ones ahead of traffic; here every month of the data set is created the same way).
 */
async function prime(app: App, base: string, apiKey: string, o: Options, months: string[]): Promise<void> {
  const post = async (what: string, items: object[]) => {
    for (let i = 0; i < items.length; i += o.batch) {
      const res = await fetch(`${base}/api/v1/ingest/${what}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: JSON.stringify({ items: items.slice(i, i + o.batch) }),
      });
      const body = (await res.json()) as { rejected?: unknown[] };
      if (res.status !== 200 || body.rejected?.length)
        throw new Error(`priming ${what} failed: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    }
  };
  await post('products', productItems(o.seed));
  await post('members', memberItems(o.members));
  for (const m of months)
    await app.database.pool.query('SELECT linli_ensure_event_partition($1::date)', [`${m}-01`]);
}

async function runOne(kind: DbKind, o: Options): Promise<RunReport> {
  const t0 = performance.now();
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-bench-'));
  const serverUrl = process.env.DATABASE_URL;
  let dbName: string | null = null;
  let url = '';
  if (kind === 'postgres') {
    if (!serverUrl)
      throw new UsageError('--db postgres needs DATABASE_URL (postgres://user:pass@host:port/db)');
    dbName = `linli_bench_${randomBytes(5).toString('hex')}`;
    await withAdmin(serverUrl, (c) => c.query(`CREATE DATABASE ${dbName}`));
    const u = new URL(serverUrl);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }

  let rssPeak = process.memoryUsage.rss();
  const rssTimer = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 100);
  let app: App | null = null;
  let server: Awaited<ReturnType<typeof createServer>> | null = null;
  let client: Client | null = null;
  try {
    forgetPartitions();
    const config = loadConfig({
      LINLI_DATA_DIR: dir,
      DATABASE_URL: url,
      LINLI_SECRET_KEY: randomBytes(32).toString('hex'),
      LINLI_LOG_LEVEL: 'silent',
      LINLI_RATE_LIMIT_PER_MINUTE: '1000000',
      LINLI_BODY_LIMIT_MB: '64',
    });
    app = await createApp(config, { logLevel: 'silent' });
    const serverVersion = (
      await app.database.pool.query<{ v: string }>('SELECT current_setting($1) AS v', ['server_version'])
    ).rows[0]!.v;
    const dbPids = kind === 'embedded' ? childPidsMatching(process.pid, 'embedded-main') : [];
    const dbCpu = () =>
      (kind === 'embedded' ? dbPids : pidsNamed('postgres')).reduce((s, p) => s + cpuMsOf(p), 0);

    server = await createServer(app);
    const probe = instrument(server, app);
    await server.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    const { key } = await createApiKey(cliCtx(app, 'bench'), { name: 'bench', scopes: ['ingest'] });

    client = o.client === 'process' ? processClient() : inlineClient();
    const info = await client.prepare({
      base,
      apiKey: key,
      concurrency: o.concurrency,
      data: {
        events: o.events,
        orders: o.orders,
        batch: o.batch,
        members: o.members,
        days: o.days,
        seed: o.seed,
        nowMs: Date.now(),
      },
    });
    if (o.prime) await prime(app, base, key, o, Object.keys(info.expected.eventsByMonth));
    const setupSeconds = (performance.now() - t0) / 1000;

    const phases: PhaseReport[] = [];
    for (const phase of PHASES) {
      if ((phase === 'orders' && o.orders === 0) || (phase !== 'orders' && o.events === 0)) continue;
      process.stderr.write(`bench: ${kind}: ${phase}… (monotonic ${mono()} ms)\n`);
      probe.current = newStages();
      const elu0 = performance.eventLoopUtilization();
      const cpu0 = process.cpuUsage();
      const db0 = dbCpu();
      const cl0 = client.pid ? cpuMsOf(client.pid) : 0;
      const m0 = machineCpuMs();
      const send = await client.run(phase);
      const cpu = process.cpuUsage(cpu0);
      const m1 = machineCpuMs();
      phases.push({
        phase,
        send,
        stages: probe.current,
        elu: performance.eventLoopUtilization(elu0).utilization,
        cpuMs: {
          server: (cpu.user + cpu.system) / 1000 - (client.pid ? 0 : send.cpuMs),
          db: dbCpu() - db0,
          client: client.pid ? cpuMsOf(client.pid) - cl0 : send.cpuMs,
          machineBusy: m1.busy - m0.busy,
          machineTotal: m1.total - m0.total,
        },
      });
    }

    process.stderr.write(`bench: ${kind}: verifying… (monotonic ${mono()} ms)\n`);
    probe.current = newStages(); // the checks below are not part of any phase
    const e = info.expected;
    const q = async (sql: string) =>
      Number((await app!.database.pool.query<{ n: string }>(`SELECT (${sql}) AS n`)).rows[0]!.n);
    const checks: Check[] = [
      { what: 'events', expected: e.events, actual: await q('SELECT count(*) FROM events') },
      { what: 'orders', expected: e.orders, actual: await q('SELECT count(*) FROM orders') },
      { what: 'order_items', expected: e.orderItems, actual: await q('SELECT count(*) FROM order_items') },
      { what: 'refunds', expected: e.refunds, actual: await q('SELECT count(*) FROM refunds') },
      {
        what: 'sum(orders.paid_fen)',
        expected: e.paidFen,
        actual: await q('SELECT coalesce(sum(paid_fen), 0) FROM orders'),
      },
      {
        what: 'sum(orders.refunded_fen)',
        expected: e.refundedFen,
        actual: await q('SELECT coalesce(sum(refunded_fen), 0) FROM orders'),
      },
      {
        what: o.prime ? 'members' : 'members (stubs)',
        expected: o.prime ? o.members : e.members,
        actual: await q('SELECT count(*) FROM members'),
      },
      {
        what: o.prime ? 'products' : 'products (stubs)',
        expected: o.prime ? productItems(o.seed).length : e.products,
        actual: await q('SELECT count(*) FROM products'),
      },
    ];
    for (const [month, n] of Object.entries(e.eventsByMonth)) {
      const from = `${month}-01T00:00:00Z`;
      checks.push({
        what: `events in ${month}`,
        expected: n,
        actual: await q(
          `SELECT count(*) FROM events WHERE occurred_at >= '${from}' AND occurred_at < '${from}'::timestamptz + interval '1 month'`,
        ),
      });
    }
    const partitions = (
      await app.database.pool.query<{ name: string; rows: string }>(
        `SELECT c.relname AS name, (SELECT count(*) FROM events e WHERE e.tableoid = c.oid) AS rows
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'events'::regclass ORDER BY 1`,
      )
    ).rows.map((r) => ({ name: r.name, rows: Number(r.rows) }));

    const dbRss =
      kind === 'embedded'
        ? dbPids.reduce<number | null>((s, p) => Math.max(s ?? 0, peakRssOf(p) ?? 0), null)
        : null;
    const clientRss = (await client.close()).peakRss;
    client = null;
    return {
      kind,
      info,
      phases,
      checks,
      partitions,
      rss: {
        server: rssPeak,
        db: dbRss,
        client: clientRss,
        dbLabel: kind === 'embedded' ? 'PGlite process' : 'PostgreSQL (not measured)',
      },
      serverVersion,
      setupSeconds,
    };
  } finally {
    clearInterval(rssTimer);
    await client?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await app?.database.close().catch(() => undefined);
    if (dbName && serverUrl)
      await withAdmin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)).catch(
        () => undefined,
      );
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------

/** CLOCK_MONOTONIC in ms, the clock of `--cpu-prof` timestamps, so phases can be found in a profile. */
const mono = () => (Number(process.hrtime.bigint() / 1000n) / 1000).toFixed(0);

const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 1 : 0)} ms` : '–');

function report(runs: RunReport[], o: Options): void {
  const out: string[] = [];
  const cpu = cpus();
  out.push('');
  out.push(
    `Linli ingestion benchmark — ${cpu.length} cores (${cpu[0]?.model.trim() ?? '?'}), Node ${process.version}`,
  );
  out.push(
    `batches of ${o.batch}, ${o.concurrency} in flight, ${fmtInt(o.members)} members over ${o.days} days, seed ${o.seed}; client: ${
      o.client === 'process'
        ? 'separate child process (fetch/undici, keep-alive)'
        : 'inline in the server process (fetch/undici)'
    }`,
  );
  out.push(
    o.prime
      ? 'steady state (--prime): members and catalogue synced and event partitions created before timing'
      : 'cold start: members, products and monthly event partitions are created on the fly by the ingested data',
  );

  const rows: string[][] = [];
  for (const r of runs) {
    for (const p of r.phases) {
      const s = p.send;
      const rate = s.items / s.seconds;
      const goal = p.phase === 'events' ? GOALS[r.kind] : null;
      rows.push([
        r.kind,
        p.phase === 'retry' ? 'events (retry)' : p.phase,
        fmtInt(s.items),
        fmtInt(s.batches),
        s.seconds.toFixed(2),
        fmtInt(rate),
        ms(percentile(s.latenciesMs, 50)),
        ms(percentile(s.latenciesMs, 99)),
        goal
          ? `≥ ${fmtInt(goal)}/s ${rate >= goal ? 'MET' : `MISSED (${Math.round((rate / goal) * 100)}%)`}`
          : '',
      ]);
    }
  }
  out.push('');
  out.push(
    table(
      ['db', 'kind', 'items', 'batches', 'seconds', 'items/s', 'p50 batch', 'p99 batch', 'goal (2 cores)'],
      rows,
    ),
  );

  for (const r of runs) {
    out.push('');
    out.push(`── ${r.kind} (${r.kind === 'embedded' ? 'PGlite, ' : ''}PostgreSQL ${r.serverVersion}) ──`);
    out.push(
      `payloads: ${fmtInt(r.info.eventBatches)} event bodies (${mb(r.info.eventBytes)}), ${fmtInt(r.info.orderBatches)} order bodies (${mb(r.info.orderBytes)}), ` +
        `generated in ${r.info.prepareSeconds.toFixed(1)} s before timing; setup incl. migrations ${r.setupSeconds.toFixed(1)} s`,
    );
    for (const p of r.phases) {
      const s = p.send;
      const problems = [
        s.rejected ? `${fmtInt(s.rejected)} rejected` : '',
        s.errors ? `${s.errors} HTTP errors (retried; ${s.failedBatches} batches failed)` : '',
      ].filter(Boolean);
      const c = p.cpuMs;
      const others = Math.max(0, c.machineBusy - c.server - c.db - c.client);
      const sec = (v: number) => (v / 1000).toFixed(1);
      out.push(
        `${p.phase.padEnd(6)}: accepted ${fmtInt(s.accepted)}, duplicates ${fmtInt(s.duplicates)}${problems.length ? ', ' + problems.join(', ') : ''}`,
      );
      out.push(
        `        CPU s over ${sec(s.seconds * 1000)} s wall: server ${sec(c.server)}, db ${sec(c.db)}, client ${sec(c.client)}; ` +
          `machine ${sec(c.machineBusy)} of ${sec(c.machineTotal)} core-s busy (other processes ≈ ${sec(others)}); ` +
          `server event loop ${Math.round(p.elu * 100)}% busy`,
      );
      const st = p.stages;
      for (const x of s.samples.slice(0, st.errors.size ? 2 : 5)) out.push(`        ! ${x}`);
      for (const [message, n] of st.errors) out.push(`        ! server error ×${n}: ${message}`);
      if (st.requests) {
        const per = (v: number) => ms(v / st.requests);
        const sql = [...st.sql.entries()]
          .sort((a, b) => b[1].ms - a[1].ms)
          .map(([k, v]) => `${k} ${per(v.ms)}`)
          .join(', ');
        out.push(
          `        per batch (server side, mean): total ${per(st.totalMs)} = read+JSON.parse ${per(st.parseMs)}, body check+API key ${per(st.authMs)}, handler ${per(st.handlerMs)}`,
        );
        out.push(`        SQL wall time per batch (incl. waiting for a backend): ${sql || '–'}`);
      }
    }
    const retry = r.phases.find((p) => p.phase === 'retry');
    if (retry) {
      const ok =
        retry.send.accepted === 0 &&
        retry.send.duplicates === retry.send.items &&
        retry.send.failedBatches === 0;
      out.push(
        `retry pass: first ${Math.round(RETRY_FRACTION * 100)}% of event batches (${retry.send.batches}) resent → accepted ${retry.send.accepted}, duplicates ${fmtInt(retry.send.duplicates)} of ${fmtInt(retry.send.items)}: ${ok ? 'OK' : 'MISMATCH'}`,
      );
    }
    out.push('verification (SQL after the run):');
    out.push(
      table(
        ['table / figure', 'sent', 'stored', ''],
        r.checks.map((c) => [
          c.what,
          fmtInt(c.expected),
          fmtInt(c.actual),
          c.expected === c.actual ? 'OK' : 'MISMATCH',
        ]),
      )
        .split('\n')
        .map((l) => '  ' + l)
        .join('\n'),
    );
    out.push(`event partitions: ${r.partitions.map((p) => `${p.name} ${fmtInt(p.rows)}`).join(', ')}`);
    out.push(
      `peak RSS: server process ${mb(r.rss.server)} (sampled), ${r.rss.dbLabel} ${mb(r.rss.db)}, client ${
        o.client === 'process' ? `process ${mb(r.rss.client)}` : '(inline, in the server figure)'
      }`,
    );
  }
  const allOk = runs.every((r) => r.checks.every((c) => c.expected === c.actual));
  out.push('');
  out.push(`overall verification: ${allOk ? 'OK' : 'MISMATCH'}`);
  console.log(out.join('\n'));
  if (!allOk) process.exitCode = 1;
}

// ---------------------------------------------------------------------------------------------------
// Entry
// ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '200000' },
      orders: { type: 'string', default: '50000' },
      batch: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '4' },
      members: { type: 'string', default: '20000' },
      days: { type: 'string', default: '90' },
      seed: { type: 'string', default: '42' },
      db: { type: 'string' },
      client: { type: 'string', default: 'process' },
      prime: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(
      'usage: npm run bench:ingest -- [--events N] [--orders N] [--batch N] [--concurrency N] [--db embedded|postgres|both]\n' +
        '                              [--client process|inline] [--members N] [--days N] [--seed N] [--prime]\n' +
        'Without --db: embedded, plus postgres when DATABASE_URL is set. --prime syncs members and products and\n' +
        'creates the event partitions before timing (steady state); without it members, products and partitions\n' +
        'are created on the fly by the ingested events and orders (cold start).',
    );
    return;
  }
  const num = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min)
      throw new UsageError(`--${name} must be an integer ≥ ${min} (got ${v})`);
    return n;
  };
  const o: Options = {
    events: num('events', values.events, 0),
    orders: num('orders', values.orders, 0),
    batch: num('batch', values.batch, 1),
    concurrency: num('concurrency', values.concurrency, 1),
    members: num('members', values.members, 1),
    days: num('days', values.days, 1),
    seed: num('seed', values.seed, 0),
    client: values.client === 'inline' ? 'inline' : 'process',
    prime: values.prime,
  };
  if (o.batch > 10_000) throw new UsageError('--batch must be at most 10000 (the API limit)');
  const db = values.db ?? (process.env.DATABASE_URL ? 'both' : 'embedded');
  if (!['embedded', 'postgres', 'both'].includes(db))
    throw new UsageError(`--db must be embedded, postgres or both (got ${db})`);
  if (db !== 'embedded' && !process.env.DATABASE_URL)
    throw new UsageError(
      `--db ${db} needs DATABASE_URL, e.g. postgres://linli:linli@127.0.0.1:5432/postgres`,
    );
  const kinds: DbKind[] = db === 'both' ? ['embedded', 'postgres'] : [db as DbKind];

  const runs: RunReport[] = [];
  for (const kind of kinds) {
    process.stderr.write(`bench: ${kind}: preparing…\n`);
    runs.push(await runOne(kind, o));
  }
  report(runs, o);
}

if (process.argv.includes('--client-process')) await clientProcessMain();
else
  await main().catch((err: unknown) => {
    console.error(
      `bench:ingest failed: ${err instanceof UsageError ? err.message : ((err as Error).stack ?? String(err))}`,
    );
    process.exitCode = 1;
  });
