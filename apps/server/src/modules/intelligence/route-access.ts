import { rolesFor } from '../../platform/access.ts';

/** Who may read member insight (tags, segments, models) and who may change it. */
export const readers = { roles: rolesFor('members'), scopes: ['read'] };
export const editors = { roles: ['operator' as const], scopes: ['admin'] };
