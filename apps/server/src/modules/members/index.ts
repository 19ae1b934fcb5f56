export { ingestMembers, ensureMembers, memberIdOf } from './members.service.ts';
export { members, memberConsents } from './members.schema.ts';
