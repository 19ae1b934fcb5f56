/**
 * Member intelligence: rolling member features, the tag catalogue and its evaluation, and the
 * database-free `linli clv fit` (segments, personas, value quadrant and CLV per member to come).
 */
export {
  refreshTags,
  recomputeTags,
  refreshChangedMembers,
  startTagFreshness,
  ensureBuiltinTags,
  memberTags,
  type TagRun,
} from './tags.service.ts';
export { fitPersonas, exportPersonas, listPersonas, SEED_PERSONAS } from './personas.service.ts';
export { fitMemberValues } from './values.service.ts';
export { tagCatalogue } from './tag-insight.ts';
export { segmentMembersByKeyFragment, membersInSegment, segmentIsLive } from './segments.repo.ts';
export { intelligenceRoutes } from './intelligence.routes.ts';
export { runClvFit, fitClv, readTransactions } from './clv.cli.ts';
