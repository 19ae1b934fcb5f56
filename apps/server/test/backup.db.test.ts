import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestEvents } from '../src/modules/activity/index.ts';
import { backup, restore } from '../src/platform/db/backup.ts';
import { count, createTestApp, type TestApp } from './harness.ts';
import { startHttp, type Http } from './http.ts';

let source: TestApp;
let target: TestApp;
let http: Http;

beforeAll(async () => {
  source = await createTestApp();
  target = await createTestApp();
  http = await startHttp(source);
  await http.call('POST', '/api/v1/ingest/members', {
    items: [
      {
        id: 'm1',
        phone: '13812345678',
        nickname: '王 "老" 师\t\\',
        birthday: '1960-05-01',
        consents: [{ channel: 'sms', granted: true }],
      },
    ],
  });
  await http.call('POST', '/api/v1/ingest/orders', {
    items: [
      {
        id: 'o1',
        memberId: 'm1',
        placedAt: '2026-09-01T10:00:00+08:00',
        items: [{ sku: 's1', quantity: 0.25, unitPriceFen: 1999 }],
      },
    ],
  });
  await http.call('POST', '/api/v1/ingest/events', {
    items: [
      {
        id: 'e1',
        memberId: 'm1',
        type: 'review',
        rating: 2,
        text: '草莓有点烂\n下次注意',
        occurredAt: '2026-08-31T23:59:59.123+08:00',
        properties: { k: [1, null] },
      },
      { id: 'e2', memberId: 'm1', type: 'app_open', occurredAt: '2026-10-01T00:00:00Z' },
    ],
  });
});
afterAll(async () => {
  await http?.close();
  await source?.close();
  await target?.close();
});

async function snapshot(t: TestApp): Promise<Record<string, string[]>> {
  const tables = [
    'members',
    'member_consents',
    'orders',
    'order_items',
    'products',
    'events',
    'audit_log',
    'api_keys',
    'categories',
  ];
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const { rows } = await t.app.database.pool.query(`SELECT x::text AS r FROM ${table} x ORDER BY 1`);
    out[table] = rows.map((r) => r.r as string);
  }
  return out;
}

describe('backup and restore', () => {
  it('round-trips every row exactly into another database', async () => {
    const file = path.join(source.dir, 'b.jsonl.gz');
    const counts = await backup(source.app.database, file);
    expect(counts.events).toBe(2);
    await restore(target.app.database, file);
    expect(await snapshot(target)).toEqual(await snapshot(source));
    // sequences continue after restored ids
    await target.app.database.pool.query(
      "INSERT INTO audit_log (actor_type, action, entity) VALUES ('system', 'x', 'y')",
    );
    // the restored phone decrypts with the same key material only: the ciphertext itself survived
    const { rows } = await target.app.database.pool.query(
      "SELECT phone_masked FROM members WHERE external_id = 'm1'",
    );
    expect(rows[0].phone_masked).toBe('138****5678');
  });

  it('rebuilds the event ids on restore, so a resent event is still a duplicate', async () => {
    const file = path.join(source.dir, 'dedup.jsonl.gz');
    const saved = await backup(source.app.database, file);
    expect(saved.event_ids).toBeUndefined(); // derived from events, not part of the file
    const restored = await restore(target.app.database, file);
    expect(restored.event_ids).toBe(2);
    const resent = await ingestEvents(target.ctx, [
      { id: 'e1', memberId: 'm1', type: 'review', rating: 2, occurredAt: '2026-07-01T00:00:00Z' },
      { id: 'e2', memberId: 'm1', type: 'app_open', occurredAt: '2026-10-01T00:00:00.001Z' },
      { id: 'e3', memberId: 'm1', type: 'app_open', occurredAt: '2026-10-02T00:00:00Z' },
    ]);
    expect(resent).toMatchObject({ accepted: 1, duplicates: 2 });
    expect(await count(target.app, "SELECT count(*) FROM events WHERE external_id IN ('e1', 'e2')")).toBe(2);
    // restoring again replaces the ids as well: e3 is gone, and can be sent anew
    await restore(target.app.database, file);
    expect(await count(target.app, 'SELECT count(*) FROM event_ids')).toBe(2);
    const again = await ingestEvents(target.ctx, [
      { id: 'e3', memberId: 'm1', type: 'app_open', occurredAt: '2026-10-02T00:00:00Z' },
    ]);
    expect(again).toMatchObject({ accepted: 1, duplicates: 0 });
  });

  it('forgets cached member ids after a restore, so later events still get their member', async () => {
    const file = path.join(source.dir, 'before-mx.jsonl.gz');
    await backup(source.app.database, file);
    const event = (id: string) => ({
      id,
      memberId: 'mx',
      type: 'app_open',
      occurredAt: '2026-10-05T09:00:00+08:00',
    });
    await http.call('POST', '/api/v1/ingest/events', { items: [event('ex1')] });
    await restore(source.app.database, file); // mx is gone again
    await http.call('POST', '/api/v1/ingest/events', { items: [event('ex2')] });
    const { rows } = await source.app.database.pool.query(
      "SELECT count(*)::int AS n FROM members WHERE external_id = 'mx'",
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses a file that is not a Linli backup', async () => {
    const { writeFileSync } = await import('node:fs');
    const { gzipSync } = await import('node:zlib');
    const file = path.join(source.dir, 'bad.gz');
    writeFileSync(file, gzipSync('{"format":"other"}\n'));
    await expect(restore(target.app.database, file)).rejects.toThrow(/not a Linli backup/);
  });
});
