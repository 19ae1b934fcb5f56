import type { Config } from './config.ts';
import type { Database, Db } from './db/index.ts';
import type { Logger } from './log.ts';
import type { PiiKeys } from './pii.ts';

import { ROLES, type Role } from '@linli/contracts/console';

export { ROLES, type Role };

/** Who is acting: an operator account, a machine client's API key, the CLI, or the system itself. */
export type Actor =
  | { type: 'user'; id: string; username: string; roles: Role[]; communityIds: string[] }
  | { type: 'api_key'; id: string; scopes: string[] }
  | { type: 'cli'; id: string }
  | { type: 'system'; id: string };

/** The application's long-lived parts, built once at start. */
export interface App {
  config: Config;
  database: Database;
  db: Db;
  log: Logger;
  pii: PiiKeys;
}

/** What every service function receives: the app plus who is acting and the request it serves. */
export interface Ctx extends App {
  actor: Actor;
  requestId: string;
}

export function systemCtx(app: App, id = 'system', requestId = 'system'): Ctx {
  return { ...app, actor: { type: 'system', id }, requestId };
}

export function cliCtx(app: App, command: string): Ctx {
  return { ...app, actor: { type: 'cli', id: command }, requestId: `cli-${Date.now().toString(36)}` };
}

/**
 * Communities a leader may see; `null` means no restriction. Every list or aggregate a leader can
 * reach filters through this.
 */
export function communityScope(ctx: Ctx): string[] | null {
  if (ctx.actor.type !== 'user') return null;
  if (ctx.actor.roles.includes('admin')) return null;
  if (ctx.actor.roles.length > 0 && ctx.actor.roles.every((r) => r === 'leader'))
    return ctx.actor.communityIds;
  return null;
}
