import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabase } from './harness.ts';

const cli = path.resolve(import.meta.dirname, '../src/cli.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'linli-cli-'));
const env: Record<string, string | undefined> = {
  ...process.env,
  LINLI_DATA_DIR: dir,
  LINLI_LOG_LEVEL: 'warn',
  LINLI_ADMIN_PASSWORD: 'first-admin-pw',
};
let server: Awaited<ReturnType<typeof createServerDatabase>>;

beforeAll(async () => {
  server = await createServerDatabase();
  if (server) env.DATABASE_URL = server.url;
});
afterAll(async () => {
  await server?.drop();
  rmSync(dir, { recursive: true, force: true });
});

function linli(args: string[], extraEnv: Record<string, string> = {}) {
  return spawnSync(process.execPath, [cli, ...args], {
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('linli CLI', () => {
  it('names every bad configuration value and exits 2', () => {
    const r = linli(['migrate'], { PORT: 'x', LINLI_SECRET_KEY: 'nothex' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('LINLI_SECRET_KEY');
  });

  it('migrates, creates users and API keys', () => {
    expect(linli(['migrate']).status).toBe(0);
    const u = linli(['user', 'create', 'lead1', '--password', 'leader-pass', '--role', 'leader']);
    expect(u.stdout).toContain('created user lead1');
    const dup = linli(['user', 'create', 'lead1', '--password', 'leader-pass', '--role', 'leader']);
    expect(dup.status).toBe(2);
    expect(dup.stderr).toContain('already exists');
    const k = linli(['apikey', 'create', '--name', 'pos', '--scopes', 'ingest']);
    expect(k.stdout).toMatch(/lk_[\w-]{20,}/);
  });

  it('starts server and worker on the embedded database and serves the API', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [cli, 'start', '--no-demo'], {
      env: { ...env, PORT: String(port) },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    try {
      for (let i = 0; i < 120 && !out.includes('Linli is running'); i++)
        await new Promise((r) => setTimeout(r, 250));
      expect(out).toContain(`http://localhost:${port}`);
      const ready = await (await fetch(`http://127.0.0.1:${port}/readyz`)).json();
      expect(ready).toMatchObject({ status: 'ready' });
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'lead1', password: 'leader-pass' }),
      });
      expect(login.status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/api/docs`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
