export { ingestMembers, ensureMembers, memberIdOf, assertMemberVisible } from './members.service.ts';
export { members, memberConsents } from './members.schema.ts';
export * as memberKpis from './kpis.repo.ts';
