/**
 * The human stages: claiming and assigning queue entries, verdicts on stage-1 hits, violations
 * marked as missed, the decision of each stage, and the recall of approved copy. Each change locks
 * the item row, checks the version it was made on (an approval covers that version only), and is
 * audited in the same transaction.
 */
import type { Violation } from '@linli/compliance';
import {
  decideInput,
  missedInput,
  recallInput,
  verdictsInput,
  type HitVerdict,
  type ReviewStage,
} from '@linli/contracts/compliance';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { rows, withTransaction, type Queryable } from '../../platform/db/sql.ts';
import { AppError, parseInput } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { setClockOwner, startClock, stopClock } from '../../platform/sla.ts';
import * as repo from './items.repo.ts';
import { HOUR, hitKey, notFound } from './items.service.ts';
import { listChecklist, readSettings } from './policy.service.ts';
import { approvalProblems, holdsStage, isAdmin, legalNeed } from './workflow.ts';

type Locked = NonNullable<Awaited<ReturnType<typeof repo.lockItem>>>;

const conflict = (code: string, message: string, details?: unknown) =>
  new AppError('conflict', `compliance.${code}`, message, details);

async function locked(tx: Queryable, id: string): Promise<Locked> {
  const cur = await repo.lockItem(tx, id);
  if (!cur) throw notFound(id);
  return cur;
}

function assertMayAct(ctx: Ctx, cur: Locked, stage: ReviewStage): void {
  if (!holdsStage(ctx.actor, stage))
    throw new AppError(
      'forbidden',
      'compliance.stage_role_missing',
      `Only ${stage === 'review' ? 'reviewers' : 'legal'} may act on the ${stage} stage`,
    );
  // the author does not review their own copy
  if (cur.authorId === ctx.actor.id && !isAdmin(ctx.actor))
    throw new AppError('forbidden', 'compliance.own_item', 'The author of the copy may not review it');
}

async function hitsOf(tx: Queryable, id: string, version: number): Promise<Violation[]> {
  const [r] = await rows<{ hits: Violation[] }>(
    tx,
    'SELECT hits FROM compliance_screenings WHERE item_id = $1 AND version = $2',
    [id, version],
  );
  return r?.hits ?? [];
}

async function assign(tx: Queryable, id: string, version: number, stage: ReviewStage, userId: string) {
  await tx.query('UPDATE compliance_items SET assignee_id = $2, updated_at = now() WHERE id = $1', [
    id,
    userId,
  ]);
  await tx.query(
    `UPDATE compliance_reviews SET assignee_id = $4, assigned_at = now()
     WHERE item_id = $1 AND version = $2 AND stage = $3`,
    [id, version, stage, userId],
  );
  await setClockOwner(tx, repo.slaSubject(id, version), stage, userId);
}

/** Takes the item's open stage for oneself (again: no change; someone else's: refused). */
export async function claimItem(ctx: Ctx, id: string): Promise<void> {
  await withTransaction(ctx.database, async (tx) => {
    const cur = await locked(tx, id);
    if (!cur.stage) throw conflict('not_in_queue', `Item ${id} is ${cur.status}: nothing to claim`);
    assertMayAct(ctx, cur, cur.stage);
    if (cur.assigneeId === ctx.actor.id) return;
    if (cur.assigneeId && !isAdmin(ctx.actor))
      throw conflict('claimed', `Item ${id} is already assigned; ask for it to be reassigned`);
    await assign(tx, id, cur.currentVersion, cur.stage, ctx.actor.id);
    await recordAudit(
      ctx,
      { action: 'claim', entity: 'compliance_item', entityId: id, after: { stage: cur.stage } },
      tx,
    );
  });
}

/** Hands the open stage to a user who holds its role (not the author). */
export async function assignItem(ctx: Ctx, id: string, username: string): Promise<void> {
  const [user] = await rows<{ id: string; roles: string[] }>(
    ctx.database.pool,
    'SELECT id, roles FROM users WHERE username = $1 AND disabled_at IS NULL',
    [username],
  );
  if (!user) throw new AppError('invalid', 'compliance.unknown_user', `No active user ${username}`);
  await withTransaction(ctx.database, async (tx) => {
    const cur = await locked(tx, id);
    if (!cur.stage) throw conflict('not_in_queue', `Item ${id} is ${cur.status}: nothing to assign`);
    if (
      !holdsStage(ctx.actor, cur.stage) &&
      !(ctx.actor.type === 'user' && ctx.actor.roles.includes('operator'))
    )
      throw new AppError(
        'forbidden',
        'compliance.stage_role_missing',
        `You may not assign the ${cur.stage} stage`,
      );
    const target = {
      type: 'user' as const,
      id: user.id,
      username,
      roles: user.roles as never,
      communityIds: [],
    };
    if (!holdsStage(target, cur.stage) || (user.id === cur.authorId && !isAdmin(target)))
      throw new AppError(
        'invalid',
        'compliance.cannot_assign',
        `${username} may not take the ${cur.stage} stage of this item`,
      );
    if (cur.assigneeId === user.id) return;
    await assign(tx, id, cur.currentVersion, cur.stage, user.id);
    await recordAudit(
      ctx,
      {
        action: 'assign',
        entity: 'compliance_item',
        entityId: id,
        before: { assignee: cur.assigneeId },
        after: { stage: cur.stage, assignee: user.id },
      },
      tx,
    );
  });
}

