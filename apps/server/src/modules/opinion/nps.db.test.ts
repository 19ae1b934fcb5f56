import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, createTestApp, type TestApp } from '../../../test/harness.ts';
import { loginAs, startHttp, type Http } from '../../../test/http.ts';
import { npsEstimate } from './nps-stats.ts';
import { createDueSurveys } from './opinion.jobs.ts';
import { seedWorld } from './opinion.fixture.ts';

describe('NPS: surveys after pickup and after an incident, the member page, imports, the report with its interval', () => {
  let t: TestApp;
  let http: Http;
  let op: string;
  const as = (method: string, p: string, body?: unknown) =>
    http.call(method, p, body, { cookie: op, 'x-api-key': '' });
  const publicCall = (method: string, p: string, body?: unknown) =>
    http.call(method, p, body, { 'x-api-key': '' });
  const tokens = async () =>
    (
      await t.app.database.pool.query<{ token: string }>(
        "SELECT token FROM nps_surveys WHERE trigger = 'pickup' ORDER BY member_id",
      )
    ).rows.map((r) => r.token);

  beforeAll(async () => {
    t = await createTestApp();
    http = await startHttp(t);
    op = await loginAs(t, http, 'ops', ['operator']);
    await seedWorld(http);
  });
  afterAll(async () => {
    await http?.close();
    await t?.close();
  });

  it('asks each member who collected an order once, however often it runs', async () => {
    expect(await createDueSurveys(t.app)).toBe(30);
    expect(await createDueSurveys(t.app)).toBe(0);
    const [token] = await tokens();
    const s = await publicCall('GET', `/api/v1/nps/${token}`);
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({
      trigger: 'pickup',
      communityName: '阳光花园',
      answered: false,
      expired: false,
    });
    // nothing personal on a page whose link may be forwarded
    expect(JSON.stringify(s.body)).not.toMatch(/m-\d|mbr_|1380000/);
    expect((await publicCall('GET', '/api/v1/nps/not-a-real-token-at-all')).status).toBe(404);
  });

  it('refuses answers out of range clearly, takes a good one once', async () => {
    const [token] = await tokens();
    for (const score of [11, -1, 7.5, '9', null]) {
      const r = await publicCall('POST', `/api/v1/nps/${token}`, { score });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({
        code: 'nps.answer_invalid',
        details: [{ field: 'score', reason: 'a whole number from 0 to 10' }],
      });
    }
    expect(
      (await publicCall('POST', `/api/v1/nps/${token}`, { score: 10, reason: 'x'.repeat(1001) })).status,
    ).toBe(400);
    const ok = await publicCall('POST', `/api/v1/nps/${token}`, {
      score: 10,
      reason: '团长很负责，菜也新鲜',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ class: 'promoter', messageId: null });
    const again = await publicCall('POST', `/api/v1/nps/${token}`, { score: 3 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('nps.answered');
    expect((await publicCall('GET', `/api/v1/nps/${token}`)).body.answered).toBe(true);
  });

  it("turns a detractor's reason into an alert on the board", async () => {
    const [, token] = await tokens();
    const r = await publicCall('POST', `/api/v1/nps/${token}`, {
      score: 2,
      reason: '上周的菠菜全烂了，找团长也没人回',
    });
    expect(r.body).toMatchObject({ class: 'detractor', messageId: expect.stringMatching(/^opm_/) });
    const m = await t.app.database.pool.query<{
      source: string;
      level: number;
      reasons: string[];
      incident_id: string;
    }>('SELECT source, level, reasons, incident_id FROM opinion_messages WHERE id = $1', [r.body.messageId]);
    expect(m.rows[0]).toMatchObject({ source: 'nps_detractor' });
    expect(m.rows[0]!.level).toBeGreaterThanOrEqual(1);
    expect(m.rows[0]!.reasons).toContain('nps_detractor');
    expect(m.rows[0]!.incident_id).toMatch(/^opi_/);
    // a detractor without a reason is counted, but there is nothing to read
    const [, , third] = await tokens();
    expect((await publicCall('POST', `/api/v1/nps/${third}`, { score: 0 })).body.messageId).toBeNull();
  });

  it('expires links', async () => {
    const [, , , fourth] = await tokens();
    await t.app.database.pool.query(
      "UPDATE nps_surveys SET expires_at = now() - interval '1 minute' WHERE token = $1",
      [fourth],
    );
    const r = await publicCall('POST', `/api/v1/nps/${fourth}`, { score: 8 });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('nps.expired');
  });

  it('imports answers with row-level errors and reports NPS by month, community and leader with the interval', async () => {
    const rows = ['答卷ID,会员ID,评分,原因,提交时间,小区ID'];
    const answers = [10, 10, 9, 9, 9, 8, 7, 6, 5, 3, 10, 9];
    answers.forEach((s, i) => rows.push(`imp-${i},m-${i + 5},${s},,2026-01-1${i % 9} 10:00,sun`));
    rows.push('imp-bad1,m-1,11,,2026-01-10 10:00,sun', 'imp-bad2,m-1,很好,,2026-01-10 10:00,sun');
    const res = await fetch(`${http.base}/api/v1/opinion/nps/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie: op },
      body: rows.join('\n'),
    });
    const body = (await res.json()) as {
      accepted: number;
      rejected: Array<{ row: number; field: string; code: string }>;
    };
    expect(body.accepted).toBe(12);
    expect(body.rejected.map((p) => [p.row, p.field, p.code])).toEqual([
      [14, 'score', 'nps.score_out_of_range'],
      [15, 'score', 'nps.score_out_of_range'],
    ]);
    const report = await as('GET', '/api/v1/opinion/nps?from=2025-06-01');
    expect(report.status).toBe(200);
    // answered so far: 10, 2, 0 on the page, plus the twelve imported
    const all = [10, 2, 0, ...answers];
    const want = npsEstimate({
      promoters: all.filter((s) => s >= 9).length,
      passives: all.filter((s) => s === 7 || s === 8).length,
      detractors: all.filter((s) => s <= 6).length,
    });
    expect(report.body.overall).toMatchObject({ n: 15, nps: want.nps });
    expect(report.body.overall.ciLow).toBeCloseTo(want.ciLow!, 9);
    expect(report.body.overall.ciHigh).toBeCloseTo(want.ciHigh!, 9);
    expect(report.body.byMonth.map((m: { key: string; n: number }) => [m.key, m.n])).toContainEqual([
      '2026-01',
      12,
    ]);
    expect(report.body.byCommunity).toEqual([expect.objectContaining({ label: '阳光花园', n: 15 })]);
    // pickup surveys carry the point's leader; imported answers do not know one
    expect(report.body.byLeader.map((l: { label: string }) => l.label)).toContain('李团长');
    expect(report.body.benchmark).toEqual({ from: -15, to: 42 });
    expect(await count(t.app, "SELECT count(*) FROM nps_surveys WHERE trigger = 'import'")).toBe(12);
  });
});
