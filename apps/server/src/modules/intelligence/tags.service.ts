import { tagInput, type TagInput, type TagRule } from '@linli/contracts';
import { recordAudit } from '../../platform/audit.ts';
import type { App, Ctx } from '../../platform/context.ts';
import {
  changedMembers,
  clearAllChangedMembers,
  clearChangedMembers,
} from '../../platform/db/changed-members.ts';
import { withoutJit, withTransaction } from '../../platform/db/sql.ts';
import { inTurn } from '../../platform/in-turn.ts';
import { AppError, parseInput } from '../../platform/errors.ts';
import { derivedId } from '../../platform/ids.ts';
import { assertMemberVisible } from '../members/index.ts';
import { BUILTIN_TAGS } from './builtin-tags.ts';
import { rebuildMemberFeatures } from './features.repo.ts';
import { checkRule, throwProblems } from './tag-rules.ts';
import { totalMembers } from './tag-insight.ts';
import { refreshSegments } from './segments.service.ts';
import { applyTags } from './tags-pass.repo.ts';
import * as repo from './tags.repo.ts';
import { sameJson } from '../../platform/same-json.ts';

const SYSTEM = 'system';

/** Rejects a rule with every problem named by its place in the rule. */
function assertRule(rule: TagRule): void {
  throwProblems(checkRule(rule), 'tags.rule_invalid', 'rule');
}

/** Adds the built-in catalogue and brings changed built-in rules to their next version. */
export async function ensureBuiltinTags(app: App): Promise<void> {
  const existing = new Map((await repo.allTags(app.database.pool)).map((t) => [t.key, t]));
  for (const t of BUILTIN_TAGS) {
    assertRule(t.rule);
    const before = existing.get(t.key);
    if (!before)
      await repo.insertTag(app.database.pool, { ...t, id: derivedId('tag', t.key), builtin: true }, SYSTEM);
    else if (before.builtin && !sameJson(before.rule, t.rule))
      await repo.updateTag(app.database.pool, before, { ...t, enabled: before.enabled }, SYSTEM);
  }
}

export interface TagRun {
  /** members with features */
  features: number;
  /** feature rows the reconcile found different and rewrote (aged windows or drift); 0 without one */
  repaired: number;
  tags: number;
  entered: number;
  left: number;
  segmentsEntered: number;
  segmentsLeft: number;
  ms: number;
  /** of which rebuilding member_features from orders and events (the reconcile only) */
  featuresMs: number;
  /** of which evaluating every tag and segment over the features */
  tagsMs: number;
}

/** Full and incremental refreshes of one process take turns, so they never interleave their writes. */
const oneAtATime = inTurn();

/**
 * The scheduled reconcile: rebuilds every member's features from orders and events (repairing any
 * drift from the incremental path and ageing the rolling windows), then recomputes every tag and
 * segment; records each entry and exit.
 */
export function refreshTags(app: App, now = new Date()): Promise<TagRun> {
  return oneAtATime(() => fullRefresh(app, now, true));
}

/**
 * The whole catalogue and every segment recomputed over the stored features, in one pass over
 * the members: it reads members, never the order history.
 */
export function recomputeTags(app: App, now = new Date()): Promise<TagRun> {
  return oneAtATime(() => fullRefresh(app, now, false));
}

async function fullRefresh(app: App, now: Date, rebuild: boolean): Promise<TagRun> {
  const t0 = performance.now();
  const startedAt = new Date();
  await ensureBuiltinTags(app);
  const features = rebuild
    ? await withTransaction(app.database, (tx) => rebuildMemberFeatures(tx, now))
    : { members: await repo.featureCount(app.database.pool), changed: 0 };
  const featuresMs = rebuild ? Math.round(performance.now() - t0) : 0;
  const tags = await repo.allTags(app.database.pool);
  const { entered, left, moved } = await withTransaction(app.database, async (tx) => {
    await withoutJit(tx);
    const applied = await applyTags(
      tx,
      tags.filter((t) => t.enabled),
      now,
    );
    let left = applied.left;
    for (const tag of tags.filter((t) => !t.enabled)) left += await repo.clearTag(tx, tag, now);
    return { entered: applied.entered, left, moved: await refreshSegments(tx, now) };
  });
  if (rebuild) await clearAllChangedMembers(app.database.pool, startedAt);
  const ms = Math.round(performance.now() - t0);
  const run: TagRun = {
    features: features.members,
    repaired: features.changed,
    tags: tags.length,
    entered,
    left,
    segmentsEntered: moved.entered,
    segmentsLeft: moved.left,
    ms,
    featuresMs,
    tagsMs: ms - featuresMs,
  };
  app.log.info(run, rebuild ? 'tags reconciled' : 'tags recomputed');
  return run;
}

