/**
 * Reviews and complaints members already send as behaviour events also reach the board: a trigger
 * on `events` (as the text module's) queues every review or complaint with a text, in the writer's
 * transaction, and the worker triages them within a second or two. Only what needs a response is
 * kept as an opinion message (level ≥ 1: a five-star review is not an incident), and events older
 * than two days when they arrive (a backfill, a restore, the demo's history) are history, not alerts.
 * Like the text module, the drain reads `events.text` by key.
 */
import type { App } from '../../platform/context.ts';
import { systemCtx } from '../../platform/context.ts';
import { rows } from '../../platform/db/sql.ts';
import type { IncomingMessage } from './intake.input.ts';
import { takeMessages } from './intake.service.ts';
import { messageIdOf, textHashOf } from './keys.ts';
import { triageMessage } from './triage.ts';

export const FEED_MAX_AGE_MS = 2 * 86_400_000;

/** Takes up to `limit` queued events; returns how many were read (0: the queue is empty). */
export async function drainEventFeed(app: App, limit = 500, now = new Date()): Promise<number> {
  const taken = await rows<{ eventId: string; occurredAt: Date }>(
    app.database.pool,
    `DELETE FROM opinion_event_queue WHERE ctid IN (
       SELECT ctid FROM opinion_event_queue ORDER BY queued_at LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING event_id AS "eventId", occurred_at AS "occurredAt"`,
    [limit],
  );
  if (taken.length === 0) return 0;
  const fresh = taken.filter((t) => now.getTime() - t.occurredAt.getTime() <= FEED_MAX_AGE_MS);
  if (fresh.length === 0) return taken.length;
  const events = await rows<{
    id: string;
    type: 'review' | 'complaint';
    memberId: string;
    orderId: string | null;
    productId: string | null;
    occurredAt: Date;
    text: string;
  }>(
    app.database.pool,
    `SELECT e.id, e.type, e.member_id AS "memberId", e.order_id AS "orderId", e.product_id AS "productId",
       e.occurred_at AS "occurredAt", coalesce(e.text, '') AS text
     FROM unnest($1::text[], $2::timestamptz[]) AS q(id, at) JOIN events e ON e.id = q.id AND e.occurred_at = q.at`,
    [fresh.map((f) => f.eventId), fresh.map((f) => f.occurredAt)],
  );
  const list: IncomingMessage[] = events
    .filter((e) => e.text.trim() !== '' && triageMessage(e.text, { source: e.type }).level > 0)
    .map((e, index) => ({
      index,
      id: messageIdOf(e.type, `event:${e.id}`),
      source: e.type,
      externalId: `event:${e.id}`,
      text: e.text,
      textHash: textHashOf(e.text),
      memberId: e.memberId,
      orderId: e.orderId,
      productId: e.productId,
      // the event names the product by Linli id; its SKU code is the catalogue's business
      sku: null,
      batch: null,
      pickupPointId: null,
      communityId: null,
      threadId: null,
      receivedAt: e.occurredAt,
    }));
  if (list.length) await takeMessages(systemCtx(app, 'opinion-feed'), list);
  return taken.length;
}
