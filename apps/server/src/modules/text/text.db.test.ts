import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisVersion } from '@linli/text';
import { count, createTestApp, type TestApp } from '../../../test/harness.ts';
import { loginAs, startHttp, type Http } from '../../../test/http.ts';
import { rows } from '../../platform/db/sql.ts';
import { refreshChangedMembers, refreshTags } from '../intelligence/index.ts';
import { listTexts, textTrend } from './explorer.ts';
import { queueOutdated } from './scoring.repo.ts';
import { drainTextQueue, scoreQueuedTexts } from './scoring.service.ts';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

describe('text scoring, member text signals and emotion tags', () => {
  let t: TestApp;
  let http: Http;
  const tagsOf = async (external: string) =>
    (
      await rows<{ key: string }>(
        t.app.database.pool,
        `SELECT d.key FROM member_tags mt JOIN tag_definitions d ON d.id = mt.tag_id
         JOIN members m ON m.id = mt.member_id WHERE m.external_id = $1 ORDER BY 1`,
        [external],
      )
    ).map((r) => r.key);
  const memberId = async (external: string) =>
    (
      await rows<{ id: string }>(t.app.database.pool, 'SELECT id FROM members WHERE external_id = $1', [
        external,
      ])
    )[0]!.id;
  const ingest = (items: unknown[]) => http.call('POST', '/api/v1/ingest/events', { items });

  beforeAll(async () => {
    t = await createTestApp();
    http = await startHttp(t);
    await refreshTags(t.app); // the catalogue exists before the first text arrives
  });
  afterAll(async () => {
    await http?.close();
    await t?.close();
  });

  it('queues every text event as it is written, scores it, and moves the emotion tags', async () => {
    const res = await ingest([
      {
        id: 'a1',
        memberId: 'angry',
        type: 'complaint',
        occurredAt: hoursAgo(5),
        text: '孩子吃了以后拉肚子，再也不买了，我要投诉到12315！！！',
      },
      {
        id: 'a2',
        memberId: 'angry',
        type: 'review',
        occurredAt: hoursAgo(4),
        rating: 2,
        text: '菜很新鲜但是配送太慢了，等了两个小时',
      },
      {
        id: 'h1',
        memberId: 'happy',
        type: 'review',
        occurredAt: hoursAgo(30),
        rating: 5,
        text: '草莓很新鲜，很甜，团长服务也好',
      },
      {
        id: 'h2',
        memberId: 'happy',
        type: 'review',
        occurredAt: hoursAgo(20),
        rating: 5,
        text: '水果新鲜，包装完好，下次还买',
      },
      {
        id: 'h3',
        memberId: 'happy',
        type: 'review',
        occurredAt: hoursAgo(10),
        rating: 5,
        text: '蔬菜非常新鲜，价格实惠，好评',
      },
      { id: 'q1', memberId: 'happy', type: 'app_open', occurredAt: hoursAgo(1) },
    ]);
    expect(res.body.accepted).toBe(6);
    // the trigger queued the five texts, not the app_open
    expect(await count(t.app, 'SELECT count(*) FROM text_queue')).toBe(5);
    expect(await scoreQueuedTexts(t.app)).toBe(5);
    expect(await count(t.app, 'SELECT count(*) FROM text_queue')).toBe(0);
    const scores = await rows<{
      eventId: string;
      label: number;
      intensity: number;
      aspects: unknown;
      riskLevel: number;
      version: string;
    }>(
      t.app.database.pool,
      `SELECT e.external_id AS "eventId", s.label, s.intensity, s.aspects, s.risk_level AS "riskLevel", s.model_version AS version
       FROM text_scores s JOIN events e ON e.id = s.event_id ORDER BY e.external_id`,
    );
    expect(scores.map((s) => [s.eventId, s.label])).toEqual([
      ['a1', 0],
      ['a2', 0],
      ['h1', 1],
      ['h2', 1],
      ['h3', 1],
    ]);
    expect(new Set(scores.map((s) => s.version))).toEqual(new Set([analysisVersion()]));
    expect(scores[0]).toMatchObject({ riskLevel: 3, aspects: [{ aspect: 'food_safety', polarity: -1 }] });
    expect(scores[0]!.intensity).toBeGreaterThanOrEqual(60);
    expect(scores[1]!.aspects).toEqual([
      { aspect: 'freshness', polarity: 1 },
      { aspect: 'delivery', polarity: -1 },
    ]);

    // the authors were marked changed: one freshness round brings their tags
    await refreshChangedMembers(t.app);
    const angry = await tagsOf('angry');
    for (const key of [
      'heated_complaint',
      'food_safety_concern',
      'unhappy_delivery',
      'negative_review_30d',
      'risk_words_used',
    ])
      expect(angry).toContain(key);
    expect(angry).not.toContain('loyal_praiser');
    const happy = await tagsOf('happy');
    expect(happy).toEqual(expect.arrayContaining(['loyal_praiser', 'praises_freshness']));
    expect(happy).not.toContain('negative_review_30d');

    // the reason names the text signal and its value
    const [reason] = await rows<{ reason: { values?: Record<string, unknown> } }>(
      t.app.database.pool,
      `SELECT c.reason FROM tag_changes c JOIN tag_definitions d ON d.id = c.tag_id
       WHERE d.key = 'heated_complaint' AND c.member_id = $1`,
      [await memberId('angry')],
    );
    expect(JSON.stringify(reason!.reason)).toContain('max_complaint_intensity_30d');
  });

  it('re-scores what an older model scored, resumably', async () => {
    await t.app.database.pool.query("UPDATE text_scores SET model_version = 'text-old'");
    expect(await queueOutdated(t.app.database.pool, analysisVersion())).toBe(5);
    // an interruption after two texts leaves exactly the other three outdated
    expect(await scoreQueuedTexts(t.app, 2)).toBe(2);
    expect(await count(t.app, "SELECT count(*) FROM text_scores WHERE model_version = 'text-old'")).toBe(3);
    // queueing again adds nothing already waiting; the rest drain
    expect(await queueOutdated(t.app.database.pool, analysisVersion())).toBe(0);
    expect(await drainTextQueue(t.app)).toBe(3);
    expect(
      await count(t.app, 'SELECT count(*) FROM text_scores WHERE model_version <> $1', [analysisVersion()]),
    ).toBe(0);
    const status = await http.call('GET', '/api/v1/texts/status');
    expect(status.body).toEqual({
      modelVersion: analysisVersion(),
      scored: 5,
      current: 5,
      outdated: 0,
      queued: 0,
    });
  });

  it('lets operators edit the risk lexicon, live without a restart', async () => {
    const op = await loginAs(t, http, 'operator1', ['operator']);
    const as = (method: string, path: string, body?: unknown) =>
      http.call(method, path, body, { cookie: op, 'x-api-key': '' });
    const before = await as('POST', '/api/v1/texts/analyze', { text: '又 是 烂*果，气死了' });
    expect(before.body.riskHits).toEqual([]);
    const added = await as('POST', '/api/v1/risk-terms', {
      term: '烂果',
      severity: 'medium',
      category: 'quality',
    });
    expect(added.status).toBe(201);
    const again = await as('POST', '/api/v1/risk-terms', {
      term: '烂果',
      severity: 'medium',
      category: 'quality',
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(added.body.id);
    const after = await as('POST', '/api/v1/texts/analyze', { text: '又 是 烂*果，气死了' });
    expect(after.body.riskHits).toEqual([{ term: '烂果', severity: 'medium' }]);
    // the scorer sees the same lexicon: a new text is scored with the new term
    await ingest([
      { id: 'r1', memberId: 'angry', type: 'complaint', occurredAt: hoursAgo(1), text: '又是烂果' },
    ]);
    await scoreQueuedTexts(t.app);
    const [r1] = await rows<{ hits: unknown }>(
      t.app.database.pool,
      "SELECT s.risk_hits AS hits FROM text_scores s JOIN events e ON e.id = s.event_id WHERE e.external_id = 'r1'",
    );
    expect(r1!.hits).toEqual([{ term: '烂果', severity: 'medium' }]);
    // disabling is undo-safe
    expect((await as('DELETE', `/api/v1/risk-terms/${added.body.id}`)).body.enabled).toBe(false);
    expect((await as('POST', '/api/v1/texts/analyze', { text: '烂果' })).body.riskHits).toEqual([]);
    expect((await as('POST', `/api/v1/risk-terms/${added.body.id}/restore`)).body.enabled).toBe(true);
    expect((await as('POST', '/api/v1/texts/analyze', { text: '烂果' })).body.riskHits).toHaveLength(1);
    // the shipped terms are there, searchable through spacing and traditional characters
    const found = await as('GET', '/api/v1/risk-terms?q=' + encodeURIComponent('食 物 中 毒'));
    expect(found.body.items.map((x: { term: string }) => x.term)).toContain('食物中毒');
    const bad = await as('POST', '/api/v1/risk-terms', { term: ' ** ', severity: 'high' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('text.term_empty');
    const audited = await count(t.app, "SELECT count(*) FROM audit_log WHERE entity = 'risk_terms'");
    expect(audited).toBe(3); // create, disable, enable
  });

  it('filters texts for the explorer and counts negatives per aspect and week', async () => {
    const page = await listTexts(t.ctx, { aspect: 'delivery', polarity: 'negative' }, { limit: 10 });
    expect(page.items.map((i) => i.text)).toEqual(['菜很新鲜但是配送太慢了，等了两个小时']);
    const negative = await http.call('GET', '/api/v1/texts?sentiment=negative&limit=2');
    expect(negative.body.items).toHaveLength(2);
    expect(negative.body.nextCursor).not.toBeNull(); // a1, a2 and r1 are negative
    const rest = await http.call(
      'GET',
      `/api/v1/texts?sentiment=negative&limit=2&cursor=${negative.body.nextCursor}`,
    );
    const all = [...negative.body.items, ...rest.body.items].map((i: { eventId: string }) => i.eventId);
    expect(new Set(all).size).toBe(all.length); // pages do not overlap
    expect(all.length).toBe(await count(t.app, 'SELECT count(*) FROM text_scores WHERE label = 0'));
    const words = await http.call('GET', '/api/v1/texts?q=' + encodeURIComponent('草莓'));
    expect(words.body.items).toHaveLength(1);
    const pct = await http.call('GET', '/api/v1/texts?q=' + encodeURIComponent('100%'));
    expect(pct.body.items).toHaveLength(0); // LIKE wildcards are taken literally
    const trend = await textTrend(t.ctx, {});
    expect(trend.totals.texts).toBe(6);
    expect(trend.totals.negative).toBe(
      await count(t.app, 'SELECT count(*) FROM text_scores WHERE label = 0'),
    );
    expect(trend.totals.aspects.delivery).toEqual({ mentioned: 1, negative: 1 });
    expect(trend.totals.aspects.freshness.mentioned).toBeGreaterThanOrEqual(4);
    expect(trend.weeks.reduce((n, w) => n + w.texts, 0)).toBe(6);
  });

  it('shows a leader only the texts of their communities', async () => {
    const cookie = await loginAs(t, http, 'leader1', ['leader'], ['com_nowhere']);
    const res = await http.call('GET', '/api/v1/texts', undefined, { cookie, 'x-api-key': '' });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it('scores messages members write in community groups too', async () => {
    const res = await ingest([
      {
        id: 'g1',
        memberId: 'grouper',
        type: 'group_message',
        occurredAt: hoursAgo(2),
        text: '今天的菜又晚到了，配送太慢',
      },
    ]);
    expect(res.body.accepted).toBe(1);
    await scoreQueuedTexts(t.app);
    const page = await http.call('GET', '/api/v1/texts?source=group_message');
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0]).toMatchObject({ source: 'group_message', label: 0 });
    expect(page.body.items[0].aspects).toContainEqual({ aspect: 'delivery', polarity: -1 });
  });
});
