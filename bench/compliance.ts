/**
 * Compliance benchmark:
 *
 *   - stage-1 screening on one core, in process (`packages/compliance/bench.ts`: 200-character copy,
 *     all packs, folding on; goal ≥ 10,000 items/s);
 *   - the live scan over HTTP, as the console calls it while one types (`POST /api/v1/compliance/scan`
 *     with 200-character copy; goal: well within 100 ms), p50/p95/p99 at 1 and 4 requests in flight;
 *   - a submission over HTTP (`POST /api/v1/compliance/items`: the revision check, stage 1, the
 *     version, screening, decision, queue row and SLA clock written in one transaction).
 *
 *   npm run bench:compliance -- [--requests 2000] [--submits 300] [--seconds 3] [--db embedded|postgres|both]
 *
 * The HTTP client is its own process (this file with `--client`), so its CPU is not the server's.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { EXAMPLES } from '../packages/compliance/src/examples.fixture.ts';
import { createApiKey } from '../apps/server/src/platform/auth/auth.service.ts';
import { cliCtx } from '../apps/server/src/platform/context.ts';
import { createServer } from '../apps/server/src/routes.ts';
import { benchApp } from './bench-app.ts';
import { fmtInt, percentile, table } from './lib.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

if (process.argv[2] === '--client') await client();
else await main();

/** The load client: POSTs the bodies of a JSON file round-robin; prints `{lat, secs}`. */
async function client(): Promise<void> {
  const [, , , base, key, route, file, nArg, concArg] = process.argv;
  const bodies = JSON.parse(readFileSync(file!, 'utf8')) as unknown[];
  const n = Number(nArg);
  const concurrency = Number(concArg);
  const url = new URL(base!);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const post = (body: string) =>
    new Promise<number>((resolve, reject) => {
      const t0 = performance.now();
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: route,
          method: 'POST',
          agent,
          headers: { 'x-api-key': key, 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode! < 300
              ? resolve(performance.now() - t0)
              : reject(new Error(`${route} answered ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const lat: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        lat.push(await post(JSON.stringify(bodies[i % bodies.length])));
      }
    }),
  );
  agent.destroy();
  process.stdout.write(JSON.stringify({ lat, secs: (performance.now() - started) / 1000 }));
}

/** 200-character copy: runs of the development file's texts and the package's examples (seeded). */
function copy200(count: number): string[] {
  const sentences: string[] = Object.values(EXAMPLES).flatMap((e) => [...e.hit, ...e.pass]);
  const dev = path.resolve(here, '../../shared/data/compliance/ad_copy_dev.csv');
  if (existsSync(dev))
    for (const r of parse(readFileSync(dev), { columns: true }) as Array<{ text: string }>)
      sentences.push(r.text);
  let seed = 7;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return Array.from({ length: count }, () => {
    let s = '';
    while (s.length < 200) s += sentences[Math.floor(rand() * sentences.length)]! + '。';
    return s.slice(0, 200);
  });
}

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [file, ...args], { maxBuffer: 256 * 1024 * 1024 }, (err, out) =>
      err ? reject(err) : resolve(out),
    ),
  );
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      requests: { type: 'string', default: '2000' },
      submits: { type: 'string', default: '300' },
      seconds: { type: 'string', default: '3' },
      db: { type: 'string', default: process.env.DATABASE_URL ? 'both' : 'embedded' },
    },
  });
  console.log('Stage 1 in process (packages/compliance/bench.ts)\n');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.resolve(here, '../packages/compliance/bench.ts'), '--seconds', args.seconds],
      {
        stdio: 'inherit',
      },
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`package bench exited ${code}`))));
  });

  const texts = copy200(500);
  const scanFile = path.join(tmpdir(), `linli-bench-scan-${process.pid}.json`);
  writeFileSync(scanFile, JSON.stringify(texts.map((text) => ({ text }))));
  const submitFile = path.join(tmpdir(), `linli-bench-submit-${process.pid}.json`);
  writeFileSync(
    submitFile,
    JSON.stringify(texts.map((text) => ({ type: 'push', channel: 'app_push', title: 'bench', text }))),
  );
  const dbs = args.db === 'both' ? ['embedded', 'postgres'] : [args.db];
  const rows: string[][] = [];
  for (const db of dbs) {
    const { app, close } = await benchApp(db, 'linli-bench-compliance-', {
      LINLI_RATE_LIMIT_PER_MINUTE: '10000000',
    });
    const server = await createServer(app);
    try {
      await server.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
      const { key } = await createApiKey(cliCtx(app, 'bench'), { name: 'bench', scopes: ['ingest', 'read'] });
      // warm up: the rule book is built (and the shipped packs stored) on first use
      await run(fileURLToPath(import.meta.url), [
        '--client',
        base,
        key,
        '/api/v1/compliance/scan',
        scanFile,
        '200',
        '2',
      ]);
      const measure = async (label: string, route: string, file: string, n: number, conc: number) => {
        const out = JSON.parse(
          await run(fileURLToPath(import.meta.url), [
            '--client',
            base,
            key,
            route,
            file,
            String(n),
            String(conc),
          ]),
        ) as { lat: number[]; secs: number };
        rows.push([
          db,
          label,
          String(conc),
          fmtInt(n),
          `${fmtInt(n / out.secs)}`,
          `${percentile(out.lat, 50).toFixed(1)} ms`,
          `${percentile(out.lat, 95).toFixed(1)} ms`,
          `${percentile(out.lat, 99).toFixed(1)} ms`,
          `${Math.max(...out.lat).toFixed(1)} ms`,
        ]);
      };
      await measure('live scan, 200 chars', '/api/v1/compliance/scan', scanFile, Number(args.requests), 1);
      await measure('live scan, 200 chars', '/api/v1/compliance/scan', scanFile, Number(args.requests), 4);
      await measure(
        'submit (stage 1 + write)',
        '/api/v1/compliance/items',
        submitFile,
        Number(args.submits),
        1,
      );
    } finally {
      await server.close();
      await close();
    }
  }
  console.log('\nOver HTTP (client in its own process, keep-alive)\n');
  console.log(table(['db', 'call', 'in flight', 'requests', 'req/s', 'p50', 'p95', 'p99', 'max'], rows));
}
