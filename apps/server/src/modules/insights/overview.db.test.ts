import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { loginAs, startHttp, type Http } from '../../../test/http.ts';
import { rows } from '../../platform/db/sql.ts';
import { loadDemo } from '../demo/index.ts';
import { refreshRollups } from './rollups.service.ts';

const now = new Date('2025-06-30T04:00:00Z');
const from = '2025-06-01';
const to = '2025-06-30';
// The same window written independently of the service: Shanghai is UTC+8 all year.
const start = '2025-05-31T16:00:00Z';
const end = '2025-06-30T16:00:00Z';

/** Every number on the dashboard, recomputed straight from the tables with plain SQL. */
async function expected(t: TestApp, community: string | null) {
  const q = async (text: string, params: unknown[] = []) =>
    (await rows<Record<string, string | number>>(t.app.database.pool, text, params))[0]!;
  const scope = community ? `AND community_id = '${community}'` : '';
  const o = await q(
    `SELECT count(*) AS orders, count(DISTINCT member_id) AS buyers, sum(paid_fen) AS gmv,
            count(*) FILTER (WHERE refunded_fen > 0) AS refunded
     FROM orders WHERE placed_at >= $1 AND placed_at < $2 AND status <> 'cancelled' ${scope}`,
    [start, end],
  );
  const repeat = await q(
    `SELECT count(*) AS n FROM (SELECT member_id FROM orders WHERE placed_at >= $1 AND placed_at < $2
       AND status <> 'cancelled' ${scope} GROUP BY member_id HAVING count(*) > 1) r`,
    [start, end],
  );
  const m = await q(
    `SELECT count(*) FILTER (WHERE coalesce(registered_at, created_at) < $2) AS members,
            count(*) FILTER (WHERE coalesce(registered_at, created_at) >= $1 AND coalesce(registered_at, created_at) < $2) AS new
     FROM members WHERE true ${scope}`,
    [start, end],
  );
  const active = async (days: number) =>
    Number(
      (
        await q(
          `SELECT count(DISTINCT member_id) AS n FROM (
             SELECT member_id FROM orders WHERE placed_at >= $1::timestamptz - make_interval(days => $3) + interval '30 days'
               AND placed_at < $2 AND status <> 'cancelled'
             UNION ALL
             SELECT member_id FROM events WHERE occurred_at >= $1::timestamptz - make_interval(days => $3) + interval '30 days'
               AND occurred_at < $2) a
           WHERE member_id IN (SELECT id FROM members WHERE true ${scope})`,
          [start, end, days],
        )
      ).n,
    );
  return {
    members: Number(m.members),
    newMembers: Number(m.new),
    orders: Number(o.orders),
    buyers: Number(o.buyers),
    gmvFen: Number(o.gmv),
    repurchaseRate: Number(repeat.n) / Number(o.buyers),
    refundRate: Number(o.refunded) / Number(o.orders),
    active7d: await active(7),
    active30d: await active(30),
  };
}

