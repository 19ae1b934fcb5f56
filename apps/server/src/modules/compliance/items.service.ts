/**
 * Submitting copy and editing it. Every text is screened at once (stage 1) with the live packs:
 * `block` hits return it to its author with the hits and suggested rewrites; otherwise it joins
 * the human review queue (stage 2) and that stage's SLA clock starts. An edit is a new, immutable
 * version and goes through stage 1 again; an approval stays with the version it was given to.
 */
import { createHash } from 'node:crypto';
import type { Violation } from '@linli/compliance';
import { editInput, submitInput, type ComplianceSettings } from '@linli/contracts/compliance';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { withTransaction, type Queryable } from '../../platform/db/sql.ts';
import { AppError, parseInput } from '../../platform/errors.ts';
import { derivedId, newId } from '../../platform/ids.ts';
import { startClock, stopClock } from '../../platform/sla.ts';
import * as repo from './items.repo.ts';
import { screenText, type TimedScan } from './packs.service.ts';
import { readSettings } from './policy.service.ts';

export const textHash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const hitKey = (v: Pick<Violation, 'ruleId' | 'start' | 'end'>) => `${v.ruleId}@${v.start}-${v.end}`;

export const HOUR = 3_600_000;

/**
 * Stores stage 1 of a version and moves the item to where it goes next: back to the author on a
 * `block` hit, into the stage-2 queue (its clock started) otherwise. Runs in the caller's
 * transaction; the scan itself ran before it (a scan reads the pack table on another connection).
 */
export async function routeScreened(
  ctx: Ctx,
  tx: Queryable,
  itemId: string,
  version: number,
  scan: TimedScan,
  settings: ComplianceSettings,
  at?: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO compliance_screenings (item_id, version, verdict, hits, packs, revision, ms, screened_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, coalesce($8, now()))`,
    [
      itemId,
      version,
      scan.verdict,
      JSON.stringify(scan.violations),
      scan.packs,
      scan.revision,
      scan.ms,
      at ?? null,
    ],
  );
  const highRisk = scan.violations.some((v) => settings.highRisk.includes(v.category));
  const blocked = scan.verdict === 'block';
  await repo.insertDecision(tx, {
    itemId,
    version,
    stage: 'screen',
    decision: blocked ? 'return' : 'pass',
    reasons: [
      ...new Set(scan.violations.filter((v) => !blocked || v.severity === 'block').map((v) => v.category)),
    ],
    actorId: 'system',
    ...(at ? { at } : {}),
  });
  await tx.query(
    `UPDATE compliance_items SET status = $2, stage = $3, assignee_id = NULL, verdict = $4, hit_count = $5,
       high_risk = $6, updated_at = coalesce($7, now()) WHERE id = $1`,
    [
      itemId,
      blocked ? 'returned' : 'review',
      blocked ? null : 'review',
      scan.verdict,
      scan.violations.length,
      highRisk,
      at ?? null,
    ],
  );
  if (!blocked) {
    await repo.openReview(tx, itemId, version, 'review', at);
    await startClock(tx, {
      subject: repo.slaSubject(itemId, version),
      clock: 'review',
      durationMs: settings.reviewSlaHours * HOUR,
      meta: { itemId, version },
      ...(at ? { now: at } : {}),
    });
  }
}

function sameSubmission(a: repo.ItemRow, text: string, s: ReturnType<typeof submitInput.parse>): boolean {
  return (
    a.type === s.type &&
    a.channel === s.channel &&
    a.title === s.title &&
    (a.productId ?? null) === (s.productId ?? null) &&
    (a.campaignId ?? null) === (s.campaignId ?? null) &&
    text === s.text
  );
}

/**
 * Submits copy. With a `clientId` the same submission again answers the stored item (200, not
 * 201), and a different one under that id is refused.
 */
export async function submitItem(
  ctx: Ctx,
  input: unknown,
  opts: { at?: Date } = {},
): Promise<{ created: boolean; id: string }> {
  const s = parseInput(submitInput, input, 'compliance.invalid', 'submission');
  const existing = async (): Promise<{ created: false; id: string } | null> => {
    if (!s.clientId) return null;
    const id = await repo.itemIdByClientId(ctx.database.pool, s.clientId);
    if (!id) return null;
    const item = (await repo.itemById(ctx.database.pool, id))!;
    const [first] = (await repo.versionsOf(ctx.database.pool, id)).slice(-1);
    if (sameSubmission(item, first!.text, s)) return { created: false, id };
    throw new AppError(
      'conflict',
      'compliance.client_id_taken',
      `Another submission was stored under clientId ${s.clientId}; edit item ${id} to change its copy`,
    );
  };
  const found = await existing();
  if (found) return found;
  const id = s.clientId ? derivedId('cmi', s.clientId) : newId('cmi');
  const settings = await readSettings(ctx.database.pool);
  const scan = await screenText(ctx.database, s.text, { fresh: true });
  try {
    await withTransaction(ctx.database, async (tx) => {
      await tx.query(
        `INSERT INTO compliance_items (id, client_id, type, channel, title, product_id, campaign_id, author_id,
           status, current_version, verdict, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'review', 1, $9, coalesce($10, now()), coalesce($10, now()))`,
        [
          id,
          s.clientId ?? null,
          s.type,
          s.channel,
          s.title,
          s.productId ?? null,
          s.campaignId ?? null,
          ctx.actor.id,
          scan.verdict,
          opts.at ?? null,
        ],
      );
      await insertVersion(tx, id, 1, s.text, ctx.actor.id, opts.at);
      await routeScreened(ctx, tx, id, 1, scan, settings, opts.at);
      await recordAudit(
        ctx,
        {
          action: 'submit',
          entity: 'compliance_item',
          entityId: id,
          after: {
            type: s.type,
            channel: s.channel,
            version: 1,
            verdict: scan.verdict,
            hits: scan.violations.length,
          },
        },
        tx,
      );
    });
  } catch (e) {
    // the same clientId submitted twice at once: the loser answers the winner's item
    if ((e as { code?: string }).code === '23505' && s.clientId) {
      const again = await existing();
      if (again) return again;
    }
    throw e;
  }
  return { created: true, id };
}

async function insertVersion(
  tx: Queryable,
  itemId: string,
  version: number,
  text: string,
  by: string,
  at?: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO compliance_versions (item_id, version, text, text_hash, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, coalesce($6, now()))`,
    [itemId, version, text, textHash(text), by, at ?? null],
  );
}

