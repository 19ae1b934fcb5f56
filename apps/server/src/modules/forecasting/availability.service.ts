import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { fetchRows, sql } from '../../platform/db/fragments.ts';
import { rows, withTransaction } from '../../platform/db/sql.ts';
import { addDays, shanghaiDay } from '../../platform/shanghai.ts';
import { productIdOf, productsByIds } from '../catalog/index.ts';
import { pickupPointIdOf, pickupPointPlacesFragment } from '../communities/index.ts';
import { dayOf, problemsFor, readInput, type ImportResult } from './table-input.ts';

export const MARK_KINDS = ['off_sale', 'sold_out', 'clear'] as const;
type MarkKind = (typeof MARK_KINDS)[number];

const ALIASES = {
  sku: ['商品编码', 'sku编码', 'item_code', 'product_sku'],
  date: ['日期', 'day'],
  kind: ['状态', 'status', '类型'],
  pickupPointId: ['pickup_point_id', '自提点id', '自提点编号', 'point_id'],
  note: ['备注', 'remark'],
};

const KIND_WORDS: Record<string, MarkKind> = {
  off_sale: 'off_sale',
  下架: 'off_sale',
  未上架: 'off_sale',
  停售: 'off_sale',
  sold_out: 'sold_out',
  售罄: 'sold_out',
  缺货: 'sold_out',
  clear: 'clear',
  在售: 'clear',
  恢复: 'clear',
};

interface Mark {
  productId: string;
  day: string;
  pointId: string;
  kind: MarkKind;
  note: string;
}

/**
 * Imports availability marks: days a SKU was not on sale (off_sale) or sold out (sold_out), for the
 * whole business or one pickup point; `clear` removes a mark. Marked days are censored in the
 * forecast. CSV or JSON items; problems name the row, field and reason.
 */
export async function importAvailability(ctx: Ctx, body: unknown): Promise<ImportResult> {
  const input = readInput(body, ALIASES, ['sku', 'date', 'kind'], 'availability');
  const problems = problemsFor(input);
  const skus = [...new Set(input.items.map((r) => (typeof r.sku === 'string' ? r.sku.trim() : '')))];
  const known = new Set((await productsByIds(ctx.database.pool, skus.map(productIdOf))).map((p) => p.id));
  const pointIds = new Set(
    (
      await fetchRows<{ point_id: string }>(
        ctx.database.pool,
        sql`SELECT point_id FROM (${pickupPointPlacesFragment()}) p`,
      )
    ).map((p) => p.point_id),
  );
  const latest = addDays(shanghaiDay(new Date()), 60);
  const marks: Mark[] = [];
  const seen = new Map<string, number>();
  input.items.forEach((raw, i) => {
    const bad = (field: string, reason: string, code: string) => problems.add(i, field, reason, code);
    const sku = typeof raw.sku === 'string' ? raw.sku.trim() : '';
    if (!sku) bad('sku', 'missing', 'sku_missing');
    else if (!known.has(productIdOf(sku)))
      bad('sku', `no product with SKU ${JSON.stringify(sku)}`, 'sku_unknown');
    const day = dayOf(raw.date);
    if (!day) bad('date', `not a date YYYY-MM-DD: ${JSON.stringify(raw.date ?? '')}`, 'date_invalid');
    else if (day > latest) bad('date', `${day} is more than 60 days ahead`, 'date_too_far');
    const kind =
      KIND_WORDS[
        String(raw.kind ?? '')
          .trim()
          .toLowerCase()
      ];
    if (!kind)
      bad(
        'kind',
        `${JSON.stringify(raw.kind ?? '')} is not off_sale, sold_out or clear (下架/售罄/在售)`,
        'kind_invalid',
      );
    const external = typeof raw.pickupPointId === 'string' ? raw.pickupPointId.trim() : '';
    const pointId = external ? pickupPointIdOf(external) : '';
    if (external && !pointIds.has(pointId))
      bad('pickupPointId', `no pickup point ${JSON.stringify(external)}`, 'pickup_point_unknown');
    const note = typeof raw.note === 'string' ? raw.note.trim().slice(0, 200) : '';
    if (problems.has(i)) return;
    const key = `${sku}|${day}|${pointId}`;
    if (seen.has(key)) {
      bad('date', `the same SKU, day and pickup point as item ${seen.get(key)}`, 'duplicate_row');
      return;
    }
    seen.set(key, i);
    marks.push({ productId: productIdOf(sku), day, pointId, kind: kind!, note });
  });
  const set = marks.filter((m) => m.kind !== 'clear');
  const cleared = marks.filter((m) => m.kind === 'clear');
  await withTransaction(ctx.database, async (tx) => {
    if (set.length)
      await tx.query(
        `INSERT INTO availability_marks (product_id, day, point_id, kind, note, updated_by, updated_at)
         SELECT p, d, pt, k, n, $6, now() FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::text[]) AS t(p, d, pt, k, n)
         ON CONFLICT (product_id, day, point_id) DO UPDATE SET kind = excluded.kind, note = excluded.note,
           updated_by = excluded.updated_by, updated_at = now()`,
        [
          set.map((m) => m.productId),
          set.map((m) => m.day),
          set.map((m) => m.pointId),
          set.map((m) => m.kind),
          set.map((m) => m.note),
          ctx.actor.id,
        ],
      );
    if (cleared.length)
      await tx.query(
        `DELETE FROM availability_marks a USING unnest($1::text[], $2::date[], $3::text[]) AS t(p, d, pt)
         WHERE a.product_id = t.p AND a.day = t.d AND a.point_id = t.pt`,
        [cleared.map((m) => m.productId), cleared.map((m) => m.day), cleared.map((m) => m.pointId)],
      );
    await recordAudit(
      ctx,
      {
        action: 'import',
        entity: 'availability_marks',
        after: {
          received: input.items.length,
          marked: set.length,
          cleared: cleared.length,
          rejected: problems.list.length,
        },
      },
      tx,
    );
  });
  return { received: input.items.length, accepted: marks.length, rejected: problems.list };
}

export interface AvailabilityMark {
  sku: string;
  date: string;
  pickupPointId: string | null;
  kind: 'off_sale' | 'sold_out';
  note: string;
}

/** Marks between two dates, optionally of one SKU. */
export async function listAvailability(
  ctx: Ctx,
  q: { sku?: string | undefined; from: string; to: string },
): Promise<{ items: AvailabilityMark[] }> {
  const items = await rows<AvailabilityMark & { productId: string }>(
    ctx.database.pool,
    `SELECT product_id AS "productId", to_char(day, 'YYYY-MM-DD') AS date, nullif(point_id, '') AS "pickupPointId", kind, note
     FROM availability_marks WHERE ($1::text IS NULL OR product_id = $1) AND day BETWEEN $2::date AND $3::date
     ORDER BY day, product_id, point_id LIMIT 5000`,
    [q.sku ? productIdOf(q.sku) : null, q.from, q.to],
  );
  const skus = new Map(
    (await productsByIds(ctx.database.pool, [...new Set(items.map((i) => i.productId))])).map((p) => [
      p.id,
      p.sku,
    ]),
  );
  return { items: items.map(({ productId, ...m }) => ({ ...m, sku: skus.get(productId) ?? productId })) };
}
