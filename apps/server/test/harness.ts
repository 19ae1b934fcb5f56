import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { App, Ctx } from '../src/platform/context.ts';
import { cliCtx } from '../src/platform/context.ts';
import { forgetPartitions } from '../src/modules/activity/index.ts';

export interface TestApp {
  app: App;
  ctx: Ctx;
  dir: string;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: the embedded PGlite in a temporary folder, or, when
 * DATABASE_URL is set (CI's second pass), a new database created on that server and dropped after.
 */
export async function createTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-test-'));
  const server = await createServerDatabase();
  const url = server?.url;
  forgetPartitions();
  const config = loadConfig({
    LINLI_DATA_DIR: dir,
    DATABASE_URL: url ?? '',
    LINLI_SECRET_KEY: randomBytes(32).toString('hex'),
    LINLI_LOG_LEVEL: 'silent',
    ...overrides,
  });
  const app = await createApp(config, { logLevel: 'silent' });
  return {
    app,
    ctx: cliCtx(app, 'test'),
    dir,
    async close() {
      await app.database.close();
      await server?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** With DATABASE_URL set: a new, empty database on that server (null otherwise). */
export async function createServerDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return null;
  const name = `linli_test_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function count(app: App, sql: string, params: unknown[] = []): Promise<number> {
  const r = await app.database.pool.query<{ n: number }>(`SELECT (${sql})::int AS n`, params);
  return r.rows[0]!.n;
}
