import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { loginAs, startHttp, type Http } from '../../../test/http.ts';
import type { LabRun } from './backtest-lab.ts';

/** 10 weeks of two items with a weekly shape, as a sales CSV. */
function salesCsv(): string {
  const week = [10, 9, 9, 10, 12, 16, 14];
  const lines = ['date,item_code,qty'];
  for (let d = 0; d < 70; d++) {
    const date = new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
    lines.push(`${date},A,${week[d % 7]}`, `${date},B,${2 * week[d % 7]! + (d % 3)}`);
  }
  return lines.join('\n') + '\n';
}

describe('forecasting: the backtest lab', () => {
  let t: TestApp;
  let http: Http;
  let op: string;

  beforeAll(async () => {
    t = await createTestApp();
    http = await startHttp(t);
    op = await loginAs(t, http, 'planner', ['operator']);
  });
  afterAll(async () => {
    await http?.close();
    await t?.close();
  });

  const upload = async (query: string, files: Record<string, string>) => {
    const form = new FormData();
    for (const [field, text] of Object.entries(files)) form.append(field, new Blob([text]), `${field}.csv`);
    const res = await fetch(`${http.base}/api/v1/forecasting/backtests?${query}`, {
      method: 'POST',
      body: form,
      headers: { cookie: op },
    });
    return { status: res.status, body: (await res.json()) as LabRun & { code?: string } };
  };
  const until = async (id: string) => {
    for (let i = 0; i < 300; i++) {
      const r = await http.call('GET', `/api/v1/forecasting/backtests/${id}`, undefined, {
        cookie: op,
        'x-api-key': '',
      });
      if (r.body.status !== 'running') return r.body as LabRun;
      await new Promise((ok) => setTimeout(ok, 200));
    }
    throw new Error('backtest did not finish');
  };

  it(
    'runs the CLI backtest on uploaded files and serves its summary and forecasts',
    { timeout: 120_000 },
    async () => {
      const started = await upload('from=2024-03-01&to=2024-03-07&horizon=2', {
        sales: salesCsv(),
        items: 'item_code,loss_rate_pct\nA,10\nB,5\n',
      });
      expect(started.status).toBe(202);
      expect(started.body.status).toBe('running');
      const done = await until(started.body.id);
      expect(done.error).toBeNull();
      expect(done.status).toBe('succeeded');
      expect(done.summary!.origins).toBe(7);
      expect(done.summary!.horizon1.linli.item_days).toBe(14);
      // a clean weekly pattern: Linli well under seasonal naive's error is not guaranteed, but finite
      expect(done.summary!.wape.linli).toBeGreaterThanOrEqual(0);
      expect(done.summary!.simulation.linli.demand).toBeGreaterThan(0);
      const csv = await fetch(`${http.base}/api/v1/forecasting/backtests/${started.body.id}/forecasts.csv`, {
        headers: { cookie: op },
      });
      const lines = (await csv.text()).trim().split('\n');
      expect(lines[0]).toBe('origin,date,item_code,forecast,p10,p90,order_qty');
      expect(lines).toHaveLength(1 + 7 * 2 * 2);
      const list = await http.call('GET', '/api/v1/forecasting/backtests', undefined, {
        cookie: op,
        'x-api-key': '',
      });
      expect(list.body.items.map((r: { id: string }) => r.id)).toContain(started.body.id);
      const audit = await t.app.database.pool.query(
        "SELECT count(*)::int AS n FROM audit_log WHERE entity = 'forecast_backtests' AND entity_id = $1",
        [started.body.id],
      );
      expect(audit.rows[0].n).toBe(1);
    },
  );

  it(
    'reports a bad file as a failed run naming the line, and refuses a request without sales',
    { timeout: 60_000 },
    async () => {
      const bad = await upload('from=2024-03-01&to=2024-03-02', {
        sales: 'date,item_code,qty\n2024-01-01,A,abc\n',
      });
      const failed = await until(bad.body.id);
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(/line 2: qty "abc" is not a number/);
      // named as uploaded, not by the server's own path
      expect(failed.error).toMatch(/^sales\.csv: /);
      const missing = await upload('from=2024-03-01&to=2024-03-02', { items: 'item_code,loss_rate_pct\n' });
      expect(missing.status).toBe(400);
      expect(missing.body.code).toBe('forecast.sales_missing');
      const reversed = await upload('from=2024-03-09&to=2024-03-02', { sales: salesCsv() });
      expect(reversed.status).toBe(400);
      const csv = await fetch(`${http.base}/api/v1/forecasting/backtests/${bad.body.id}/forecasts.csv`, {
        headers: { cookie: op },
      });
      expect(csv.status).toBe(409);
      const none = await http.call('GET', '/api/v1/forecasting/backtests/bt_0000000000000000', undefined, {
        cookie: op,
        'x-api-key': '',
      });
      expect(none.status).toBe(404);
    },
  );
});
