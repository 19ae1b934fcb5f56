import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, createTestApp, type TestApp } from '../../../test/harness.ts';
import { loadDemo } from './index.ts';

describe('the demo community brings public-opinion incidents and NPS answers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await loadDemo(t.app.database, { members: 600, months: 3, seed: 7, now: new Date(), keys: t.app.pii });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has incidents at every level, open and closed, with running clocks and a month of history', async () => {
    const levels = await t.app.database.pool.query<{ level: number; status: string; n: number }>(
      `SELECT level, status, count(*)::int AS n FROM opinion_incidents GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const open = (l: number) => levels.rows.filter((r) => r.level === l && r.status !== 'resolved').length;
    expect([open(1), open(2), open(3)].every((n) => n > 0)).toBe(true);
    expect(
      await count(t.app, "SELECT count(*) FROM opinion_incidents WHERE status = 'resolved'"),
    ).toBeGreaterThan(20);
    // the scale case: eleven households about one SKU make one level-3 incident
    expect(
      await count(
        t.app,
        "SELECT count(*) FROM opinion_timeline WHERE kind = 'level_raised' AND detail->>'cause' = 'scale'",
      ),
    ).toBe(1);
    expect(
      await count(
        t.app,
        "SELECT count(*) FROM sla_clocks WHERE subject LIKE 'opinion:%' AND stopped_at IS NULL",
      ),
    ).toBeGreaterThan(5);
    expect(
      await count(t.app, "SELECT count(*) FROM opinion_timeline WHERE kind = 'escalated'"),
    ).toBeGreaterThan(0);
  });

  it('has six months of NPS answers rising from about −15', async () => {
    const months = await t.app.database.pool.query<{ m: string; nps: number }>(
      `SELECT to_char(answered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS m,
         100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(*) AS nps
       FROM nps_surveys WHERE dedupe_key LIKE 'demo:%' GROUP BY 1 ORDER BY 1`,
    );
    expect(months.rows.length).toBeGreaterThanOrEqual(6);
    expect(Number(months.rows[0]!.nps)).toBeLessThan(10);
    expect(Number(months.rows.at(-1)!.nps)).toBeGreaterThan(20);
  });

  it('replaces its opinion rows on a reload', async () => {
    const before = await count(t.app, 'SELECT count(*) FROM opinion_incidents');
    await loadDemo(t.app.database, {
      members: 600,
      months: 3,
      seed: 7,
      now: new Date(),
      keys: t.app.pii,
      replace: true,
    });
    expect(await count(t.app, 'SELECT count(*) FROM opinion_incidents')).toBe(before);
  });
});
