import type { ForecastShown } from '@linli/contracts/forecasting';
import type { App } from '../../platform/context.ts';
import { rows } from '../../platform/db/sql.ts';
import { getRun, nextPickupDate, type RunView } from './run.service.ts';

/**
 * The pickup date whose results a page shows. Normally the one asked for (by default the next
 * purchase's); when its run failed, is still running or has not happened, the latest earlier date
 * with results, with a warning that says so. A failed run never hides the last good suggestions.
 */
export async function shownFor(app: App, date: string | undefined): Promise<ForecastShown<Date>> {
  const requestedDate = date ?? nextPickupDate(new Date(), app.config.LINLI_ORDER_CUTOFF);
  const [hit] = await rows<{ date: string; runId: string }>(
    app.database.pool,
    `SELECT to_char(pickup_date, 'YYYY-MM-DD') AS date, run_id AS "runId" FROM forecast_items
     WHERE pickup_date <= $1 ORDER BY pickup_date DESC LIMIT 1`,
    [requestedDate],
  );
  const [last] = await rows<{ id: string }>(
    app.database.pool,
    'SELECT id FROM forecast_runs WHERE pickup_date = $1 ORDER BY started_at DESC, id DESC LIMIT 1',
    [requestedDate],
  );
  const run = hit ? await getRun(app, hit.runId) : null;
  const lastRun: RunView | null = last ? await getRun(app, last.id) : null;
  let warning: ForecastShown<Date>['warning'] = null;
  if (lastRun?.status === 'failed')
    warning = { kind: 'failed', error: lastRun.error, at: lastRun.finishedAt ?? lastRun.startedAt };
  else if (lastRun?.status === 'running') warning = { kind: 'running', error: null, at: lastRun.startedAt };
  else if (hit?.date !== requestedDate) warning = { kind: 'missing', error: null, at: null };
  return { requestedDate, pickupDate: hit?.date ?? null, run, lastRun, warning };
}