describe('overview dashboard', () => {
  let t: TestApp;
  let http: Http;
  let communities: string[];

  beforeAll(async () => {
    t = await createTestApp();
    await loadDemo(t.app.database, { members: 400, months: 3, seed: 21, now, keys: t.app.pii });
    await refreshRollups(t.app, 'all', now);
    http = await startHttp(t);
    communities = (
      await rows<{ id: string }>(
        t.app.database.pool,
        'SELECT community_id AS id FROM members GROUP BY 1 ORDER BY count(*) DESC',
      )
    ).map((r) => r.id);
  });
  afterAll(async () => {
    await http?.close();
    await t?.close();
  });

  it('reports the same numbers as SQL over the same data', async () => {
    const res = await http.call('GET', `/api/v1/overview?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    const want = await expected(t, null);
    expect(want.orders).toBeGreaterThan(500);
    const { kpis } = res.body;
    for (const key of [
      'members',
      'newMembers',
      'orders',
      'buyers',
      'gmvFen',
      'active7d',
      'active30d',
    ] as const)
      expect(kpis[key], key).toBe(want[key]);
    expect(kpis.repurchaseRate).toBeCloseTo(want.repurchaseRate, 12);
    expect(kpis.refundRate).toBeCloseTo(want.refundRate, 12);
    expect(kpis.aovFen).toBe(Math.round(want.gmvFen / want.orders));
    expect(res.body.previousRange).toEqual({ from: '2025-05-02', to: '2025-05-31' });
  });

  it('splits the trend into Shanghai days and Monday weeks that add up to the totals', async () => {
    const daily = (await http.call('GET', `/api/v1/overview?from=${from}&to=${to}&grain=day`)).body;
    expect(daily.trend).toHaveLength(30);
    expect(daily.trend[0].bucket).toBe(from);
    const sum = (list: Array<Record<string, number>>, k: string) => list.reduce((a, b) => a + b[k]!, 0);
    expect(sum(daily.trend, 'orders')).toBe(daily.kpis.orders);
    expect(sum(daily.trend, 'gmvFen')).toBe(daily.kpis.gmvFen);
    expect(sum(daily.trend, 'newMembers')).toBe(daily.kpis.newMembers);
    const weekly = (await http.call('GET', `/api/v1/overview?from=${from}&to=${to}&grain=week`)).body;
    // 2025-06-01 is a Sunday: its week starts on Monday 26 May
    expect(weekly.trend.map((b: { bucket: string }) => b.bucket)).toEqual([
      '2025-05-26',
      '2025-06-02',
      '2025-06-09',
      '2025-06-16',
      '2025-06-23',
      '2025-06-30',
    ]);
    expect(sum(weekly.trend, 'orders')).toBe(daily.kpis.orders);
  });

  it('breaks GMV down by community and line sales by top-level category', async () => {
    const { body } = await http.call('GET', `/api/v1/overview?from=${from}&to=${to}`);
    const gmv = body.byCommunity.reduce((a: number, c: { gmvFen: number }) => a + c.gmvFen, 0);
    expect(gmv).toBe(body.kpis.gmvFen);
    const [lines] = await rows<{ s: string }>(
      t.app.database.pool,
      `SELECT sum(i.amount_fen) AS s FROM order_items i JOIN orders o ON o.id = i.order_id
       WHERE o.placed_at >= $1 AND o.placed_at < $2 AND o.status <> 'cancelled'`,
      [start, end],
    );
    const cats = body.byCategory as Array<{ code: string; amountFen: number; share: number }>;
    expect(cats.reduce((a, c) => a + c.amountFen, 0)).toBe(Number(lines!.s));
    expect(cats.reduce((a, c) => a + c.share, 0)).toBeCloseTo(1, 9);
    const top = await rows<{ code: string }>(
      t.app.database.pool,
      'SELECT code FROM categories WHERE parent_code IS NULL',
    );
    const tops = new Set(top.map((r) => r.code));
    for (const c of cats) expect(tops.has(c.code), c.code).toBe(true);
  });

  it('limits a leader to their own community, in numbers and in access', async () => {
    const [mine, theirs] = communities as [string, string];
    const cookie = await loginAs(t, http, 'leader-a', ['leader'], [mine]);
    const asLeader = (path: string) => http.call('GET', path, undefined, { cookie, 'x-api-key': '' });
    const res = await asLeader(`/api/v1/overview?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    const want = await expected(t, mine);
    expect(res.body.kpis.members).toBe(want.members);
    expect(res.body.kpis.orders).toBe(want.orders);
    expect(res.body.kpis.active30d).toBe(want.active30d);
    expect(res.body.byCommunity.map((c: { communityId: string }) => c.communityId)).toEqual([mine]);
    expect((await asLeader(`/api/v1/overview?communityId=${theirs}`)).body.code).toBe(
      'insights.community_forbidden',
    );

    const [other] = await rows<{ id: string }>(
      t.app.database.pool,
      'SELECT id FROM members WHERE community_id = $1 LIMIT 1',
      [theirs],
    );
    expect((await asLeader(`/api/v1/members/${other!.id}`)).status).toBe(404);
    expect((await asLeader(`/api/v1/events?memberId=${other!.id}`)).status).toBe(404);
    const list = (await asLeader('/api/v1/members?limit=200')).body.items as Array<{ communityId: string }>;
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((m) => m.communityId === mine)).toBe(true);
    const me = (await asLeader('/api/v1/auth/me')).body;
    // leaders also acknowledge their own communities' level-1 opinion alerts
    expect(me.areas).toEqual(['overview', 'members', 'communities', 'products', 'opinion']);
  });

  it('catches up with orders and events that arrive later, from the days they changed', async () => {
    const [member] = await rows<{ external_id: string }>(
      t.app.database.pool,
      `SELECT external_id FROM members WHERE id NOT IN (SELECT member_id FROM activity_days WHERE day >= '2025-06-01')
       ORDER BY id LIMIT 1`,
    );
    const memberId = member!.external_id;
    const order = await http.call('POST', '/api/v1/ingest/orders', {
      items: [
        {
          id: 'late-order-1',
          memberId,
          placedAt: '2025-06-10T09:00:00+08:00',
          items: [{ sku: 'late-sku', quantity: 2, unitPriceFen: 1234 }],
        },
      ],
    });
    expect(order.body.accepted).toBe(1);
    const event = await http.call('POST', '/api/v1/ingest/events', {
      items: [{ id: 'late-event-1', memberId, type: 'app_open', occurredAt: '2025-06-28T23:30:00+08:00' }],
    });
    expect(event.body.accepted).toBe(1);
    const [marked] = await rows<{ day: string }>(
      t.app.database.pool,
      'SELECT min(day)::text AS day FROM changed_days',
    );
    expect(marked!.day).toBe('2025-06-10');

    const result = await refreshRollups(t.app, 'changed', now);
    expect(result!.since).toBe('2025-06-10');
    expect(await rows(t.app.database.pool, `SELECT day FROM changed_days WHERE day <= '2025-06-30'`)).toEqual(
      [],
    );
    const { kpis } = (await http.call('GET', `/api/v1/overview?from=${from}&to=${to}`)).body;
    const want = await expected(t, null);
    for (const key of ['orders', 'buyers', 'gmvFen', 'active7d', 'active30d'] as const)
      expect(kpis[key], key).toBe(want[key]);
    // stub members are marked as joining on the real today, outside this test's calendar
    await t.app.database.pool.query('DELETE FROM changed_days');
    expect(await refreshRollups(t.app, 'changed', now)).toBeNull();
  });

  it('rejects a reversed range with a specific error', async () => {
    const res = await http.call('GET', `/api/v1/overview?from=${to}&to=${from}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('insights.range_invalid');
  });
});
