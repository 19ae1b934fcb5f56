import { columnsOf, rows, type Queryable } from '../../platform/db/sql.ts';

export interface QueuedText {
  eventId: string;
  memberId: string;
  source: string;
  occurredAt: Date;
  text: string;
}

export interface ScoreRow {
  eventId: string;
  memberId: string;
  source: string;
  occurredAt: Date;
  modelVersion: string;
  label: number;
  probability: number;
  intensity: number;
  aspects: string;
  aspectsMentioned: number;
  aspectsNegative: number;
  aspectsPositive: number;
  riskHits: string;
  riskLevel: number;
}

/**
 * Takes up to `limit` queued texts, oldest first, locking their queue rows so a second scorer
 * (another worker process) takes different ones. Queue rows whose event is gone are dropped.
 */
export async function takeQueued(tx: Queryable, limit: number): Promise<QueuedText[]> {
  const picked = await rows<{ eventId: string; occurredAt: Date }>(
    tx,
    `SELECT event_id AS "eventId", occurred_at AS "occurredAt" FROM text_queue
     ORDER BY queued_at, event_id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  if (picked.length === 0) return [];
  const found = await rows<QueuedText>(
    tx,
    `SELECT e.id AS "eventId", e.member_id AS "memberId", e.type AS source, e.occurred_at AS "occurredAt",
            coalesce(e.text, '') AS text
     FROM unnest($1::text[], $2::timestamptz[]) AS q(id, at)
     JOIN events e ON e.id = q.id AND e.occurred_at = q.at`,
    [picked.map((p) => p.eventId), picked.map((p) => p.occurredAt)],
  );
  const present = new Set(found.map((f) => f.eventId));
  const gone = picked.filter((p) => !present.has(p.eventId)).map((p) => p.eventId);
  if (gone.length) await tx.query('DELETE FROM text_queue WHERE event_id = ANY($1::text[])', [gone]);
  return found;
}

const SCORE_KEYS = [
  'eventId',
  'memberId',
  'source',
  'occurredAt',
  'modelVersion',
  'label',
  'probability',
  'intensity',
  'aspects',
  'aspectsMentioned',
  'aspectsNegative',
  'aspectsPositive',
  'riskHits',
  'riskLevel',
] as const satisfies ReadonlyArray<keyof ScoreRow>;

/** Stores the scores (replacing older ones of the same texts) and takes their texts off the queue. */
export async function storeScores(tx: Queryable, scores: ScoreRow[]): Promise<void> {
  if (scores.length === 0) return;
  await tx.query(
    `INSERT INTO text_scores (event_id, member_id, source, occurred_at, model_version, label, probability,
       intensity, aspects, aspects_mentioned, aspects_negative, aspects_positive, risk_hits, risk_level, scored_at)
     SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::smallint[],
       $7::real[], $8::smallint[], $9::jsonb[], $10::int[], $11::int[], $12::int[], $13::jsonb[], $14::smallint[])
     ON CONFLICT (event_id) DO UPDATE SET model_version = excluded.model_version, label = excluded.label,
       probability = excluded.probability, intensity = excluded.intensity, aspects = excluded.aspects,
       aspects_mentioned = excluded.aspects_mentioned, aspects_negative = excluded.aspects_negative,
       aspects_positive = excluded.aspects_positive, risk_hits = excluded.risk_hits,
       risk_level = excluded.risk_level, scored_at = excluded.scored_at`,
    columnsOf(scores, SCORE_KEYS),
  );
  await tx.query('DELETE FROM text_queue WHERE event_id = ANY($1::text[])', [scores.map((s) => s.eventId)]);
}

/**
 * Queues, in one pass, the texts scored by another model version than `version`: the start of a
 * re-scoring. Resumable by construction: until a text is re-scored it keeps its old version, so a
 * re-scoring interrupted anywhere picks up exactly the texts still outdated.
 */
export async function queueOutdated(db: Queryable, version: string): Promise<number> {
  const r = await db.query(
    `INSERT INTO text_queue (event_id, occurred_at)
     SELECT event_id, occurred_at FROM text_scores WHERE model_version <> $1 ON CONFLICT DO NOTHING`,
    [version],
  );
  return r.rowCount ?? 0;
}

/** Queues every text event that has no score (after a restore, say); the trigger covers new ones. */
export async function queueUnscored(db: Queryable): Promise<number> {
  const r = await db.query(
    `INSERT INTO text_queue (event_id, occurred_at)
     SELECT e.id, e.occurred_at FROM events e
     WHERE e.text IS NOT NULL AND e.text <> ''
       AND NOT EXISTS (SELECT 1 FROM text_scores s WHERE s.event_id = e.id)
     ON CONFLICT DO NOTHING`,
  );
  return r.rowCount ?? 0;
}

export interface ScoringStatus {
  modelVersion: string;
  scored: number;
  current: number;
  outdated: number;
  queued: number;
}

export async function scoringStatus(db: Queryable, version: string): Promise<ScoringStatus> {
  const [r] = await rows<Omit<ScoringStatus, 'modelVersion'>>(
    db,
    `SELECT (SELECT count(*) FROM text_scores)::int AS scored,
            (SELECT count(*) FROM text_scores WHERE model_version = $1)::int AS current,
            (SELECT count(*) FROM text_scores WHERE model_version <> $1)::int AS outdated,
            (SELECT count(*) FROM text_queue)::int AS queued`,
    [version],
  );
  return { modelVersion: version, ...r! };
}
