/**
 * The rules of the workflow that need no database: when the legal sign-off is required, what stops
 * an approval, and who may act on a stage. Kept pure so they read as policy and are tested alone.
 */
import type {
  CheckAnswer,
  ChecklistEntry,
  ComplianceCategory,
  ComplianceSettings,
  HitVerdict,
  ReviewStage,
} from '@linli/contracts/compliance';
import type { Violation } from '@linli/compliance';
import type { Actor, Role } from '../../platform/context.ts';

/** The role that decides each human stage (admins may act on both). */
export const STAGE_ROLE: Record<ReviewStage, Role> = { review: 'reviewer', legal: 'legal' };

export function holdsStage(actor: Actor, stage: ReviewStage): boolean {
  if (actor.type === 'cli' || actor.type === 'system') return true;
  if (actor.type !== 'user') return false;
  return actor.roles.includes('admin') || actor.roles.includes(STAGE_ROLE[stage]);
}

export const isAdmin = (actor: Actor) =>
  actor.type === 'cli' || actor.type === 'system' || (actor.type === 'user' && actor.roles.includes('admin'));

/** A checklist item counts as high-risk by its category (policy) or, for an added item, its flag. */
export function checkIsHighRisk(c: Pick<ChecklistEntry, 'category' | 'highRisk'>, s: ComplianceSettings) {
  return c.category ? s.highRisk.includes(c.category) : c.highRisk;
}

/**
 * Whether the current version needs stage 3, and why: the policy sends everything; stage 1 found a
 * high-risk category (even one a reviewer overruled: legal checks the overrule); a reviewer
 * answered `concern` on a high-risk checklist item or asked for it. Reasons are codes the console
 * words in its language: `policy`, `hit:<category>:<terms>`, `concern:<checklist key>`, `asked`.
 */
export function legalNeed(
  s: ComplianceSettings,
  hits: ReadonlyArray<Pick<Violation, 'category' | 'term'>>,
  answers: Record<string, CheckAnswer>,
  checklist: ReadonlyArray<ChecklistEntry>,
  asked: boolean,
): { required: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (s.legalAlways) reasons.push('policy');
  const found = new Map<ComplianceCategory, string[]>();
  for (const h of hits)
    if (s.highRisk.includes(h.category)) found.set(h.category, [...(found.get(h.category) ?? []), h.term]);
  for (const [category, terms] of found)
    reasons.push(`hit:${category}:${[...new Set(terms)].slice(0, 3).join('、')}`);
  for (const c of checklist)
    if (answers[c.key] === 'concern' && checkIsHighRisk(c, s)) reasons.push(`concern:${c.key}`);
  if (asked) reasons.push('asked');
  return { required: reasons.length > 0, reasons };
}

/**
 * What stops an approval of a version: a hit without a verdict or a confirmed one, a violation
 * found by hand, and (stage 2) a checklist item not answered or answered `violation`.
 */
export function approvalProblems(
  stage: ReviewStage,
  hitKeys: readonly string[],
  verdicts: ReadonlyMap<string, HitVerdict>,
  missed: number,
  answers: Record<string, CheckAnswer>,
  checklist: ReadonlyArray<ChecklistEntry>,
): Array<{ field: string; reason: string }> {
  const problems: Array<{ field: string; reason: string }> = [];
  for (const k of hitKeys) {
    const v = verdicts.get(k);
    if (!v) problems.push({ field: `hits.${k}`, reason: 'confirm or overrule every stage-1 hit first' });
    else if (v === 'confirmed') problems.push({ field: `hits.${k}`, reason: 'a confirmed violation' });
  }
  if (missed > 0)
    problems.push({ field: 'missed', reason: `${missed} violation(s) marked as missed by stage 1` });
  if (stage === 'review')
    for (const c of checklist) {
      const a = answers[c.key];
      if (!a) problems.push({ field: `checklist.${c.key}`, reason: 'not answered' });
      else if (a === 'violation')
        problems.push({ field: `checklist.${c.key}`, reason: 'answered violation' });
    }
  return problems;
}
