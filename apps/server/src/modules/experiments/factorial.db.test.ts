import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { loginAs, startHttp, type Http } from '../../../test/http.ts';
import { memberIdOf } from '../members/index.ts';
import { compileExperiment } from './compile.ts';
import { factorialFile } from './experiments.cli.ts';
import { backdateStart, plantOutcomes } from './experiments.fixture.ts';
import { experimentByKey } from './experiments.repo.ts';

const DAY = 86_400_000;
const start = new Date(Date.now() - 5 * DAY);

/** Title × cover × button, 3 × 2 × 2; the planted winner is T3 with C2 and B2. */
const LAB = {
  key: 'weekend-lab',
  name: '周末内容实验室',
  salt: 'lab-1',
  design: 'factorial',
  factors: [
    {
      name: 'title',
      levels: [
        { key: 'T1', content: { title: '周末鲜果' } },
        { key: 'T2', content: { title: '周末果园直送' } },
        { key: 'T3', content: { title: '周末草莓买一送一' } },
      ],
    },
    {
      name: 'cover',
      levels: [
        { key: 'C1', content: { imageUrl: 'https://img.example.com/c1.jpg' } },
        { key: 'C2', content: { imageUrl: 'https://img.example.com/c2.jpg' } },
      ],
    },
    {
      name: 'cta',
      levels: [
        { key: 'B1', content: { buttonLabel: '去看看' } },
        { key: 'B2', content: { buttonLabel: '立即抢' } },
      ],
    },
  ],
};

const effect: Record<string, number> = { T1: 0, T2: 0.02, T3: 0.1, C1: 0, C2: 0.06, B1: 0, B2: 0.06 };

describe('experiments: a factorial test', () => {
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

  it('randomises each factor, estimates main effects from the sums like the CLI does from units, ships the best', async () => {
    expect((await as('POST', '/api/v1/experiments', LAB)).status).toBe(201);
    await as('POST', '/api/v1/experiments/weekend-lab/start');
    const a = (await http.call('GET', '/api/v1/experiments/weekend-lab/assignment?memberId=fx-1')).body;
    expect(a.arm).toMatch(/^T[123]\|C[12]\|B[12]$/);
    const [title, cover, cta] = a.arm.split('|');
    expect(a.levels).toEqual({ title, cover, cta });
    expect(a.content).toEqual({
      title: { T1: '周末鲜果', T2: '周末果园直送', T3: '周末草莓买一送一' }[title as 'T1'],
      imageUrl: `https://img.example.com/${cover!.toLowerCase()}.jpg`,
      buttonLabel: cta === 'B1' ? '去看看' : '立即抢',
    });

    await t.app.database.pool.query('DELETE FROM experiment_exposures');
    await backdateStart(t.app, 'weekend-lab', start);
    const row = (await experimentByKey(t.app.database.pool, 'weekend-lab'))!;
    const compiled = compileExperiment({
      key: row.key,
      salt: row.salt,
      status: row.status,
      archivedFrom: null,
      definition: row,
      layer: null,
      holdout: { salt: 'linli', share: 0 },
      shippedArm: null,
    });
    const planted = await plantOutcomes(t.app, http.call, {
      experimentId: row.id,
      experimentKey: row.key,
      compiled,
      members: 3000,
      prefix: 'fx',
      start,
      truth: (arm) => ({
        conversion: 0.08 + arm.split('|').reduce((s, l) => s + effect[l]!, 0),
        dwellMs: 15_000,
        share: 0.05,
        complaint: 0.001,
      }),
      contentId: 'weekend-lab',
      seed: 3,
    });
    // every factor's levels get an even share, whatever the other factors say
    const titles = Object.entries(planted.units).reduce<Record<string, number>>((m, [arm, n]) => {
      const k = arm.split('|')[0]!;
      m[k] = (m[k] ?? 0) + n;
      return m;
    }, {});
    for (const n of Object.values(titles)) expect(Math.abs(n - 1000)).toBeLessThan(100);

    const r = (await as('GET', '/api/v1/experiments/weekend-lab/results?refresh=true')).body;
    expect(r.groups.map((g: { factor: string }) => g.factor)).toEqual(['title', 'cover', 'cta']);
    for (const g of r.groups) expect(g.srm.mismatch).toBe(false);
    const conv = r.factorial.find((f: { metric: string }) => f.metric === 'conversion');
    expect(conv.error).toBeNull();
    expect(conv.best.levels).toEqual({ title: 'T3', cover: 'C2', cta: 'B2' });

    const file = path.join(t.dir, 'units.csv');
    await writeFile(file, (await as('GET', '/api/v1/experiments/weekend-lab/units.csv')).body);
    const ref = await factorialFile({ input: file, factors: 'title,cover,cta', metric: 'converted' });
    expect(ref.n).toBe(r.units);
    near(conv.intercept.estimate, ref.intercept.estimate);
    near(conv.intercept.se, ref.intercept.se!);
    for (const e of ref.effects) {
      const mine = conv.effects.find((x: { level: string }) => x.level === e.level);
      near(mine.estimate, e.estimate);
      near(mine.se, e.se!);
      expect(mine.pValue / e.pValue!).toBeCloseTo(1, 6);
    }
    expect(ref.best).toMatchObject({ title: 'T3', cover: 'C2', cta: 'B2' });
    near(conv.best.predicted, ref.best.predicted as number);

    const shipped = await as('POST', '/api/v1/experiments/weekend-lab/ship', { arm: 'T3|C2|B2' });
    expect(shipped.body.shippedContent).toEqual({
      title: '周末草莓买一送一',
      imageUrl: 'https://img.example.com/c2.jpg',
      buttonLabel: '立即抢',
    });
    const now = (
      await http.call('GET', `/api/v1/experiments/weekend-lab/assignment?memberId=${memberIdOf('x')}`)
    ).body;
    expect(now).toMatchObject({ reason: 'shipped', content: shipped.body.shippedContent });
    const bad = await as('POST', '/api/v1/experiments/weekend-lab/ship', { arm: 'T9|C1|B1' });
    expect(bad.status).toBe(409);
  });
});

function near(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}
