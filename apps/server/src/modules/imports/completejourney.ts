import { createHash, type Hash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { BatchResult, ProductInput } from '@linli/contracts';
import { cliCtx, type App, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { importRuns } from '../../platform/platform.schema.ts';
import { upsertProducts } from '../catalog/index.ts';
import { ingestOrders } from '../commerce/index.ts';
import { upsertCommunities, upsertPickupPoints } from '../communities/index.ts';
import { ingestMembers } from '../members/index.ts';
import { cjLine, cjMember, cjOrder, cjProduct, cjStore, type Txn } from './cj-mapping.ts';
import { RejectionReport } from './report.ts';
import { openTabular } from './tabular.ts';

/**
 * `linli import completejourney DIR`: loads the Complete Journey sample (see cj-mapping.ts for how
 * each file maps) in dependency order: stores, products, households, baskets. Every item is keyed
 * by its external id, so a re-run stores nothing new and reports everything as duplicates.
 * Coupon redemptions and campaigns are not loaded: no event type means "coupon redeemed", and the
 * loyalty module can load them later.
 */
export interface CjOptions {
  reportFile?: string | undefined;
  progress?: boolean | undefined;
  batchSize?: number | undefined;
}

export interface EntityCounts {
  received: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

export interface CompleteJourneySummary {
  runId: string;
  dir: string;
  transactionLines: number;
  communities: EntityCounts;
  pickupPoints: EntityCounts;
  products: EntityCounts;
  members: EntityCounts;
  orders: EntityCounts;
  skipped: {
    /** lines with quantity 0 (voids and coupon lines): no order item can have quantity 0 */
    zeroQuantityLines: number;
    /** baskets made only of such lines */
    zeroQuantityBaskets: number;
    couponRedemptions: number;
  };
  /** products in the transactions but not in products.csv, imported as `other` */
  productsMissingFromCatalogue: number;
  reportFile: string;
  elapsedMs: number;
  linesPerSecond: number;
}

interface Sendable {
  item: unknown;
  /** the item's first line in its source file, for the report */
  row: number;
  key: string;
}

/** Streams a CSV of the data set as objects keyed by its header; adds the file's hash to `hash`. */
async function* readCsv(
  file: string,
  hash: Hash,
): AsyncGenerator<{ row: number; get: (col: string) => string }> {
  const tab = await openTabular(file);
  let header: Map<string, number> | null = null;
  for await (const { rowNumber, cells } of tab.rows) {
    if (!header) {
      header = new Map(cells.map((c, i) => [c.trim(), i]));
      continue;
    }
    const h = header;
    if (cells.length === 1 && cells[0] === '') continue;
    yield { row: rowNumber, get: (col) => (cells[h.get(col) ?? -1] ?? '').trim() };
  }
  hash.update(await tab.sha256());
}

async function sendAll(
  ctx: Ctx,
  ingest: (ctx: Ctx, items: unknown[]) => Promise<BatchResult>,
  entity: string,
  report: RejectionReport,
  batchSize: number,
  list: Sendable[],
): Promise<EntityCounts> {
  const counts: EntityCounts = { received: 0, accepted: 0, duplicates: 0, rejected: 0 };
  for (let i = 0; i < list.length; i += batchSize) {
    const chunk = list.slice(i, i + batchSize);
    const result = await ingest(
      ctx,
      chunk.map((c) => c.item),
    );
    counts.received += result.received;
    counts.accepted += result.accepted;
    counts.duplicates += result.duplicates;
    counts.rejected += new Set(result.rejected.map((p) => p.index)).size;
    await report.add(
      result.rejected.map((p) => ({
        row: chunk[p.index]?.row ?? 0,
        field: p.field,
        reason: p.reason,
        code: p.code,
        cells: [entity, chunk[p.index]?.key ?? ''],
      })),
    );
  }
  return counts;
}

async function readTransactions(file: string, hash: Hash): Promise<Txn[]> {
  const txns: Txn[] = [];
  for await (const r of readCsv(file, hash)) {
    txns.push({
      row: r.row,
      household: r.get('household_id'),
      store: r.get('store_id'),
      basket: r.get('basket_id'),
      product: r.get('product_id'),
      quantity: r.get('quantity'),
      salesValue: r.get('sales_value'),
      retailDisc: r.get('retail_disc'),
      couponDisc: r.get('coupon_disc'),
      couponMatchDisc: r.get('coupon_match_disc'),
      timestamp: r.get('transaction_timestamp'),
    });
  }
  return txns;
}

export async function importCompleteJourney(
  app: App,
  dir: string,
  opts: CjOptions = {},
): Promise<CompleteJourneySummary> {
  const started = Date.now();
  const root = path.resolve(dir);
  const txFile = path.join(root, 'transactions_sample.csv');
  const productsFile = path.join(root, 'products.csv');
  for (const f of [txFile, productsFile]) {
    if (!existsSync(f)) {
      throw new AppError(
        'not_found',
        'import.cj_missing_file',
        `${f} not found: is ${root} the completejourney folder?`,
      );
    }
  }
  const ctx = cliCtx(app, 'import');
  const runId = newId('imp');
  const batchSize = Math.min(Math.max(opts.batchSize ?? 2000, 1), 10_000);
  const reportFile = path.resolve(
    opts.reportFile ?? path.join(app.config.dataDir, 'imports', 'completejourney.rejected.csv'),
  );
  await app.db.insert(importRuns).values({
    id: runId,
    kind: 'completejourney',
    fileName: path.basename(root),
    fileSha256: '',
    status: 'running',
    startedAt: new Date(started),
  });
  const report = new RejectionReport(reportFile, ['entity', 'external_id']);
  const hash = createHash('sha256');
  const say = (msg: string) => {
    if (opts.progress && process.stderr.isTTY) process.stderr.write(`completejourney: ${msg}\n`);
  };
  try {
    // The sample has 75,000 lines: held in memory to derive members, home stores and prices.
    const txns = await readTransactions(txFile, hash);
    const households = new Map<string, { first: Txn; baskets: Map<string, Set<string>> }>();
    const baskets = new Map<string, Txn[]>();
    const prices = new Map<string, number[]>();
    let zeroQuantityLines = 0;
    for (const t of txns) {
      const h = households.get(t.household) ?? { first: t, baskets: new Map<string, Set<string>>() };
      if (t.timestamp < h.first.timestamp) h.first = t;
      h.baskets.set(t.store, (h.baskets.get(t.store) ?? new Set()).add(t.basket));
      households.set(t.household, h);
      const basket = baskets.get(t.basket);
      if (basket) basket.push(t);
      else baskets.set(t.basket, [t]);
      const line = cjLine(t);
      if (!line) zeroQuantityLines++;
      else if (prices.has(t.product)) prices.get(t.product)!.push(line.unitPriceFen);
      else prices.set(t.product, [line.unitPriceFen]);
    }
    say(
      `${txns.length} lines: ${households.size} households, ${baskets.size} baskets, ${prices.size} products`,
    );

    const stores = [...new Set(txns.map((t) => t.store))].sort((a, b) => Number(a) - Number(b)).map(cjStore);
    const communities = await sendAll(
      ctx,
      upsertCommunities,
      'community',
      report,
      batchSize,
      stores.map((s) => ({ item: s.community, row: 0, key: s.community.id })),
    );
    const pickupPoints = await sendAll(
      ctx,
      upsertPickupPoints,
      'pickup_point',
      report,
      batchSize,
      stores.map((s) => ({ item: s.pickupPoint, row: 0, key: s.pickupPoint.id })),
    );
    say(`${stores.length} stores loaded`);

    const catalogue = new Map<string, { item: ProductInput; row: number }>();
    for await (const r of readCsv(productsFile, hash)) {
      const id = r.get('product_id');
      const seen = prices.get(id);
      if (!seen) continue; // only products that were bought
      const row = {
        productId: id,
        department: r.get('department'),
        brand: r.get('brand'),
        productCategory: r.get('product_category'),
        productType: r.get('product_type'),
        packageSize: r.get('package_size'),
      };
      catalogue.set(id, { item: cjProduct(id, row, seen), row: r.row });
    }
    let productsMissingFromCatalogue = 0;
    for (const [id, seen] of prices) {
      if (catalogue.has(id)) continue;
      productsMissingFromCatalogue++;
      catalogue.set(id, { item: cjProduct(id, null, seen), row: 0 });
    }
    const products = await sendAll(
      ctx,
      upsertProducts,
      'product',
      report,
      batchSize,
      [...catalogue.values()].map(({ item, row }) => ({ item, row, key: item.sku })),
    );
    say(`${products.received} products loaded`);

    const members = await sendAll(
      ctx,
      ingestMembers,
      'member',
      report,
      batchSize,
      [...households].map(([hh, h]) => ({
        item: cjMember(hh, h.first, h.baskets),
        row: h.first.row,
        key: `cj-h-${hh}`,
      })),
    );
    say(`${members.received} members loaded`);

    let zeroQuantityBaskets = 0;
    const orders: Sendable[] = [];
    for (const [basket, lines] of baskets) {
      const order = cjOrder(basket, lines);
      if (order) orders.push({ item: order, row: lines[0]!.row, key: order.id });
      else zeroQuantityBaskets++;
    }
    const orderCounts = await sendAll(ctx, ingestOrders, 'order', report, batchSize, orders);
    say(`${orderCounts.received} orders loaded`);

    const couponFile = path.join(root, 'coupon_redemptions.csv');
    let couponRedemptions = 0;
    if (existsSync(couponFile))
      for await (const _ of readCsv(couponFile, createHash('sha256'))) couponRedemptions++;

    await report.close();
    const elapsedMs = Date.now() - started;
    const all = [communities, pickupPoints, products, members, orderCounts];
    const rejected = all.reduce((s, c) => s + c.rejected, 0);
    await app.db
      .update(importRuns)
      .set({
        fileSha256: hash.digest('hex'),
        status: 'done',
        total: txns.length,
        accepted: orderCounts.accepted,
        rejected,
        reportPath: reportFile,
        finishedAt: new Date(),
      })
      .where(eq(importRuns.id, runId));
    app.log.info(
      { runId, elapsedMs },
      `completejourney: ${stores.length} stores, ${products.received} products, ${members.received} households, ` +
        `${orders.length} baskets (${orderCounts.accepted} new or changed, ${orderCounts.duplicates} unchanged); ${rejected} rejected; ` +
        `skipped ${zeroQuantityLines} zero-quantity lines and ${couponRedemptions} coupon redemptions; report ${reportFile}`,
    );
    return {
      runId,
      dir: root,
      transactionLines: txns.length,
      communities,
      pickupPoints,
      products,
      members,
      orders: orderCounts,
      skipped: { zeroQuantityLines, zeroQuantityBaskets, couponRedemptions },
      productsMissingFromCatalogue,
      reportFile,
      elapsedMs,
      linesPerSecond: Math.round(txns.length / Math.max(elapsedMs / 1000, 0.001)),
    };
  } catch (err) {
    await report.close().catch(() => undefined);
    await app.db
      .update(importRuns)
      .set({ status: 'failed', reportPath: reportFile, finishedAt: new Date() })
      .where(eq(importRuns.id, runId))
      .catch(() => undefined);
    throw err;
  }
}
