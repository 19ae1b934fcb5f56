import { adjustedRandIndex } from '@linli/intelligence';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { loginAs, startHttp, type Http } from '../../../test/http.ts';
import { loadDemo } from '../demo/index.ts';
import { exportPersonas, fitPersonas } from './personas.service.ts';

const readCsv = (file: string) =>
  new Map(
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',') as [string, string]),
  );

describe('3-D personas', () => {
  let t: TestApp;
  let http: Http;
  let truth: Map<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    const truthFile = path.join(t.dir, 'truth.csv');
    await loadDemo(t.app.database, {
      members: 3000,
      months: 6,
      seed: 9,
      now: new Date('2025-06-30T04:00:00Z'),
      keys: t.app.pii,
      truthFile,
    });
    truth = readCsv(truthFile);
    http = await startHttp(t);
  });
  afterAll(async () => {
    await http?.close();
    await t?.close();
  });

  it("recovers the demo's hidden personas (adjusted Rand index ≥ 0.9) and picks k = 3 by silhouette", async () => {
    const fit = await fitPersonas(t.app, { now: new Date('2025-06-30T04:00:00Z') });
    expect(fit.k).toBe(3);
    const out = path.join(t.dir, 'personas.csv');
    const written = await exportPersonas(t.app, out);
    const found = readCsv(out);
    expect(found.size).toBe(written);
    expect(written).toBe(fit.members);
    const ids = [...found.keys()];
    const ari = adjustedRandIndex(
      ids.map((id) => found.get(id)!),
      ids.map((id) => truth.get(id) ?? 'unknown'),
    );
    expect(ari).toBeGreaterThanOrEqual(0.9);
    // names describe the centres: the Z-generation-like persona buys most often and over-buys a trending line
    const byFreq = [...fit.personas].sort((a, b) => b.profile.ordersPerWeek - a.profile.ordersPerWeek);
    expect(byFreq[0]!.nameZh.startsWith('高频')).toBe(true);
    expect(byFreq[2]!.nameZh.startsWith('低频')).toBe(true);
  });

  it('serves the personas next to the seed ones, and lets an operator rename one', async () => {
    const res = await http.call('GET', '/api/v1/personas');
    expect(res.body.fit.k).toBe(3);
    expect(res.body.seed.map((s: { nameZh: string }) => s.nameZh)).toEqual(['银发族', 'Z世代', '新中产']);
    const sizes = res.body.fit.personas.reduce((a: number, p: { size: number }) => a + p.size, 0);
    expect(sizes).toBe(res.body.fit.members);
    const put = (idx: number, body: object, headers: Record<string, string>) =>
      http.call('PUT', `/api/v1/personas/${idx}`, body, { 'x-api-key': '', ...headers });
    expect((await put(0, { nameZh: '社区银发族' }, {})).status).toBe(401);
    const cookie = await loginAs(t, http, 'persona-editor', ['operator']);
    expect((await put(0, { nameZh: '社区银发族' }, { cookie })).body.nameZh).toBe('社区银发族');
    expect((await http.call('GET', '/api/v1/personas')).body.fit.personas[0].nameZh).toBe('社区银发族');
    expect((await put(9, { nameZh: 'x' }, { cookie })).body.code).toBe('personas.not_found');
  });

  it("samples members' own profiles for the scatter, each inside its persona's spread", async () => {
    const res = (await http.call('GET', '/api/v1/personas/points?limit=500')).body;
    const fit = (await http.call('GET', '/api/v1/personas')).body.fit;
    expect(res.total).toBe(fit.members);
    expect(res.points.length).toBeGreaterThan(100);
    expect(res.points.length).toBeLessThanOrEqual(500);
    // the persona with the highest centre frequency also has the highest median member frequency
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const byIdx = (idx: number) =>
      median(
        res.points
          .filter((p: { idx: number }) => p.idx === idx)
          .map((p: { ordersPerWeek: number }) => p.ordersPerWeek),
      );
    const ranked = [...fit.personas].sort(
      (a: { profile: { ordersPerWeek: number } }, b: { profile: { ordersPerWeek: number } }) =>
        b.profile.ordersPerWeek - a.profile.ordersPerWeek,
    );
    expect(byIdx(ranked[0].idx)).toBeGreaterThan(byIdx(ranked.at(-1).idx));
    for (const p of res.points) expect(p.aovFen).toBeGreaterThan(0);
  });
});
