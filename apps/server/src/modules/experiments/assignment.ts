/**
 * Assignment in process: `await assignmentFor(app, 'weekend-title', memberId)` is all a push or a
 * content page needs. The test's configuration is compiled once and kept for a few seconds (a
 * change made in this process drops it at once; other processes see it within `TTL_MS`), so an
 * assignment is a hash and a few comparisons.
 *
 * Exposures are written once per member, off the answer's path: a member's first assignment is
 * queued and every exposure queued within `FLUSH_MS` goes into one idempotent INSERT, so a page
 * render never waits for the database (waiting measured 6–19 ms at p99 on the embedded database,
 * against 3 ms without). After the write the member is remembered and later calls touch no
 * database at all. A write that fails is logged and the member is queued again on their next
 * assignment; the server flushes the queue when it closes.
 */
import type { Assignment } from '@linli/contracts/experiments';
import type { App } from '../../platform/context.ts';
import { fetchRows, sql } from '../../platform/db/fragments.ts';
import { membersInSegment } from '../intelligence/index.ts';
import { type CompiledExperiment, compileExperiment } from './compile.ts';
import { experimentByKey, layerSalt, readSettings } from './experiments.repo.ts';

/** How long a compiled configuration is trusted before it is read again. */
const TTL_MS = 5_000;
/** Segment answers are kept this long per member. */
const SEGMENT_TTL_MS = 60_000;
/** Bound on the remembered exposures per test (then the memory starts over; the upsert stays correct). */
const SEEN_LIMIT = 2_000_000;
/** Exposures queued within this many ms share one INSERT. */
const FLUSH_MS = 10;

interface PendingExposure {
  entry: Entry;
  experimentId: string;
  memberId: string;
  arm: string;
  at: Date;
}

interface Entry {
  id: string | null;
  compiled: CompiledExperiment | null;
  segmentKey: string | null;
  loadedAt: number;
  seen: Set<string>;
  segment: Map<string, { in: boolean; at: number }>;
}

export interface ExperimentCache {
  app: App;
  entries: Map<string, Entry>;
  loading: Map<string, Promise<Entry>>;
  /** the batch still taking exposures, by test and member (a member queued twice is written once) */
  open: { rows: Map<string, PendingExposure>; done: Promise<void> } | null;
  /** batches being written */
  writing: Set<Promise<void>>;
}

/** One cache per database (a request's Ctx is a copy of the App, its database the same object). */
const caches = new WeakMap<App['database'], ExperimentCache>();

/** The cache of an app's database, created on first use. */
export function experimentCache(app: App): ExperimentCache {
  let c = caches.get(app.database);
  if (!c)
    caches.set(
      app.database,
      (c = { app, entries: new Map(), loading: new Map(), open: null, writing: new Set() }),
    );
  return c;
}

/** Drops a test's compiled configuration after a change, so the next call reads the new one. */
export function forgetExperiment(app: App, key: string): void {
  caches.get(app.database)?.entries.delete(key);
}

/** After a settings change (the global holdout moved) every test is compiled again. */
export function forgetAllExperiments(app: App): void {
  caches.get(app.database)?.entries.clear();
}

async function load(cache: ExperimentCache, key: string): Promise<Entry> {
  const db = cache.app.database.pool;
  const row = await experimentByKey(db, key);
  const previous = cache.entries.get(key);
  const keep = previous && previous.id === row?.id;
  if (!row)
    return {
      id: null,
      compiled: null,
      segmentKey: null,
      loadedAt: Date.now(),
      seen: new Set(),
      segment: new Map(),
    };
  const settings = await readSettings(db);
  const salt = row.layer ? await layerSalt(db, row.layer.key) : null;
  const compiled = compileExperiment({
    key: row.key,
    salt: row.salt,
    status: row.status,
    archivedFrom: row.archivedFrom,
    definition: row,
    layer:
      row.layer && salt !== null && row.layerFrom !== null && row.layerTo !== null
        ? { key: row.layer.key, salt, from: row.layerFrom, to: row.layerTo }
        : null,
    holdout: { salt: settings.holdoutSalt, share: settings.holdoutShare },
    shippedArm: row.shippedArm,
  });
  return {
    id: row.id,
    compiled,
    segmentKey: row.segmentKey,
    loadedAt: Date.now(),
    // a reload of the same test keeps what it knows about exposures and segment members
    seen: keep ? previous.seen : new Set(),
    segment: keep && previous.segmentKey === row.segmentKey ? previous.segment : new Map(),
  };
}

