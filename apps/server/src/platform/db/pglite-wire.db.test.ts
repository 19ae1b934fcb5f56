import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded } from './index.ts';

// These exercise the embedded wire server itself; against a real server they would prove nothing.
const embedded = !process.env.DATABASE_URL;
let dir: string;
let pool: pg.Pool;
let stop: () => void;

beforeAll(async () => {
  if (!embedded) return;
  dir = mkdtempSync(path.join(tmpdir(), 'linli-wire-'));
  const { url, child } = await startEmbedded(dir);
  stop = () => child?.kill();
  pool = new pg.Pool({ connectionString: url, max: 12 });
  await pool.query('CREATE TABLE t (id int PRIMARY KEY, v text)');
});
afterAll(async () => {
  if (!embedded) return;
  await pool.end();
  stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(embedded)('embedded PGlite wire server', () => {
  it('keeps each connection’s extended-protocol queries and transactions whole under concurrency', async () => {
    // Each client inserts its own rows in a transaction and reads back only its own count.
    const results = await Promise.all(
      Array.from({ length: 12 }, async (_, c) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          for (let i = 0; i < 20; i++)
            await client.query('INSERT INTO t VALUES ($1, $2)', [c * 1000 + i, `c${c}`]);
          const { rows } = await client.query('SELECT count(*)::int AS n FROM t WHERE v = $1', [`c${c}`]);
          if (c % 3 === 0) await client.query('ROLLBACK');
          else await client.query('COMMIT');
          return rows[0].n as number;
        } finally {
          client.release();
        }
      }),
    );
    expect(results).toEqual(Array(12).fill(20));
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM t');
    expect(rows[0].n).toBe(8 * 20); // 4 of 12 clients rolled back
  });

  it('bridges COPY FROM STDIN, in chunks, and reports the row count', async () => {
    const client = await pool.connect();
    const lines = Array.from({ length: 50_000 }, (_, i) => `${100_000 + i}\tcopy\\t${i}\n`);
    const stream = client.query(copyFrom('COPY t (id, v) FROM STDIN'));
    await pipeline(Readable.from(lines), stream);
    client.release();
    expect(stream.rowCount).toBe(50_000);
    const { rows } = await pool.query('SELECT v FROM t WHERE id = 100007');
    expect(rows[0].v).toBe('copy\t7');
  });

  it('turns a failing COPY into an error and keeps the connection usable', async () => {
    const client = await pool.connect();
    const stream = client.query(copyFrom('COPY t (id, v) FROM STDIN'));
    await expect(pipeline(Readable.from(['not-a-number\tx\n']), stream)).rejects.toThrow(/integer/);
    expect((await client.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    client.release();
  });

  it('rolls back the transaction of a client that disconnects mid-way', async () => {
    const lone = new pg.Client({
      connectionString: (pool as unknown as { options: { connectionString: string } }).options
        .connectionString,
    });
    await lone.connect();
    await lone.query('BEGIN');
    await lone.query("INSERT INTO t VALUES (999999, 'ghost')");
    await lone.end();
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM t WHERE id = 999999');
    expect(rows[0].n).toBe(0);
  });
});