function assertOpenVersion(cur: Locked, id: string, version: number): void {
  if (version !== cur.currentVersion)
    throw conflict(
      'stale_version',
      `Version ${version} of ${id} is not the current one (${cur.currentVersion})`,
      {
        currentVersion: cur.currentVersion,
      },
    );
  if (!cur.stage) throw conflict('not_in_queue', `Item ${id} is ${cur.status}: not under review`);
}

/** Confirms or overrules stage-1 hits (null clears a verdict); what per-rule precision counts. */
export async function setVerdicts(ctx: Ctx, id: string, input: unknown): Promise<void> {
  const v = parseInput(verdictsInput, input, 'compliance.invalid', 'verdicts');
  await withTransaction(ctx.database, async (tx) => {
    const cur = await locked(tx, id);
    assertOpenVersion(cur, id, v.version);
    assertMayAct(ctx, cur, cur.stage!);
    const hits = new Map((await hitsOf(tx, id, v.version)).map((h) => [hitKey(h), h]));
    for (const x of v.verdicts) {
      const h = hits.get(x.hit);
      if (!h)
        throw new AppError('invalid', 'compliance.unknown_hit', `Version ${v.version} has no hit ${x.hit}`);
      if (x.verdict === null)
        await tx.query(
          'DELETE FROM compliance_hit_verdicts WHERE item_id = $1 AND version = $2 AND hit_key = $3',
          [id, v.version, x.hit],
        );
      else
        await tx.query(
          `INSERT INTO compliance_hit_verdicts (item_id, version, hit_key, rule_id, category, term, verdict, actor_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (item_id, version, hit_key) DO UPDATE SET verdict = excluded.verdict,
             actor_id = excluded.actor_id, at = now()`,
          [id, v.version, x.hit, h.ruleId, h.category, h.term, x.verdict, ctx.actor.id],
        );
    }
    await recordAudit(ctx, { action: 'verdicts', entity: 'compliance_item', entityId: id, after: v }, tx);
  });
}

