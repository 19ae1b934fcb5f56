import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createApp } from '../apps/server/src/app.ts';
import type { App } from '../apps/server/src/platform/context.ts';
import { loadConfig } from '../apps/server/src/platform/config.ts';

/**
 * A Linli app for a benchmark on a throw-away database: the embedded one in a temporary folder, or
 * a fresh database on the PostgreSQL server of DATABASE_URL (`db = 'postgres'`), dropped at close.
 */
export async function benchApp(
  db: string,
  prefix: string,
  env: Record<string, string> = {},
): Promise<{ app: App; close(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  let databaseUrl = '';
  let drop: (() => Promise<void>) | null = null;
  if (db === 'postgres') {
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
  // BENCH_LOG_LEVEL=error shows what went wrong inside a run (silent by default: logs cost time)
  const logLevel = process.env.BENCH_LOG_LEVEL ?? 'silent';
  const app = await createApp(
    loadConfig({ LINLI_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LINLI_LOG_LEVEL: logLevel, ...env }),
    { logLevel },
  );
  return {
    app,
    async close() {
      await app.database.close();
      await drop?.();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, (performance.now() - t0) / 1000];
}

/** The demo community (seed 1) ending now, with fresh planner statistics. */
export async function loadBenchDemo(app: App, members: number, months: number, now: Date): Promise<void> {
  const { loadDemo } = await import('../apps/server/src/modules/demo/index.ts');
  await loadDemo(app.database, { members, months, seed: 1, now, keys: app.pii });
  await app.database.pool.query('ANALYZE');
}
