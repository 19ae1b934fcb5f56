/**
 * What the console reads about items: the filtered, paged list (queues are lists filtered by stage
 * and assignee, ordered by deadline) and one item with its versions, hits and verdicts, decisions,
 * marks, timeline, whether legal is needed, and what the reader may do now.
 */
import type {
  ComplianceHit,
  ComplianceItemDetail,
  ContentChannel,
  ContentType,
  ItemPage,
  ItemStatus,
  ReviewStage,
  TimelineEntry,
} from '@linli/contracts/compliance';
import type { Ctx } from '../../platform/context.ts';
import { rows } from '../../platform/db/sql.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/pagination.ts';
import { clocksOf } from '../../platform/sla.ts';
import * as repo from './items.repo.ts';
import { hitKey, mayEdit, notFound } from './items.service.ts';
import { listChecklist, readSettings } from './policy.service.ts';
import { holdsStage, isAdmin, legalNeed } from './workflow.ts';

export interface ListQuery {
  status?: ItemStatus[] | undefined;
  stage?: ReviewStage | undefined;
  channel?: ContentChannel | undefined;
  type?: ContentType | undefined;
  /** `me`, `none` or a username */
  assignee?: string | undefined;
  /** `me` or a username */
  author?: string | undefined;
  q?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  sort?: repo.ItemSort | undefined;
}

async function userIdOf(ctx: Ctx, name: string): Promise<string> {
  if (name === 'me') return ctx.actor.id;
  const [u] = await rows<{ id: string }>(ctx.database.pool, 'SELECT id FROM users WHERE username = $1', [
    name,
  ]);
  // an unknown name matches nothing rather than failing a shared link
  return u?.id ?? `unknown:${name}`;
}

export async function filterOf(ctx: Ctx, q: ListQuery): Promise<repo.ItemFilter> {
  return {
    status: q.status,
    stage: q.stage,
    channel: q.channel,
    type: q.type,
    assigneeId:
      q.assignee === undefined ? undefined : q.assignee === 'none' ? null : await userIdOf(ctx, q.assignee),
    authorId: q.author ? await userIdOf(ctx, q.author) : undefined,
    q: q.q?.trim() || undefined,
    from: q.from,
    to: q.to,
  };
}

const strip = ({ authorId: _a, assigneeId: _b, ...item }: repo.ItemRow) => item;

export async function listItemsPage(
  ctx: Ctx,
  q: ListQuery,
  page: { limit: number; cursor?: string | undefined },
): Promise<ItemPage<Date>> {
  const f = await filterOf(ctx, q);
  const sort = q.sort ?? (q.stage ? 'due' : 'updated');
  const after = decodeCursor(page.cursor, 2) as [string, string] | null;
  const [found, total] = await Promise.all([
    repo.listItems(ctx.database.pool, f, { limit: page.limit, after, sort }),
    repo.countItems(ctx.database.pool, f),
  ]);
  const items = found.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map(({ sortAt: _s, ...r }) => strip(r)),
    nextCursor: found.length > page.limit && last ? encodeCursor([last.sortAt, last.id]) : null,
    total,
  };
}

const MARK_LABEL = { warned50At: 'sla.50', warned80At: 'sla.80', breachedAt: 'sla.breach' } as const;

