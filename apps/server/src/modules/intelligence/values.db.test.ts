import { probabilityAlive, summarize, type PurchaseLog } from '@linli/intelligence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { startHttp, type Http } from '../../../test/http.ts';
import { rows } from '../../platform/db/sql.ts';
import { loadDemo } from '../demo/index.ts';
import { fitMemberValues } from './values.service.ts';

const now = new Date('2025-06-30T04:00:00Z');

describe('member value: CLV and the quadrant', () => {
  let t: TestApp;
  let http: Http;
  let fit: Awaited<ReturnType<typeof fitMemberValues>>;

  beforeAll(async () => {
    t = await createTestApp();
    await loadDemo(t.app.database, { members: 1500, months: 6, seed: 4, now, keys: t.app.pii });
    http = await startHttp(t);
    fit = await fitMemberValues(t.app, { now });
  });
  afterAll(async () => {
    await http?.close();
    await t?.close();
  });

  it('forecasts every member who ordered, consistently with the models', async () => {
    const [{ n }] = (await rows<{ n: number }>(
      t.app.database.pool,
      `SELECT count(DISTINCT member_id)::int AS n FROM orders WHERE status <> 'cancelled'`,
    )) as [{ n: number }];
    expect(fit.members).toBe(n);
    const stored = await rows<{
      member_id: string;
      p_alive: number;
      expected_orders_30d: number;
      expected_orders_90d: number;
      expected_orders_365d: number;
    }>(
      t.app.database.pool,
      'SELECT member_id, p_alive, expected_orders_30d, expected_orders_90d, expected_orders_365d FROM member_values',
    );
    expect(stored).toHaveLength(n);
    for (const v of stored) {
      expect(v.p_alive).toBeGreaterThanOrEqual(0);
      expect(v.p_alive).toBeLessThanOrEqual(1);
      expect(v.expected_orders_30d).toBeLessThanOrEqual(v.expected_orders_90d + 1e-6);
      expect(v.expected_orders_90d).toBeLessThanOrEqual(v.expected_orders_365d + 1e-6);
    }
    // one member recomputed from their raw orders with the package: the same P(alive)
    const one = stored[Math.floor(stored.length / 2)]!;
    const days = await rows<{ day: number; amount: number }>(
      t.app.database.pool,
      `SELECT ((placed_at AT TIME ZONE 'Asia/Shanghai')::date - DATE '1970-01-01') AS day, sum(paid_fen)::float8 AS amount
       FROM orders WHERE member_id = $1 AND status <> 'cancelled' GROUP BY 1`,
      [one.member_id],
    );
    const log: PurchaseLog = new Map([[one.member_id, new Map(days.map((d) => [d.day, d.amount]))]]);
    const [summary] = summarize(log, {
      calibrationEnd: Math.floor((now.getTime() + 8 * 3_600_000) / 86_400_000),
    });
    expect(one.p_alive).toBeCloseTo(probabilityAlive(fit.bgnbd, summary!), 5);
  });

  it('puts 2 % at the pyramid top, who bring a far larger share of the GMV', async () => {
    const byQuadrant = Object.fromEntries(fit.summary.map((q) => [q.quadrant, q]));
    expect(byQuadrant.pyramid_top!.members).toBe(Math.round(fit.members * 0.02));
    expect(fit.summary.reduce((a, q) => a + q.members, 0)).toBe(fit.members);
    expect(byQuadrant.pyramid_top!.gmvShare).toBeGreaterThan(3 * byQuadrant.pyramid_top!.memberShare);
    expect(fit.summary.reduce((a, q) => a + q.gmvShare, 0)).toBeCloseTo(1, 6);
    const overview = await http.call('GET', '/api/v1/values');
    expect(overview.body.fit.detail.summary).toHaveLength(4);
    const [top] = await rows<{ member_id: string }>(
      t.app.database.pool,
      `SELECT member_id FROM member_values WHERE quadrant = 'pyramid_top' LIMIT 1`,
    );
    const value = (await http.call('GET', `/api/v1/members/${top!.member_id}/value`)).body.value;
    expect(value.quadrantName.zh).toBe('金字塔顶端');
    expect(value.clvFen).toBeGreaterThan(0);
  });

  it('checks the model on a held-out stretch and scores churn risk', async () => {
    const v = (await http.call('GET', '/api/v1/values/validation')).body;
    // six months of history: the last 60 days are held out
    expect(v.holdoutEnd).toBe('2025-06-30');
    expect(v.calibrationEnd).toBe('2025-05-01');
    expect(v.byFrequency.reduce((s: number, b: { customers: number }) => s + b.customers, 0)).toBe(
      v.customers,
    );
    expect(v.byFrequency.reduce((s: number, b: { actual: number }) => s + b.actual, 0)).toBeCloseTo(
      v.aggregate.actual,
      6,
    );
    // the demo's members buy often and steadily: the forecast lands within 20 % of what happened
    expect(Math.abs(v.aggregate.errorShare)).toBeLessThan(0.2);
    expect(v.weekly.at(-1).actual).toBeGreaterThan(v.weekly[0].actual);
    // churn risk ranks those who then bought nothing clearly above chance
    expect(v.churn.auc).toBeGreaterThan(0.7);
    expect(v.churn.recall).toBeGreaterThan(0);

    const [stored] = await rows<{ bad: number; n: number }>(
      t.app.database.pool,
      'SELECT count(*) FILTER (WHERE churn_risk < 0 OR churn_risk > 1)::int AS bad, count(*)::int AS n FROM member_values',
    );
    expect(stored).toEqual({ bad: 0, n: fit.members });
    const points = (await http.call('GET', '/api/v1/values/points?limit=200')).body;
    expect(points.total).toBe(fit.members);
    expect(points.points.length).toBeGreaterThan(50);
    expect(points.points.length).toBeLessThanOrEqual(200);
    expect(points.lines.highClvFen).toBeGreaterThan(0);
    const top = await http.call('GET', '/api/v1/values/members?quadrant=pyramid_top&limit=100');
    expect(top.body.items).toHaveLength(Math.round(fit.members * 0.02));
    for (const m of top.body.items) {
      expect(m.quadrant).toBe('pyramid_top');
      expect(m.clvFen).toBeGreaterThanOrEqual(points.lines.topClvFen);
    }
  });
});