/**
 * Recomputes the features and tags of members whose orders, events or profile changed (marked by
 * the writers), oldest first, at most `limit` at a time. This is what keeps behaviour tags within
 * seconds of the facts; the hourly full refresh also catches members whose windows merely aged.
 */
export function refreshChangedMembers(app: App, limit = 5_000, now = new Date()): Promise<number> {
  return oneAtATime(async () => {
    const startedAt = new Date();
    const ids = await changedMembers(app.database.pool, limit);
    if (ids.length === 0) return 0;
    const tags = (await repo.allTags(app.database.pool)).filter((t) => t.enabled);
    // features, tags and segments of these members change together or not at all
    await withTransaction(app.database, async (tx) => {
      await withoutJit(tx);
      await rebuildMemberFeatures(tx, now, ids);
      await applyTags(tx, tags, now, ids);
      await refreshSegments(tx, now, ids);
    });
    await clearChangedMembers(app.database.pool, ids, startedAt);
    return ids.length;
  });
}

/** Drains changed members every `intervalMs` until stopped. */
export function startTagFreshness(app: App, intervalMs = 1_000): { stop(): Promise<void> } {
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    while (!stopped) {
      current = refreshChangedMembers(app).catch((err: unknown) =>
        app.log.error({ err }, 'tag freshness failed'),
      );
      const n = await current;
      if (n === 0 || typeof n !== 'number') await new Promise((r) => setTimeout(r, intervalMs));
    }
  };
  void tick();
  return {
    async stop() {
      stopped = true;
      await current;
    },
  };
}

/** How many members a rule would tag right now: the editor's live count. */
export async function previewRule(ctx: Ctx, rule: TagRule): Promise<{ members: number; share: number }> {
  assertRule(rule);
  const [[row], total] = await Promise.all([
    repo.countMatching(ctx.database.pool, rule, new Date()),
    totalMembers(ctx),
  ]);
  return { members: row!.n, share: total ? row!.n / total : 0 };
}

export async function createTag(ctx: Ctx, input: unknown) {
  const t = parseTag(input);
  if (await repo.tagByKey(ctx.database.pool, t.key))
    throw new AppError('conflict', 'tags.key_taken', `A tag with key ${t.key} already exists`);
  const id = derivedId('tag', t.key);
  await withTransaction(ctx.database, async (tx) => {
    await repo.insertTag(tx, { ...t, id, builtin: false }, ctx.actor.id);
    await recordAudit(ctx, { action: 'create', entity: 'tag', entityId: id, after: t }, tx);
  });
  return applyNow(ctx, t.key);
}

/** A new or changed tag takes effect at once over the stored features, not at the next reconcile. */
async function applyNow(ctx: Ctx, key: string) {
  const tag = (await repo.tagByKey(ctx.database.pool, key))!;
  const now = new Date();
  await oneAtATime(() =>
    withTransaction(ctx.database, async (tx) => {
      await withoutJit(tx);
      if (tag.enabled) await applyTags(tx, [tag], now);
      else await repo.clearTag(tx, tag, now);
    }),
  );
  return repo.tagByKey(ctx.database.pool, key);
}

export async function updateTag(ctx: Ctx, key: string, input: unknown) {
  const before = await repo.tagByKey(ctx.database.pool, key);
  if (!before) throw new AppError('not_found', 'tags.not_found', `No tag ${key}`);
  const t = parseTag({ ...(input as object), key });
  await withTransaction(ctx.database, async (tx) => {
    await repo.updateTag(tx, before, t, ctx.actor.id);
    await recordAudit(ctx, { action: 'update', entity: 'tag', entityId: before.id, before, after: t }, tx);
  });
  return applyNow(ctx, key);
}

function parseTag(input: unknown): TagInput {
  const tag = parseInput(tagInput, input, 'tags.invalid', 'tag');
  assertRule(tag.rule);
  return tag;
}

/** A member's tags with the values that made each apply. */
export async function memberTags(ctx: Ctx, memberId: string) {
  await assertMemberVisible(ctx, memberId);
  return { items: await repo.tagsOfMember(ctx.database.pool, memberId) };
}
