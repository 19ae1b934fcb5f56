import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { loginAs, startHttp, type Http } from '../../../test/http.ts';
import { rows } from '../../platform/db/sql.ts';
import { loadDemo } from '../demo/index.ts';
import { refreshChangedMembers, refreshTags } from './tags.service.ts';

const now = new Date('2025-06-30T04:00:00Z');

describe('segments and tag insight', () => {
  let t: TestApp;
  let http: Http;
  let call: (method: string, path: string, body?: unknown) => ReturnType<Http['call']>;
  let community: string;
  const ids = async (text: string, params: unknown[] = []) =>
    new Set((await rows<{ id: string }>(t.app.database.pool, text, params)).map((r) => r.id));
  const allPages = async (path: string, limit = 7) => {
    const seen: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page = await call(
        'GET',
        `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return seen;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await loadDemo(t.app.database, { members: 400, months: 4, seed: 5, now, keys: t.app.pii });
    http = await startHttp(t);
    await refreshTags(t.app, now);
    const cookie = await loginAs(t, http, 'segmenter', ['operator']);
    call = (method, path, body) => http.call(method, path, body, { cookie, 'x-api-key': '' });
    const [c] = await rows<{ id: string }>(
      t.app.database.pool,
      'SELECT community_id AS id FROM members WHERE community_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
    );
    community = c!.id;
  });
  afterAll(async () => {
    await http?.close();
    await t?.close();
  });

  const rule = {
    all: [
      { tag: 'sharer', has: false },
      { field: 'orders_total', op: '>=', value: 1 },
    ],
  };
  const expected = () =>
    ids(
      `SELECT m.id FROM members m JOIN member_features f ON f.member_id = m.id
       WHERE f.orders_total >= 1 AND m.community_id = $1 AND NOT EXISTS (
         SELECT 1 FROM member_tags t JOIN tag_definitions d ON d.id = t.tag_id AND d.key = 'sharer' WHERE t.member_id = m.id)`,
      [community],
    );

  it('fills a segment over tags, fields and a community scope, with a stable control group', async () => {
    const body = {
      key: 'active_sharers',
      name: '活跃分享者',
      rule,
      communityIds: [community],
      holdoutShare: 0.2,
    };
    const preview = await call('POST', '/api/v1/segments/preview', { rule, communityIds: [community] });
    const created = await call('POST', '/api/v1/segments', body);
    expect(created.status).toBe(201);
    const want = await expected();
    expect(want.size).toBeGreaterThan(20);
    expect(created.body.members).toBe(want.size);
    expect(preview.body.members).toBe(want.size);
    const listed = await allPages('/api/v1/segments/active_sharers/members');
    expect(new Set(listed.map((m) => m.memberId))).toEqual(want);
    expect(listed).toHaveLength(want.size);
    expect(listed[0]).toHaveProperty('phone');
    expect(String(listed.find((m) => m.phone)?.phone ?? '****')).toContain('****');

    const held = (await allPages('/api/v1/segments/active_sharers/members?group=holdout')).map(
      (m) => m.memberId,
    );
    expect(held).toHaveLength(created.body.holdout);
    expect(created.body.holdout).toBeGreaterThan(0);
    expect(created.body.holdout).toBeLessThan(want.size * 0.5);
    // raising the share keeps everyone already held out in the control group
    const raised = await call('PUT', '/api/v1/segments/active_sharers', { ...body, holdoutShare: 0.4 });
    expect(raised.body.holdout).toBeGreaterThan(created.body.holdout);
    const heldAfter = new Set(
      (await allPages('/api/v1/segments/active_sharers/members?group=holdout')).map((m) => m.memberId),
    );
    for (const id of held) expect(heldAfter.has(id)).toBe(true);
    expect(raised.body.version).toBe(1); // only the share changed
  });

  it('answers a retried create with the same segment, and refuses a different one under the key', async () => {
    const body = { key: 'retry_me', name: '重试', rule: { field: 'orders_total', op: '>=', value: 3 } };
    const first = await call('POST', '/api/v1/segments', body);
    const again = await call('POST', '/api/v1/segments', body);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    const other = await call('POST', '/api/v1/segments', { ...body, name: '别的' });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('segments.key_taken');
  });

  it('names every problem of a bad segment, and keeps tag conditions out of tag rules', async () => {
    const bad = await call('POST', '/api/v1/segments', {
      key: 'bad_one',
      name: '坏',
      rule: {
        any: [
          { tag: 'no_such_tag', has: true },
          { field: 'orders_total', op: '>=', value: 'x' },
        ],
      },
      communityIds: ['com_nowhere'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path)).toEqual([
      'rule.any.0',
      'rule.any.1',
      'communityIds.0',
    ]);
    const tag = await call('POST', '/api/v1/tags', {
      key: 'tag_of_tag',
      kind: 'behaviour',
      nameZh: '标签套标签',
      nameEn: 'Tag of tag',
      rule: { tag: 'sharer', has: true },
    });
    expect(tag.status).toBe(400);
    expect(tag.body.details[0].reason).toContain('segment');
  });

  it('exports the members to Excel, archives undo-safely and restores', async () => {
    const res = await fetch(`${http.base}/api/v1/segments/active_sharers/export`, {
      headers: { 'x-api-key': http.apiKey },
    });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const count = (await call('GET', '/api/v1/segments/active_sharers')).body.members as number;
    expect(sheet.rowCount).toBe(count + 1);
    expect(sheet.getRow(1).getCell(5).value).toBe('分组');

    expect((await call('DELETE', '/api/v1/segments/active_sharers')).status).toBe(200);
    const active = (await call('GET', '/api/v1/segments')).body.items.map((s: { key: string }) => s.key);
    const archived = (await call('GET', '/api/v1/segments?archived=true')).body.items;
    expect(active).not.toContain('active_sharers');
    expect(archived.map((s: { key: string }) => s.key)).toContain('active_sharers');
    const restored = await call('POST', '/api/v1/segments/active_sharers/restore');
    expect(restored.body.archivedAt).toBeNull();
    expect(restored.body.members).toBe(count);
  });

  it('moves a member out of the segment in the incremental refresh after their events', async () => {
    const [m] = await rows<{ id: string; external_id: string }>(
      t.app.database.pool,
      `SELECT m.id, m.external_id FROM members m JOIN member_features f ON f.member_id = m.id
       JOIN segment_members s ON s.member_id = m.id JOIN segments g ON g.id = s.segment_id AND g.key = 'active_sharers'
       ORDER BY m.id LIMIT 1`,
    );
    const at = new Date().toISOString();
    const shares = [1, 2, 3, 4].map((i) => ({
      id: `seg-share-${i}`,
      type: 'share',
      memberId: m!.external_id,
      occurredAt: at,
    }));
    expect((await http.call('POST', '/api/v1/ingest/events', { items: shares })).body.accepted).toBe(4);
    await refreshChangedMembers(t.app);
    const [change] = await rows<{ change: string; reason: Record<string, unknown> }>(
      t.app.database.pool,
      `SELECT c.change, c.reason FROM segment_changes c JOIN segments s ON s.id = c.segment_id
       WHERE s.key = 'active_sharers' AND c.member_id = $1 ORDER BY c.id DESC LIMIT 1`,
      [m!.id],
    );
    // sharing made them a sharer, which this segment excludes
    expect(change).toMatchObject({ change: 'left', reason: { 'tag:sharer': true } });
  });

  it("shows a tag's coverage, trend, distribution, histograms and members", async () => {
    const list = await call('GET', '/api/v1/tags');
    const total = list.body.totalMembers as number;
    const hf = list.body.items.find((x: { key: string }) => x.key === 'high_frequency');
    expect(hf.coverage).toBeCloseTo(hf.members / total, 9);
    const sharer = list.body.items.find((x: { key: string }) => x.key === 'sharer');
    expect(sharer.entered7d).toBeGreaterThanOrEqual(1); // the member who shared just now
    const d = (await call('GET', '/api/v1/tags/high_frequency')).body;
    expect(d.trend).toHaveLength(30);
    expect(d.trend.at(-1).members).toBe(hf.members);
    expect(d.byQuadrant.reduce((s: number, q: { members: number }) => s + q.members, 0)).toBe(hf.members);
    const orders = d.histograms.find((h: { name: string }) => h.name === 'orders_30d');
    expect(orders.buckets).toHaveLength(10);
    expect(orders.buckets.reduce((s: number, b: { members: number }) => s + b.members, 0)).toBe(hf.members);
    expect(orders.buckets[0].from).toBeGreaterThanOrEqual(12);
    const members = await allPages('/api/v1/tags/high_frequency/members', 5);
    expect(members).toHaveLength(hf.members);
    expect(members[0]!.reason).toHaveProperty('orders_30d');
    expect((await call('GET', '/api/v1/tags/nope')).status).toBe(404);
    // refreshing again leaves the built-in rules at their first version (jsonb reorders keys)
    await refreshTags(t.app, now);
    const [v] = await rows<{ max: number }>(
      t.app.database.pool,
      'SELECT max(version)::int AS max FROM tag_definitions WHERE builtin',
    );
    expect(v!.max).toBe(1);

    const vocabulary = (await call('GET', '/api/v1/tags/fields')).body;
    const categories = vocabulary.fields.find((f: { name: string }) => f.name === 'category_share_90d');
    expect(categories.options.length).toBeGreaterThan(3);
    expect(vocabulary.events.map((e: { type: string }) => e.type)).toContain('share');
  });
});
