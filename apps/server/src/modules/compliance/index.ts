/**
 * Compliance review of every piece of copy before it reaches members: stage 1 screens it with the
 * rule packs of `@linli/compliance` (stored here as versioned data), stage 2 is a human review with
 * the checklist, stage 3 the legal sign-off when a high-risk category was found. `linli compliance
 * scan` screens a CSV without a database.
 *
 * For messaging and content modules, one line before every send:
 *   await assertPublishable(app, { itemId, channel: 'app_push' }); // throws 409 compliance.not_approved
 */
export {
  complianceItems,
  complianceVersions,
  complianceScreenings,
  complianceReviews,
  complianceDecisions,
  complianceHitVerdicts,
  complianceMissed,
  compliancePackVersions,
  complianceAllowEntries,
  complianceChecklist,
  complianceSettings,
} from './compliance.schema.ts';
export {
  assertPublishable,
  isPublishable,
  installUgcScreen,
  type Approval,
  type GuardTarget,
} from './guard.ts';
export { submitItem, editItem, hitKey, textHash } from './items.service.ts';
export { slaSubject } from './items.repo.ts';
export { DEFAULT_SETTINGS } from './policy.service.ts';
export { claimItem, assignItem, decide, setVerdicts, markMissed, recallItem } from './review.service.ts';
export { liveBook, screenText, syncShippedPacks } from './packs.service.ts';
export { registerComplianceSla } from './compliance.sla.ts';
export { complianceRoutes } from './compliance.routes.ts';
