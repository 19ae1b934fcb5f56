import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, createTestApp, type TestApp } from '../../../test/harness.ts';
import { importCompleteJourney } from './completejourney.ts';
import { roundToFen } from './values.ts';

// the shared data sets live beside the repository: <repo>/../shared/data
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const dir = path.resolve(repoRoot, '../shared/data/transactions/completejourney');
const present = existsSync(path.join(dir, 'transactions_sample.csv'));
if (!present)
  console.warn(
    `skipping the Complete Journey import test: ${dir} not found (the shared data sets are not checked out)`,
  );

describe.skipIf(!present)('importCompleteJourney (real data)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it(
    'loads households, stores, products and baskets, matching the source counts, and is idempotent',
    { timeout: 600_000 },
    async () => {
      const lines = parse(readFileSync(path.join(dir, 'transactions_sample.csv')), {
        columns: true,
      }) as Array<Record<string, string>>;
      const households = new Set(lines.map((l) => l.household_id));
      const stores = new Set(lines.map((l) => l.store_id));
      const baskets = new Set(lines.map((l) => l.basket_id));
      const sold = lines.filter((l) => Number(l.quantity) > 0);
      const basketsWithGoods = new Set(sold.map((l) => l.basket_id));
      const paid = new Map<string, number>();
      for (const l of sold)
        paid.set(
          l.basket_id!,
          (paid.get(l.basket_id!) ?? 0) + roundToFen(l.sales_value!)! - roundToFen(l.coupon_disc!)!,
        );
      const paidTotal = [...paid.values()].reduce((s, v) => s + Math.max(v, 0), 0);

      const s = await importCompleteJourney(t.app, dir, { progress: false });
      expect(s.transactionLines).toBe(lines.length);
      expect(s.members).toEqual({
        received: households.size,
        accepted: households.size,
        duplicates: 0,
        rejected: 0,
      });
      expect(s.communities.accepted).toBe(stores.size);
      expect(s.orders).toEqual({
        received: basketsWithGoods.size,
        accepted: basketsWithGoods.size,
        duplicates: 0,
        rejected: 0,
      });
      // every basket is either imported or skipped because all its lines have quantity 0
      expect(s.orders.received + s.skipped.zeroQuantityBaskets).toBe(baskets.size);
      expect(s.skipped.zeroQuantityLines).toBe(lines.length - sold.length);
      expect(s.products.rejected).toBe(0);

      expect(
        await count(t.app, `SELECT count(*) FROM members WHERE external_id LIKE 'cj-h-%' AND NOT is_stub`),
      ).toBe(households.size);
      expect(await count(t.app, `SELECT count(*) FROM orders WHERE external_id LIKE 'cj-b-%'`)).toBe(
        basketsWithGoods.size,
      );
      expect(await count(t.app, `SELECT count(*) FROM order_items`)).toBe(sold.length);
      expect(await count(t.app, `SELECT count(*) FROM communities WHERE external_id LIKE 'cj-store-%'`)).toBe(
        stores.size,
      );
      expect(await count(t.app, `SELECT count(*) FROM pickup_points`)).toBe(stores.size);
      expect(await count(t.app, `SELECT sum(paid_fen) FROM orders`)).toBe(paidTotal);
      // 2017-01-01 07:30:27 in the data reads as Shanghai time
      expect(
        await count(t.app, `SELECT count(*) FROM orders WHERE placed_at = '2017-01-01T07:30:27+08:00'`),
      ).toBeGreaterThan(0);

      const again = await importCompleteJourney(t.app, dir, { progress: false });
      for (const c of [again.members, again.orders, again.products, again.communities, again.pickupPoints]) {
        expect(c.accepted).toBe(0);
        expect(c.duplicates).toBe(c.received);
      }
      expect(await count(t.app, `SELECT count(*) FROM orders`)).toBe(basketsWithGoods.size);
      expect(
        await count(
          t.app,
          `SELECT count(*) FROM import_runs WHERE kind = 'completejourney' AND status = 'done'`,
        ),
      ).toBe(2);
    },
  );
});
