import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, createTestApp, type TestApp } from '../../../test/harness.ts';
import { loginAs, startHttp, type Http } from '../../../test/http.ts';
import { withTransaction } from '../../platform/db/sql.ts';
import { loadDemoCompliance } from './demo-compliance.ts';

describe('the demo compliance lab', () => {
  let t: TestApp;
  let http: Http;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp();
    http = await startHttp(t);
    cookie = await loginAs(t, http, 'rev', ['reviewer']);
  });
  afterAll(async () => {
    await http?.close();
    await t?.close();
  });
  const get = async (path: string) =>
    (await http.call('GET', path, undefined, { cookie, 'x-api-key': '' })).body;

  it('puts copy in every stage and state, and a reload replaces it', async () => {
    const now = Date.now();
    await withTransaction(t.app.database, (tx) => loadDemoCompliance(tx, now));
    await withTransaction(t.app.database, (tx) => loadDemoCompliance(tx, now));
    expect(await count(t.app, 'SELECT count(*) FROM compliance_items')).toBe(12);
    const byStatus = await t.app.database.pool.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM compliance_items GROUP BY 1 ORDER BY 1',
    );
    expect(Object.fromEntries(byStatus.rows.map((r) => [r.status, r.n]))).toEqual({
      approved: 3,
      legal: 1,
      recalled: 1,
      rejected: 1,
      returned: 2,
      review: 4,
    });

    const queue = await get('/api/v1/compliance/items?stage=review');
    expect(queue.items).toHaveLength(4);
    // ordered by deadline: the overdue one first
    expect(queue.items[0].title).toBe('五常大米商品描述');
    expect(new Date(queue.items[0].dueAt).getTime()).toBeLessThan(now);

    const returned = (await get('/api/v1/compliance/items?status=returned')).items;
    const blocked = await get(
      `/api/v1/compliance/items/${returned.find((i: { type: string }) => i.type === 'push').id}`,
    );
    expect(blocked.versions[0].hits.map((h: { term: string }) => h.term)).toContain('降血压');
    expect(blocked.timeline.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'screen.return']);

    const dash = await get('/api/v1/compliance/dashboard');
    expect(dash).toMatchObject({ items: 12, recalled: 1, blockedAtScreen: 3 });
    expect(dash.sla[0].overdue).toBe(1);
    const overdue = queue.items[0];
    const detail = await get(`/api/v1/compliance/items/${overdue.id}`);
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'submitted',
      'screen.pass',
      'sla.50',
      'sla.80',
      'sla.breach',
    ]);
  });
});
