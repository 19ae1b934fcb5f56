import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changedMembers,
  clearChangedMembers,
  markChangedMembers,
} from '../src/platform/db/changed-members.ts';
import { count, createTestApp, type TestApp } from './harness.ts';

/**
 * Writers mark members while the freshness loop clears the marks it has covered. On PostgreSQL the
 * two used to lock the same rows in different orders and deadlock, failing an ingest request.
 */
describe('changed-member marks under concurrent marking and clearing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('never fails a mark, and keeps every mark newer than the clear', async () => {
    const ids = Array.from({ length: 4000 }, (_, i) => `mbr_${(i * 7919) % 10000}`.padEnd(12, 'x'));
    const pool = t.app.database.pool;
    for (let round = 0; round < 15; round++) {
      // stored in reverse order, as marks arriving over time leave them: the table's physical order
      // is then not the members' order
      const sorted = [...ids].sort();
      for (let i = sorted.length; i > 0; i -= 100)
        await markChangedMembers(pool, sorted.slice(Math.max(0, i - 100), i));
      const startedAt = new Date();
      const shuffled = [...ids].sort(() => Math.random() - 0.5);
      await Promise.all([
        clearChangedMembers(pool, shuffled, startedAt),
        markChangedMembers(pool, shuffled.slice(0, 2000)),
        markChangedMembers(pool, shuffled.slice(1000, 3000)),
        clearChangedMembers(pool, shuffled.slice(0, 2500), startedAt),
      ]);
      // marks written after the clear started survive it
      const left = new Set(await changedMembers(pool, 10000));
      for (const id of shuffled.slice(0, 3000)) expect(left.has(id)).toBe(true);
      await clearChangedMembers(pool, ids, new Date());
      expect(await count(t.app, 'SELECT count(*) FROM changed_members')).toBe(0);
    }
  });
});
