/**
 * Console benchmark: the built bundle's initial JavaScript, the first screen's time to interactive
 * in Chromium with a cold cache, and the latency of the APIs the console leans on (dashboard,
 * member search, member 360°) over a demo community.
 *
 *   npm run bench:console -- [--members 23000] [--months 12] [--db embedded|postgres] [--runs 40]
 *   npm run bench:console -- --existing   # DATABASE_URL already holds data (e.g. 1,000,000 members)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { createApp } from '../apps/server/src/app.ts';
import { buildConsole } from '../apps/web/build.ts';
import { createUser } from '../apps/server/src/platform/auth/auth.service.ts';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import { cliCtx } from '../apps/server/src/platform/context.ts';
import { decryptPii } from '../apps/server/src/platform/pii.ts';
import { loadDemo } from '../apps/server/src/modules/demo/index.ts';
import { refreshRollups } from '../apps/server/src/modules/insights/index.ts';
import { createServer } from '../apps/server/src/routes.ts';
import { fmtInt, percentile, table } from './lib.ts';

const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '23000' },
    months: { type: 'string', default: '12' },
    db: { type: 'string', default: 'embedded' },
    runs: { type: 'string', default: '40' },
    existing: { type: 'boolean', default: false },
  },
});
const runs = Number(args.runs);

/** Initial JS of a page: its entry chunk plus every chunk the entry preloads (static imports). */
function bundleFigures(outDir: string) {
  const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const sizes = files.map((f) => {
    const buf = readFileSync(path.join(outDir, f));
    return { f, raw: buf.length, gz: gzipSync(buf).length };
  });
  return {
    files: sizes.length,
    raw: sizes.reduce((a, s) => a + s.raw, 0),
    gz: sizes.reduce((a, s) => a + s.gz, 0),
  };
}

