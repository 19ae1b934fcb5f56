import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

/**
 * A PostgreSQL wire-protocol front for one PGlite instance.
 *
 * PGlite is a single backend, so many client connections must take turns. The stock multiplexer in
 * pglite-socket switches connections between individual protocol messages, which lets another
 * client's Parse/Bind slip between a client's Parse and Sync (unnamed statements get clobbered).
 * Here a connection holds the backend from its first message until PGlite answers ReadyForQuery
 * with status 'I' (idle, outside a transaction): extended-protocol batches, transactions and COPY
 * therefore run without interleaving, exactly as on a real server with one backend per client.
 */
const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;

class BackendLock {
  private owner: number | null = null;
  private waiters: Array<{ id: number; wake: () => void }> = [];

  async acquire(id: number): Promise<void> {
    if (this.owner === id) return;
    if (this.owner === null) {
      this.owner = id;
      return;
    }
    await new Promise<void>((wake) => this.waiters.push({ id, wake }));
  }

  release(id: number): void {
    if (this.owner !== id) return;
    const next = this.waiters.shift();
    this.owner = next ? next.id : null;
    next?.wake();
  }

  drop(id: number): void {
    this.waiters = this.waiters.filter((w) => w.id !== id);
  }

  isOwner(id: number): boolean {
    return this.owner === id;
  }
}

function endsIdle(out: Buffer[]): boolean {
  const last = out.at(-1);
  if (!last) return false;
  const tail = last.length >= 6 ? last.subarray(last.length - 6) : Buffer.concat(out).subarray(-6);
  return tail.length === 6 && tail[0] === 0x5a && tail.readInt32BE(1) === 5 && tail[5] === 0x49;
}

/** `COPY t (a, b) FROM STDIN (FORMAT csv)` → the same statement reading PGlite's /dev/blob. */
function copyFromStdin(msg: Buffer): { sql: string; textFormat: boolean } | null {
  const query = msg.subarray(5, msg.length - 1).toString('utf8');
  const m = /^\s*copy\s+([\s\S]+?)\s+from\s+stdin\b([\s\S]*?);?\s*$/i.exec(query);
  if (!m) return null;
  const options = m[2]!.trim();
  return { sql: `COPY ${m[1]} FROM '/dev/blob' ${options}`, textFormat: !/csv|binary/i.test(options) };
}

