/**
 * The backtest lab: `linli forecast backtest` run from the console on uploaded files. A run lives
 * in its own folder under the data directory (the uploads, the output CSV and `status.json`), so a
 * lab needs no tables and a finished run can be downloaded again; the backtest itself runs on a
 * worker thread so the server keeps answering. One process holds the running state: runs started
 * on another server instance are listed once they have written their status.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { App } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { BacktestSummary } from './forecast.cli.ts';

export interface LabParams {
  from: string;
  to: string;
  horizon: number;
  step: number;
}

export interface LabRun {
  id: string;
  status: 'running' | 'succeeded' | 'failed';
  params: LabParams;
  files: { sales: string; items: string | null };
  actor: string;
  startedAt: string;
  finishedAt: string | null;
  progress: { done: number; total: number } | null;
  error: string | null;
  summary: BacktestSummary | null;
}

const WORKER = new URL('./backtest-lab.worker.ts', import.meta.url);
const ID = /^bt_[0-9a-f]{16}$/;
const labDir = (app: App) => path.join(app.config.dataDir, 'backtests');

async function save(app: App, run: LabRun): Promise<void> {
  const dir = path.join(labDir(app), run.id);
  // write then rename: a reader never sees half a status file
  await writeFile(path.join(dir, 'status.json.tmp'), JSON.stringify(run));
  await rename(path.join(dir, 'status.json.tmp'), path.join(dir, 'status.json'));
}

/** An uploaded file part: the multipart field name, its file name and its bytes (read once, in order). */
export interface LabUpload {
  field: string;
  filename: string;
  stream: Readable;
}

/**
 * Stores the uploads (fields `sales`, required, and `items`) and starts the backtest; answers at
 * once with the running run. Parts are read in the order they arrive, as multipart requires.
 */
export async function startLabRun(
  app: App,
  actor: string,
  params: LabParams,
  parts: AsyncIterable<LabUpload>,
): Promise<LabRun> {
  const id = `bt_${randomBytes(8).toString('hex')}`;
  const dir = path.join(labDir(app), id);
  await mkdir(dir, { recursive: true });
  const names: Record<string, string> = {};
  for await (const part of parts) {
    if (part.field !== 'sales' && part.field !== 'items') {
      part.stream.resume();
      continue;
    }
    await pipeline(part.stream, createWriteStream(path.join(dir, `${part.field}.csv`)));
    names[part.field] = part.filename;
  }
  if (!names.sales)
    throw new AppError(
      'invalid',
      'forecast.sales_missing',
      'Send the sales CSV as multipart/form-data field "sales"',
    );
  const sales = path.join(dir, 'sales.csv');
  const items = names.items ? path.join(dir, 'items.csv') : undefined;
  const run: LabRun = {
    id,
    status: 'running',
    params,
    files: { sales: names.sales, items: names.items ?? null },
    actor,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    progress: null,
    error: null,
    summary: null,
  };
  await save(app, run);
  const worker = new Worker(WORKER, {
    workerData: { ...params, sales, items, out: path.join(dir, 'forecasts.csv') },
  });
  // messages name the files by the names they were uploaded under, not where the server keeps them
  const shown = (text: string) => {
    let out = text.replaceAll(sales, run.files.sales);
    if (items) out = out.replaceAll(items, run.files.items ?? 'items.csv');
    return out;
  };
  let lastSaved = 0;
  const finish = (patch: Partial<LabRun>) => {
    Object.assign(run, patch, { finishedAt: new Date().toISOString() });
    void worker.terminate();
    save(app, run).catch((err: unknown) => app.log.error({ err, id }, 'backtest status not saved'));
  };
  worker.on(
    'message',
    (msg: { kind: string; done?: number; total?: number; summary?: BacktestSummary; error?: string }) => {
      if (msg.kind === 'progress') {
        run.progress = { done: msg.done!, total: msg.total! };
        // a status write per origin would be hundreds of writes: one a second is enough to watch
        if (Date.now() - lastSaved > 1000) {
          lastSaved = Date.now();
          void save(app, run).catch(() => undefined);
        }
      } else if (msg.kind === 'done')
        finish({
          status: 'succeeded',
          summary: { ...msg.summary!, warnings: msg.summary!.warnings.map(shown) },
        });
      else finish({ status: 'failed', error: shown(msg.error ?? 'unknown error') });
    },
  );
  worker.on('error', (err) => finish({ status: 'failed', error: err.message }));
  return run;
}

export async function getLabRun(app: App, id: string): Promise<LabRun> {
  if (!ID.test(id)) throw new AppError('not_found', 'forecast.backtest_not_found', `No backtest ${id}`);
  try {
    return JSON.parse(await readFile(path.join(labDir(app), id, 'status.json'), 'utf8')) as LabRun;
  } catch {
    throw new AppError('not_found', 'forecast.backtest_not_found', `No backtest ${id}`);
  }
}

/** Lab runs, newest first, without their per-item figures (the list stays small). */
export async function listLabRuns(app: App, limit: number): Promise<LabRun[]> {
  if (!existsSync(labDir(app))) return [];
  const ids = (await readdir(labDir(app))).filter((d) => ID.test(d));
  const runs = (await Promise.all(ids.map((id) => getLabRun(app, id).catch(() => null)))).filter(
    (r): r is LabRun => r !== null,
  );
  return runs
    .sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1))
    .slice(0, limit)
    .map((r) => (r.summary ? { ...r, summary: { ...r.summary, by_item: {} } } : r));
}

/** The output CSV of a finished run. */
export async function labRowsFile(app: App, id: string): Promise<string> {
  const run = await getLabRun(app, id);
  if (run.status !== 'succeeded')
    throw new AppError('conflict', 'forecast.backtest_not_finished', `Backtest ${id} is ${run.status}`);
  return path.join(labDir(app), id, 'forecasts.csv');
}
