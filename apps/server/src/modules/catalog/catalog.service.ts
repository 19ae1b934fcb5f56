import { productInput, type BatchResult } from '@linli/contracts';
import { recordAudit } from '../../platform/audit.ts';
import { batchResult, checkItems } from '../../platform/batch.ts';
import type { Ctx } from '../../platform/context.ts';
import { knownIds } from '../../platform/db/known-ids.ts';
import { sql, type SQL } from '../../platform/db/fragments.ts';
import { rows, withTransaction, type Queryable } from '../../platform/db/sql.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { derivedId } from '../../platform/ids.ts';

export const productIdOf = (sku: string): string => derivedId('prd', sku);

export async function categoryCodes(db: Queryable): Promise<Set<string>> {
  return new Set((await rows<{ code: string }>(db, 'SELECT code FROM categories')).map((r) => r.code));
}

export async function listCategories(db: Queryable) {
  return rows<{ code: string; parentCode: string | null; nameZh: string; nameEn: string }>(
    db,
    'SELECT code, parent_code AS "parentCode", name_zh AS "nameZh", name_en AS "nameEn" FROM categories ORDER BY sort_order, code',
  );
}

export async function upsertProducts(ctx: Ctx, items: unknown[]): Promise<BatchResult> {
  const known = await categoryCodes(ctx.database.pool);
  const { valid, problems } = checkItems(items, productInput.strict(), 'catalog', (p, problem) => {
    if (!known.has(p.category))
      problem(
        'category',
        `unknown category ${JSON.stringify(p.category)}; known: ${[...known].join(', ')}`,
        'category_unknown',
      );
  });
  const list = valid.map((v) => v.value);
  const written = await withTransaction(ctx.database, async (tx) => {
    const result = await tx.query(
      `INSERT INTO products (id, sku, name, category_code, unit, price_fen, organic, green, trending, partner, active, is_stub)
       SELECT t.*, false FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[],
                                     $7::bool[], $8::bool[], $9::bool[], $10::bool[], $11::bool[]) AS t
       ON CONFLICT (sku) DO UPDATE SET name = excluded.name, category_code = excluded.category_code, unit = excluded.unit,
         price_fen = excluded.price_fen, organic = excluded.organic, green = excluded.green, trending = excluded.trending,
         partner = excluded.partner, active = excluded.active, is_stub = false, updated_at = now()
       WHERE products.is_stub OR (products.name, products.category_code, products.unit, products.price_fen, products.organic,
             products.green, products.trending, products.partner, products.active)
         IS DISTINCT FROM (excluded.name, excluded.category_code, excluded.unit, excluded.price_fen, excluded.organic,
             excluded.green, excluded.trending, excluded.partner, excluded.active)`,
      [
        list.map((p) => productIdOf(p.sku)),
        list.map((p) => p.sku),
        list.map((p) => p.name),
        list.map((p) => p.category),
        list.map((p) => p.unit ?? '份'),
        list.map((p) => p.priceFen),
        list.map((p) => p.organic ?? false),
        list.map((p) => p.green ?? false),
        list.map((p) => p.trending ?? false),
        list.map((p) => p.partner ?? false),
        list.map((p) => p.active ?? true),
      ],
    );
    await recordAudit(
      ctx,
      { action: 'upsert', entity: 'products', after: { received: items.length, written: result.rowCount } },
      tx,
    );
    return result.rowCount ?? 0;
  });
  return batchResult(items.length, written, problems);
}

/**
 * Orders may name a SKU before the catalogue has it: keep the order and create an inactive stub
 * product (category `other`, last seen price) that a later product import completes.
 */
const storedProducts = knownIds();

export async function ensureProducts(
  ctx: Ctx,
  skus: Array<{ sku: string; priceFen: number }>,
): Promise<void> {
  const unique = storedProducts.unknown(
    ctx.database,
    [...new Map(skus.map((s) => [s.sku, s])).values()],
    (s) => productIdOf(s.sku),
  );
  if (unique.length === 0) return;
  await ctx.database.pool.query(
    `INSERT INTO products (id, sku, name, category_code, price_fen, active, is_stub)
     SELECT i, s, s, 'other', p, false, true FROM unnest($1::text[], $2::text[], $3::int[]) AS t(i, s, p) ORDER BY i
     ON CONFLICT DO NOTHING`,
    [unique.map((s) => productIdOf(s.sku)), unique.map((s) => s.sku), unique.map((s) => s.priceFen)],
  );
  storedProducts.remember(
    ctx.database,
    unique.map((s) => productIdOf(s.sku)),
  );
}

export async function listProducts(
  ctx: Ctx,
  q: { q?: string | undefined; category?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<Page<{ sku: string }>> {
  const after = decodeCursor(q.cursor, 1);
  const found = await rows<{ sku: string }>(
    ctx.database.pool,
    `SELECT id, sku, name, category_code AS category, unit, price_fen AS "priceFen", organic, green, trending, partner, active,
            is_stub AS "isStub"
     FROM products
     WHERE ($1::text IS NULL OR name ILIKE '%' || $1 || '%' OR sku = $1)
       AND ($2::text IS NULL OR category_code = $2 OR category_code LIKE $2 || '.%')
       AND ($3::text IS NULL OR sku > $3)
     ORDER BY sku LIMIT $4`,
    [q.q ?? null, q.category ?? null, after?.[0] ?? null, q.limit + 1],
  );
  return toPage(found, q.limit, (p) => [p.sku]);
}

export interface ProductBrief {
  id: string;
  sku: string;
  name: string;
  categoryCode: string;
}

/** Names and categories of the given products, for reports that hold only product ids. */
export async function productsByIds(db: Queryable, ids: string[]): Promise<ProductBrief[]> {
  if (ids.length === 0) return [];
  return rows<ProductBrief>(
    db,
    'SELECT id, sku, name, category_code AS "categoryCode" FROM products WHERE id = ANY($1::text[])',
    [ids],
  );
}

/** (product_id, top) pairs: each product's top-level category, for reports by category. */
export function productTopCategoryFragment(): SQL {
  return sql`SELECT p.id AS product_id, coalesce(t.top, p.category_code) AS top FROM products p
    LEFT JOIN (WITH RECURSIVE tops AS (
        SELECT code, code AS top FROM categories WHERE parent_code IS NULL
        UNION ALL SELECT c.code, t.top FROM categories c JOIN tops t ON c.parent_code = t.code)
      SELECT code, top FROM tops) t ON t.code = p.category_code`;
}

/**
 * (product_id, sku, name, category_code, top, unit, price_fen, active) for every product: what
 * reports that hold product ids show and filter on, each product with its top-level category.
 */
export function productFactsFragment(): SQL {
  return sql`SELECT p.id AS product_id, p.sku, p.name, p.category_code, t.top, p.unit, p.price_fen, p.active
    FROM products p JOIN (${productTopCategoryFragment()}) t ON t.product_id = p.id`;
}
