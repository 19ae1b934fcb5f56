/**
 * Entry point of the embedded database process: PGlite (Postgres in WASM) with its data under
 * LINLI_DATA_DIR/pg, behind the Postgres wire protocol on 127.0.0.1. Run as a child process so a long
 * analytical query never blocks the HTTP server's event loop.
 *
 * argv: <dataDir> <port>. Prints one line `LISTENING <port>` on stdout when ready.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { servePGliteWire } from './pglite-wire.ts';

const [dataDir = 'memory://', portArg = '0'] = process.argv.slice(2);
if (dataDir !== 'memory://') mkdirSync(dataDir, { recursive: true });

const db = await PGlite.create({
  dataDir: dataDir === 'memory://' ? undefined : dataDir,
  // The WASM heap is capped at 2 GiB: keep the big memory settings well below it.
  postgresqlconf: [
    'shared_buffers = 256MB',
    'maintenance_work_mem = 256MB',
    'work_mem = 32MB',
    "timezone = 'UTC'",
  ],
});
const server = servePGliteWire(db, (m) => process.stderr.write(`[pglite] ${m}\n`));
server.listen(Number(portArg), '127.0.0.1', () => {
  process.stdout.write(`LISTENING ${(server.address() as AddressInfo).port}\n`);
});

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  server.close();
  await db.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
// When the parent dies, stdin closes: stop too, so no orphan keeps the data dir locked.
process.stdin.on('end', () => void shutdown());
process.stdin.resume();
