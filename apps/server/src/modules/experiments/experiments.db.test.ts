import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createAssigner } from '@linli/experiments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, createTestApp, type TestApp } from '../../../test/harness.ts';
import { loginAs, startHttp, type Http } from '../../../test/http.ts';
import { memberIdOf } from '../members/index.ts';
import { assignmentFor, experimentCache, flushExposures, writeExposures } from './assignment.ts';
import { compileExperiment } from './compile.ts';
import { analyzeFile } from './experiments.cli.ts';
import { backdateStart, plantOutcomes, type ArmTruth } from './experiments.fixture.ts';
import { experimentByKey } from './experiments.repo.ts';

const DAY = 86_400_000;
const start = new Date(Date.now() - 5 * DAY);

const variantsTest = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  name: '早报标题 A/B/C',
  hypothesis: '把价格写进标题会提高下单',
  salt: `s-${key}`,
  design: 'variants',
  variants: [
    { name: 'A', content: { title: '今日鲜果上新', buttonLabel: '去看看' } },
    { name: 'B', content: { title: '草莓 19.9 元两盒', buttonLabel: '立即抢购' } },
    { name: 'C', content: { title: '团长推荐：今天的草莓', buttonLabel: '去看看' } },
  ],
  ...extra,
});

const TRUTH: Record<string, ArmTruth> = {
  A: { conversion: 0.1, dwellMs: 20_000, share: 0.05, complaint: 0.002 },
  B: { conversion: 0.24, dwellMs: 26_000, share: 0.09, complaint: 0.002 },
  C: { conversion: 0.11, dwellMs: 20_000, share: 0.05, complaint: 0.002 },
};

