/**
 * Scores member texts in the background: sentiment, complaint intensity, aspects and risk keywords
 * for every queued text, stored with the model version, then the authors are marked changed so
 * their emotion tags follow within seconds. A model upgrade re-queues what the old model scored.
 */
import {
  analysisVersion,
  analyze,
  ASPECTS,
  keywordHits,
  sentimentModel,
  type Aspect,
  type KeywordMatcher,
  type SentimentModel,
} from '@linli/text';
import type { App } from '../../platform/context.ts';
import { markChangedMembers } from '../../platform/db/changed-members.ts';
import { withTransaction } from '../../platform/db/sql.ts';
import { currentRiskMatcher } from './lexicon.service.ts';
import { queueOutdated, storeScores, takeQueued, type QueuedText, type ScoreRow } from './scoring.repo.ts';

/** Small enough that one batch holds the embedded database for well under a second. */
export const SCORE_BATCH = 500;

/** `risk_level` of a score: the highest severity among its hits (0 without any). */
export const RISK_LEVEL = { low: 1, medium: 2, high: 3 } as const;

export function aspectBit(aspect: Aspect): number {
  return 1 << ASPECTS.indexOf(aspect);
}

export function scoreText(
  t: QueuedText,
  o: { version: string; model: SentimentModel; matcher: KeywordMatcher },
): ScoreRow {
  const a = analyze(t.text, o.model);
  const hits = keywordHits(o.matcher, t.text);
  let mentioned = 0;
  let negative = 0;
  let positive = 0;
  for (const { aspect, polarity } of a.aspects) {
    mentioned |= aspectBit(aspect);
    if (polarity < 0) negative |= aspectBit(aspect);
    if (polarity > 0) positive |= aspectBit(aspect);
  }
  return {
    eventId: t.eventId,
    memberId: t.memberId,
    source: t.source,
    occurredAt: t.occurredAt,
    modelVersion: o.version,
    label: a.label,
    probability: a.probability,
    intensity: a.intensity,
    aspects: JSON.stringify(a.aspects),
    aspectsMentioned: mentioned,
    aspectsNegative: negative,
    aspectsPositive: positive,
    riskHits: JSON.stringify(hits),
    riskLevel: Math.max(0, ...hits.map((h) => RISK_LEVEL[h.severity])),
  };
}

/** Scores up to `limit` queued texts in one transaction; returns how many. */
export async function scoreQueuedTexts(app: App, limit = SCORE_BATCH): Promise<number> {
  const o = {
    version: analysisVersion(),
    model: sentimentModel(),
    matcher: await currentRiskMatcher(app.database),
  };
  const authors = await withTransaction(app.database, async (tx) => {
    const texts = await takeQueued(tx, limit);
    await storeScores(
      tx,
      texts.map((t) => scoreText(t, o)),
    );
    return texts.map((t) => t.memberId);
  });
  if (authors.length) await markChangedMembers(app.database.pool, authors);
  return authors.length;
}

/** Scores until the queue is empty (after a bulk load, or for `linli text rescore`). */
export async function drainTextQueue(app: App, onBatch?: (scored: number) => void): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await scoreQueuedTexts(app, 2_000);
    if (n === 0) return total;
    total += n;
    onBatch?.(total);
  }
}

/**
 * Re-scores every text the current model did not score. Resumable: a text keeps its old version
 * until it is re-scored, so running it again after an interruption continues where it stopped.
 */
export async function rescoreTexts(
  app: App,
  onBatch?: (scored: number) => void,
): Promise<{ queued: number; scored: number }> {
  const queued = await queueOutdated(app.database.pool, analysisVersion());
  return { queued, scored: await drainTextQueue(app, onBatch) };
}

/** Scores queued texts every `intervalMs` until stopped; outdated scores are queued first. */
export function startTextScoring(app: App, intervalMs = 1_000): { stop(): Promise<void> } {
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    const requeued = await queueOutdated(app.database.pool, analysisVersion()).catch((err: unknown) => {
      app.log.error({ err }, 'queueing outdated text scores failed');
      return 0;
    });
    if (requeued) app.log.info({ requeued, version: analysisVersion() }, 'texts queued for re-scoring');
    while (!stopped) {
      current = scoreQueuedTexts(app).catch((err: unknown) => app.log.error({ err }, 'text scoring failed'));
      const n = await current;
      if (n === 0 || typeof n !== 'number') await new Promise((r) => setTimeout(r, intervalMs));
    }
  };
  current = tick();
  return {
    async stop() {
      stopped = true;
      await current;
    },
  };
}