export async function itemDetail(ctx: Ctx, id: string): Promise<ComplianceItemDetail<Date>> {
  const db = ctx.database.pool;
  const row = await repo.itemById(db, id);
  if (!row) throw notFound(id);
  const [versions, decisions, missed, verdicts, reviews, settings, checklist] = await Promise.all([
    repo.versionsOf(db, id),
    repo.decisionsOf(db, id),
    repo.missedOf(db, id),
    repo.verdictsOf(db, id),
    repo.reviewsOf(db, id),
    readSettings(db),
    listChecklist(db),
  ]);
  const clocks = await clocksOf(
    db,
    versions.map((v) => repo.slaSubject(id, v.version)),
  );
  const verdictOf = new Map(verdicts.map((v) => [`${v.version}|${v.hitKey}`, v.verdict]));
  const shownVersions = versions.map((v) => ({
    version: v.version,
    text: v.text,
    createdBy: v.createdBy,
    createdAt: v.createdAt,
    verdict: v.verdict,
    packs: v.packs,
    hits: v.hits.map((h): ComplianceHit => ({
      ...h,
      key: hitKey(h),
      highRisk: settings.highRisk.includes(h.category),
      verdict: verdictOf.get(`${v.version}|${hitKey(h)}`) ?? null,
    })),
  }));
  const current = shownVersions.find((v) => v.version === row.currentVersion)!;
  const reviewDecision = decisions.find((d) => d.version === row.currentVersion && d.stage === 'review');
  const legal = legalNeed(
    settings,
    current.hits,
    reviewDecision?.checklist ?? {},
    checklist,
    (reviewDecision?.reasons ?? []).includes('legal:asked'),
  );

  const timeline: TimelineEntry<Date>[] = [];
  for (const v of versions)
    timeline.push({
      at: v.createdAt,
      kind: v.version === 1 ? 'submitted' : 'edited',
      version: v.version,
      actor: v.createdBy,
      reasons: [],
      detail: '',
    });
  for (const d of decisions)
    timeline.push({
      at: d.at,
      kind: `${d.stage}.${d.decision}`,
      version: d.version,
      actor: d.stage === 'screen' ? null : d.actor,
      reasons: d.reasons,
      detail: d.comment,
    });
  for (const r of reviews)
    if (r.assignedAt && r.assignee)
      timeline.push({
        at: r.assignedAt,
        kind: `${r.stage}.assigned`,
        version: r.version,
        actor: r.assignee,
        reasons: [],
        detail: '',
      });
  for (const m of missed)
    timeline.push({
      at: m.at,
      kind: 'missed',
      version: m.version,
      actor: m.actor,
      reasons: [m.category],
      detail: m.term,
    });
  for (const c of clocks) {
    const version = Number(c.subject.slice(c.subject.lastIndexOf(':v') + 2));
    for (const [col, kind] of Object.entries(MARK_LABEL) as Array<[keyof typeof MARK_LABEL, string]>) {
      const at = c[col];
      if (at) timeline.push({ at, kind, version, actor: null, reasons: [], detail: c.clock });
    }
  }
  timeline.sort((a, b) => a.at.getTime() - b.at.getTime());

  const stage = row.stage;
  const actsOnStage =
    stage !== null && holdsStage(ctx.actor, stage) && (row.authorId !== ctx.actor.id || isAdmin(ctx.actor));
  return {
    item: strip(row),
    versions: shownVersions,
    decisions,
    missed,
    timeline,
    legal: stage === 'legal' ? { required: true, reasons: legal.reasons } : legal,
    checklist: checklist.map((c) => ({
      ...c,
      highRisk: c.category ? settings.highRisk.includes(c.category) : c.highRisk,
    })),
    can: {
      edit: row.status !== 'rejected' && mayEdit(ctx, row.authorId),
      claim: actsOnStage && row.assigneeId !== ctx.actor.id ? stage : null,
      decide:
        actsOnStage && (row.assigneeId === null || row.assigneeId === ctx.actor.id || isAdmin(ctx.actor))
          ? stage
          : null,
      recall:
        row.status === 'approved' && (holdsStage(ctx.actor, 'legal') || holdsStage(ctx.actor, 'review')),
    },
  };
}

/** The users who may take a stage (the assign menu). */
export async function stageUsers(
  ctx: Ctx,
  stage: ReviewStage,
): Promise<Array<{ username: string; displayName: string }>> {
  if (!['review', 'legal'].includes(stage))
    throw new AppError('invalid', 'compliance.invalid', 'Unknown stage');
  return rows(
    ctx.database.pool,
    `SELECT username, display_name AS "displayName" FROM users
     WHERE disabled_at IS NULL AND ($1 = ANY(roles) OR 'admin' = ANY(roles)) ORDER BY username`,
    [stage === 'review' ? 'reviewer' : 'legal'],
  );
}
