import { EVENT_TYPES, TEXT_EVENT_TYPES, eventInput, type BatchResult } from '@linli/contracts';
import { recordAudit } from '../../platform/audit.ts';
import { batchResult, checkItems, instantOf, parseInstant } from '../../platform/batch.ts';
import type { Ctx } from '../../platform/context.ts';
import { markChangedDays } from '../../platform/db/changed-days.ts';
import { markChangedMembers } from '../../platform/db/changed-members.ts';
import { rows, withTransaction } from '../../platform/db/sql.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { screenUgc } from '../../platform/ugc.ts';
import { derivedId } from '../../platform/ids.ts';
import { productIdOf } from '../catalog/index.ts';
import { assertMemberVisible, ensureMembers, memberIdOf } from '../members/index.ts';
import * as repo from './activity.repo.ts';

export const eventIdOf = (externalId: string): string => derivedId('evt', externalId);

/** Fields that only make sense on some event types. */
const onlyOn: Record<string, readonly string[]> = {
  dwellMs: ['content_view'],
  rating: ['review'],
  text: TEXT_EVENT_TYPES,
};

export async function ingestEvents(ctx: Ctx, items: unknown[]): Promise<BatchResult> {
  const tolerance = ctx.config.LINLI_FUTURE_TOLERANCE_MINUTES * 60_000;
  const { valid, problems } = checkItems(items, eventInput.strict(), 'activity', (e, problem) => {
    parseInstant(e.occurredAt, 'occurredAt', tolerance, problem);
    for (const [field, types] of Object.entries(onlyOn)) {
      if (e[field as keyof typeof e] !== undefined && !types.includes(e.type))
        problem(
          field,
          `${field} is only accepted on ${types.join(', ')} events`,
          `${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_not_applicable`,
        );
    }
    if ((e.type === 'review' || e.type === 'complaint') && !e.text?.trim() && e.rating === undefined)
      problem('text', `a ${e.type} needs text${e.type === 'review' ? ' or a rating' : ''}`, 'text_missing');
  });
  // The event type list is part of the error so a client learns the catalogue from one failure.
  for (const p of problems)
    if (p.code === 'activity.event_type_unknown')
      p.reason = `unknown event type; known types: ${EVENT_TYPES.join(', ')}`;

  const list = valid.map(({ value: e }) => ({
    id: eventIdOf(e.id),
    externalId: e.id,
    memberId: memberIdOf(e.memberId),
    memberExternalId: e.memberId,
    type: e.type,
    occurredAt: instantOf(e.occurredAt) as Date,
    productId: e.productSku ? productIdOf(e.productSku) : null,
    contentId: e.contentId ?? null,
    orderId: e.orderId ? derivedId('ord', e.orderId) : null,
    dwellMs: e.dwellMs ?? null,
    rating: e.rating ?? null,
    text: e.text ?? null,
    properties: JSON.stringify(e.properties ?? {}),
  }));
  // Stubs and partitions are created first, each in its own short statement: held inside the
  // batch transaction, their locks would make concurrent batches wait on (or deadlock over) one another.
  await repo.ensurePartitions(
    ctx.database.pool,
    list.map((e) => e.occurredAt),
  );
  await ensureMembers(
    ctx,
    list.map((e) => e.memberExternalId),
  );
  const written = await withTransaction(ctx.database, async (tx) => {
    const n = await repo.insertNewEvents(tx, list);
    await recordAudit(
      ctx,
      {
        action: 'ingest',
        entity: 'events',
        after: { received: items.length, written: n, rejected: problems.length },
      },
      tx,
    );
    return n;
  });
  if (written > 0) {
    await markChangedDays(
      ctx.database.pool,
      list.map((e) => e.occurredAt),
    );
    await markChangedMembers(
      ctx.database.pool,
      list.map((e) => e.memberId),
    );
  }
  return batchResult(items.length, written, problems);
}

/** A member's behaviour timeline, newest first. */
export async function listEvents(
  ctx: Ctx,
  q: { memberId: string; type?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<Page<{ id: string; occurredAt: Date }>> {
  await assertMemberVisible(ctx, q.memberId);
  const after = decodeCursor(q.cursor, 2) as [string, string] | null;
  const found = await rows<{ id: string; occurredAt: Date }>(
    ctx.database.pool,
    `SELECT id, external_id AS "externalId", member_id AS "memberId", type, occurred_at AS "occurredAt", product_id AS "productId",
            content_id AS "contentId", order_id AS "orderId", dwell_ms AS "dwellMs", rating, text, properties
     FROM events WHERE member_id = $1 AND ($2::text IS NULL OR type = $2)
       AND ($3::timestamptz IS NULL OR (occurred_at, id) < ($3, $4))
     ORDER BY occurred_at DESC, id DESC LIMIT $5`,
    [q.memberId, q.type ?? null, after?.[0] ?? null, after?.[1] ?? null, q.limit + 1],
  );
  // member-written text passes the compliance screen before it is shown (blocked parts masked)
  return toPage(await screenUgc(ctx.database.pool, found), q.limit, (e) => [
    e.occurredAt.toISOString(),
    e.id,
  ]);
}