export function notFound(id: string): AppError {
  return new AppError('not_found', 'compliance.not_found', `No content item ${id}`);
}

/** Who may change the copy: its author, or an operator (a colleague fixing it); never its reviewer. */
export function mayEdit(ctx: Ctx, authorId: string): boolean {
  if (ctx.actor.id === authorId) return true;
  if (ctx.actor.type !== 'user') return ctx.actor.type !== 'api_key';
  return ctx.actor.roles.includes('admin') || ctx.actor.roles.includes('operator');
}

/**
 * A new version of the copy, screened again. Its open review (and SLA clock) on the old version
 * ends; an approval of an older version does not carry over. Sending the current text again
 * changes nothing.
 */
export async function editItem(
  ctx: Ctx,
  id: string,
  input: unknown,
  opts: { at?: Date } = {},
): Promise<{ version: number; changed: boolean }> {
  const e = parseInput(editInput, input, 'compliance.invalid', 'edit');
  const item = await repo.itemById(ctx.database.pool, id);
  if (!item) throw notFound(id);
  if (!mayEdit(ctx, item.authorId))
    throw new AppError(
      'forbidden',
      'compliance.not_author',
      'Only the author or an operator may edit the copy',
    );
  const settings = await readSettings(ctx.database.pool);
  const scan = await screenText(ctx.database, e.text, { fresh: true });
  return withTransaction(ctx.database, async (tx) => {
    const cur = await repo.lockItem(tx, id);
    if (!cur) throw notFound(id);
    if (cur.status === 'rejected')
      throw new AppError(
        'conflict',
        'compliance.rejected',
        `Item ${id} was rejected; submit new copy instead`,
      );
    const [last] = (await repo.versionsOf(tx, id)).slice(0, 1);
    if (e.baseVersion === cur.currentVersion && last!.text === e.text)
      return { version: cur.currentVersion, changed: false };
    if (e.baseVersion !== cur.currentVersion)
      throw new AppError(
        'conflict',
        'compliance.stale_version',
        `The copy changed since version ${e.baseVersion} (now version ${cur.currentVersion}); reload and edit again`,
        { currentVersion: cur.currentVersion },
      );
    for (const stage of await repo.closeReviews(tx, id, opts.at))
      await stopClock(tx, repo.slaSubject(id, cur.currentVersion), stage, opts.at);
    const version = cur.currentVersion + 1;
    await insertVersion(tx, id, version, e.text, ctx.actor.id, opts.at);
    await tx.query('UPDATE compliance_items SET current_version = $2 WHERE id = $1', [id, version]);
    await routeScreened(ctx, tx, id, version, scan, settings, opts.at);
    await recordAudit(
      ctx,
      {
        action: 'edit',
        entity: 'compliance_item',
        entityId: id,
        before: { version: cur.currentVersion, status: cur.status },
        after: { version, verdict: scan.verdict, hits: scan.violations.length },
      },
      tx,
    );
    return { version, changed: true };
  });
}
