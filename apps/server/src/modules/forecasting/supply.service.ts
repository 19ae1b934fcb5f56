import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { fetchRows, sql } from '../../platform/db/fragments.ts';
import { rows, withTransaction, type Queryable } from '../../platform/db/sql.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { listCategories, productFactsFragment, productIdOf } from '../catalog/index.ts';
import {
  economicsOf,
  type Economics,
  type ProductFacts,
  type SupplyDefault,
  type SupplyOverride,
} from './economics.ts';
import { numberOf, problemsFor, readInput, type ImportResult } from './table-input.ts';

/** Products with what the purchase policy knows of them; the console's supply editor reads this. */
export interface SupplyRow extends ProductFacts {
  own: SupplyOverride;
  effective: Economics;
}

export async function categoryDefaults(db: Queryable): Promise<Map<string, SupplyDefault>> {
  const list = await rows<{ code: string; loss: string; shelf: number; cost: string | null }>(
    db,
    `SELECT category_code AS code, loss_rate_pct AS loss, shelf_life_days AS shelf, cost_share_pct AS cost
     FROM supply_category_defaults`,
  );
  return new Map(
    list.map((d) => [
      d.code,
      {
        lossRatePct: Number(d.loss),
        shelfLifeDays: d.shelf,
        costSharePct: d.cost === null ? null : Number(d.cost),
      },
    ]),
  );
}

interface FactRow extends ProductFacts {
  loss: string | null;
  shelf: number | null;
  cost: number | null;
}

const factColumns = sql`f.product_id AS "productId", f.sku, f.name, f.category_code AS category, f.top, f.unit,
  f.price_fen AS "priceFen", s.loss_rate_pct AS loss, s.shelf_life_days AS shelf, s.unit_cost_fen AS cost`;

/** Facts and supply values of products (all, or the given ids). */
export async function supplyFacts(db: Queryable, productIds: string[] | null = null): Promise<SupplyRow[]> {
  const found = await fetchRows<FactRow>(
    db,
    sql`SELECT ${factColumns} FROM (${productFactsFragment()}) f LEFT JOIN supply_items s ON s.product_id = f.product_id
        ${productIds ? sql`WHERE f.product_id = ANY(${sql.param(productIds)}::text[])` : sql``}`,
  );
  return withEconomics(found, await categoryDefaults(db));
}

function withEconomics(found: FactRow[], defaults: Map<string, SupplyDefault>): SupplyRow[] {
  return found.map(({ loss, shelf, cost, ...p }) => {
    const own = { lossRatePct: loss === null ? null : Number(loss), shelfLifeDays: shelf, unitCostFen: cost };
    return { ...p, own, effective: economicsOf(p, own, defaults) };
  });
}

