import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

// Return timestamptz as Date (default) and bigint/numeric as strings the code converts on purpose.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Db = NodePgDatabase;

export interface Database {
  /** the connection string in use (the embedded server's, when embedded) */
  url: string;
  kind: 'embedded' | 'postgres';
  pool: pg.Pool;
  db: Db;
  close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const migrationsFolder = path.resolve(here, '../../../db/migrations');

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/**
 * Starts PGlite behind the wire protocol as a child process, or reuses the one another Linli process
 * already runs on the same data dir (its port is in `<dataDir>/pglite.port`): PGlite holds its data
 * dir exclusively, so `linli import` beside a running `linli start` must talk to that server.
 */
export async function startEmbedded(
  dataDir: string,
  port = 0,
): Promise<{ url: string; child: ChildProcess | null }> {
  const portFile = path.join(dataDir, 'pglite.port');
  if (existsSync(portFile)) {
    const known = Number(readFileSync(portFile, 'utf8').trim());
    if (known > 0 && (await canConnect(known))) return { url: embeddedUrl(known), child: null };
    rmSync(portFile, { force: true });
  }
  const entry = path.join(here, 'embedded-main.ts');
  const child = spawn(process.execPath, [entry, path.join(dataDir, 'pg'), String(port)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const actual = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) =>
      reject(new Error(`embedded database exited with code ${code} before listening`)),
    );
  });
  writeFileSync(portFile, `${actual}\n`);
  child.once('exit', () => rmSync(portFile, { force: true }));
  return { url: embeddedUrl(actual), child };
}

function embeddedUrl(port: number): string {
  return `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}

export async function openDatabase(opts: {
  databaseUrl?: string | undefined;
  dataDir: string;
  embeddedPort?: number;
  poolSize?: number;
}): Promise<Database> {
  let url = opts.databaseUrl;
  let child: ChildProcess | null = null;
  if (!url) ({ url, child } = await startEmbedded(opts.dataDir, opts.embeddedPort ?? 0));
  // Every session works in UTC; display conversion to Asia/Shanghai happens at the edges.
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, options: '-c TimeZone=UTC' });
  pool.on('error', () => undefined); // idle client errors surface on the next query instead
  const db = drizzle(pool);
  return {
    url,
    kind: opts.databaseUrl ? 'postgres' : 'embedded',
    pool,
    db,
    async close() {
      await pool.end();
      if (child && child.exitCode === null) {
        const exited = new Promise((r) => child!.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

export async function runMigrations(database: Database): Promise<void> {
  await migrate(database.db, { migrationsFolder });
}

/**
 * Caches of "rows known to exist" register here; bulk replacements (restore, demo --replace) call
 * notifyDataReplaced so no process keeps trusting rows that were removed underneath it.
 */
const dataReplacedListeners = new Set<() => void>();

export function onDataReplaced(listener: () => void): void {
  dataReplacedListeners.add(listener);
}

export function notifyDataReplaced(): void {
  for (const listener of dataReplacedListeners) listener();
}
