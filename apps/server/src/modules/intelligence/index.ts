/**
 * Member intelligence: rolling member features, the tag catalogue and its evaluation (more to come:
 * segments, personas, value quadrant and CLV).
 */
export {
  refreshTags,
  refreshChangedMembers,
  startTagFreshness,
  ensureBuiltinTags,
  listTags,
  memberTags,
  type TagRun,
} from './tags.service.ts';
export { intelligenceRoutes } from './intelligence.routes.ts';
