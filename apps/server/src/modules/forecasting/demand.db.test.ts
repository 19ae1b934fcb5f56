import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, createTestApp, type TestApp } from '../../../test/harness.ts';
import { loginAs, startHttp, type Http } from '../../../test/http.ts';
import { rows } from '../../platform/db/sql.ts';
import { addDays, shanghaiDay } from '../../platform/shanghai.ts';
import { productIdOf } from '../catalog/index.ts';
import { pickupPointIdOf } from '../communities/index.ts';
import { refreshDemand } from './demand.repo.ts';
import { loadCatalogue } from './history.fixture.ts';

const today = shanghaiDay(new Date());
const tomorrow = addDays(today, 1);

describe('forecasting inputs: demand history, weather, availability, supply values', () => {
  let t: TestApp;
  let http: Http;
  let op: string;
  const as = (method: string, path: string, body?: unknown) =>
    http.call(method, path, body, { cookie: op, 'x-api-key': '' });
  const demand = (sku: string) =>
    rows<{
      point: string;
      day: string;
      ordered: string;
      net: string;
      orderedFen: number;
      netFen: number;
      orders: number;
    }>(
      t.app.database.pool,
      `SELECT point_id AS point, to_char(day, 'YYYY-MM-DD') AS day, ordered_qty AS ordered, net_qty AS net,
              ordered_fen AS "orderedFen", net_fen AS "netFen", orders
       FROM demand_days WHERE product_id = $1 ORDER BY day, point_id`,
      [productIdOf(sku)],
    );

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

  it('builds net demand from orders: refunds spread over lines, cancellations out, pickup days in Shanghai', async () => {
    const items = [
      { sku: 'dm-a', quantity: 2, unitPriceFen: 500 },
      { sku: 'dm-b', quantity: 1, unitPriceFen: 1000 },
    ];
    const res = await http.call('POST', '/api/v1/ingest/orders', {
      items: [
        // half the paid amount refunded: half of every line's quantity and money
        {
          id: 'dm-1',
          memberId: 'dm',
          placedAt: '2025-03-09 20:00:00',
          pickupDate: '2025-03-10',
          pickupPointId: 'fc-pt-a',
          items,
          refunds: [{ id: 'dm-r1', amountFen: 1000, reason: '坏果', at: '2025-03-10 18:00:00' }],
        },
        {
          id: 'dm-2',
          memberId: 'dm',
          placedAt: '2025-03-09 20:05:00',
          pickupDate: '2025-03-10',
          pickupPointId: 'fc-pt-a',
          status: 'cancelled',
          items,
        },
        // a discount is spread over the lines by value; no pickup date: the Shanghai day it was placed
        {
          id: 'dm-3',
          memberId: 'dm',
          placedAt: '2025-03-10T16:30:00Z',
          pickupPointId: 'fc-pt-a',
          discountFen: 400,
          items,
        },
      ],
    });
    expect(res.body.accepted).toBe(3);
    const first = await refreshDemand(t.app);
    expect(first.mode).toBe('full');
    expect(await demand('dm-a')).toEqual([
      {
        point: pickupPointIdOf('fc-pt-a'),
        day: '2025-03-10',
        ordered: '2.000',
        net: '1.000',
        orderedFen: 1000,
        netFen: 500,
        orders: 1,
      },
      // 16:30 UTC is 00:30 the next day in Shanghai
      {
        point: pickupPointIdOf('fc-pt-a'),
        day: '2025-03-11',
        ordered: '2.000',
        net: '2.000',
        orderedFen: 800,
        netFen: 800,
        orders: 1,
      },
    ]);
    expect((await demand('dm-b')).map((r) => [r.day, r.net, r.netFen])).toEqual([
      ['2025-03-10', '0.500', 500],
      ['2025-03-11', '1.000', 800],
    ]);

    // later changes reach only the pickup days they touch: a refund on dm-3, dm-1 cancelled
    await http.call('POST', '/api/v1/ingest/orders', {
      items: [
        {
          id: 'dm-3',
          memberId: 'dm',
          placedAt: '2025-03-10T16:30:00Z',
          pickupPointId: 'fc-pt-a',
          discountFen: 400,
          items,
          refunds: [{ id: 'dm-r3', amountFen: 400, reason: '少称', at: '2025-03-11 12:00:00' }],
        },
        {
          id: 'dm-1',
          memberId: 'dm',
          placedAt: '2025-03-09 20:00:00',
          pickupDate: '2025-03-10',
          pickupPointId: 'fc-pt-a',
          status: 'cancelled',
          items,
        },
      ],
    });
    const next = await refreshDemand(t.app);
    expect(next).toMatchObject({ mode: 'changed', days: 2 });
    // 400 of 1,600 paid refunded: a quarter of each line
    expect((await demand('dm-a')).map((r) => [r.day, r.net, r.netFen])).toEqual([
      ['2025-03-11', '1.500', 600],
    ]);
    expect((await demand('dm-b')).map((r) => [r.day, r.net, r.netFen])).toEqual([
      ['2025-03-11', '0.750', 600],
    ]);
    // refreshing again recomputes at most the days of the last minutes' changes (the overlap that
    // catches late commits) and finds the same figures
    const again = await refreshDemand(t.app);
    expect(again.days).toBeLessThanOrEqual(2);
    expect((await demand('dm-a')).map((r) => [r.day, r.net, r.netFen])).toEqual([
      ['2025-03-11', '1.500', 600],
    ]);
  });

  it('imports weather, naming the row and field of every bad value', async () => {
    const csv = [
      '城市,日期,最高气温,最低气温,降水量,预警',
      `杭州,${addDays(today, -1)},18,9,0,无`,
      `杭州,2026-13-01,18,9,0,无`,
      `杭州,${today},8,12,0,无`,
      `杭州,${tomorrow},25,15,-3,台风`,
      `杭州,${addDays(tomorrow, 1)},30,20,5,冰雹`,
      `杭州,${addDays(today, -1)},19,10,1,无`,
    ].join('\n');
    const res = await http.call('POST', '/api/v1/forecasting/weather', csv, {
      cookie: op,
      'x-api-key': '',
      'content-type': 'text/csv',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 6, accepted: 1 });
    expect(
      res.body.rejected.map((r: { row: number; field: string; code: string }) => [r.row, r.field, r.code]),
    ).toEqual([
      [3, 'date', 'forecasting.date_invalid'],
      [4, 'tempMin', 'forecasting.temp_min_above_max'],
      [5, 'rainMm', 'forecasting.rain_mm_invalid'],
      [6, 'alert', 'forecasting.alert_invalid'],
      [7, 'date', 'forecasting.duplicate_row'],
    ]);
    expect(res.body.rejected[1].reason).toBe('the low 12 °C is above the high 8 °C');
    const missing = await as('POST', '/api/v1/forecasting/weather', {
      items: [{ city: '杭州', date: today, tempMax: 'hot' }],
    });
    expect(missing.body.rejected).toEqual([
      { index: 0, field: 'tempMax', reason: 'not a number: "hot"', code: 'forecasting.temp_max_invalid' },
    ]);
    const noColumn = await http.call('POST', '/api/v1/forecasting/weather', '城市,温度\n杭州,20', {
      cookie: op,
      'x-api-key': '',
      'content-type': 'text/csv',
    });
    expect(noColumn.body.code).toBe('forecasting.csv_columns_missing');
  });

  it('marks days off sale or sold out, and edits what a SKU costs and loses', async () => {
    const marks = await as('POST', '/api/v1/forecasting/availability', {
      items: [
        { sku: 'fc-berries', date: addDays(today, -3), kind: '售罄' },
        { sku: 'fc-berries', date: addDays(today, -2), kind: 'off_sale', pickupPointId: 'fc-pt-c' },
        { sku: 'nope', date: today, kind: 'sold_out' },
        { sku: 'fc-eggs', date: today, kind: 'gone' },
        { sku: 'fc-eggs', date: today, kind: 'sold_out', pickupPointId: 'fc-pt-z' },
      ],
    });
    expect(marks.body.accepted).toBe(2);
    expect(
      marks.body.rejected.map((r: { index: number; field: string; code: string }) => [
        r.index,
        r.field,
        r.code,
      ]),
    ).toEqual([
      [2, 'sku', 'forecasting.sku_unknown'],
      [3, 'kind', 'forecasting.kind_invalid'],
      [4, 'pickupPointId', 'forecasting.pickup_point_unknown'],
    ]);
    const sku = (await as('GET', '/api/v1/forecasting/skus/fc-berries')).body;
    expect(sku.history.find((h: { date: string }) => h.date === addDays(today, -3)).censored).toBe(
      'sold_out',
    );

    const edit = await as('PUT', '/api/v1/forecasting/supply-items/fc-greens', {
      lossRatePct: 20,
      unitCostFen: 150,
    });
    expect(edit.body.effective).toMatchObject({
      lossRatePct: 20,
      unitCostFen: 150,
      sources: { lossRatePct: 'item' },
    });
    expect(edit.body.effective.shelfLifeDays).toBe(1); // leafy vegetables' built-in default
    const csv = 'sku,损耗率,保质期,进价\nfc-potato,5,7,1.2\nfc-potato,6,7,1.2\nfc-milk,95,2,8\n';
    const imported = await http.call('POST', '/api/v1/forecasting/supply-items', csv, {
      cookie: op,
      'x-api-key': '',
      'content-type': 'text/csv; charset=utf-8',
    });
    expect(imported.body.accepted).toBe(1);
    expect(imported.body.rejected.map((r: { row: number; field: string }) => [r.row, r.field])).toEqual([
      [3, 'sku'],
      [4, 'lossRatePct'],
    ]);
    const potato = (await as('GET', '/api/v1/forecasting/supply-items?q=' + encodeURIComponent('土豆'))).body
      .items[0];
    expect(potato.own).toEqual({ lossRatePct: 5, shelfLifeDays: 7, unitCostFen: 120 });
    expect(await count(t.app, "SELECT count(*) FROM audit_log WHERE entity = 'supply_items'")).toBe(2);
  });
});