describe('experiments: definitions, assignment, results from SQL, guardrails, shipping', () => {
  let t: TestApp;
  let http: Http;
  let op: string;
  const as = (method: string, p: string, body?: unknown) =>
    http.call(method, p, body, { cookie: op, 'x-api-key': '' });

  beforeAll(async () => {
    t = await createTestApp();
    http = await startHttp(t);
    op = await loginAs(t, http, 'lab', ['operator']);
  });
  afterAll(async () => {
    await http?.close();
    await t?.close();
  });

  it('creates a test idempotently and names what is wrong with a bad one', async () => {
    const first = await as('POST', '/api/v1/experiments', variantsTest('morning-title'));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      key: 'morning-title',
      status: 'draft',
      contentId: 'morning-title',
      owner: 'lab',
    });
    expect(first.body.metrics).toMatchObject({
      primary: 'conversion',
      attributionHours: 72,
      covariate: 'orders_28d',
    });
    const again = await as('POST', '/api/v1/experiments', variantsTest('morning-title'));
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const other = await as('POST', '/api/v1/experiments', variantsTest('morning-title', { name: '别的' }));
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('experiments.key_taken');

    const single = await as(
      'POST',
      '/api/v1/experiments',
      variantsTest('one-arm', { variants: [{ name: 'A' }] }),
    );
    expect(single.status).toBe(400);
    expect(single.body.code).toBe('experiments.invalid');
    expect(single.body.message).toContain('variants: a test of variants needs at least two');
    const huge = await as('POST', '/api/v1/experiments', {
      key: 'huge',
      name: 'x',
      design: 'factorial',
      factors: ['a', 'b', 'c'].map((name) => ({
        name,
        levels: Array.from({ length: 30 }, (_, i) => ({ key: `L${i}` })),
      })),
    });
    expect(huge.status).toBe(400);
    expect(huge.body.message).toContain('27000 combinations: at most 10,000');
    const badUrl = await as(
      'POST',
      '/api/v1/experiments',
      variantsTest('bad-url', {
        variants: [{ name: 'A' }, { name: 'B', content: { imageUrl: 'javascript:alert(1)' } }],
      }),
    );
    expect(badUrl.body.details).toEqual([{ field: 'variants.1.content.imageUrl', reason: 'an http(s) URL' }]);
    const segment = await as(
      'POST',
      '/api/v1/experiments',
      variantsTest('no-segment', { segmentKey: 'nobody' }),
    );
    expect(segment.body.code).toBe('experiments.unknown_segment');
    expect(
      await count(t.app, "SELECT count(*) FROM audit_log WHERE entity = 'experiment' AND action = 'create'"),
    ).toBe(1);
  });

  it('assigns stickily, in process and over HTTP, the same as the package; logs each exposure once', async () => {
    await as('PUT', '/api/v1/experiments/morning-title', { ...variantsTest('morning-title'), traffic: 0.5 });
    expect((await as('GET', '/api/v1/experiments/morning-title/assignment?memberId=u-1')).body).toMatchObject(
      {
        arm: null,
        reason: 'not_running',
        content: { title: '今日鲜果上新' },
      },
    );
    const started = await as('POST', '/api/v1/experiments/morning-title/start');
    expect(started.body.status).toBe('running');
    expect(started.body.plan.unitsPerArm).not.toBeUndefined();
    const row = (await experimentByKey(t.app.database.pool, 'morning-title'))!;
    const reference = createAssigner({
      key: 'morning-title',
      salt: row.salt,
      traffic: 0.5,
      arms: ['A', 'B', 'C'].map((name) => ({ name, weight: 1 })),
    });
    const before = new Map<string, string | null>();
    for (let i = 0; i < 60; i++) {
      const a = (await http.call('GET', `/api/v1/experiments/morning-title/assignment?memberId=u-${i}`)).body;
      expect(a.arm).toBe(reference.assign(memberIdOf(`u-${i}`)));
      expect(a.reason).toBe(a.arm ? 'assigned' : 'traffic');
      if (a.arm) expect(a.content).toEqual(row.variants!.find((v) => v.name === a.arm)!.content);
      before.set(`u-${i}`, a.arm);
      const inProcess = await assignmentFor(t.app, 'morning-title', memberIdOf(`u-${i}`));
      expect(inProcess!.arm).toBe(a.arm);
    }
    const exposed = [...before.values()].filter(Boolean).length;
    expect(exposed).toBeGreaterThan(15);
    await flushExposures(t.app);
    expect(await count(t.app, 'SELECT count(*) FROM experiment_exposures')).toBe(exposed);

    // concurrent first calls and repeats: one row per member
    await Promise.all(
      Array.from({ length: 20 }, () =>
        http.call('GET', '/api/v1/experiments/morning-title/assignment?memberId=u-1000'),
      ),
    );
    await flushExposures(t.app);
    await writeExposures(t.app, [
      { experimentId: row.id, memberId: memberIdOf('u-1000'), arm: 'C', at: new Date() },
    ]);
    const want = reference.assign(memberIdOf('u-1000'));
    const rows = await t.app.database.pool.query(
      'SELECT arm FROM experiment_exposures WHERE member_id = $1',
      [memberIdOf('u-1000')],
    );
    // the first row stays: a later write for the same member, even naming another arm, changes nothing
    expect(rows.rows).toEqual(want ? [{ arm: want }] : [{ arm: 'C' }]);

    // more traffic while it runs: everyone already in keeps their arm
    await as('PUT', '/api/v1/experiments/morning-title', { ...variantsTest('morning-title'), traffic: 1 });
    let joined = 0;
    for (const [m, arm] of before) {
      const a = (
        await http.call('GET', `/api/v1/experiments/morning-title/assignment?memberId=${m}&expose=false`)
      ).body;
      if (arm) expect(a.arm).toBe(arm);
      else if (a.arm) joined++;
    }
    expect(joined).toBeGreaterThan(10);
    // the arms are locked now
    const locked = await as('PUT', '/api/v1/experiments/morning-title', {
      ...variantsTest('morning-title'),
      variants: [{ name: 'A' }, { name: 'Z' }],
    });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('experiments.locked');
    // a leader may not read the lab; an API key with the read scope may ask for assignments
    const leader = await loginAs(t, http, 'leader1', ['leader']);
    expect(
      (await http.call('GET', '/api/v1/experiments', undefined, { cookie: leader, 'x-api-key': '' })).status,
    ).toBe(403);
    expect((await http.call('GET', '/api/v1/experiments/nope/assignment?memberId=u-1')).body.code).toBe(
      'experiments.not_found',
    );
  });

  it('computes results in SQL that match `linli experiments analyze` on the exported units', async () => {
    await t.app.database.pool.query('DELETE FROM experiment_exposures');
    await backdateStart(t.app, 'morning-title', start);
    const row = (await experimentByKey(t.app.database.pool, 'morning-title'))!;
    const planted = await plantOutcomes(t.app, http.call, {
      experimentId: row.id,
      experimentKey: row.key,
      compiled: compile(row),
      members: 2400,
      prefix: 'mt',
      start,
      truth: (arm) => TRUTH[arm]!,
      contentId: 'morning-title',
      seed: 5,
    });
    const r = (await as('GET', '/api/v1/experiments/morning-title/results?refresh=true')).body;
    expect(r.units).toBe(2400);
    const g = r.groups[0];
    expect(g.arms.map((a: { arm: string; n: number }) => [a.arm, a.n])).toEqual(
      ['A', 'B', 'C'].map((a) => [a, planted.units[a]]),
    );
    expect(g.srm.mismatch).toBe(false);
    for (const a of g.arms)
      expect(Math.round(a.metrics.conversion.mean * a.n)).toBe(planted.converted[a.arm]);
    expect(g.winner).toBe('B');

    const csv = await as('GET', '/api/v1/experiments/morning-title/units.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const file = path.join(t.dir, 'units.csv');
    await writeFile(file, csv.body);
    const ref = await analyzeFile({ input: file, covariate: 'orders_28d', winsorize: 'dwell_ms=0.99' });
    const names: Record<string, string> = {
      converted: 'conversion',
      revenue_fen: 'revenue',
      dwell_ms: 'dwell',
      shared: 'share',
    };
    for (const v of ref.variants) {
      const arm = g.arms.find((a: { arm: string }) => a.arm === v.variant);
      expect(arm.n).toBe(v.n);
      for (const [col, metric] of Object.entries(names)) {
        near(arm.metrics[metric].mean, v.metrics[col]!.mean!);
        expect(arm.metrics[metric].variance / v.metrics[col]!.variance!).toBeCloseTo(1, 9);
      }
    }
    let checked = 0;
    for (const c of ref.comparisons) {
      const metric = names[c.metric];
      if (!metric) continue;
      const mine = g.comparisons.find(
        (x: { arm: string; metric: string }) => x.arm === c.variant && x.metric === metric,
      );
      for (const k of ['absoluteLift', 'relativeLift', 'ciLow', 'ciHigh'] as const)
        expect(mine[k]).toBeCloseTo(c[k]!, 9);
      for (const k of ['pValue', 'pValueHolm'] as const) expect(mine[k] / c[k]!).toBeCloseTo(1, 6);
      if (c.chanceToBeatControl !== undefined)
        expect(mine.chanceToBeatControl).toBeCloseTo(c.chanceToBeatControl!, 9);
      near(mine.cuped.absoluteLift, c.cuped!.absoluteLift!);
      near(mine.cuped.ciLow, c.cuped!.ciLow!);
      near(mine.cuped.varianceReduction, c.cuped!.varianceReduction!);
      checked++;
    }
    expect(checked).toBe(8);
    expect(r.dwellCap).toBeGreaterThan(0);
    // a cap below the share of members without a view is 0, as the CLI's percentile says
    const low = { ...row.metrics, dwellWinsorize: 0.55 };
    await as('PUT', '/api/v1/experiments/morning-title', { ...variantsTest('morning-title'), metrics: low });
    const capped = (await as('GET', '/api/v1/experiments/morning-title/results?refresh=true')).body;
    const refLow = await analyzeFile({ input: file, winsorize: 'dwell_ms=0.55' });
    expect(capped.dwellCap).toBe(0);
    for (const v of refLow.variants)
      near(
        capped.groups[0].arms.find((a: { arm: string }) => a.arm === v.variant).metrics.dwell.mean,
        v.metrics.dwell_ms!.mean!,
      );
    await as('PUT', '/api/v1/experiments/morning-title', {
      ...variantsTest('morning-title'),
      metrics: row.metrics,
    });
    await as('POST', '/api/v1/experiments/morning-title/refresh');
    // the planted truth: B converts better, with the pre-period removing variance
    const b = g.comparisons.find(
      (x: { arm: string; metric: string }) => x.arm === 'B' && x.metric === 'conversion',
    );
    expect(b.ciLow).toBeGreaterThan(0);
    expect(b.cuped.varianceReduction).toBeGreaterThan(0.05);
    expect(b.chanceToBeatControl).toBeGreaterThan(0.99);
    expect(b.pValueSequential).toBeGreaterThan(0);
    expect(b.pValueSequential).toBeLessThan(0.5);
    expect(g.looks.length).toBeGreaterThanOrEqual(2);
    expect(g.looks.at(-1).boundary).toBeGreaterThan(1.9);
    const share = g.allocation.find((a: { arm: string }) => a.arm === 'B');
    expect(share.thompson).toBeGreaterThan(0.9);
    const score = g.comparisons.find(
      (x: { arm: string; metric: string }) => x.arm === 'B' && x.metric === 'score',
    );
    expect(score.relativeLift).toBeGreaterThan(0.2);
    expect(g.arms[0].metrics.score.mean).toBeCloseTo(1, 12);

    const xlsx = await as('GET', '/api/v1/experiments/morning-title/export?lang=en-US');
    expect(xlsx.status).toBe(200);
    expect(
      await count(
        t.app,
        "SELECT count(*) FROM audit_log WHERE entity IN ('experiment_results', 'experiment_units')",
      ),
    ).toBe(2);
  });

  it('flags a broken split, stops a test whose guardrail is breached, and ships a winner', async () => {
    const mk = async (key: string) => {
      expect((await as('POST', '/api/v1/experiments', variantsTest(key))).status).toBe(201);
      await as('POST', `/api/v1/experiments/${key}/start`);
      await backdateStart(t.app, key, start);
      return (await experimentByKey(t.app.database.pool, key))!;
    };
    const broken = await mk('broken-split');
    await plantOutcomes(t.app, http.call, {
      experimentId: broken.id,
      experimentKey: broken.key,
      compiled: compile(broken),
      members: 1500,
      prefix: 'bs',
      start,
      truth: () => TRUTH.A!,
      contentId: 'broken-split',
      seed: 9,
      skew: { arm: 'A', share: 0.15 },
    });
    const srm = (await as('GET', '/api/v1/experiments/broken-split/results?refresh=true')).body;
    expect(srm.groups[0].srm.mismatch).toBe(true);
    expect(srm.warnings.map((w: { code: string }) => w.code)).toContain('srm');

    const harmful = await mk('harmful');
    await plantOutcomes(t.app, http.call, {
      experimentId: harmful.id,
      experimentKey: harmful.key,
      compiled: compile(harmful),
      members: 1500,
      prefix: 'hm',
      start,
      truth: (arm) => ({ ...TRUTH.A!, complaint: arm === 'C' ? 0.12 : 0.005 }),
      contentId: 'harmful',
      seed: 11,
    });
    const after = (await as('POST', '/api/v1/experiments/harmful/refresh')).body;
    expect(after.experiment.status).toBe('stopped');
    expect(after.experiment.stopReason).toContain('guardrail complaint: C');
    expect(await count(t.app, "SELECT count(*) FROM audit_log WHERE action = 'guardrail_stop'")).toBe(1);
    expect((await http.call('GET', '/api/v1/experiments/harmful/assignment?memberId=hm-1')).body.reason).toBe(
      'not_running',
    );

    // ship the winner of the first test: everyone sees B's content, no more exposures
    const exposures = await count(t.app, 'SELECT count(*) FROM experiment_exposures');
    const shipped = await as('POST', '/api/v1/experiments/morning-title/ship', {
      arm: 'B',
      learned: '价格写进标题，转化 +50%',
    });
    expect(shipped.body).toMatchObject({
      status: 'shipped',
      shippedArm: 'B',
      shippedContent: { title: '草莓 19.9 元两盒' },
    });
    for (const m of ['u-1', 'someone-new']) {
      const a = (await http.call('GET', `/api/v1/experiments/morning-title/assignment?memberId=${m}`)).body;
      expect(a).toMatchObject({ arm: null, reason: 'shipped', content: { title: '草莓 19.9 元两盒' } });
    }
    expect(await count(t.app, 'SELECT count(*) FROM experiment_exposures')).toBe(exposures);
    expect((await as('POST', '/api/v1/experiments/morning-title/ship', { arm: 'Q' })).body.code).toBe(
      'experiments.wrong_status',
    );
    const list = (await as('GET', '/api/v1/experiments')).body;
    expect(list.hitRate.after).toEqual({ hits: 1, total: 1 });
    expect(list.items.find((e: { key: string }) => e.key === 'morning-title').headline.arm).toBe('B');

    // archive is undo-safe: the shipped content stays the default, restore gives the status back
    expect((await as('DELETE', '/api/v1/experiments/morning-title')).body.status).toBe('archived');
    expect(
      (await http.call('GET', '/api/v1/experiments/morning-title/assignment?memberId=u-2')).body.reason,
    ).toBe('shipped');
    expect((await as('POST', '/api/v1/experiments/morning-title/restore')).body.status).toBe('shipped');
  });

  it('keeps the tests of one layer apart and honours the global holdout', async () => {
    const layered = (key: string, share: number) =>
      variantsTest(key, { layer: { key: 'home-banner', share } });
    for (const k of ['banner-1', 'banner-2']) {
      await as('POST', '/api/v1/experiments', layered(k, 0.5));
      expect((await as('POST', `/api/v1/experiments/${k}/start`)).status).toBe(200);
    }
    await as('POST', '/api/v1/experiments', layered('banner-3', 0.2));
    const full = await as('POST', '/api/v1/experiments/banner-3/start');
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('experiments.layer_full');
    let both = 0;
    let one = 0;
    for (let i = 0; i < 300; i++) {
      const m = memberIdOf(`lay-${i}`);
      const a = await assignmentFor(t.app, 'banner-1', m, { expose: false });
      const b = await assignmentFor(t.app, 'banner-2', m, { expose: false });
      if (a!.arm && b!.arm) both++;
      if (Boolean(a!.arm) !== Boolean(b!.arm)) one++;
    }
    expect(both).toBe(0);
    expect(one).toBe(300);

    expect(
      (await as('PUT', '/api/v1/experiments/settings', { holdoutShare: 0.2, conversionBar: 0.1 })).status,
    ).toBe(200);
    const reasons = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const a = await assignmentFor(experimentCache(t.app), 'banner-1', memberIdOf(`lay-${i}`), {
        expose: false,
      });
      reasons.set(a!.reason, (reasons.get(a!.reason) ?? 0) + 1);
    }
    expect(reasons.get('holdout')).toBeGreaterThan(30);
    expect(reasons.get('holdout')).toBeLessThan(90);
  });
});

/** Equal to 1e-9 of the value's scale: sums in SQL and the CLI's two passes round differently. */
function near(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

function compile(row: NonNullable<Awaited<ReturnType<typeof experimentByKey>>>) {
  return compileExperiment({
    key: row.key,
    salt: row.salt,
    status: row.status,
    archivedFrom: row.archivedFrom,
    definition: row,
    layer: null,
    holdout: { salt: 'linli', share: 0 },
    shippedArm: null,
  });
}
