import type { FastifyRequest } from 'fastify';
import { actorForApiKey, actorForSession } from '../auth/auth.service.ts';
import type { Actor, App, Ctx, Role } from '../context.ts';
import { AppError } from '../errors.ts';

export const SESSION_COOKIE = 'linli_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export async function actorFromRequest(app: App, req: FastifyRequest): Promise<Actor | null> {
  const key = req.headers['x-api-key'];
  if (typeof key === 'string' && key) {
    const actor = await actorForApiKey(app, key);
    if (!actor) throw new AppError('unauthenticated', 'auth.api_key_invalid', 'Unknown or revoked API key');
    return actor;
  }
  const token = req.cookies?.[SESSION_COOKIE];
  return token ? actorForSession(app, token) : null;
}

export interface Access {
  /** operator roles allowed (admin always is) */
  roles?: Role[];
  /** API key scopes allowed (`admin` scope always is) */
  scopes?: string[];
}

/** The per-request service context; throws 401/403 unless the actor may do this. */
export function ctxFor(app: App, req: FastifyRequest, access: Access): Ctx {
  const actor = req.actor;
  if (!actor) throw new AppError('unauthenticated', 'auth.required', 'Log in or send an x-api-key header');
  if (actor.type === 'api_key') {
    if (!access.scopes || !actor.scopes.some((s) => s === 'admin' || access.scopes!.includes(s)))
      throw new AppError(
        'forbidden',
        'auth.scope_missing',
        `This API key lacks a scope for this call (needs one of: ${(access.scopes ?? ['(none: operators only)']).join(', ')})`,
      );
  } else if (actor.type === 'user') {
    if (!actor.roles.includes('admin') && !(access.roles ?? []).some((r) => actor.roles.includes(r)))
      throw new AppError(
        'forbidden',
        'auth.role_missing',
        `Your role may not do this (needs one of: admin, ${(access.roles ?? []).join(', ')})`,
      );
  }
  return { ...app, actor, requestId: req.id };
}
