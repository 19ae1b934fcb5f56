import { columnsOf, rows, type Queryable } from '../../platform/db/sql.ts';

export interface OrderRow {
  id: string;
  externalId: string;
  memberId: string;
  communityId: string | null;
  pickupPointId: string | null;
  status: string;
  itemsFen: number;
  discountFen: number;
  paidFen: number;
  placedAt: Date;
  pickedUpAt: Date | null;
  cancelledAt: Date | null;
  pickupDate: string | null;
}

const cols: Array<[keyof OrderRow, string, string]> = [
  ['id', 'id', 'text'],
  ['externalId', 'external_id', 'text'],
  ['memberId', 'member_id', 'text'],
  ['communityId', 'community_id', 'text'],
  ['pickupPointId', 'pickup_point_id', 'text'],
  ['status', 'status', 'text'],
  ['itemsFen', 'items_fen', 'int'],
  ['discountFen', 'discount_fen', 'int'],
  ['paidFen', 'paid_fen', 'int'],
  ['placedAt', 'placed_at', 'timestamptz'],
  ['pickedUpAt', 'picked_up_at', 'timestamptz'],
  ['cancelledAt', 'cancelled_at', 'timestamptz'],
  ['pickupDate', 'pickup_date', 'date'],
];
// A refund-driven status is owned by recomputeRefundState; an upsert never takes it back to `paid`.
const updatable = cols.filter(([, c]) => !['id', 'external_id'].includes(c)).map(([, c]) => c);

/** Inserts new orders and applies changes (e.g. paid → picked_up); returns the ids actually written. */
export async function upsertOrders(db: Queryable, list: OrderRow[]): Promise<string[]> {
  if (list.length === 0) return [];
  const names = cols.map(([, c]) => c);
  const written = await rows<{ id: string }>(
    db,
    `INSERT INTO orders (${names.join(', ')})
     SELECT * FROM unnest(${cols.map(([, , t], i) => `$${i + 1}::${t}[]`).join(', ')}) AS t ORDER BY 1
     ON CONFLICT (id) DO UPDATE SET
       ${updatable.map((c) => (c === 'status' ? statusMerge : `${c} = excluded.${c}`)).join(',\n       ')},
       updated_at = now()
     WHERE (${updatable.map((c) => `orders.${c}`).join(', ')})
       IS DISTINCT FROM (${updatable.map((c) => (c === 'status' ? mergedStatus : `excluded.${c}`)).join(', ')})
     RETURNING id`,
    columnsOf(
      list,
      cols.map(([k]) => k),
    ),
  );
  return written.map((r) => r.id);
}

const mergedStatus = `CASE WHEN orders.refunded_fen > 0 AND excluded.status <> 'cancelled' THEN orders.status ELSE excluded.status END`;
const statusMerge = `status = ${mergedStatus}`;

export interface ItemRow {
  orderId: string;
  lineNo: number;
  productId: string;
  sku: string;
  quantity: string;
  unitPriceFen: number;
  amountFen: number;
}

/** Lines of an order are fixed once accepted: a resend never duplicates or rewrites them. */
export async function insertItems(db: Queryable, items: ItemRow[]): Promise<void> {
  if (items.length === 0) return;
  await db.query(
    `INSERT INTO order_items (order_id, line_no, product_id, sku, quantity, unit_price_fen, amount_fen)
     SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::numeric[], $6::int[], $7::int[])
     ON CONFLICT DO NOTHING`,
    columnsOf(items, ['orderId', 'lineNo', 'productId', 'sku', 'quantity', 'unitPriceFen', 'amountFen']),
  );
}

export interface RefundRow {
  id: string;
  externalId: string;
  orderId: string;
  memberId: string;
  kind: string;
  amountFen: number;
  reason: string;
  at: Date;
}

export async function insertRefunds(db: Queryable, list: RefundRow[]): Promise<number> {
  if (list.length === 0) return 0;
  const r = await db.query(
    `INSERT INTO refunds (id, external_id, order_id, member_id, kind, amount_fen, reason, at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::timestamptz[])
     ON CONFLICT DO NOTHING`,
    columnsOf(list, ['id', 'externalId', 'orderId', 'memberId', 'kind', 'amountFen', 'reason', 'at']),
  );
  return r.rowCount ?? 0;
}

/** refunded_fen = the stored refunds' sum (capped at paid); status follows. Returns orders that changed. */
export async function recomputeRefundState(db: Queryable, orderIds: string[]): Promise<string[]> {
  if (orderIds.length === 0) return [];
  const changed = await rows<{ id: string }>(
    db,
    `WITH s AS (SELECT order_id, LEAST(sum(amount_fen), max(o.paid_fen))::int AS fen
                FROM refunds r JOIN orders o ON o.id = r.order_id
                WHERE r.order_id = ANY($1::text[]) GROUP BY order_id)
     UPDATE orders o SET refunded_fen = s.fen,
       status = CASE WHEN o.status = 'cancelled' THEN o.status
                     WHEN s.fen >= o.paid_fen THEN 'refunded' ELSE 'partially_refunded' END,
       updated_at = now()
     FROM s WHERE o.id = s.order_id
       AND (o.refunded_fen, o.status) IS DISTINCT FROM (s.fen, CASE WHEN o.status = 'cancelled' THEN o.status
                     WHEN s.fen >= o.paid_fen THEN 'refunded' ELSE 'partially_refunded' END)
     RETURNING o.id`,
    [orderIds],
  );
  return changed.map((r) => r.id);
}

export interface OrderView {
  id: string;
  externalId: string;
  memberId: string;
  communityId: string | null;
  status: string;
  itemsFen: number;
  discountFen: number;
  paidFen: number;
  refundedFen: number;
  placedAt: Date;
  items: Array<{
    sku: string;
    name: string | null;
    quantity: string;
    unitPriceFen: number;
    amountFen: number;
  }>;
}

export async function searchOrders(
  db: Queryable,
  f: {
    memberId?: string | undefined;
    communityId?: string | undefined;
    scope: string[] | null;
    after: [string, string] | null;
    limit: number;
  },
): Promise<OrderView[]> {
  return rows<OrderView>(
    db,
    `SELECT o.id, o.external_id AS "externalId", o.member_id AS "memberId", o.community_id AS "communityId", o.status,
            o.items_fen AS "itemsFen", o.discount_fen AS "discountFen", o.paid_fen AS "paidFen", o.refunded_fen AS "refundedFen",
            o.placed_at AS "placedAt",
            (SELECT coalesce(json_agg(json_build_object('sku', i.sku, 'name', p.name, 'quantity', i.quantity, 'unitPriceFen', i.unit_price_fen,
                     'amountFen', i.amount_fen) ORDER BY i.line_no), '[]')
             FROM order_items i LEFT JOIN products p ON p.id = i.product_id WHERE i.order_id = o.id) AS items
     FROM orders o
     WHERE ($1::text IS NULL OR o.member_id = $1) AND ($2::text IS NULL OR o.community_id = $2)
       AND ($3::text[] IS NULL OR o.community_id = ANY($3))
       AND ($4::timestamptz IS NULL OR (o.placed_at, o.id) < ($4, $5))
     ORDER BY o.placed_at DESC, o.id DESC LIMIT $6`,
    [f.memberId ?? null, f.communityId ?? null, f.scope, f.after?.[0] ?? null, f.after?.[1] ?? null, f.limit],
  );
}
