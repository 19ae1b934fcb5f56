/**
 * Storing triaged messages and grouping them, one transaction at a time under the grouping lock.
 * Requests that arrive while a transaction runs wait and are then stored together in the next one:
 * at a steady stream of single-message webhooks the lock, the transaction and the inserts are paid
 * once per group, not once per message. Each request keeps its own audit row and its own answer; a
 * group that fails is retried request by request, so one bad request fails alone.
 */
import type { OpinionCategory, OpinionLevel } from '@linli/contracts/opinion';
import { recordAudit, type AuditEntry } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Database } from '../../platform/db/index.ts';
import { columnsOf, rows, withTransaction, type Queryable } from '../../platform/db/sql.ts';
import { enrich, type Enriched } from './enrich.ts';
import { groupMessages, type TriagedMessage } from './grouping.ts';
import type { IncomingMessage } from './intake.input.ts';
import { actorName } from './keys.ts';
import { cachedSettings } from './settings.service.ts';
import { triageMessage } from './triage.ts';

/** One lock for all grouping: two batches about the same SKU must not both open an incident. */
const GROUPING_LOCK = 0x6f70696e; // 'opin'
/** A group holds at most this many messages (a big batch goes alone). */
const GROUP_MESSAGES = 2_000;

export interface Stored {
  /** each message as triaged (also those that turn out to be retries) */
  triaged: TriagedMessage[];
  /** ids this request stored (the others were there already) */
  inserted: Set<string>;
  /** message id → incident id */
  placed: Map<string, string>;
}

/** A floor for the level (a detractor's reason is an alert however mild it reads) and reasons to add. */
export interface TakeOptions {
  atLeast?: OpinionLevel;
  extraReasons?: string[];
}

interface Waiting {
  ctx: Ctx;
  list: IncomingMessage[];
  o: TakeOptions;
  triaged?: TriagedMessage[];
  done: (s: Stored) => void;
  fail: (e: unknown) => void;
}

const waiting: Waiting[] = [];
let flushing = false;

/** Enriches, triages, stores and groups a request's messages, together with whatever else waits. */
export function storeMessages(ctx: Ctx, list: IncomingMessage[], o: TakeOptions = {}): Promise<Stored> {
  return new Promise((done, fail) => {
    waiting.push({ ctx, list, o, done, fail });
    if (!flushing) void flush();
  });
}

/**
 * The triage of a group's messages, with what the order, the member and the point add (read for the
 * whole group at once: the round trips are the cost at a steady stream).
 */
async function triageGroup(database: Database, group: Waiting[]): Promise<void> {
  const todo = group.filter((w) => !w.triaged);
  if (todo.length === 0) return;
  const enriched = await enrich(
    database.pool,
    todo.flatMap((w) => w.list),
  );
  const arrived = new Date();
  let at = 0;
  for (const w of todo) {
    const actor = actorName(w.ctx);
    w.triaged = enriched.slice(at, (at += w.list.length)).map((m) => triageOne(m, w.o, actor, arrived));
  }
}

/** One enriched message triaged, with the floor and extra reasons of its request applied. */
export function triageOne(m: Enriched, o: TakeOptions, actor: string, arrived: Date): TriagedMessage {
  const t = triageMessage(m.text, {
    source: m.source,
    ...(m.openComplaints !== null ? { priorOpenComplaints: m.openComplaints } : {}),
    ...(m.orderPlacedAt
      ? { orderAgeHours: (arrived.getTime() - m.orderPlacedAt.getTime()) / 3_600_000 }
      : {}),
  });
  const level = Math.max(t.level, o.atLeast ?? 0) as OpinionLevel;
  return {
    ...m,
    ...t,
    level,
    category: level > 0 ? (t.category ?? 'other') : null,
    reasons: [...t.reasons, ...(o.extraReasons ?? [])],
    actor,
  };
}

async function flush(): Promise<void> {
  flushing = true;
  try {
    while (waiting.length) {
      // one database per group (tests run several apps in one process)
      const database = waiting[0]!.ctx.database;
      const group: Waiting[] = [];
      let size = 0;
      for (let i = 0; i < waiting.length && (group.length === 0 || size < GROUP_MESSAGES);) {
        const w = waiting[i]!;
        if (w.ctx.database !== database || (group.length > 0 && size + w.list.length > GROUP_MESSAGES)) {
          i++;
          continue;
        }
        group.push(w);
        size += w.list.length;
        waiting.splice(i, 1);
      }
      try {
        const results = await storeGroup(database, group);
        group.forEach((w, i) => w.done(results[i]!));
      } catch (err) {
        if (group.length === 1) group[0]!.fail(err);
        else
          for (const w of group)
            await storeGroup(database, [w]).then(
              ([r]) => w.done(r!),
              (e: unknown) => w.fail(e),
            );
      }
    }
  } finally {
    flushing = false;
  }
}