function backendMessage(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

/**
 * PGlite cannot take COPY FROM STDIN over the wire, but it can COPY from a blob. This bridge answers
 * the client's copy sub-protocol itself and feeds the data to PGlite in chunks (split on row ends for
 * text format), inside the client's transaction or in one of its own, so clients such as
 * pg-copy-streams work the same against PGlite and a real server.
 */
class CopyInBridge {
  active = false;
  private statement = { sql: '', textFormat: true };
  private parts: Buffer[] = [];
  private size = 0;
  private rows = 0;
  private ownTx = false;
  private failed: Error | null = null;
  private static readonly FLUSH_BYTES = 32 * 1024 * 1024;

  private readonly db: PGlite;
  private readonly send: (b: Buffer) => void;

  constructor(db: PGlite, send: (b: Buffer) => void) {
    this.db = db;
    this.send = send;
  }

  begin(statement: { sql: string; textFormat: boolean }): void {
    Object.assign(this, { active: true, statement, parts: [], size: 0, rows: 0, failed: null });
    const header = Buffer.alloc(3); // text format, zero column formats announced
    this.send(backendMessage('G', header));
  }

  async handle(msg: Buffer): Promise<void> {
    const type = String.fromCharCode(msg[0]!);
    if (type === 'd') {
      this.parts.push(msg.subarray(5));
      this.size += msg.length - 5;
      if (this.statement.textFormat && this.size >= CopyInBridge.FLUSH_BYTES) await this.flush(false);
    } else if (type === 'c') {
      await this.flush(true);
      await this.finish();
    } else if (type === 'f') {
      this.failed = new Error(`COPY from stdin failed: ${msg.subarray(5, msg.length - 1).toString('utf8')}`);
      await this.finish();
    }
  }

  private async flush(all: boolean): Promise<void> {
    if (this.failed || this.size === 0) return;
    let data = Buffer.concat(this.parts);
    let rest = Buffer.alloc(0);
    if (!all) {
      const cut = data.lastIndexOf(0x0a) + 1;
      rest = data.subarray(cut);
      data = data.subarray(0, cut);
    }
    this.parts = rest.length ? [rest] : [];
    this.size = rest.length;
    try {
      if (!this.ownTx && !this.db.isInTransaction()) {
        await this.db.exec('BEGIN');
        this.ownTx = true;
      }
      const result = await this.db.query(this.statement.sql, [], { blob: new Blob([new Uint8Array(data)]) });
      this.rows += result.affectedRows ?? 0;
    } catch (err) {
      this.failed = err as Error;
    }
  }

  private async finish(): Promise<void> {
    this.active = false;
    if (this.ownTx) {
      await this.db.exec(this.failed ? 'ROLLBACK' : 'COMMIT').catch(() => undefined);
      this.ownTx = false;
    }
    if (this.failed) {
      const e = this.failed as Error & { code?: string };
      const field = (t: string, v: string) => Buffer.concat([Buffer.from(t), Buffer.from(v + '\0')]);
      const body = Buffer.concat([
        field('S', 'ERROR'),
        field('V', 'ERROR'),
        field('C', e.code ?? '22P04'),
        field('M', e.message),
        Buffer.from([0]),
      ]);
      this.send(backendMessage('E', body));
    } else {
      this.send(backendMessage('C', Buffer.from(`COPY ${this.rows}\0`)));
    }
    const status = this.db.isInTransaction() ? (this.failed ? 'E' : 'T') : 'I';
    this.send(backendMessage('Z', Buffer.from(status)));
    this.parts = [];
  }
}

export function servePGliteWire(db: PGlite, log: (msg: string) => void = () => {}): net.Server {
  const lock = new BackendLock();
  let nextId = 1;

  return net.createServer((socket) => {
    const id = nextId++;
    let buffer = Buffer.alloc(0);
    let started = false;
    let chain = Promise.resolve();
    socket.setNoDelay(true);

    const exec = async (message: Buffer): Promise<void> => {
      await lock.acquire(id);
      const out: Buffer[] = [];
      try {
        await db.execProtocolRawStream(new Uint8Array(message), {
          onRawData: (chunk: Uint8Array) => {
            if (chunk.length === 0) return;
            const b = Buffer.from(chunk);
            out.push(b);
            if (!socket.destroyed) socket.write(b);
          },
        });
      } finally {
        if (endsIdle(out)) lock.release(id);
      }
    };

    const copy = new CopyInBridge(db, (b) => socket.write(b));

    const pump = async (): Promise<void> => {
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const len = buffer.readInt32BE(0);
          const code = buffer.readInt32BE(4);
          if (buffer.length < len) return;
          const msg = buffer.subarray(0, len);
          buffer = buffer.subarray(len);
          if (code === SSL_REQUEST || code === GSS_REQUEST) {
            socket.write('N');
            continue;
          }
          if (code === CANCEL_REQUEST) {
            socket.end();
            return;
          }
          if (code !== PROTOCOL_3) {
            socket.destroy();
            return;
          }
          started = true;
          await exec(Buffer.from(msg));
          continue;
        }
        if (buffer.length < 5) return;
        const len = buffer.readInt32BE(1) + 1;
        if (buffer.length < len) return;
        const msg = Buffer.from(buffer.subarray(0, len));
        buffer = buffer.subarray(len);
        if (msg[0] === 0x58 /* X: Terminate */) {
          socket.end();
          return;
        }
        if (copy.active) {
          await copy.handle(msg);
          if (!copy.active && !db.isInTransaction()) lock.release(id);
          continue;
        }
        const copySql = msg[0] === 0x51 /* Q */ ? copyFromStdin(msg) : null;
        if (copySql) {
          await lock.acquire(id);
          copy.begin(copySql);
          continue;
        }
        await exec(msg);
      }
    };

    socket.on('data', (data) => {
      buffer = Buffer.concat([buffer, data]);
      chain = chain.then(pump).catch((err: unknown) => {
        log(`connection ${id}: ${(err as Error).message}`);
        socket.destroy();
      });
    });

    socket.on('close', () => {
      chain = chain.then(async () => {
        lock.drop(id);
        if (lock.isOwner(id)) {
          // A client vanished mid-transaction: roll back so the next connection starts clean.
          if (db.isInTransaction()) await db.exec('ROLLBACK').catch(() => undefined);
          lock.release(id);
        }
      });
    });
    socket.on('error', () => socket.destroy());
  });
}
