import { PgBoss } from 'pg-boss';
import type { App } from './platform/context.ts';
import { rows } from './platform/db/sql.ts';
import { addDays, shanghaiDay } from './platform/shanghai.ts';
import { refreshRollups } from './modules/insights/index.ts';
import {
  fitMemberValues,
  fitPersonas,
  refreshTags,
  startTagFreshness,
} from './modules/intelligence/index.ts';
import { startTextScoring, syncBuiltinTerms } from './modules/text/index.ts';
import { refreshDemand, runForecast } from './modules/forecasting/index.ts';
import { refreshRunning } from './modules/experiments/index.ts';
import { startOpinionJobs } from './modules/opinion/index.ts';
import { registerComplianceSla } from './modules/compliance/index.ts';
import { sweepSla } from './platform/sla.ts';

/**
 * Background jobs on pg-boss, on the same database. Each handler is idempotent: pg-boss delivers at
 * least once, and a schedule may fire on several workers.
 */
export const JOBS = {
  /** create this and next month's event partitions ahead of traffic */
  ensurePartitions: 'activity.ensure-partitions',
  /** delete expired sessions and old login attempts */
  pruneSessions: 'platform.prune-sessions',
  /** bring the dashboard rollups up to date with what changed */
  refreshRollups: 'insights.refresh-rollups',
  /** recompute the last 40 days of rollups, whatever was marked */
  reconcileRollups: 'insights.reconcile-rollups',
  /** recompute member features and every tag */
  refreshTags: 'intelligence.refresh-tags',
  /** re-cluster members into personas and refit the value models */
  fitPersonas: 'intelligence.fit-personas',
  /** tonight's demand forecast and purchase suggestion (LINLI_FORECAST_CRON, before the order cut-off) */
  forecastNightly: 'forecasting.nightly',
  /** bring the demand history and the order book up to date with changed orders */
  refreshDemand: 'forecasting.refresh-demand',
  /** aggregate the running tests' outcomes again and stop those whose guardrail is breached */
  refreshExperiments: 'experiments.refresh',
  /** record the SLA clocks' 50 %, 80 % and breach marks that fell due, and call the modules' handlers */
  slaSweep: 'platform.sla-sweep',
} as const;

export async function ensureUpcomingPartitions(app: App, now = new Date()): Promise<string[]> {
  const months = [0, 1].map((k) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + k, 1)).toISOString().slice(0, 10),
  );
  const made: string[] = [];
  for (const m of months) {
    const [r] = await rows<{ p: string }>(
      app.database.pool,
      'SELECT linli_ensure_event_partition($1::date) AS p',
      [m],
    );
    if (r) made.push(r.p);
  }
  return made;
}

export async function pruneSessions(app: App): Promise<number> {
  const a = await app.database.pool.query('DELETE FROM sessions WHERE expires_at < now()');
  const b = await app.database.pool.query("DELETE FROM login_attempts WHERE at < now() - interval '30 days'");
  return (a.rowCount ?? 0) + (b.rowCount ?? 0);
}

export async function startWorker(app: App): Promise<{ stop(): Promise<void> }> {
  const boss = new PgBoss({ connectionString: app.database.url, max: 2, schema: 'pgboss' });
  boss.on('error', (err: Error) => app.log.error({ err }, 'job queue error'));
  await boss.start();
  for (const name of Object.values(JOBS)) await boss.createQueue(name);
  await boss.schedule(JOBS.ensurePartitions, '5 0 * * *', null, { tz: 'Asia/Shanghai' });
  await boss.schedule(JOBS.pruneSessions, '17 * * * *');
  await boss.schedule(JOBS.refreshRollups, '*/5 * * * *');
  await boss.schedule(JOBS.reconcileRollups, '40 3 * * *', null, { tz: 'Asia/Shanghai' });
  await boss.schedule(JOBS.refreshTags, app.config.LINLI_TAG_RECONCILE_CRON, null, { tz: 'Asia/Shanghai' });
  await boss.schedule(JOBS.fitPersonas, '10 4 * * *', null, { tz: 'Asia/Shanghai' });
  await boss.schedule(JOBS.forecastNightly, app.config.LINLI_FORECAST_CRON, null, { tz: 'Asia/Shanghai' });
  await boss.schedule(JOBS.refreshDemand, '*/5 * * * *');
  await boss.schedule(JOBS.refreshExperiments, '*/10 * * * *');
  await boss.schedule(JOBS.slaSweep, '* * * * *');
  registerComplianceSla();
  await boss.work(JOBS.ensurePartitions, async () => {
    const made = await ensureUpcomingPartitions(app);
    app.log.info({ partitions: made }, 'event partitions ensured');
  });
  await boss.work(JOBS.pruneSessions, async () => {
    app.log.info({ removed: await pruneSessions(app) }, 'sessions pruned');
  });
  await boss.work(JOBS.refreshRollups, async () => {
    await refreshRollups(app, 'changed');
  });
  await boss.work(JOBS.reconcileRollups, async () => {
    await refreshRollups(app, addDays(shanghaiDay(new Date()), -40));
  });
  await boss.work(JOBS.fitPersonas, async () => {
    await fitPersonas(app).catch((err: unknown) => app.log.warn({ err }, 'persona fit skipped'));
    await fitMemberValues(app).catch((err: unknown) => app.log.warn({ err }, 'member value fit skipped'));
    // model tags and segments read the new fits at once rather than at the next hourly refresh
    await refreshTags(app);
  });
  await boss.work(JOBS.refreshTags, async () => {
    await refreshTags(app);
  });
  await boss.work(JOBS.forecastNightly, async () => {
    // a failed run is recorded on the run and keeps the last good suggestions: nothing to retry;
    // and a run someone started by hand for the same date already does the work
    const run = await runForecast(app, { trigger: 'schedule' }).catch((err: unknown) => {
      app.log.warn({ err }, 'nightly forecast skipped');
      return null;
    });
    if (run)
      app.log.info(
        { runId: run.id, pickupDate: run.pickupDate, status: run.status },
        'nightly forecast finished',
      );
  });
  await boss.work(JOBS.refreshDemand, async () => {
    await refreshDemand(app);
  });
  await boss.work(JOBS.refreshExperiments, async () => {
    const n = await refreshRunning(app);
    if (n) app.log.info({ experiments: n }, 'experiment statistics refreshed');
  });
  await boss.work(JOBS.slaSweep, async () => {
    // each mark is set once by an atomic update: a sweep on another worker cannot repeat it
    await sweepSla(app);
  });
  await ensureUpcomingPartitions(app);
  await syncBuiltinTerms(app.database);
  const scoring = startTextScoring(app);
  const freshness = startTagFreshness(app);
  // triage of review/complaint events, SLA sweeps every few seconds (15-minute clocks), the WeCom outbox
  const opinion = startOpinionJobs(app);
  app.log.info('worker started');
  return {
    async stop() {
      await scoring.stop();
      await freshness.stop();
      await opinion.stop();
      await boss.stop({ graceful: true, timeout: 5000 });
    },
  };
}
