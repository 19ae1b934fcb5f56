/**
 * Tag benchmark: a full recompute of the whole tag catalogue over the per-member features, next to
 * the raw one-query per-member feature scan over orders and events it replaces, on a demo community.
 *
 *   npm run bench:tags -- [--members 23000] [--months 12] [--db embedded|postgres]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { EVENT_TYPES, EVENT_WINDOWS } from '@linli/contracts';
import { createApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import { fetchRows, sql } from '../apps/server/src/platform/db/fragments.ts';
import { eventKpis } from '../apps/server/src/modules/activity/index.ts';
import { orderKpis } from '../apps/server/src/modules/commerce/index.ts';
import { loadDemo } from '../apps/server/src/modules/demo/index.ts';
import { fitMemberValues, fitPersonas, refreshTags } from '../apps/server/src/modules/intelligence/index.ts';
import { fmtInt, table } from './lib.ts';

const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '23000' },
    months: { type: 'string', default: '12' },
    db: { type: 'string', default: 'embedded' },
  },
});

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-bench-tags-'));
  let databaseUrl: string | undefined;
  let drop: (() => Promise<void>) | null = null;
  if (args.db === 'postgres') {
    const server = process.env.DATABASE_URL;
    if (!server) throw new Error('--db postgres needs DATABASE_URL');
    const name = `linli_bench_${randomBytes(5).toString('hex')}`;
    const admin = async (q: string) => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(q);
      await c.end();
    };
    await admin(`CREATE DATABASE ${name}`);
    drop = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const u = new URL(server);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
  }
  const app = await createApp(
    loadConfig({ LINLI_DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '', LINLI_LOG_LEVEL: 'silent' }),
    { logLevel: 'silent' },
  );
  try {
    const now = new Date();
    await loadDemo(app.database, {
      members: Number(args.members),
      months: Number(args.months),
      seed: 1,
      now,
      keys: app.pii,
    });
    await app.database.pool.query('ANALYZE');
    const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
      const t0 = performance.now();
      const r = await fn();
      return [r, (performance.now() - t0) / 1000];
    };
    // the reference: every member's aggregates computed straight from orders and events, one query
    const [, rawScan] = await timed(() =>
      fetchRows(
        app.database.pool,
        sql`SELECT count(*) FROM (SELECT * FROM (${orderKpis.memberOrderAggregatesFragment(now)}) o
              FULL JOIN (${eventKpis.memberEventAggregatesFragment(now, EVENT_TYPES, EVENT_WINDOWS)}) e USING (member_id)) x`,
      ),
    );
    const [first, full] = await timed(() => refreshTags(app, now));
    const [again, steady] = await timed(() => refreshTags(app, now));
    const [personas, personaS] = await timed(() => fitPersonas(app, { now }));
    const [values, valueS] = await timed(() => fitMemberValues(app, { now }));
    const [counts] = await fetchRows<{ members: number; orders: number; events: number }>(
      app.database.pool,
      sql`SELECT (SELECT count(*) FROM members)::int AS members, (SELECT count(*) FROM orders)::int AS orders,
                 (SELECT count(*) FROM events)::int AS events`,
    );
    console.log(
      `\n${fmtInt(counts!.members)} members, ${fmtInt(counts!.orders)} orders, ${fmtInt(counts!.events)} events (${app.database.kind})`,
    );
    console.log(
      table(
        ['step', 'seconds', 'notes'],
        [
          ['raw per-member feature scan (reference)', rawScan.toFixed(1), 'one query over orders and events'],
          [
            'full refresh, first (features + 102 tags)',
            full.toFixed(1),
            `${fmtInt(first.entered)} memberships entered`,
          ],
          [
            'full refresh, again',
            steady.toFixed(1),
            `${fmtInt(again.entered)} entered, ${fmtInt(again.left)} left`,
          ],
          [
            '  of which: member features rebuilt',
            (again.featuresMs / 1000).toFixed(1),
            'one statement, as the reference plus the write',
          ],
          [
            '  of which: all 102 tags evaluated',
            (again.tagsMs / 1000).toFixed(1),
            'reads member_features only (goal ≤ 1× the reference)',
          ],
          [
            'personas (features + k-means, k by silhouette)',
            personaS.toFixed(1),
            `k = ${personas.k}, ${fmtInt(personas.members)} members`,
          ],
          [
            'member values (BG/NBD + Gamma-Gamma + quadrant)',
            valueS.toFixed(1),
            `${fmtInt(values.members)} members`,
          ],
        ],
      ),
    );
  } finally {
    await app.database.close();
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
