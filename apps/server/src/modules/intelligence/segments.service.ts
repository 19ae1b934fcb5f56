import { segmentInput, type SegmentInput, type TagRule } from '@linli/contracts';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { fetchRows, inCommunities, sql } from '../../platform/db/fragments.ts';
import { withoutJit, withTransaction, type Queryable } from '../../platform/db/sql.ts';
import { AppError, parseInput } from '../../platform/errors.ts';
import { derivedId } from '../../platform/ids.ts';
import { memberPage } from './member-lists.ts';
import { matching } from './membership.repo.ts';
import * as repo from './segments.repo.ts';
import { checkRule, throwProblems } from './tag-rules.ts';
import { allTags } from './tags.repo.ts';
import { sameJson } from '../../platform/same-json.ts';

/** Segments: who matches a rule over tags, attributes, aggregates and events, kept current like tags. */

async function assertSegmentRule(ctx: Ctx, rule: TagRule, communityIds: string[] | null): Promise<void> {
  const tags = new Set((await allTags(ctx.database.pool)).map((t) => t.key));
  const problems = checkRule(rule, 'rule', { tags });
  if (communityIds) {
    const known = new Set(
      (
        await fetchRows<{ id: string }>(
          ctx.database.pool,
          sql`SELECT id FROM communities WHERE id = ANY(${sql.param(communityIds)}::text[])`,
        )
      ).map((c) => c.id),
    );
    communityIds.forEach((id, i) => {
      if (!known.has(id))
        problems.push({
          path: `communityIds.${i}`,
          code: 'unknown_community',
          reason: `unknown community ${id}`,
        });
    });
  }
  throwProblems(problems, 'segments.rule_invalid', 'segment');
}

function parseSegment(input: unknown): SegmentInput {
  return parseInput(segmentInput, input, 'segments.invalid', 'segment');
}

async function segmentOrThrow(ctx: Ctx, key: string) {
  const s = await repo.segmentByKey(ctx.database.pool, key);
  if (!s) throw new AppError('not_found', 'segments.not_found', `No segment ${key}`);
  return s;
}

export async function listSegments(ctx: Ctx, archived = false) {
  const [list, counts] = await Promise.all([
    repo.segmentList(ctx.database.pool, archived),
    repo.segmentCounts(ctx.database.pool),
  ]);
  const byId = new Map(counts.map((c) => [c.segmentId, c]));
  return {
    items: list.map((s) => ({
      ...s,
      members: byId.get(s.id)?.members ?? 0,
      holdout: byId.get(s.id)?.holdout ?? 0,
    })),
  };
}

export async function getSegment(ctx: Ctx, key: string) {
  const s = await segmentOrThrow(ctx, key);
  const [c] = await fetchRows<{ members: number; holdout: number }>(
    ctx.database.pool,
    sql`SELECT count(*)::int AS members, (count(*) FILTER (WHERE holdout))::int AS holdout
        FROM segment_members WHERE segment_id = ${s.id}`,
  );
  return { ...s, members: c!.members, holdout: c!.holdout };
}

/** The live count while editing: members matching now, and their share of the scope. */
export async function previewSegment(ctx: Ctx, rule: TagRule, communityIds: string[] | null) {
  await assertSegmentRule(ctx, rule, communityIds);
  const now = new Date();
  const [row] = await fetchRows<{ n: number; total: number }>(
    ctx.database.pool,
    sql`SELECT (SELECT count(*) FROM (${matching(rule, now, null, communityIds)}) x)::int AS n,
          (SELECT count(*) FROM members m WHERE true ${inCommunities(sql`m.community_id`, communityIds)})::int AS total`,
  );
  return { members: row!.n, share: row!.total ? row!.n / row!.total : 0 };
}

const sameDefinition = (a: repo.SegmentRow, b: SegmentInput) =>
  sameJson(
    [a.name, a.description, a.rule, a.communityIds, Math.fround(a.holdoutShare)],
    [b.name, b.description, b.rule, b.communityIds, Math.fround(b.holdoutShare)],
  );

/**
 * Creates a segment and fills it at once. A retry of the same request answers the segment it made;
 * a different segment under a taken key is a conflict.
 */
export async function createSegment(
  ctx: Ctx,
  input: unknown,
): Promise<{ created: boolean; segment: unknown }> {
  const s = parseSegment(input);
  await assertSegmentRule(ctx, s.rule, s.communityIds);
  const existing = await repo.segmentByKey(ctx.database.pool, s.key);
  if (existing && sameDefinition(existing, s))
    return { created: false, segment: await getSegment(ctx, s.key) };
  if (existing)
    throw new AppError('conflict', 'segments.key_taken', `A segment with key ${s.key} already exists`);
  const id = derivedId('seg', s.key);
  await withTransaction(ctx.database, async (tx) => {
    await repo.insertSegment(tx, id, s, ctx.actor.id);
    await recordAudit(ctx, { action: 'create', entity: 'segment', entityId: id, after: s }, tx);
    await withoutJit(tx);
    await repo.applySegment(tx, (await repo.segmentByKey(tx, s.key))!, new Date());
  });
  return { created: true, segment: await getSegment(ctx, s.key) };
}

export async function updateSegment(ctx: Ctx, key: string, input: unknown) {
  const before = await segmentOrThrow(ctx, key);
  const s = parseSegment({ ...(input as object), key });
  await assertSegmentRule(ctx, s.rule, s.communityIds);
  await withTransaction(ctx.database, async (tx) => {
    await repo.updateSegment(tx, before, s);
    await recordAudit(
      ctx,
      { action: 'update', entity: 'segment', entityId: before.id, before, after: s },
      tx,
    );
    const after = (await repo.segmentByKey(tx, key))!;
    await withoutJit(tx);
    if (!after.archivedAt) await repo.applySegment(tx, after, new Date());
  });
  return getSegment(ctx, key);
}

/** Archives (or restores) a segment: archived ones stop refreshing and leave lists, nothing is deleted. */
export async function archiveSegment(ctx: Ctx, key: string, archived: boolean) {
  const before = await segmentOrThrow(ctx, key);
  await withTransaction(ctx.database, async (tx) => {
    await repo.setArchived(tx, before.id, archived);
    await recordAudit(
      ctx,
      { action: archived ? 'archive' : 'restore', entity: 'segment', entityId: before.id },
      tx,
    );
    await withoutJit(tx);
    if (!archived) await repo.applySegment(tx, { ...before, archivedAt: null }, new Date());
  });
  return getSegment(ctx, key);
}

export async function segmentMembers(
  ctx: Ctx,
  key: string,
  q: { group: repo.Group; limit: number; cursor?: string | undefined },
) {
  const s = await segmentOrThrow(ctx, key);
  return memberPage(ctx, repo.segmentMembersSource(s.id, q.group), sql`, s.holdout`, q);
}

/**
 * Re-evaluates every active segment (after tags, which segments may test); some members only.
 * Runs inside the caller's transaction.
 */
export async function refreshSegments(tx: Queryable, now: Date, members: string[] | null = null) {
  let entered = 0;
  let left = 0;
  for (const s of await repo.segmentList(tx, false)) {
    const r = await repo.applySegment(tx, s, now, members);
    entered += r.entered;
    left += r.left;
  }
  return { entered, left };
}
