import { columnsOf, type Queryable } from '../../platform/db/sql.ts';

export interface EventRow {
  id: string;
  externalId: string;
  memberId: string;
  type: string;
  occurredAt: Date;
  productId: string | null;
  contentId: string | null;
  orderId: string | null;
  dwellMs: number | null;
  rating: number | null;
  text: string | null;
  properties: string;
}

/** Months whose partition this process has already ensured (creation is idempotent in SQL too). */
const knownMonths = new Set<string>();

export async function ensurePartitions(db: Queryable, times: Date[]): Promise<void> {
  const months = [...new Set(times.map((t) => t.toISOString().slice(0, 7)))].filter(
    (m) => !knownMonths.has(m),
  );
  for (const m of months) {
    await db.query('SELECT linli_ensure_event_partition($1::date)', [`${m}-01`]);
    knownMonths.add(m);
  }
}

/** Forget cached partitions (tests that drop and recreate the schema). */
export function forgetPartitions(): void {
  knownMonths.clear();
}

/**
 * Inserts events whose id is not stored yet, in any month: the id (derived from the client's id)
 * decides identity, so a retry with a reformatted timestamp is still a duplicate. The ids go into
 * `event_ids` first (one primary-key probe each, whatever the month); only the events whose id was
 * new there are stored. In one statement, so both tables change together; a concurrent batch with
 * the same id waits on the key and then sees it as taken. Ids are inserted sorted, so two batches
 * never wait on each other in opposite orders.
 */
export async function insertNewEvents(db: Queryable, list: EventRow[]): Promise<number> {
  if (list.length === 0) return 0;
  const r = await db.query(
    `WITH fresh AS (
       INSERT INTO event_ids (id) SELECT i FROM unnest($1::text[]) AS i ORDER BY i
       ON CONFLICT DO NOTHING RETURNING id
     )
     INSERT INTO events (id, external_id, member_id, type, occurred_at, product_id, content_id, order_id, dwell_ms, rating, text, properties)
     SELECT t.* FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[],
                            $9::int[], $10::smallint[], $11::text[], $12::jsonb[]) AS t(id, external_id, member_id, type, occurred_at,
                            product_id, content_id, order_id, dwell_ms, rating, text, properties)
     WHERE t.id IN (SELECT id FROM fresh)
     ORDER BY t.id
     ON CONFLICT DO NOTHING`,
    columnsOf(list, [
      'id',
      'externalId',
      'memberId',
      'type',
      'occurredAt',
      'productId',
      'contentId',
      'orderId',
      'dwellMs',
      'rating',
      'text',
      'properties',
    ]),
  );
  return r.rowCount ?? 0;
}
