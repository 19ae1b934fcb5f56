import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, createTestApp, type TestApp } from '../../../test/harness.ts';
import { loginAs, startHttp, type Http } from '../../../test/http.ts';
import { rows } from '../../platform/db/sql.ts';
import { addDays, shanghaiDay, shanghaiMidnight } from '../../platform/shanghai.ts';
import { PRODUCTS, demandOf, historyOrders, loadCatalogue } from './history.fixture.ts';
import { runForecast } from './run.service.ts';

const today = shanghaiDay(new Date());
const tomorrow = addDays(today, 1);
/** 21:30 in Shanghai the evening before a pickup day: when the nightly run reads the order book */
const nightBefore = (pickup: string) => new Date(shanghaiMidnight(pickup).getTime() - 150 * 60_000);

describe('forecasting: the nightly run and the purchase list', () => {
  let t: TestApp;
  let http: Http;
  let op: string;
  const as = (method: string, path: string, body?: unknown) =>
    http.call(method, path, body, { cookie: op, 'x-api-key': '' });

  beforeAll(async () => {
    t = await createTestApp();
    http = await startHttp(t);
    op = await loginAs(t, http, 'planner', ['operator']);
    await loadCatalogue(http.call);
  });
  afterAll(async () => {
    await http?.close();
    await t?.close();
  });

  it('runs the night before a pickup day: suggestions that cover the book and split exactly over the points', async () => {
    const orders = historyOrders(100);
    for (let i = 0; i < orders.length; i += 2000)
      expect(
        (await http.call('POST', '/api/v1/ingest/orders', { items: orders.slice(i, i + 2000) })).body
          .rejected,
      ).toEqual([]);
    // yesterday's run, for today's pickups, then tonight's
    expect(
      (await runForecast(t.app, { trigger: 'cli', pickupDate: today, now: nightBefore(today) })).status,
    ).toBe('succeeded');
    const run = await runForecast(t.app, {
      trigger: 'cli',
      pickupDate: tomorrow,
      now: nightBefore(tomorrow),
    });
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    expect(Object.keys(run.stages).sort()).toEqual([
      'demand',
      'load',
      'models',
      'panels',
      'purchase',
      'store',
    ]);
    expect(run.summary!.skus).toBe(5);
    expect(run.summary!.series).toBe(15);
    expect(run.summary!.origins).toBe(28);

    const list = (await as('GET', `/api/v1/forecasting/replenishment?date=${tomorrow}`)).body;
    expect(list.shown).toMatchObject({ requestedDate: tomorrow, pickupDate: tomorrow, warning: null });
    expect(list.lines.map((l: { sku: string }) => l.sku).sort()).toEqual(PRODUCTS.map((p) => p.sku).sort());
    for (const line of list.lines) {
      const p = PRODUCTS.find((x) => x.sku === line.sku)!;
      // the book: tomorrow's lunchtime orders, 60 % of the day at every point
      const booked = [0, 1, 2].reduce(
        (s, i) =>
          s +
          Math.round(demandOf(p, i, tomorrow) * 0.6 * (p.unit === '斤' ? 2 : 1)) / (p.unit === '斤' ? 2 : 1),
        0,
      );
      expect(line.booked).toBeCloseTo(booked, 6);
      expect(line.shareBefore).toBeGreaterThan(0.55);
      expect(line.shareBefore).toBeLessThan(0.65);
      expect(line.suggestedQty).toBeGreaterThanOrEqual(line.booked / (1 - line.lossRate) - line.step);
      expect(line.demand.p50).toBeGreaterThanOrEqual(line.booked);
      expect(line.ratio).toBeGreaterThan(0.05);
      expect(line.step).toBe(p.unit === '斤' ? 0.1 : 1);
      const split = (await as('GET', `/api/v1/forecasting/replenishment/${tomorrow}/${line.sku}/allocations`))
        .body.items;
      expect(split).toHaveLength(3);
      const total = split.reduce((s: number, a: { qty: number }) => s + a.qty, 0);
      expect(Math.round(total * 1000) / 1000).toBe(line.suggestedQty);
      for (const a of split) expect(a.qty).toBeGreaterThanOrEqual(Math.min(a.booked, line.suggestedQty));
      expect(split.map((a: { city: string }) => a.city).sort()).toEqual(['上海市', '杭州市', '杭州市']);
    }

    const acc = (await as('GET', '/api/v1/forecasting/accuracy')).body;
    expect(acc.origins).toBe(28);
    expect(acc.overall.linli.wape).toBeGreaterThan(0);
    expect(acc.overall.linli.match).toBeCloseTo(1 - acc.overall.linli.wape, 12);
    expect(acc.overall.seasonalNaive.mase).toBeCloseTo(1, 9);
    expect(acc.categories.map((c: { category: string }) => c.category).sort()).toEqual([
      'dairy_bakery',
      'fruit',
      'meat_eggs',
      'vegetables',
    ]);
    const w = (await as('GET', '/api/v1/forecasting/weights')).body;
    expect(w.seed).toMatchObject({ history: 0.4, weather: 0.25, heat: 0.2, stock: 0.15 });
    const shares = Object.values(w.groupShares as Record<string, number>);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const sim = (await as('GET', '/api/v1/forecasting/simulation')).body;
    expect(sim.linli.demand).toBeCloseTo(sim.naive.demand, 6);
    expect(sim.linli.fillRate).toBeGreaterThan(0);
    expect(sim.linli.wasteCostFen).not.toBeNull();

    const sku = (await as('GET', '/api/v1/forecasting/skus/fc-greens')).body;
    expect(sku.history).toHaveLength(100); // from the first day anything was collected
    expect(sku.history.at(-1)).toMatchObject({ date: today });
    expect(sku.forecast.map((f: { date: string }) => f.date)).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map((k) => addDays(tomorrow, k)),
    );
    for (const f of sku.forecast) expect(f.p10 <= f.p50 && f.p50 <= f.p90).toBe(true);
    expect(sku.points).toHaveLength(3);
    const page = (await as('GET', '/api/v1/forecasting/skus?limit=2&category=vegetables')).body;
    expect(page.items.map((s: { sku: string }) => s.sku)).toEqual(['fc-greens', 'fc-potato']);
  });

  it('takes overrides idempotently, audits each change and splits the override over the points', async () => {
    const path = `/api/v1/forecasting/replenishment/${tomorrow}/fc-berries`;
    const audits = () => count(t.app, "SELECT count(*) FROM audit_log WHERE entity = 'replenishment'");
    const set = await as('PUT', path, { qty: 30, reason: '周末草莓促销' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      finalQty: 30,
      override: { qty: 30, reason: '周末草莓促销', by: 'planner' },
    });
    expect((await as('PUT', path, { qty: 30, reason: '周末草莓促销' })).body.finalQty).toBe(30);
    expect(await audits()).toBe(1);
    const split = (await as('GET', `${path}/allocations`)).body.items as Array<{ qty: number }>;
    expect(split.reduce((s, a) => s + a.qty, 0)).toBe(30);
    const bad = await as('PUT', `/api/v1/forecasting/replenishment/${tomorrow}/fc-greens`, {
      qty: 12.35,
      reason: 'x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('forecasting.override_step');
    const noReason = await as('PUT', path, { qty: 20 });
    expect(noReason.body.code).toBe('forecasting.override_reason_missing');
    const readOnly = await loginAs(t, http, 'viewer', ['analyst']);
    const refused = await http.call(
      'PUT',
      path,
      { qty: 1, reason: 'x' },
      { cookie: readOnly, 'x-api-key': '' },
    );
    expect(refused.status).toBe(403);
    expect((await as('PUT', path, { qty: null })).body).toMatchObject({ override: null });
    expect((await as('PUT', path, { qty: null })).status).toBe(200);
    expect(await audits()).toBe(2);
    const [entry] = await rows<{ before: unknown; after: unknown }>(
      t.app.database.pool,
      "SELECT before, after FROM audit_log WHERE entity = 'replenishment' ORDER BY at LIMIT 1",
    );
    expect(entry!.after).toMatchObject({ override: { qty: 30, reason: '周末草莓促销' } });
  });

  it('forecasts a city with weather on its own panel, with temperature among its weights', async () => {
    const days = Array.from({ length: 120 }, (_, k) => addDays(tomorrow, k - 112));
    const ok = await as('POST', '/api/v1/forecasting/weather', {
      items: days.map((date, k) => ({
        city: '杭州',
        date,
        tempMax: 20 + (k % 9),
        tempMin: 10 + (k % 5),
        rainMm: k % 4 ? 0 : 12,
      })),
    });
    expect(ok.body).toMatchObject({ accepted: 120, rejected: [] });

    const run = await as('POST', '/api/v1/forecasting/runs', { pickupDate: tomorrow, wait: true });
    expect(run.status).toBe(200);
    expect(run.body.status).toBe('succeeded');
    // 杭州 (with weather) on its own; 上海 without weather in the shared panel
    expect(
      run.body.summary.panels.map((p: { city: string; weather: boolean }) => [p.city, p.weather]),
    ).toEqual([
      ['', false],
      ['杭州', true],
    ]);
    expect(Object.keys(run.body.summary.panels[1].weights)).toContain('temperature');
    const line = (await as('GET', `/api/v1/forecasting/replenishment?date=${tomorrow}`)).body.lines.find(
      (l: { sku: string }) => l.sku === 'fc-greens',
    );
    const split = (await as('GET', `/api/v1/forecasting/replenishment/${tomorrow}/fc-greens/allocations`))
      .body.items;
    expect(Math.round(split.reduce((s: number, a: { qty: number }) => s + a.qty, 0) * 1000) / 1000).toBe(
      line.suggestedQty,
    );
    expect(await count(t.app, "SELECT count(*) FROM audit_log WHERE entity = 'forecast_runs'")).toBe(1);
  });

  it('keeps the last good list visible with a warning when a run fails', async () => {
    const dayAfter = addDays(tomorrow, 1);
    await t.app.database.pool.query(`
      CREATE FUNCTION fc_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER fc_fail BEFORE INSERT ON forecast_items FOR EACH STATEMENT EXECUTE FUNCTION fc_fail();`);
    try {
      const failed = await as('POST', '/api/v1/forecasting/runs', { pickupDate: dayAfter, wait: true });
      expect(failed.body).toMatchObject({ status: 'failed', error: 'disk full' });
      const list = (await as('GET', `/api/v1/forecasting/replenishment?date=${dayAfter}`)).body;
      expect(list.shown).toMatchObject({
        requestedDate: dayAfter,
        pickupDate: tomorrow,
        warning: { kind: 'failed', error: 'disk full' },
        lastRun: { status: 'failed' },
        run: { status: 'succeeded', pickupDate: tomorrow },
      });
      expect(list.lines).toHaveLength(5);
      // a failed re-run for the same date leaves that date's rows as they were
      const before = await count(t.app, 'SELECT count(*) FROM forecast_allocations WHERE pickup_date = $1', [
        tomorrow,
      ]);
      expect(
        (await as('POST', '/api/v1/forecasting/runs', { pickupDate: tomorrow, wait: true })).body.status,
      ).toBe('failed');
      expect(
        await count(t.app, 'SELECT count(*) FROM forecast_allocations WHERE pickup_date = $1', [tomorrow]),
      ).toBe(before);
      const same = (await as('GET', `/api/v1/forecasting/replenishment?date=${tomorrow}`)).body;
      expect(same.shown).toMatchObject({ pickupDate: tomorrow, warning: { kind: 'failed' } });
    } finally {
      await t.app.database.pool.query('DROP TRIGGER fc_fail ON forecast_items; DROP FUNCTION fc_fail()');
    }
    const runs = (await as('GET', '/api/v1/forecasting/runs')).body.items as Array<{ status: string }>;
    expect(runs.slice(0, 2).map((r) => r.status)).toEqual(['failed', 'failed']);
  });

  it('registers the nightly job on its schedule', async () => {
    const { startWorker, JOBS } = await import('../../worker.ts');
    expect(JOBS.forecastNightly).toBe('forecasting.nightly');
    const worker = await startWorker(t.app);
    try {
      const schedules = await rows<{ name: string; cron: string; timezone: string }>(
        t.app.database.pool,
        'SELECT name, cron, timezone FROM pgboss.schedule WHERE name LIKE $1 ORDER BY name',
        ['forecasting.%'],
      );
      expect(schedules).toEqual([
        { name: 'forecasting.nightly', cron: '30 21 * * *', timezone: 'Asia/Shanghai' },
        { name: 'forecasting.refresh-demand', cron: '*/5 * * * *', timezone: 'UTC' },
      ]);
    } finally {
      await worker.stop();
    }
  });
});
