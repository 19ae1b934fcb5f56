import { z } from 'zod';
import {
  createApiKey,
  createUser,
  listApiKeys,
  listUsers,
  login,
  logout,
  revokeApiKey,
} from '../auth/auth.service.ts';
import { ROLES, type App } from '../context.ts';
import { rows } from '../db/sql.ts';
import { decodeCursor, pageQuery, toPage } from '../pagination.ts';
import { ctxFor, SESSION_COOKIE } from './auth-hooks.ts';
import type { ZodServer } from './server.ts';
import { areasOf } from '../access.ts';

export function platformRoutes(s: ZodServer, app: App): void {
  s.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  s.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await app.database.pool.query('SELECT 1');
      return { status: 'ready', database: app.database.kind };
    } catch (err) {
      return reply
        .status(503)
        .send({ status: 'unavailable', database: app.database.kind, error: (err as Error).message });
    }
  });

  s.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const ctx = { ...app, actor: { type: 'system' as const, id: 'login' }, requestId: req.id };
      const { token, user, expiresAt } = await login(ctx, {
        ...req.body,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      void reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure:
          app.config.LINLI_SECURE_COOKIES === 'auto'
            ? req.protocol === 'https'
            : app.config.LINLI_SECURE_COOKIES === 'true',
        expires: expiresAt,
      });
      return { user };
    },
  );
  s.post('/api/v1/auth/logout', { schema: { tags: ['auth'] } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token && req.actor) await logout(ctxFor(app, req, { roles: [...ROLES] }), token);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });
  s.get('/api/v1/auth/me', { schema: { tags: ['auth'] } }, async (req) => {
    const ctx = ctxFor(app, req, { roles: [...ROLES], scopes: ['read', 'ingest'] });
    return { actor: ctx.actor, areas: areasOf(ctx.actor) };
  });

  s.get('/api/v1/admin/users', { schema: { tags: ['admin'] } }, async (req) => ({
    items: await listUsers(ctxFor(app, req, {})),
  }));
  s.post(
    '/api/v1/admin/users',
    {
      schema: {
        tags: ['admin'],
        body: z.object({
          username: z.string(),
          password: z.string(),
          displayName: z.string().optional(),
          roles: z.array(z.enum(ROLES)).min(1),
          communityIds: z.array(z.string()).optional(),
        }),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createUser(ctxFor(app, req, {}), req.body as Parameters<typeof createUser>[1])),
  );
  s.get('/api/v1/admin/api-keys', { schema: { tags: ['admin'] } }, async (req) => ({
    items: await listApiKeys(ctxFor(app, req, {})),
  }));
  s.post(
    '/api/v1/admin/api-keys',
    {
      schema: {
        tags: ['admin'],
        body: z.object({ name: z.string().min(1).max(100), scopes: z.array(z.string()).min(1) }),
      },
    },
    async (req, reply) => reply.status(201).send(await createApiKey(ctxFor(app, req, {}), req.body)),
  );
  s.delete(
    '/api/v1/admin/api-keys/:id',
    { schema: { tags: ['admin'], params: z.object({ id: z.string() }) } },
    async (req) => {
      await revokeApiKey(ctxFor(app, req, {}), req.params.id);
      return { ok: true };
    },
  );

  s.get(
    '/api/v1/admin/audit',
    {
      schema: {
        tags: ['admin'],
        querystring: pageQuery.extend({
          entity: z.string().optional(),
          action: z.string().optional(),
          actorId: z.string().optional(),
        }),
      },
    },
    async (req) => {
      ctxFor(app, req, {});
      const q = req.query;
      const after = decodeCursor(q.cursor, 1);
      const found = await rows<{ id: number }>(
        app.database.pool,
        `SELECT id, at, actor_type AS "actorType", actor_id AS "actorId", action, entity, entity_id AS "entityId", before, after,
                request_id AS "requestId"
         FROM audit_log
         WHERE ($1::text IS NULL OR entity = $1) AND ($2::text IS NULL OR action = $2) AND ($3::text IS NULL OR actor_id = $3)
           AND ($4::bigint IS NULL OR id < $4)
         ORDER BY id DESC LIMIT $5`,
        [q.entity ?? null, q.action ?? null, q.actorId ?? null, after?.[0] ?? null, q.limit + 1],
      );
      return toPage(found, q.limit, (r) => [r.id]);
    },
  );
}
