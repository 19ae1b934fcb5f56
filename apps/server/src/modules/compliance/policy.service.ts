/**
 * The review policy (SLA per human stage, when the legal sign-off may be skipped, which categories
 * are high-risk) and the stage-2 checklist (the twelve categories, plus what operators add).
 *
 * High-risk by default: the four of issue 9 — medical_claims, price_fraud, disparagement,
 * authority_endorsement — and also false_claims and guarantee, because invented certificates,
 * origins and promised outcomes are 虚假广告 under Ad Law art. 28, the violation with the heaviest
 * fines (three to five times the advertising cost), and in food copy they are mostly health claims
 * in other words. Operators may change the list.
 */
import { CATEGORIES, defaultChecklist, HIGH_RISK } from '@linli/compliance';
import {
  checklistInput,
  settingsInput,
  type ChecklistEntry,
  type ComplianceCategory,
  type ComplianceSettings,
} from '@linli/contracts/compliance';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { rows, withTransaction, type Queryable } from '../../platform/db/sql.ts';
import { AppError, parseInput } from '../../platform/errors.ts';

export const DEFAULT_HIGH_RISK: ComplianceCategory[] = [...HIGH_RISK, 'false_claims', 'guarantee'];

export const DEFAULT_SETTINGS: ComplianceSettings = {
  reviewSlaHours: 4,
  legalSlaHours: 24,
  legalAlways: false,
  highRisk: DEFAULT_HIGH_RISK,
};

export async function readSettings(db: Queryable): Promise<ComplianceSettings> {
  const [r] = await rows<ComplianceSettings>(
    db,
    `SELECT review_sla_hours AS "reviewSlaHours", legal_sla_hours AS "legalSlaHours",
       legal_always AS "legalAlways", high_risk AS "highRisk" FROM compliance_settings WHERE id = 1`,
  );
  return r ?? DEFAULT_SETTINGS;
}

export async function putSettings(ctx: Ctx, input: unknown): Promise<ComplianceSettings> {
  const s = parseInput(settingsInput, input, 'compliance.settings_invalid', 'settings');
  const before = await readSettings(ctx.database.pool);
  await withTransaction(ctx.database, async (tx) => {
    await tx.query(
      `INSERT INTO compliance_settings (id, review_sla_hours, legal_sla_hours, legal_always, high_risk, updated_by, updated_at)
       VALUES (1, $1, $2, $3, $4::text[], $5, now())
       ON CONFLICT (id) DO UPDATE SET review_sla_hours = excluded.review_sla_hours,
         legal_sla_hours = excluded.legal_sla_hours, legal_always = excluded.legal_always,
         high_risk = excluded.high_risk, updated_by = excluded.updated_by, updated_at = now()`,
      [s.reviewSlaHours, s.legalSlaHours, s.legalAlways, [...new Set(s.highRisk)], ctx.actor.id],
    );
    await recordAudit(
      ctx,
      { action: 'update', entity: 'compliance_settings', entityId: '1', before, after: s },
      tx,
    );
  });
  return readSettings(ctx.database.pool);
}

/** Stores the twelve default items the table lacks (first use). */
async function seedChecklist(db: Queryable): Promise<void> {
  const items = defaultChecklist();
  await db.query(
    `INSERT INTO compliance_checklist (key, title, law, category, high_risk, builtin, position, created_by)
     SELECT k, t, l, k, k = ANY($4::text[]), true, p, 'system'
     FROM unnest($1::text[], $2::text[], $3::text[], $5::int[]) AS x(k, t, l, p)
     ON CONFLICT (key) DO NOTHING`,
    [
      items.map((i) => i.category),
      items.map((i) => i.title),
      items.map((i) => i.law),
      DEFAULT_HIGH_RISK,
      items.map((_, i) => i + 1),
    ],
  );
}

/** The checklist in order; `all` includes disabled items (the editor shows them). */
export async function listChecklist(db: Queryable, all = false): Promise<ChecklistEntry[]> {
  const read = () =>
    rows<ChecklistEntry>(
      db,
      `SELECT key, title, law, category, high_risk AS "highRisk", builtin, enabled
       FROM compliance_checklist WHERE $1 OR enabled ORDER BY position, key`,
      [all],
    );
  let list = await read();
  if (!list.some((c) => c.builtin)) {
    await seedChecklist(db);
    list = await read();
  }
  return list;
}

/** Adds an item (or answers the same one again); a changed title or law updates it. */
export async function putChecklistItem(ctx: Ctx, input: unknown): Promise<ChecklistEntry> {
  const c = parseInput(checklistInput, input, 'compliance.checklist_invalid', 'checklist item');
  if ((CATEGORIES as readonly string[]).includes(c.key))
    throw new AppError(
      'conflict',
      'compliance.checklist_builtin',
      `${c.key} is one of the twelve built-in items; enable or disable it instead`,
    );
  await listChecklist(ctx.database.pool);
  await withTransaction(ctx.database, async (tx) => {
    const [before] = await rows<ChecklistEntry>(
      tx,
      'SELECT key, title, law, high_risk AS "highRisk" FROM compliance_checklist WHERE key = $1',
      [c.key],
    );
    await tx.query(
      `INSERT INTO compliance_checklist (key, title, law, high_risk, position, created_by)
       VALUES ($1, $2, $3, $4, (SELECT coalesce(max(position), 0) + 1 FROM compliance_checklist), $5)
       ON CONFLICT (key) DO UPDATE SET title = excluded.title, law = excluded.law,
         high_risk = excluded.high_risk, enabled = true`,
      [c.key, c.title, c.law, c.highRisk, ctx.actor.id],
    );
    await recordAudit(
      ctx,
      {
        action: before ? 'update' : 'create',
        entity: 'compliance_checklist',
        entityId: c.key,
        before: before ?? null,
        after: c,
      },
      tx,
    );
  });
  return (await listChecklist(ctx.database.pool, true)).find((x) => x.key === c.key)!;
}

/** Turns an item off (kept in past decisions) or on again. */
export async function setChecklistEnabled(ctx: Ctx, key: string, enabled: boolean): Promise<ChecklistEntry> {
  await listChecklist(ctx.database.pool);
  const r = await ctx.database.pool.query('UPDATE compliance_checklist SET enabled = $2 WHERE key = $1', [
    key,
    enabled,
  ]);
  if (!r.rowCount)
    throw new AppError('not_found', 'compliance.checklist_not_found', `No checklist item ${key}`);
  await recordAudit(ctx, {
    action: enabled ? 'enable' : 'disable',
    entity: 'compliance_checklist',
    entityId: key,
  });
  return (await listChecklist(ctx.database.pool, true)).find((x) => x.key === key)!;
}
