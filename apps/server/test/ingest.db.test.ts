import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, createTestApp, type TestApp } from './harness.ts';
import { startHttp, type Http } from './http.ts';

let t: TestApp;
let http: Http;

beforeAll(async () => {
  t = await createTestApp({ LINLI_BODY_LIMIT_MB: '1' });
  http = await startHttp(t);
});
afterAll(async () => {
  await http?.close();
  await t?.close();
});

const ev = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  memberId: 'm1',
  type: 'app_open',
  occurredAt: '2026-10-01T08:00:00+08:00',
  ...extra,
});
const order = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  memberId: 'm-new',
  placedAt: '2026-10-02 20:15:00',
  items: [{ sku: 'veg-1', quantity: 2, unitPriceFen: 350 }],
  ...extra,
});

describe('ingestion API', () => {
  it('needs an API key with the ingest scope', async () => {
    const res = await fetch(`${http.base}/api/v1/ingest/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"items":[]}',
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('auth.required');
    const bad = await http.call('POST', '/api/v1/ingest/events', { items: [] }, { 'x-api-key': 'lk_nope' });
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('auth.api_key_invalid');
  });

  it('stores valid events, rejects bad ones with index, field and reason, and never duplicates on retry', async () => {
    const batch = {
      items: [
        ev('e1'),
        ev('e2', { type: 'teleport' }),
        ev('e3', { occurredAt: '2099-01-01T00:00:00Z' }),
        { memberId: 'm1', type: 'app_open', occurredAt: '2026-10-01T08:00:00Z' },
        ev('e1'),
        ev('e4', { type: 'content_view', dwellMs: 1500 }),
        ev('e5', { dwellMs: 10 }),
        ev('e6', { type: 'review', rating: 5, text: '菜很新鲜' }),
      ],
    };
    const first = await http.call('POST', '/api/v1/ingest/events', batch);
    expect(first.status).toBe(200);
    expect(first.body.accepted).toBe(3);
    const byIndex = Object.fromEntries(first.body.rejected.map((r: { index: number }) => [r.index, r]));
    expect(byIndex[1].code).toBe('activity.event_type_unknown');
    expect(byIndex[1].reason).toContain('content_view');
    expect(byIndex[2].code).toBe('activity.occurred_at_in_future');
    expect(byIndex[3]).toMatchObject({ field: 'id', code: 'activity.id_missing' });
    expect(byIndex[4].code).toBe('activity.duplicate_in_batch');
    expect(byIndex[6].code).toBe('activity.dwell_ms_not_applicable');
    const retry = await http.call('POST', '/api/v1/ingest/events', batch);
    expect(retry.body.accepted).toBe(0);
    expect(retry.body.duplicates).toBe(3);
    expect(await count(t.app, 'SELECT count(*) FROM events')).toBe(3);
    // the unknown member became a stub, not a dropped event
    expect(await count(t.app, "SELECT count(*) FROM members WHERE external_id = 'm1' AND is_stub")).toBe(1);
  });

  it('stores an event once when it is resent with another timestamp, in another month', async () => {
    const first = await http.call('POST', '/api/v1/ingest/events', {
      items: [ev('moved', { occurredAt: '2026-09-30T23:30:00Z' })],
    });
    expect(first.body).toMatchObject({ accepted: 1, duplicates: 0 });
    // reformatted, shifted by hours and by months: the id alone decides
    for (const occurredAt of [
      '2026-10-01T07:30:00+08:00',
      '2026-10-01T09:00:00+08:00',
      '2026-07-04T12:00:00Z',
    ]) {
      const resend = await http.call('POST', '/api/v1/ingest/events', {
        items: [ev('moved', { occurredAt }), ev(`new-${occurredAt}`, { occurredAt })],
      });
      expect(resend.body, occurredAt).toMatchObject({ accepted: 1, duplicates: 1 });
    }
    expect(await count(t.app, "SELECT count(*) FROM events WHERE external_id = 'moved'")).toBe(1);
    expect(
      await count(
        t.app,
        "SELECT count(*) FROM events WHERE occurred_at = '2026-09-30T23:30:00Z' AND external_id = 'moved'",
      ),
    ).toBe(1);
  });

  it('stores an event once when concurrent batches carry it with different timestamps', async () => {
    const months = [
      '2026-06-10T08:00:00Z',
      '2026-07-10T08:00:00Z',
      '2026-08-10T08:00:00Z',
      '2026-09-10T08:00:00Z',
    ];
    const results = await Promise.all(
      months.map((occurredAt, b) =>
        http.call('POST', '/api/v1/ingest/events', {
          items: Array.from({ length: 500 }, (_, i) => ev(`race-${(i + b * 125) % 600}`, { occurredAt })),
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(results.reduce((s, r) => s + r.body.accepted, 0)).toBe(600);
    expect(await count(t.app, "SELECT count(*) FROM events WHERE external_id LIKE 'race-%'")).toBe(600);
    expect(await count(t.app, "SELECT count(DISTINCT id) FROM events WHERE external_id LIKE 'race-%'")).toBe(
      600,
    );
  });

  it('keeps event_ids in step with the events stored', async () => {
    expect(
      await count(
        t.app,
        'SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_ids i WHERE i.id = e.id)',
      ),
    ).toBe(0);
    expect(await count(t.app, 'SELECT count(*) FROM event_ids')).toBe(
      await count(t.app, 'SELECT count(DISTINCT id) FROM events'),
    );
  });

  it('rejects malformed JSON, wrong shapes, oversized bodies and too many items without a 5xx', async () => {
    const malformed = await http.call('POST', '/api/v1/ingest/events', '{"items": [');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('request.json_invalid');
    expect(malformed.body.requestId).toBeTruthy();
    const wrong = await http.call('POST', '/api/v1/ingest/events', { items: 'nope' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('request.invalid');
    const big = await http.call('POST', '/api/v1/ingest/events', {
      items: [ev('x', { properties: { pad: 'x'.repeat(1_200_000) } })],
    });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('request.too_large');
    const many = await http.call('POST', '/api/v1/ingest/events', {
      items: Array.from({ length: 10_001 }, () => 1),
    });
    expect(many.status).toBe(413);
    expect(many.body.code).toBe('ingest.batch_too_large');
  });

  it('ingests orders in integer fen, creates member stubs, and rejects bad money', async () => {
    const res = await http.call('POST', '/api/v1/ingest/orders', {
      items: [
        order('o1'),
        order('o2', { items: [{ sku: 'veg-1', quantity: 1, unitPriceFen: 99.5 }] }),
        order('o3', { items: [{ sku: 'veg-1', quantity: 1, unitPriceFen: -10 }] }),
        order('o4', { discountFen: 10_000 }),
        order('o5', {
          refunds: [{ id: 'r1', amountFen: 200, reason: '坏果', at: '2026-10-03T10:00:00+08:00' }],
        }),
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(2);
    const codes = res.body.rejected.map((r: { index: number; code: string }) => `${r.index}:${r.code}`);
    expect(codes).toEqual([
      '1:commerce.unit_price_fen_invalid',
      '2:commerce.unit_price_fen_invalid',
      '3:commerce.discount_too_large',
    ]);
    const { rows } = await t.app.database.pool.query(
      'SELECT external_id, status, paid_fen, refunded_fen, placed_at FROM orders ORDER BY external_id',
    );
    expect(rows).toEqual([
      {
        external_id: 'o1',
        status: 'paid',
        paid_fen: 700,
        refunded_fen: 0,
        placed_at: new Date('2026-10-02T12:15:00Z'),
      },
      {
        external_id: 'o5',
        status: 'partially_refunded',
        paid_fen: 700,
        refunded_fen: 200,
        placed_at: new Date('2026-10-02T12:15:00Z'),
      },
    ]);
    // a later call with the rest of the refund completes it; a retry changes nothing
    const more = {
      items: [
        order('o5', {
          refunds: [{ id: 'r2', amountFen: 500, reason: '缺斤少两', at: '2026-10-03T11:00:00+08:00' }],
        }),
      ],
    };
    expect((await http.call('POST', '/api/v1/ingest/orders', more)).body.accepted).toBe(1);
    expect((await http.call('POST', '/api/v1/ingest/orders', more)).body).toMatchObject({
      accepted: 0,
      duplicates: 1,
    });
    expect(await count(t.app, "SELECT refunded_fen FROM orders WHERE external_id = 'o5'")).toBe(700);
    expect(
      await count(t.app, "SELECT count(*) FROM orders WHERE external_id = 'o5' AND status = 'refunded'"),
    ).toBe(1);
    expect(await count(t.app, 'SELECT count(*) FROM order_items')).toBe(2);
    expect(await count(t.app, "SELECT count(*) FROM members WHERE external_id = 'm-new' AND is_stub")).toBe(
      1,
    );
    expect(await count(t.app, "SELECT count(*) FROM products WHERE sku = 'veg-1' AND is_stub")).toBe(1);
  });

  it('ingests members with encrypted phones, completes stubs, and rejects invalid numbers', async () => {
    const res = await http.call('POST', '/api/v1/ingest/members', {
      items: [
        {
          id: 'm-new',
          phone: '+86 138-1234-5678',
          nickname: '张阿姨',
          gender: 'female',
          consents: [{ channel: 'sms', granted: true }],
        },
        { id: 'm2', phone: '12345678901' },
        { id: 'm3', phone: '13812345678' },
        { id: 'm4', birthday: '1990-02-30' },
      ],
    });
    expect(res.body.accepted).toBe(1);
    expect(res.body.rejected.map((r: { code: string }) => r.code)).toEqual([
      'members.phone_invalid',
      'members.phone_taken',
      'members.birthday_invalid',
    ]);
    const { rows } = await t.app.database.pool.query(
      "SELECT phone_enc, phone_masked, is_stub FROM members WHERE external_id = 'm-new'",
    );
    expect(rows[0].phone_masked).toBe('138****5678');
    expect(rows[0].phone_enc).not.toContain('13812345678');
    expect(rows[0].is_stub).toBe(false);
    const list = await http.call('GET', '/api/v1/members?q=13812345678');
    expect(list.body.items).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain('13812345678');
    expect(list.body.items[0].phone).toBe('138****5678');
  });

  it('stores concurrent batches naming the same new members in different orders, without deadlock', async () => {
    const members = Array.from({ length: 2000 }, (_, i) => `shared-${i}`);
    const batch = (b: number) => ({
      items: (b % 2 ? [...members].reverse() : members).map((m, i) => ({
        id: `cc-${b}-${i}`,
        memberId: m,
        type: 'view_product',
        occurredAt: '2026-09-15T12:00:00+08:00',
      })),
    });
    const results = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((b) => http.call('POST', '/api/v1/ingest/events', batch(b))),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(results.map((r) => r.body.accepted)).toEqual([2000, 2000, 2000, 2000, 2000, 2000]);
    expect(await count(t.app, "SELECT count(*) FROM members WHERE external_id LIKE 'shared-%'")).toBe(2000);
    expect(await count(t.app, "SELECT count(*) FROM events WHERE external_id LIKE 'cc-%'")).toBe(12000);
  });

  it('serves OpenAPI generated from the schemas and health checks', async () => {
    const spec = await http.call('GET', '/api/openapi.json');
    expect(spec.status).toBe(200);
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/ingest/events', '/api/v1/ingest/orders', '/api/v1/ingest/members']),
    );
    expect((await http.call('GET', '/readyz')).body.status).toBe('ready');
    expect((await http.call('GET', '/api/v1/nope')).body.code).toBe('http.not_found');
  });
});
