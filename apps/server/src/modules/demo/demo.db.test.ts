import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, createTestApp, type TestApp } from '../../../test/harness.ts';
import { decryptPii, lookupHash } from '../../platform/pii.ts';
import { ingestEvents } from '../activity/index.ts';
import { loadDemo, type DemoSummary } from './index.ts';

const now = new Date('2025-05-20T02:00:00Z');

describe('loading the demo community', () => {
  let t: TestApp;
  let summary: DemoSummary;
  let truthFile: string;
  const phases = new Set<string>();

  /** every index, constraint and index attachment of the schema, as PostgreSQL describes them */
  const schema = async () =>
    (
      await t.app.database.pool.query<{ r: string }>(
        `SELECT concat_ws(' | ', tablename, indexname, indexdef) AS r FROM pg_indexes WHERE schemaname = 'public'
         UNION ALL
         SELECT concat_ws(' | ', conrelid::regclass, conname, pg_get_constraintdef(oid), convalidated,
                          (SELECT p.conname FROM pg_constraint p WHERE p.oid = c.conparentid))
         FROM pg_constraint c WHERE connamespace = 'public'::regnamespace
         UNION ALL
         SELECT concat_ws(' | ', inhrelid::regclass, inhparent::regclass) FROM pg_inherits
         ORDER BY 1`,
      )
    ).rows.map((x) => x.r);
  let schemaBefore: string[];

  beforeAll(async () => {
    t = await createTestApp();
    truthFile = path.join(t.dir, 'truth.csv');
    // the months both demos below cover, made beforehand so their partitions' indexes are compared too
    for (const month of ['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01'])
      await t.app.database.pool.query('SELECT linli_ensure_event_partition($1::date)', [month]);
    schemaBefore = await schema();
    summary = await loadDemo(
      t.app.database,
      { members: 500, months: 3, seed: 11, now, keys: t.app.pii, truthFile },
      (p) => phases.add(p.phase),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores exactly what it reports, in every table', async () => {
    for (const [table, stats] of Object.entries(summary.tables)) {
      expect(await count(t.app, `SELECT count(*) FROM ${table}`), table).toBe(stats.rows);
    }
    expect(summary.tables.members.rows).toBe(500);
    expect(summary.tables.orders.rows).toBeGreaterThan(500);
    expect(summary.tables.events.rows).toBeGreaterThan(summary.tables.orders.rows);
    expect(summary.elapsedMs).toBeGreaterThan(0);
    expect([...phases]).toEqual(['prepare', 'catalogue', 'members', 'indexes', 'truth']);
  });

  it('builds the indexes and keys after loading an empty database, leaving the schema as it was', async () => {
    expect(summary.indexBuildMs).not.toBeNull();
    const after = await schema();
    expect(after.some((r) => r.startsWith('events_2025_03 | events_2025_03_pkey'))).toBe(true);
    expect(after).toEqual(schemaBefore);
  });

  it('keeps refunded amounts and statuses in line with the refunds', async () => {
    const wrong = await count(
      t.app,
      `SELECT count(*) FROM orders o
       LEFT JOIN (SELECT order_id, sum(amount_fen) AS fen FROM refunds GROUP BY order_id) r ON r.order_id = o.id
       WHERE o.refunded_fen <> coalesce(r.fen, 0)
          OR (o.refunded_fen = 0 AND o.status IN ('refunded', 'partially_refunded'))
          OR (o.refunded_fen > 0 AND o.status <> CASE WHEN o.refunded_fen >= o.paid_fen THEN 'refunded' ELSE 'partially_refunded' END)`,
    );
    expect(wrong).toBe(0);
    expect(
      await count(t.app, `SELECT count(*) FROM orders WHERE status = 'partially_refunded'`),
    ).toBeGreaterThan(0);
  });

  it('links rows by the ids the ingest API derives and keeps events inside the window', async () => {
    const orphans = await count(
      t.app,
      `SELECT (SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.id = o.member_id))
            + (SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.id = e.member_id))
            + (SELECT count(*) FROM order_items i WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = i.product_id))
            + (SELECT count(*) FROM members m WHERE m.referrer_id IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM members r WHERE r.id = m.referrer_id AND r.registered_at <= m.registered_at))`,
    );
    expect(orphans).toBe(0);
    const range = await t.app.database.pool.query<{ first: Date; last: Date }>(
      'SELECT min(occurred_at) AS first, max(occurred_at) AS last FROM events',
    );
    expect(range.rows[0]!.last.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(range.rows[0]!.first.getTime()).toBeGreaterThanOrEqual(Date.parse('2025-02-20T02:00:00Z'));
  });

  it('stores phones encrypted, with the lookup hash and a mask', async () => {
    const r = await t.app.database.pool.query<{
      phone_enc: string;
      phone_hash: string;
      phone_masked: string;
    }>(`SELECT phone_enc, phone_hash, phone_masked FROM members WHERE external_id = 'demo-m-000001'`);
    const row = r.rows[0]!;
    const phone = decryptPii(t.app.pii, row.phone_enc);
    expect(phone).toMatch(/^1[3-9]\d{9}$/);
    expect(row.phone_hash).toBe(lookupHash(t.app.pii, phone));
    expect(row.phone_masked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
  });

  it('writes the truth file: one row per stored member with its persona', async () => {
    const [header, ...rows] = readFileSync(truthFile, 'utf8').trim().split('\n');
    expect(header).toBe('member_id,persona');
    expect(rows).toHaveLength(500);
    expect(summary.truthRows).toBe(500);
    const ids = rows.map((line) => line.split(',')[0]!);
    expect(new Set(rows.map((line) => line.split(',')[1]))).toEqual(
      new Set(['silver', 'genz', 'new_middle']),
    );
    expect(await count(t.app, 'SELECT count(*) FROM members WHERE id = ANY($1::text[])', [ids])).toBe(500);
  });

  it('lists every demo event id for the duplicate check: a demo event sent again is not stored twice', async () => {
    expect(await count(t.app, 'SELECT count(*) FROM event_ids')).toBe(summary.tables.events.rows);
    const { rows } = await t.app.database.pool.query<{ id: string; member: string; type: string; at: Date }>(
      `SELECT e.external_id AS id, m.external_id AS member, e.type, e.occurred_at AS at
       FROM events e JOIN members m ON m.id = e.member_id WHERE e.type = 'app_open' ORDER BY e.external_id LIMIT 50`,
    );
    expect(rows).toHaveLength(50);
    // resent a month earlier, as a client with a clock error would
    const result = await ingestEvents(
      t.ctx,
      rows.map((r) => ({
        id: r.id,
        memberId: r.member,
        type: r.type,
        occurredAt: new Date(r.at.getTime() - 31 * 86_400_000).toISOString(),
      })),
    );
    expect(result).toMatchObject({ accepted: 0, duplicates: 50 });
    expect(await count(t.app, 'SELECT count(*) FROM events')).toBe(summary.tables.events.rows);
  });

  it('leaves the indexes and keys in place when a load into an empty database fails midway', async () => {
    const other = await createTestApp();
    try {
      const before = (
        await other.app.database.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = 'public'`,
        )
      ).rows[0]!.n;
      const failing = loadDemo(
        other.app.database,
        { members: 300, months: 2, seed: 5, now, keys: other.app.pii },
        (p) => {
          if (p.phase === 'members' && p.done > 0) throw new Error('interrupted');
        },
      );
      await expect(failing).rejects.toThrow('interrupted');
      expect(await count(other.app, 'SELECT count(*) FROM members')).toBe(0);
      const after = await other.app.database.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = 'public'`,
      );
      expect(after.rows[0]!.n).toBe(before);
      expect(
        await count(
          other.app,
          `SELECT count(*) FROM pg_constraint WHERE conname = 'order_items_order_id_orders_id_fk'`,
        ),
      ).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('refuses to load a second demo, and replaces the first one when asked', async () => {
    const options = { members: 200, months: 2, seed: 12, now, keys: t.app.pii };
    await expect(loadDemo(t.app.database, options)).rejects.toMatchObject({ code: 'demo.already_loaded' });
    expect(await count(t.app, 'SELECT count(*) FROM members')).toBe(500);

    // a member of the business itself, not of the demo: the tables are not empty, indexes stay
    await t.app.database.pool.query(
      "INSERT INTO members (id, external_id, is_stub) VALUES ('mbr_own', 'own-1', true)",
    );
    const replaced = await loadDemo(t.app.database, { ...options, replace: true });
    for (const [table, stats] of Object.entries(replaced.tables)) {
      const own = table === 'members' ? 1 : 0;
      expect(await count(t.app, `SELECT count(*) FROM ${table}`), table).toBe(stats.rows + own);
    }
    expect(replaced.tables.members.rows).toBe(200);
    expect(replaced.indexBuildMs).toBeNull();
    expect(await schema()).toEqual(schemaBefore);
  });
});