/** Marks a violation stage 1 did not find (with its category): what recall counts. */
export async function markMissed(ctx: Ctx, id: string, input: unknown): Promise<string> {
  const m = parseInput(missedInput, input, 'compliance.invalid', 'missed violation');
  return withTransaction(ctx.database, async (tx) => {
    const cur = await locked(tx, id);
    assertOpenVersion(cur, id, m.version);
    assertMayAct(ctx, cur, cur.stage!);
    const missedId = newId('cmm');
    await tx.query(
      `INSERT INTO compliance_missed (id, item_id, version, category, term, note, actor_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [missedId, id, m.version, m.category, m.term, m.note, ctx.actor.id],
    );
    await recordAudit(ctx, { action: 'missed', entity: 'compliance_item', entityId: id, after: m }, tx);
    return missedId;
  });
}

export async function unmarkMissed(ctx: Ctx, id: string, missedId: string): Promise<void> {
  await withTransaction(ctx.database, async (tx) => {
    const cur = await locked(tx, id);
    if (!cur.stage) throw conflict('not_in_queue', `Item ${id} is ${cur.status}: its marks are final`);
    assertMayAct(ctx, cur, cur.stage);
    const r = await tx.query(
      'DELETE FROM compliance_missed WHERE id = $1 AND item_id = $2 AND version = $3',
      [missedId, id, cur.currentVersion],
    );
    if (!r.rowCount) throw new AppError('not_found', 'compliance.missed_not_found', `No mark ${missedId}`);
    await recordAudit(
      ctx,
      { action: 'unmark_missed', entity: 'compliance_item', entityId: id, before: { missedId } },
      tx,
    );
  });
}

/**
 * A stage's decision on a version. Approve at stage 2 moves the item to legal when `legalNeed`
 * says so, else approves it; approve at stage 3 approves it; return sends it back to the author;
 * reject closes it. The same decision again is answered as done; another one is refused.
 */
export async function decide(ctx: Ctx, id: string, input: unknown): Promise<{ repeated: boolean }> {
  const d = parseInput(decideInput, input, 'compliance.invalid', 'decision');
  if (d.decision !== 'approve' && d.reasons.length === 0 && d.comment === '')
    throw new AppError(
      'invalid',
      'compliance.reason_required',
      `A ${d.decision} needs a reason or a comment`,
      [{ field: 'reasons', reason: 'required for return and reject' }],
    );
  const settings = await readSettings(ctx.database.pool);
  const checklist = await listChecklist(ctx.database.pool);
  return withTransaction(ctx.database, async (tx) => {
    const cur = await locked(tx, id);
    const [done] = await rows<{ decision: string }>(
      tx,
      'SELECT decision FROM compliance_decisions WHERE item_id = $1 AND version = $2 AND stage = $3',
      [id, d.version, d.stage],
    );
    if (done) {
      if (done.decision === d.decision) return { repeated: true };
      throw conflict(
        'already_decided',
        `Stage ${d.stage} of version ${d.version} was decided: ${done.decision}`,
      );
    }
    assertOpenVersion(cur, id, d.version);
    if (cur.stage !== d.stage)
      throw conflict('wrong_stage', `Item ${id} waits for ${cur.stage}, not ${d.stage}`);
    assertMayAct(ctx, cur, d.stage);
    if (cur.assigneeId && cur.assigneeId !== ctx.actor.id && !isAdmin(ctx.actor))
      throw conflict('claimed', `Item ${id} is assigned to someone else`);
    const hits = await hitsOf(tx, id, d.version);
    let next: { status: 'approved' | 'legal' | 'returned' | 'rejected'; legalReasons?: string[] };
    if (d.decision === 'approve') {
      const verdicts = new Map(
        (await repo.verdictsOf(tx, id))
          .filter((x) => x.version === d.version)
          .map((x) => [x.hitKey, x.verdict as HitVerdict]),
      );
      const [m] = await rows<{ n: number }>(
        tx,
        'SELECT count(*)::int AS n FROM compliance_missed WHERE item_id = $1 AND version = $2',
        [id, d.version],
      );
      const problems = approvalProblems(d.stage, hits.map(hitKey), verdicts, m!.n, d.checklist, checklist);
      if (problems.length > 0)
        throw conflict(
          'cannot_approve',
          `Version ${d.version} cannot be approved: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`,
          problems,
        );
      const need =
        d.stage === 'review' ? legalNeed(settings, hits, d.checklist, checklist, d.needsLegal) : null;
      next = need?.required ? { status: 'legal', legalReasons: need.reasons } : { status: 'approved' };
    } else next = { status: d.decision === 'return' ? 'returned' : 'rejected' };

    await repo.insertDecision(tx, {
      itemId: id,
      version: d.version,
      stage: d.stage,
      decision: d.decision,
      // why legal was needed goes with the decision, as `legal:<reason>`
      reasons: next.legalReasons ? [...d.reasons, ...next.legalReasons.map((r) => `legal:${r}`)] : d.reasons,
      comment: d.comment,
      checklist: d.checklist,
      actorId: ctx.actor.id,
    });
    await repo.closeReviews(tx, id);
    await stopClock(tx, repo.slaSubject(id, d.version), d.stage);
    if (next.status === 'legal') {
      await repo.openReview(tx, id, d.version, 'legal');
      await startClock(tx, {
        subject: repo.slaSubject(id, d.version),
        clock: 'legal',
        durationMs: settings.legalSlaHours * HOUR,
        meta: { itemId: id, version: d.version },
      });
    }
    await repo.setItemState(tx, id, {
      status: next.status,
      stage: next.status === 'legal' ? 'legal' : null,
      assigneeId: null,
      ...(next.status === 'approved' ? { approvedVersion: d.version } : {}),
    });
    await recordAudit(
      ctx,
      {
        action: `decide.${d.stage}`,
        entity: 'compliance_item',
        entityId: id,
        before: { status: cur.status, version: d.version },
        after: { decision: d.decision, status: next.status, reasons: d.reasons, comment: d.comment },
      },
      tx,
    );
    return { repeated: false };
  });
}

/**
 * Takes approved copy back (found violating after approval): the guard refuses it from now on and
 * it returns to its author. What the dashboard's violation rate counts.
 */
export async function recallItem(ctx: Ctx, id: string, input: unknown): Promise<void> {
  const r = parseInput(recallInput, input, 'compliance.invalid', 'recall');
  if (!holdsStage(ctx.actor, 'legal') && !holdsStage(ctx.actor, 'review'))
    throw new AppError(
      'forbidden',
      'compliance.stage_role_missing',
      'Only reviewers and legal may recall copy',
    );
  await withTransaction(ctx.database, async (tx) => {
    const cur = await locked(tx, id);
    if (cur.status !== 'approved')
      throw conflict('not_approved', `Item ${id} is ${cur.status}, not approved`);
    await repo.insertDecision(tx, {
      itemId: id,
      version: cur.currentVersion,
      stage: 'recall',
      decision: 'recall',
      reasons: [r.category],
      comment: r.reason,
      actorId: ctx.actor.id,
    });
    await repo.setItemState(tx, id, {
      status: 'recalled',
      stage: null,
      assigneeId: null,
      approvedVersion: null,
    });
    await recordAudit(
      ctx,
      { action: 'recall', entity: 'compliance_item', entityId: id, before: { status: cur.status }, after: r },
      tx,
    );
  });
}