export async function listSupply(
  ctx: Ctx,
  q: { q?: string | undefined; category?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<Page<SupplyRow>> {
  const after = decodeCursor(q.cursor, 1);
  const found = await fetchRows<FactRow>(
    ctx.database.pool,
    sql`SELECT ${factColumns} FROM (${productFactsFragment()}) f LEFT JOIN supply_items s ON s.product_id = f.product_id
        WHERE f.active
          ${q.q ? sql`AND (f.name ILIKE '%' || ${likeSafe(q.q)} || '%' OR f.sku = ${q.q})` : sql``}
          ${q.category ? sql`AND (f.category_code = ${q.category} OR f.top = ${q.category})` : sql``}
          ${after ? sql`AND f.sku > ${String(after[0])}` : sql``}
        ORDER BY f.sku LIMIT ${q.limit + 1}`,
  );
  const page = toPage(found, q.limit, (r) => [r.sku]);
  return { ...page, items: withEconomics(page.items, await categoryDefaults(ctx.database.pool)) };
}

export const likeSafe = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface SupplyEdit {
  lossRatePct?: number | null | undefined;
  shelfLifeDays?: number | null | undefined;
  unitCostFen?: number | null | undefined;
}

/** Sets a product's own values (null returns one to the default); audited with before and after. */
export async function updateSupplyItem(ctx: Ctx, sku: string, edit: SupplyEdit): Promise<SupplyRow> {
  const productId = productIdOf(sku);
  const [before] = await supplyFacts(ctx.database.pool, [productId]);
  if (!before) throw new AppError('not_found', 'forecasting.sku_unknown', `No product with SKU ${sku}`);
  const next = {
    lossRatePct: edit.lossRatePct === undefined ? before.own.lossRatePct : edit.lossRatePct,
    shelfLifeDays: edit.shelfLifeDays === undefined ? before.own.shelfLifeDays : edit.shelfLifeDays,
    unitCostFen: edit.unitCostFen === undefined ? before.own.unitCostFen : edit.unitCostFen,
  };
  if (JSON.stringify(next) === JSON.stringify(before.own)) return before;
  await withTransaction(ctx.database, async (tx) => {
    await upsertSupply(tx, ctx.actor.id, [{ productId, ...next }]);
    await recordAudit(
      ctx,
      { action: 'update', entity: 'supply_items', entityId: sku, before: before.own, after: next },
      tx,
    );
  });
  return (await supplyFacts(ctx.database.pool, [productId]))[0]!;
}

async function upsertSupply(
  tx: Queryable,
  actor: string,
  list: Array<{ productId: string } & SupplyOverride>,
): Promise<void> {
  await tx.query(
    `INSERT INTO supply_items (product_id, loss_rate_pct, shelf_life_days, unit_cost_fen, updated_by, updated_at)
     SELECT p, l, s, c, $5, now() FROM unnest($1::text[], $2::numeric[], $3::int[], $4::int[]) AS t(p, l, s, c)
     ON CONFLICT (product_id) DO UPDATE SET loss_rate_pct = excluded.loss_rate_pct,
       shelf_life_days = excluded.shelf_life_days, unit_cost_fen = excluded.unit_cost_fen,
       updated_by = excluded.updated_by, updated_at = now()`,
    [
      list.map((r) => r.productId),
      list.map((r) => r.lossRatePct),
      list.map((r) => r.shelfLifeDays),
      list.map((r) => r.unitCostFen),
      actor,
    ],
  );
}

const ALIASES = {
  sku: ['商品编码', 'item_code', 'product_sku'],
  lossRatePct: ['loss_rate_pct', 'loss_rate', '损耗率', '损耗率%', '损耗'],
  shelfLifeDays: ['shelf_life_days', 'shelf_life', '保质期', '保质期天', '保鲜期'],
  unitCostFen: ['unit_cost_fen', 'cost_fen', '进价分', '成本分'],
  unitCostYuan: ['unit_cost_yuan', 'unit_cost', 'cost', '进价', '进价元', '成本', '成本价'],
};

/** Imports supply values per SKU (CSV or JSON); a value left out keeps the one stored. */
export async function importSupplyItems(ctx: Ctx, body: unknown): Promise<ImportResult> {
  const input = readInput(body, ALIASES, ['sku'], 'supply items');
  const problems = problemsFor(input);
  const skus = input.items.map((r) => (typeof r.sku === 'string' ? r.sku.trim() : ''));
  const current = new Map(
    (await supplyFacts(ctx.database.pool, [...new Set(skus.filter(Boolean).map(productIdOf))])).map((r) => [
      r.sku,
      r,
    ]),
  );
  const out: Array<{ productId: string } & SupplyOverride> = [];
  const seen = new Set<string>();
  input.items.forEach((raw, i) => {
    const bad = (field: string, reason: string, code: string) => problems.add(i, field, reason, code);
    const sku = skus[i]!;
    const row = current.get(sku);
    if (!sku) bad('sku', 'missing', 'sku_missing');
    else if (!row) bad('sku', `no product with SKU ${JSON.stringify(sku)}`, 'sku_unknown');
    else if (seen.has(sku)) bad('sku', 'the same SKU appears earlier in the file', 'duplicate_row');
    const loss = numberOf(raw.lossRatePct);
    if (loss !== undefined && !(loss >= 0 && loss < 90))
      bad(
        'lossRatePct',
        `${JSON.stringify(raw.lossRatePct)} is not a percentage from 0 to below 90`,
        'loss_rate_invalid',
      );
    const shelf = numberOf(raw.shelfLifeDays);
    if (shelf !== undefined && !(Number.isInteger(shelf) && shelf >= 1 && shelf <= 3650))
      bad(
        'shelfLifeDays',
        `${JSON.stringify(raw.shelfLifeDays)} is not whole days from 1 to 3650`,
        'shelf_life_invalid',
      );
    const fen = numberOf(raw.unitCostFen);
    const yuan = numberOf(raw.unitCostYuan);
    const cost = fen ?? (yuan === undefined ? undefined : Math.round(yuan * 100));
    const costField = fen === undefined ? 'unitCostYuan' : 'unitCostFen';
    if (cost !== undefined && !(Number.isFinite(cost) && cost >= 0 && cost <= 100_000_000))
      bad(
        costField,
        `${JSON.stringify(raw[costField])} is not a cost from 0 to 1,000,000 yuan`,
        'unit_cost_invalid',
      );
    if (fen !== undefined && !Number.isInteger(fen))
      bad('unitCostFen', 'fen must be a whole number', 'unit_cost_invalid');
    if (problems.has(i) || !row) return;
    seen.add(sku);
    out.push({
      productId: row.productId,
      lossRatePct: loss ?? row.own.lossRatePct,
      shelfLifeDays: shelf ?? row.own.shelfLifeDays,
      unitCostFen: cost ?? row.own.unitCostFen,
    });
  });
  await withTransaction(ctx.database, async (tx) => {
    if (out.length) await upsertSupply(tx, ctx.actor.id, out);
    await recordAudit(
      ctx,
      {
        action: 'import',
        entity: 'supply_items',
        after: { received: input.items.length, accepted: out.length, rejected: problems.list.length },
      },
      tx,
    );
  });
  return { received: input.items.length, accepted: out.length, rejected: problems.list };
}

/** Sets (or, with null, removes) a category's default; audited. */
export async function setCategoryDefault(
  ctx: Ctx,
  category: string,
  value: SupplyDefault | null,
): Promise<{ category: string; value: SupplyDefault | null }> {
  const before = (await categoryDefaults(ctx.database.pool)).get(category) ?? null;
  const known = (await listCategories(ctx.database.pool)).some((c) => c.code === category);
  if (!known)
    throw new AppError(
      'not_found',
      'forecasting.category_unknown',
      `No category ${JSON.stringify(category)}`,
    );
  if (JSON.stringify(before) === JSON.stringify(value)) return { category, value };
  await withTransaction(ctx.database, async (tx) => {
    if (value === null)
      await tx.query('DELETE FROM supply_category_defaults WHERE category_code = $1', [category]);
    else
      await tx.query(
        `INSERT INTO supply_category_defaults (category_code, loss_rate_pct, shelf_life_days, cost_share_pct, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (category_code) DO UPDATE SET loss_rate_pct = excluded.loss_rate_pct,
           shelf_life_days = excluded.shelf_life_days, cost_share_pct = excluded.cost_share_pct,
           updated_by = excluded.updated_by, updated_at = now()`,
        [category, value.lossRatePct, value.shelfLifeDays, value.costSharePct, ctx.actor.id],
      );
    await recordAudit(
      ctx,
      { action: 'update', entity: 'supply_category_defaults', entityId: category, before, after: value },
      tx,
    );
  });
  return { category, value };
}
