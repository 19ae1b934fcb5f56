import { randomBytes } from 'node:crypto';
import type { ForecastRun } from '@linli/contracts/forecasting';
import { performance } from 'node:perf_hooks';
import type { App } from '../../platform/context.ts';
import { rows } from '../../platform/db/sql.ts';
import { AppError } from '../../platform/errors.ts';
import { addDays, shanghaiDay, shanghaiMidnight } from '../../platform/shanghai.ts';
import { assemble } from './assemble.ts';
import { runJobs } from './compute-pool.ts';
import { refreshDemand } from './demand.repo.ts';
import { HORIZON, loadRunInputs } from './load.repo.ts';
import { buildPanels } from './panels.ts';
import { storeResults } from './results.repo.ts';

export type RunTrigger = 'schedule' | 'manual' | 'cli';

/** A run as the API shows it (instants as Dates until serialised). */
export type RunView = ForecastRun<Date>;

/** Days recomputed from the orders on every run, whatever the watermark says (moved pickup dates). */
const RECONCILE_DAYS = 14;
/** A run still "running" after this long died with its process; it no longer blocks a new one. */
const ABANDONED_AFTER = "interval '45 minutes'";

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The pickup date tonight's purchase is for: tomorrow's, until the order cut-off has passed (orders
 * after it are collected a day later, and so is the next purchase).
 */
export function nextPickupDate(now: Date, cutoff: string): string {
  const today = shanghaiDay(now);
  const minute = (now.getTime() - shanghaiMidnight(today).getTime()) / 60_000;
  return addDays(today, minute >= minutesOf(cutoff) ? 2 : 1);
}

/**
 * The instant the order book is read as of: now, but no later than the cut-off the evening before
 * the pickup day (after it, the book for that day is closed).
 */
function bookTime(now: Date, pickupDate: string, cutoff: string): Date {
  const close = shanghaiMidnight(addDays(pickupDate, -1)).getTime() + minutesOf(cutoff) * 60_000;
  return new Date(Math.min(now.getTime(), close));
}

const VIEW = `SELECT id, to_char(pickup_date, 'YYYY-MM-DD') AS "pickupDate", trigger, status, error, actor,
  started_at AS "startedAt", finished_at AS "finishedAt", stages, summary FROM forecast_runs`;

export async function listRuns(app: App, limit = 20): Promise<RunView[]> {
  return rows<RunView>(app.database.pool, `${VIEW} ORDER BY started_at DESC, id DESC LIMIT $1`, [limit]);
}

export async function getRun(app: App, id: string): Promise<RunView | null> {
  return (await rows<RunView>(app.database.pool, `${VIEW} WHERE id = $1`, [id]))[0] ?? null;
}

export interface RunOptions {
  pickupDate?: string | undefined;
  trigger: RunTrigger;
  /** who asked (the actor's id), for the run list */
  actor?: string | undefined;
  now?: Date | undefined;
}

/** Records a new run as running; refuses while another run for the same pickup date is running. */
async function beginRun(app: App, opts: RunOptions): Promise<{ id: string; pickupDate: string; now: Date }> {
  const now = opts.now ?? new Date();
  const pickupDate = opts.pickupDate ?? nextPickupDate(now, app.config.LINLI_ORDER_CUTOFF);
  await app.database.pool.query(
    `UPDATE forecast_runs SET status = 'failed', finished_at = now(),
       error = 'abandoned: the process running it stopped before it finished'
     WHERE status = 'running' AND started_at < now() - ${ABANDONED_AFTER}`,
  );
  const id = `fcr_${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  try {
    await app.database.pool.query(
      `INSERT INTO forecast_runs (id, pickup_date, trigger, status, actor) VALUES ($1, $2, $3, 'running', $4)`,
      [id, pickupDate, opts.trigger, opts.actor ?? null],
    );
  } catch (err) {
    if ((err as { code?: string }).code === '23505')
      throw new AppError(
        'conflict',
        'forecasting.run_in_progress',
        `A forecast run for pickup date ${pickupDate} is already running; wait for it to finish`,
      );
    throw err;
  }
  return { id, pickupDate, now };
}

/**
 * The nightly run for one pickup date: demand history brought up to date, SKU panels built, models
 * chosen by backtest and forecast on worker threads, the order book blended in, purchases and their
 * pickup-point split computed, and everything stored at once. A failure is recorded on the run and
 * leaves the previous suggestions in place.
 */
async function executeRun(app: App, id: string, pickupDate: string, now: Date): Promise<RunView> {
  const stages: Record<string, number> = {};
  const stage = async <T>(name: string, fn: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const result = await fn();
    stages[name] = Math.round(performance.now() - t0) / 1000;
    return result;
  };
  try {
    await stage('demand', () =>
      refreshDemand(app, { reconcile: { from: addDays(pickupDate, -RECONCILE_DAYS), to: pickupDate } }),
    );
    const lead =
      (shanghaiMidnight(pickupDate).getTime() -
        bookTime(now, pickupDate, app.config.LINLI_ORDER_CUTOFF).getTime()) /
      60_000;
    const inputs = await stage('load', () => loadRunInputs(app.database.pool, pickupDate, lead));
    const builds = await stage('panels', () => buildPanels(inputs));
    const jobs = builds.flatMap((b) =>
      (['backtest', 'forecast'] as const).map((kind) => ({
        kind,
        key: b.key,
        panel: b.panel,
        horizon: HORIZON,
        economics: b.economics,
      })),
    );
    const outputs = await stage('models', () =>
      runJobs(jobs, (err) =>
        app.log.warn({ err }, 'forecast worker thread unavailable; computing in process'),
      ),
    );
    const result = await stage('purchase', () => assemble(inputs, builds, outputs));
    const started = performance.now();
    stages.store = 0;
    await storeResults(app.database, id, pickupDate, result, stages);
    stages.store = Math.round(performance.now() - started) / 1000;
    await app.database.pool.query('UPDATE forecast_runs SET stages = $2 WHERE id = $1', [
      id,
      JSON.stringify(stages),
    ]);
    app.log.info({ runId: id, pickupDate, stages, skus: result.summary.skus }, 'forecast run succeeded');
  } catch (err) {
    app.log.error({ err, runId: id, pickupDate }, 'forecast run failed');
    await app.database.pool.query(
      `UPDATE forecast_runs SET status = 'failed', finished_at = now(), error = $2, stages = $3 WHERE id = $1`,
      [id, (err as Error).message.slice(0, 2000), JSON.stringify(stages)],
    );
  }
  return (await getRun(app, id))!;
}

/** Runs the forecast to the end and returns the finished run (succeeded or failed). */
export async function runForecast(app: App, opts: RunOptions): Promise<RunView> {
  const { id, pickupDate, now } = await beginRun(app, opts);
  return executeRun(app, id, pickupDate, now);
}

/** Starts a run and returns it while it is still running (the console polls the run list). */
export async function startForecast(app: App, opts: RunOptions): Promise<RunView> {
  const { id, pickupDate, now } = await beginRun(app, opts);
  void executeRun(app, id, pickupDate, now).catch((err: unknown) =>
    app.log.error({ err, runId: id }, 'forecast run could not record its end'),
  );
  return (await getRun(app, id))!;
}