async function main() {
  const outDir = mkdtempSync(path.join(tmpdir(), 'linli-bench-web-'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-bench-console-'));
  let dropDb: (() => Promise<void>) | null = null;
  let databaseUrl = args.db === 'postgres' || args.existing ? process.env.DATABASE_URL : undefined;
  if (args.db === 'postgres' && !args.existing) {
    if (!databaseUrl) throw new Error('--db postgres needs DATABASE_URL');
    const name = `linli_bench_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const serverUrl = databaseUrl;
    dropDb = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
    const u = new URL(databaseUrl);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
  }
  try {
    await buildConsole(outDir);
    const bundle = bundleFigures(outDir);
    const config = loadConfig({
      LINLI_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? '',
      LINLI_WEB_DIR: outDir,
      LINLI_LOG_LEVEL: 'silent',
      LINLI_RATE_LIMIT_PER_MINUTE: '1000000',
      ...(args.existing ? { LINLI_SECRET_KEY: process.env.LINLI_SECRET_KEY ?? '' } : {}),
    });
    const app = await createApp(config, { logLevel: 'silent' });
    try {
      if (!args.existing) {
        const t0 = performance.now();
        await loadDemo(app.database, {
          members: Number(args.members),
          months: Number(args.months),
          seed: 1,
          keys: app.pii,
        });
        console.log(`demo loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        await app.database.pool.query('ANALYZE');
        const r = await refreshRollups(app, 'all');
        console.log(
          `dashboard rollups built in ${((r?.ms ?? 0) / 1000).toFixed(1)} s (${fmtInt(r?.kpiRows ?? 0)} day rows)`,
        );
        const t1 = performance.now();
        await refreshRollups(
          app,
          new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10),
        );
        console.log(
          `incremental refresh of yesterday and today: ${((performance.now() - t1) / 1000).toFixed(2)} s`,
        );
      }
      const username = `bench_${randomBytes(3).toString('hex')}`;
      await createUser(cliCtx(app, 'bench'), { username, password: 'bench-password-1', roles: ['operator'] });
      const server = await createServer(app);
      await server.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
      try {
        await measure(app, base, username, bundle);
      } finally {
        await server.close();
      }
    } finally {
      await app.database.close();
    }
  } finally {
    await dropDb?.();
    rmSync(outDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measure(
  app: Awaited<ReturnType<typeof createApp>>,
  base: string,
  username: string,
  bundle: ReturnType<typeof bundleFigures>,
) {
  const q = async <T>(sql: string) => (await app.database.pool.query(sql)).rows as T[];
  const [counts] = await q<{ members: number; orders: number }>(
    'SELECT (SELECT count(*) FROM members)::int AS members, (SELECT count(*) FROM orders)::int AS orders',
  );
  const sample = await q<{ id: string; phone_enc: string | null; nickname: string | null }>(
    `SELECT id, phone_enc, nickname FROM members WHERE phone_enc IS NOT NULL ORDER BY md5(id) LIMIT ${runs}`,
  );
  const browser = await chromium.launch({
    executablePath: process.env.LINLI_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  try {
    // first screen, cold cache: a new context each time
    const loginTimes: number[] = [];
    const dashboardTimes: number[] = [];
    let cookie = '';
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${base}/`);
      await page.waitForSelector('#username:not([disabled])');
      loginTimes.push(performance.now() - t0);
      await page.fill('#username', username);
      await page.fill('#password', 'bench-password-1');
      const t1 = performance.now();
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid=chart-gmv] canvas');
      dashboardTimes.push(performance.now() - t1);
      cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      await context.close();
    }
    const timed = async (paths: string[]) => {
      const ms: number[] = [];
      for (const p of paths) {
        const t0 = performance.now();
        const res = await fetch(base + p, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${p}: HTTP ${res.status}`);
        ms.push(performance.now() - t0);
      }
      return ms;
    };
    const days = Array.from({ length: runs }, (_, i) => {
      const to = new Date(Date.now() - i * 86_400_000).toISOString().slice(0, 10);
      return to;
    });
    const rowsOut: string[][] = [];
    const row = (name: string, ms: number[]) =>
      rowsOut.push([
        name,
        fmtInt(ms.length),
        percentile(ms, 50).toFixed(0),
        percentile(ms, 95).toFixed(0),
        Math.max(...ms).toFixed(0),
      ]);
    row(
      'dashboard, 30 days by day, each a different end day (cold)',
      await timed(days.map((d) => `/api/v1/overview?to=${d}`)),
    );
    row(
      'dashboard, 30 days, repeated (kept until the next refresh)',
      await timed(days.map(() => `/api/v1/overview?to=${days[0]}`)),
    );
    row(
      'dashboard, 90 days by week',
      await timed(
        days
          .slice(0, 10)
          .map(
            (d) =>
              `/api/v1/overview?to=${d}&grain=week&from=${new Date(Date.parse(d) - 89 * 86_400_000).toISOString().slice(0, 10)}`,
          ),
      ),
    );
    row(
      'communities with KPIs, 30 days',
      await timed(days.slice(0, 10).map((d) => `/api/v1/overview/communities?to=${d}`)),
    );
    row(
      'member search, full phone',
      await timed(sample.map((m) => `/api/v1/members?q=${decryptPii(app.pii, m.phone_enc!)}`)),
    );
    row(
      'member search, nickname fragment',
      await timed(
        sample.map((m) => `/api/v1/members?q=${encodeURIComponent((m.nickname ?? '晴').slice(0, 2))}`),
      ),
    );
    row('member list, first page', await timed(sample.map(() => '/api/v1/members?limit=20')));
    const m360: number[] = [];
    for (const m of sample) {
      // the 360° page's four calls, issued together as the browser does
      const t0 = performance.now();
      await Promise.all(
        [
          `/api/v1/members/${m.id}`,
          `/api/v1/orders?memberId=${m.id}&limit=10`,
          `/api/v1/events?memberId=${m.id}&limit=30`,
          `/api/v1/events?memberId=${m.id}&type=review&limit=20`,
        ].map(async (p) => (await fetch(base + p, { headers: { cookie } })).arrayBuffer()),
      );
      m360.push(performance.now() - t0);
    }
    row('member 360° (4 calls in parallel)', m360);
    console.log(
      `\ndata: ${fmtInt(counts!.members)} members, ${fmtInt(counts!.orders)} orders (${app.database.kind})`,
    );
    console.log(
      `\ninitial JS of the first screen: ${bundle.files} files, ${(bundle.raw / 1024).toFixed(0)} KB, ${(bundle.gz / 1024).toFixed(0)} KB gzip`,
    );
    console.log(
      table(
        ['first screen (cold cache, 5 runs)', 'p50 ms', 'max ms'],
        [
          [
            'login page interactive',
            percentile(loginTimes, 50).toFixed(0),
            Math.max(...loginTimes).toFixed(0),
          ],
          [
            'log in → dashboard charts drawn',
            percentile(dashboardTimes, 50).toFixed(0),
            Math.max(...dashboardTimes).toFixed(0),
          ],
        ],
      ),
    );
    console.log(table(['API', 'requests', 'p50 ms', 'p95 ms', 'max ms'], rowsOut));
  } finally {
    await browser.close();
  }
}

await main();