function entryFor(cache: ExperimentCache, key: string): Entry | Promise<Entry> {
  const hit = cache.entries.get(key);
  const fresh = hit && Date.now() - hit.loadedAt < TTL_MS;
  if (fresh) return hit;
  let loading = cache.loading.get(key);
  if (!loading) {
    loading = load(cache, key).then(
      (e) => {
        cache.entries.set(key, e);
        cache.loading.delete(key);
        return e;
      },
      (err: unknown) => {
        cache.loading.delete(key);
        throw err;
      },
    );
    cache.loading.set(key, loading);
  }
  // a stale entry answers while the reload runs: a test's configuration changes rarely
  return hit ?? loading;
}

async function inSegment(cache: ExperimentCache, e: Entry, memberId: string): Promise<boolean> {
  const known = e.segment.get(memberId);
  if (known && Date.now() - known.at < SEGMENT_TTL_MS) return known.in;
  const found = await membersInSegment(cache.app.database.pool, e.segmentKey!, [memberId]);
  e.segment.set(memberId, { in: found.has(memberId), at: Date.now() });
  return found.has(memberId);
}

/** Queues an exposure; the returned promise settles when its batch is written (or has failed). */
function logExposure(cache: ExperimentCache, entry: Entry, memberId: string, arm: string): Promise<void> {
  let batch = cache.open;
  if (!batch) {
    const rows = new Map<string, PendingExposure>();
    const done: Promise<void> = new Promise((resolve) => setTimeout(resolve, FLUSH_MS)).then(() => {
      if (cache.open?.rows === rows) cache.open = null;
      return writeBatch(cache, [...rows.values()]);
    });
    cache.open = batch = { rows, done };
    cache.writing.add(done);
    void done.finally(() => cache.writing.delete(done));
  }
  const k = `${entry.id}\u0000${memberId}`;
  if (!batch.rows.has(k))
    batch.rows.set(k, { entry, experimentId: entry.id!, memberId, arm, at: new Date() });
  return batch.done;
}

async function writeBatch(cache: ExperimentCache, batch: PendingExposure[]): Promise<void> {
  try {
    await writeExposures(cache.app, batch);
    for (const b of batch) {
      if (b.entry.seen.size >= SEEN_LIMIT) b.entry.seen.clear();
      b.entry.seen.add(b.memberId);
    }
  } catch (err) {
    // not remembered as seen: the member's next assignment queues the exposure again
    cache.app.log.warn({ err, exposures: batch.length }, 'experiment exposures not written');
  }
}

/** Writes every queued exposure now (tests, and the server as it closes). */
export async function flushExposures(app: App): Promise<void> {
  const cache = caches.get(app.database);
  while (cache?.writing.size) await Promise.all([...cache.writing]);
}

/** Idempotent: a member already exposed keeps the first row (first exposure, its arm). */
export async function writeExposures(
  app: App,
  batch: ReadonlyArray<{ experimentId: string; memberId: string; arm: string; at: Date }>,
): Promise<void> {
  if (!batch.length) return;
  await fetchRows(
    app.database.pool,
    sql`INSERT INTO experiment_exposures (experiment_id, member_id, arm, first_at)
        SELECT * FROM unnest(${sql.param(batch.map((b) => b.experimentId))}::text[],
          ${sql.param(batch.map((b) => b.memberId))}::text[], ${sql.param(batch.map((b) => b.arm))}::text[],
          ${sql.param(batch.map((b) => b.at.toISOString()))}::timestamptz[])
        ON CONFLICT (experiment_id, member_id) DO NOTHING`,
  );
}

export interface AssignOptions {
  /** log the exposure (default true): pass false to preview without counting the member */
  expose?: boolean;
  /** wait until the exposure is written (default false: it is written within a few ms) */
  waitForExposure?: boolean;
}

/**
 * The member's arm and what to show them, or null when no test has this key. Logs the exposure of
 * a member in a running test (once, in the background). `memberId` is Linli's member id (`mbr_…`).
 */
export async function assignmentFor(
  appOrCache: App | ExperimentCache,
  key: string,
  memberId: string,
  o: AssignOptions = {},
): Promise<Assignment | null> {
  const cache = 'entries' in appOrCache ? appOrCache : experimentCache(appOrCache);
  const got = entryFor(cache, key);
  const e = got instanceof Promise ? await got : got;
  const c = e.compiled;
  if (!c) return null;
  let { arm, reason } = c.decide(memberId);
  if (arm !== null && e.segmentKey && !(await inSegment(cache, e, memberId))) {
    arm = null;
    reason = 'segment';
  }
  if (arm !== null && o.expose !== false && !e.seen.has(memberId)) {
    const written = logExposure(cache, e, memberId, arm);
    if (o.waitForExposure) await written;
  }
  return {
    experimentKey: c.key,
    status: c.status,
    arm,
    levels: c.levels(arm),
    inExperiment: arm !== null,
    reason,
    content: c.content(arm),
    contentId: c.contentId,
  };
}