async function storeGroup(database: Database, group: Waiting[]): Promise<Stored[]> {
  await triageGroup(database, group);
  const now = new Date();
  return withTransaction(database, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [GROUPING_LOCK]);
    // the first request to name a message id stores it; a second one in the group is answered as a retry
    const claimed = new Map<string, number>();
    group.forEach((w, i) => w.list.forEach((m) => (claimed.has(m.id) ? null : claimed.set(m.id, i))));
    const all = group.flatMap((w, i) => w.triaged!.filter((m) => claimed.get(m.id) === i));
    const inserted = await insertMessages(tx, all);
    const mine = all.filter((m) => inserted.has(m.id));
    const placed = await groupMessages(tx, mine, await cachedSettings(tx), { now });
    const out: Stored[] = group.map((w, i) => ({
      triaged: w.triaged!,
      inserted: new Set(w.list.filter((m) => claimed.get(m.id) === i && inserted.has(m.id)).map((m) => m.id)),
      placed,
    }));
    // one audit row per request (its request id as the entity), written in one statement per actor
    const byActor = new Map<string, { ctx: Ctx; entries: AuditEntry[] }>();
    group.forEach((w, i) => {
      const own = w.triaged!.filter((m) => out[i]!.inserted.has(m.id));
      const key = `${w.ctx.actor.type}\u0000${w.ctx.actor.id}`;
      const slot = byActor.get(key) ?? { ctx: w.ctx, entries: [] };
      slot.entries.push({
        action: 'ingest',
        entity: 'opinion_messages',
        entityId: w.ctx.requestId,
        after: {
          accepted: own.length,
          levels: [0, 1, 2, 3].map((l) => own.filter((m) => m.level === l).length),
          incidents: [...new Set(own.flatMap((m) => (placed.has(m.id) ? [placed.get(m.id)!] : [])))],
        },
      });
      byActor.set(key, slot);
    });
    for (const { ctx, entries } of byActor.values()) await recordAudit(ctx, entries, tx);
    return out;
  });
}

export interface Known {
  id: string;
  level: OpinionLevel;
  category: OpinionCategory | null;
  incidentId: string | null;
}

export async function knownMessages(db: Queryable, ids: string[]): Promise<Map<string, Known>> {
  const found = await rows<Known>(
    db,
    'SELECT id, level, category, incident_id AS "incidentId" FROM opinion_messages WHERE id = ANY($1::text[])',
    [ids],
  );
  return new Map(found.map((f) => [f.id, f]));
}

const MESSAGE_KEYS = [
  'id',
  'source',
  'externalId',
  'text',
  'textHash',
  'memberId',
  'orderId',
  'productId',
  'sku',
  'batch',
  'pickupPointId',
  'communityId',
  'threadId',
  'receivedAt',
  'level',
  'category',
  'reasonsJson',
  'evidenceJson',
  'version',
] as const;

export async function insertMessages(tx: Queryable, list: TriagedMessage[]): Promise<Set<string>> {
  if (list.length === 0) return new Set();
  const cols = columnsOf(
    list.map((m) => ({
      ...m,
      reasonsJson: JSON.stringify(m.reasons),
      evidenceJson: JSON.stringify(m.evidence),
    })),
    MESSAGE_KEYS,
  );
  const r = await rows<{ id: string }>(
    tx,
    `INSERT INTO opinion_messages (id, source, external_id, text, text_hash, member_id, order_id, product_id, sku,
       batch, pickup_point_id, community_id, thread_id, received_at, level, category, reasons, evidence,
       triage_version)
     SELECT id, source, ext, txt, hash, mbr, ord, prd, sku, batch, pkp, com, thread, at, lvl, cat, reasons::jsonb,
       evidence::jsonb, ver
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
       $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::timestamptz[], $15::smallint[],
       $16::text[], $17::text[], $18::text[], $19::text[])
       AS t(id, source, ext, txt, hash, mbr, ord, prd, sku, batch, pkp, com, thread, at, lvl, cat, reasons, evidence, ver)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    cols,
  );
  return new Set(r.map((x) => x.id));
}
