import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { loginAs, startHttp, type Http } from '../../../test/http.ts';
import { rows } from '../../platform/db/sql.ts';
import { loadDemo } from '../demo/index.ts';
import { BUILTIN_TAGS } from './builtin-tags.ts';
import { recomputeTags, refreshTags, startTagFreshness } from './tags.service.ts';

const now = new Date('2025-06-30T04:00:00Z');

describe('member tags', () => {
  let t: TestApp;
  let http: Http;
  const membersOf = async (key: string) =>
    new Set(
      (
        await rows<{ id: string }>(
          t.app.database.pool,
          'SELECT t.member_id AS id FROM member_tags t JOIN tag_definitions d ON d.id = t.tag_id WHERE d.key = $1',
          [key],
        )
      ).map((r) => r.id),
    );
  const lastChange = async (key: string, memberId: string) =>
    (
      await rows<{ change: string; reason: Record<string, unknown> }>(
        t.app.database.pool,
        `SELECT c.change, c.reason FROM tag_changes c JOIN tag_definitions d ON d.id = c.tag_id
         WHERE d.key = $1 AND c.member_id = $2 ORDER BY c.id DESC LIMIT 1`,
        [key, memberId],
      )
    )[0];
  const set = async (text: string, params: unknown[] = []) =>
    new Set((await rows<{ id: string }>(t.app.database.pool, text, params)).map((r) => r.id));

  beforeAll(async () => {
    t = await createTestApp();
    await loadDemo(t.app.database, { members: 400, months: 4, seed: 5, now, keys: t.app.pii });
    http = await startHttp(t);
  });
  afterAll(async () => {
    await http?.close();
    await t?.close();
  });

  it('applies the built-in catalogue exactly as plain SQL over the raw tables would', async () => {
    const run = await refreshTags(t.app, now);
    expect(run.tags).toBe(BUILTIN_TAGS.length);
    expect(run.entered).toBeGreaterThan(400);
    // ≥ 12 orders in the 30 days before now
    expect(await membersOf('high_frequency')).toEqual(
      await set(
        `SELECT member_id AS id FROM orders WHERE status <> 'cancelled' AND placed_at > $1::timestamptz - interval '30 days'
           AND placed_at <= $1 GROUP BY 1 HAVING count(*) >= 12`,
        [now],
      ),
    );
    // ≥ 3 shares in 14 days
    expect(await membersOf('sharer')).toEqual(
      await set(
        `SELECT member_id AS id FROM events WHERE type = 'share' AND occurred_at > $1::timestamptz - interval '14 days'
           AND occurred_at <= $1 GROUP BY 1 HAVING count(*) >= 3`,
        [now],
      ),
    );
    // 55 or older on the day
    expect(await membersOf('age_silver')).toEqual(
      await set(`SELECT id FROM members WHERE date_part('year', age('2025-06-30'::date, birthday)) >= 55`),
    );
    // organic ≥ 30 % of 90-day line spend
    const organic = await set(
      `WITH RECURSIVE tops AS (SELECT code, code AS top FROM categories WHERE parent_code IS NULL
         UNION ALL SELECT c.code, t.top FROM categories c JOIN tops t ON c.parent_code = t.code)
       SELECT o.member_id AS id FROM orders o JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id
         JOIN tops ON tops.code = p.category_code
       WHERE o.status <> 'cancelled' AND o.placed_at > $1::timestamptz - interval '90 days' AND o.placed_at <= $1
       GROUP BY 1 HAVING round((sum(i.amount_fen) FILTER (WHERE tops.top = 'organic'))::numeric / sum(i.amount_fen), 4) >= 0.3`,
      [now],
    );
    expect(organic.size).toBeGreaterThan(10);
    expect(await membersOf('organic_lover')).toEqual(organic);
    // NOT-free negation: members without any order are "never ordered", stubs included
    expect(await membersOf('never_ordered')).toEqual(
      await set(
        `SELECT id FROM members m WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.member_id = m.id AND o.status <> 'cancelled')`,
      ),
    );
  });

  it('keeps event counts, dwell time and ratings per member exactly as plain SQL counts them', async () => {
    await refreshTags(t.app, now);
    const diff = await rows<{ member_id: string }>(
      t.app.database.pool,
      `WITH plain AS (
         SELECT e.member_id,
           jsonb_strip_nulls(jsonb_object_agg(k.key, nullif(k.n, 0))) AS events,
           (SELECT coalesce(sum(x.dwell_ms), 0) FROM events x WHERE x.member_id = e.member_id
              AND x.occurred_at > $1::timestamptz - interval '30 days' AND x.occurred_at <= $1) AS dwell,
           (SELECT avg(x.rating)::real FROM events x WHERE x.member_id = e.member_id AND x.type = 'review'
              AND x.occurred_at > $1::timestamptz - interval '90 days' AND x.occurred_at <= $1) AS rating
         FROM (SELECT DISTINCT member_id FROM events WHERE occurred_at > $1::timestamptz - interval '90 days'
                 AND occurred_at <= $1) e
         CROSS JOIN LATERAL (
           SELECT x.type || '_' || w || 'd' AS key, count(*)::int AS n
           FROM events x, unnest(ARRAY[7, 14, 30, 90]) AS w
           WHERE x.member_id = e.member_id AND x.occurred_at > $1::timestamptz - make_interval(days => w)
             AND x.occurred_at <= $1
           GROUP BY 1) k
         GROUP BY e.member_id)
       SELECT p.member_id FROM plain p LEFT JOIN member_features f ON f.member_id = p.member_id
       WHERE f.events IS DISTINCT FROM p.events OR f.dwell_ms_30d <> p.dwell OR f.avg_rating_90d IS DISTINCT FROM p.rating`,
      [now],
    );
    expect(diff).toEqual([]);
    expect(
      await rows(t.app.database.pool, "SELECT 1 FROM member_features WHERE events ? 'review_90d' LIMIT 1"),
    ).toHaveLength(1);
  });

  it('records entries with the values behind them, and exits when the rule stops holding', async () => {
    const [m] = await rows<{ id: string; external_id: string }>(
      t.app.database.pool,
      `SELECT id, external_id FROM members WHERE id NOT IN (SELECT member_id FROM orders WHERE placed_at > '2025-06-23') ORDER BY id LIMIT 1`,
    );
    const ingest = await http.call('POST', '/api/v1/ingest/orders', {
      items: [
        {
          id: 'tag-test-1',
          memberId: m!.external_id,
          placedAt: '2025-06-29T10:00:00+08:00',
          items: [{ sku: 'tag-sku', quantity: 1, unitPriceFen: 990 }],
        },
      ],
    });
    expect(ingest.body.accepted).toBe(1);
    await refreshTags(t.app, now);
    const entry = await lastChange('weekly_buyer', m!.id);
    expect(entry).toEqual({ change: 'entered', reason: { orders_7d: 1 } });
    const tags = (await http.call('GET', `/api/v1/members/${m!.id}/tags`)).body.items as Array<{
      key: string;
      reason: object;
    }>;
    expect(tags.find((x) => x.key === 'weekly_buyer')?.reason).toEqual({ orders_7d: 1 });

    // eight days later the order is out of the 7-day window
    await refreshTags(t.app, new Date('2025-07-07T04:00:00Z'));
    const exit = await lastChange('weekly_buyer', m!.id);
    expect(exit).toEqual({ change: 'left', reason: { orders_7d: 0 } });
  });

  it('recomputes over stored features alone, and the reconcile repairs drift and says so', async () => {
    await refreshTags(t.app, now);
    const [m] = await rows<{ id: string }>(
      t.app.database.pool,
      `SELECT member_id AS id FROM member_features WHERE orders_30d = 0 ORDER BY member_id LIMIT 1`,
    );
    // drift: the stored aggregate says 60 orders in 30 days where the orders say none
    await t.app.database.pool.query('UPDATE member_features SET orders_30d = 60 WHERE member_id = $1', [
      m!.id,
    ]);
    const recomputed = await recomputeTags(t.app, now);
    expect(recomputed.repaired).toBe(0);
    expect(recomputed.featuresMs).toBe(0);
    expect((await membersOf('high_frequency')).has(m!.id)).toBe(true);
    const reconciled = await refreshTags(t.app, now);
    expect(reconciled.repaired).toBe(1);
    expect((await membersOf('high_frequency')).has(m!.id)).toBe(false);
    expect(await lastChange('high_frequency', m!.id)).toMatchObject({
      change: 'left',
      reason: { orders_30d: 0 },
    });
    expect((await refreshTags(t.app, now)).repaired).toBe(0);
  });

  it('lets an operator create, preview and version a rule tag, and refuses a bad rule with its place', async () => {
    const cookie = await loginAs(t, http, 'tagger', ['operator']);
    const call = (method: string, path: string, body?: unknown) =>
      http.call(method, path, body, { cookie, 'x-api-key': '' });
    const bad = await call('POST', '/api/v1/tags', {
      key: 'bad_rule',
      kind: 'behaviour',
      nameZh: '坏规则',
      nameEn: 'Bad',
      rule: {
        all: [
          { field: 'orders_30d', op: '>=', value: 2 },
          { field: 'shoe_size', op: '>', value: 40 },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('tags.rule_invalid');
    expect(bad.body.details).toEqual([expect.objectContaining({ path: 'rule.all.1' })]);

    const rule = {
      any: [
        { field: 'orders_30d', op: '>=', value: 8 },
        { event: 'share', windowDays: 30, op: '>=', value: 5 },
      ],
    };
    const preview = await call('POST', '/api/v1/tags/preview', { rule });
    const [want] = await rows<{ n: number }>(
      t.app.database.pool,
      `SELECT count(*)::int AS n FROM members m LEFT JOIN member_features f ON f.member_id = m.id
       WHERE coalesce(f.orders_30d, 0) >= 8 OR coalesce((f.events->>'share_30d')::int, 0) >= 5`,
    );
    expect(preview.body.members).toBe(want!.n);
    const created = await call('POST', '/api/v1/tags', {
      key: 'engaged_buyer',
      kind: 'behaviour',
      nameZh: '活跃买家',
      nameEn: 'Engaged buyer',
      rule,
    });
    expect(created.status).toBe(201);
    expect(created.body.version).toBe(1);
    const changed = await call('PUT', '/api/v1/tags/engaged_buyer', {
      kind: 'behaviour',
      nameZh: '活跃买家',
      nameEn: 'Engaged buyer',
      rule: { field: 'orders_30d', op: '>=', value: 10 },
    });
    expect(changed.body.version).toBe(2);
    const [versions] = await rows<{ n: number }>(
      t.app.database.pool,
      `SELECT count(*)::int AS n FROM tag_versions v JOIN tag_definitions d ON d.id = v.tag_id WHERE d.key = 'engaged_buyer'`,
    );
    expect(versions!.n).toBe(2);
    expect((await call('POST', '/api/v1/tags', { ...created.body, rule })).body.code).toBe('tags.key_taken');
  });

  it("brings a member's behaviour tags up to date within seconds of their events", async () => {
    await refreshTags(t.app, new Date());
    const [m] = await rows<{ id: string; external_id: string }>(
      t.app.database.pool,
      `SELECT id, external_id FROM members WHERE id NOT IN (
         SELECT t.member_id FROM member_tags t JOIN tag_definitions d ON d.id = t.tag_id WHERE d.key = 'sharer')
       ORDER BY id LIMIT 1`,
    );
    const freshness = startTagFreshness(t.app, 100);
    try {
      const sent = Date.now();
      const shares = [1, 2, 3].map((i) => ({
        id: `fresh-share-${i}`,
        memberId: m!.external_id,
        type: 'share',
        occurredAt: new Date(sent - i * 60_000).toISOString(),
      }));
      expect((await http.call('POST', '/api/v1/ingest/events', { items: shares })).body.accepted).toBe(3);
      let tagged = false;
      while (!tagged && Date.now() - sent < 5_000) {
        const items = (await http.call('GET', `/api/v1/members/${m!.id}/tags`)).body.items as Array<{
          key: string;
          reason: object;
        }>;
        tagged = items.some((x) => x.key === 'sharer');
        if (!tagged) await new Promise((r) => setTimeout(r, 100));
      }
      expect(tagged).toBe(true);
      expect(await lastChange('sharer', m!.id)).toEqual({ change: 'entered', reason: { share_14d: 3 } });
      // the mark is cleared by the pass that covered it (a pass that began before the mark leaves it for the next)
      const marked = () =>
        rows(t.app.database.pool, 'SELECT 1 FROM changed_members WHERE member_id = $1', [m!.id]);
      while ((await marked()).length > 0 && Date.now() - sent < 10_000)
        await new Promise((r) => setTimeout(r, 100));
      expect(await marked()).toEqual([]);
    } finally {
      await freshness.stop();
    }
  });
});
