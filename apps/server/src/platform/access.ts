import type { Actor, Role } from './context.ts';

/**
 * Which operator roles may use each area of the console and its read APIs. Routes take their
 * `roles` from here and `/api/v1/auth/me` derives the console's menu from it, so the menu never
 * offers a page whose API would answer 403. Admins may use every area.
 */
export const AREA_ROLES = {
  overview: ['operator', 'analyst', 'leader'],
  members: ['operator', 'analyst', 'customer_service', 'leader'],
  communities: ['operator', 'analyst', 'leader', 'supply_chain', 'customer_service'],
  products: ['operator', 'analyst', 'supply_chain', 'leader', 'customer_service'],
  /** demand forecasts and the nightly purchase list: business-wide numbers, so not for leaders */
  forecasting: ['operator', 'analyst', 'supply_chain'],
  /** the content lab: tests of titles, covers and calls to action, and their results */
  experiments: ['operator', 'analyst'],
  /** compliance review: authors (operators), reviewers (stage 2), legal (stage 3), analysts read */
  compliance: ['operator', 'analyst', 'reviewer', 'legal'],
  /** public-opinion response: the incident board, queues, NPS; a leader sees their communities' */
  opinion: ['operator', 'analyst', 'customer_service', 'executive', 'leader'],
  imports: ['operator'],
  admin: [],
} as const satisfies Record<string, readonly Role[]>;

export type Area = keyof typeof AREA_ROLES;

export function rolesFor(area: Area): Role[] {
  return [...AREA_ROLES[area]];
}

/** The console areas an actor may open, in menu order. */
export function areasOf(actor: Actor): Area[] {
  const all = Object.keys(AREA_ROLES) as Area[];
  if (actor.type !== 'user') return [];
  if (actor.roles.includes('admin')) return all;
  return all.filter((area) => (AREA_ROLES[area] as readonly Role[]).some((r) => actor.roles.includes(r)));
}

/** Read access to an area: its console roles, or an API key with the `read` scope. */
export function readersOf(area: Area): { roles: Role[]; scopes: string[] } {
  return { roles: rolesFor(area), scopes: ['read'] };
}

/** Who may change settings and models (tags, segments, lexicons, refits): operators, or admin keys. */
export const OPERATOR_EDITORS: { roles: Role[]; scopes: string[] } = {
  roles: ['operator'],
  scopes: ['admin'],
};

/**
 * Compliance review: who writes copy, who decides each human stage, who edits the rule packs and
 * the policy. Stage 2 belongs to reviewers and stage 3 to legal; the rule packs and allow-list are
 * the law as the business reads it, so legal edits them (reviewers add allow-list entries from
 * their verdicts). Admins may do everything; an admin-scope API key may submit and read.
 */
export const COMPLIANCE_ROLES: Record<
  'authors' | 'review' | 'legal' | 'allowList' | 'packs' | 'policy',
  { roles: Role[]; scopes: string[] }
> = {
  authors: { roles: ['operator', 'reviewer', 'legal'], scopes: ['ingest'] },
  review: { roles: ['reviewer'], scopes: [] },
  legal: { roles: ['legal'], scopes: [] },
  allowList: { roles: ['reviewer', 'legal'], scopes: [] },
  packs: { roles: ['legal'], scopes: [] },
  policy: { roles: ['legal', 'operator'], scopes: [] },
};

/**
 * Public-opinion response (seed 6.2): who takes messages in, who may act on an incident, who
 * changes the response settings. A leader acknowledges and answers level-1 alerts of their own
 * communities; customer service and the executive work the higher levels; operators everything.
 */
export const OPINION_ROLES: Record<
  'intake' | 'respond' | 'handle' | 'settings',
  { roles: Role[]; scopes: string[] }
> = {
  intake: { roles: ['operator', 'customer_service'], scopes: ['ingest'] },
  respond: { roles: ['operator', 'customer_service', 'executive', 'leader'], scopes: [] },
  handle: { roles: ['operator', 'customer_service', 'executive'], scopes: [] },
  settings: { roles: ['operator', 'executive'], scopes: ['admin'] },
};
