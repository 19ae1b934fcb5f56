import { createHash, randomBytes } from 'node:crypto';
import { recordAudit } from '../audit.ts';
import { ROLES, type Actor, type App, type Ctx, type Role } from '../context.ts';
import { rows } from '../db/sql.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { generatePassword, hashPassword, verifyPassword } from './passwords.ts';

const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Failed logins per username within the window before further attempts are refused. */
export const LOGIN_MAX_FAILURES = 5;
const LOGIN_WINDOW_MS = 15 * 60 * 1000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  communityIds: string[];
  disabled: boolean;
  createdAt: Date;
}

const userCols = `id, username, display_name AS "displayName", roles, community_ids AS "communityIds",
  disabled_at IS NOT NULL AS disabled, created_at AS "createdAt"`;

export async function createUser(
  ctx: Ctx,
  input: { username: string; password: string; displayName?: string; roles: Role[]; communityIds?: string[] },
): Promise<UserView> {
  if (!/^[a-zA-Z0-9_.-]{3,64}$/.test(input.username))
    throw new AppError('invalid', 'auth.username_invalid', 'Username must be 3–64 letters, digits, . _ or -');
  if (input.password.length < 8)
    throw new AppError('invalid', 'auth.password_too_short', 'Password must have at least 8 characters');
  const bad = input.roles.filter((r) => !ROLES.includes(r));
  if (bad.length || input.roles.length === 0)
    throw new AppError('invalid', 'auth.role_invalid', `Roles must be some of: ${ROLES.join(', ')}`, { bad });
  const hash = await hashPassword(input.password);
  const id = newId('usr');
  const created = await rows<UserView>(
    ctx.database.pool,
    `INSERT INTO users (id, username, display_name, password_hash, roles, community_ids)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING RETURNING ${userCols}`,
    [id, input.username, input.displayName ?? input.username, hash, input.roles, input.communityIds ?? []],
  );
  if (!created[0])
    throw new AppError('conflict', 'auth.username_taken', `User ${input.username} already exists`);
  await recordAudit(ctx, {
    action: 'create',
    entity: 'user',
    entityId: id,
    after: { username: input.username, roles: input.roles },
  });
  return created[0];
}

export async function listUsers(ctx: Ctx): Promise<UserView[]> {
  return rows<UserView>(ctx.database.pool, `SELECT ${userCols} FROM users ORDER BY created_at`);
}

/** On first start: create `admin` with LINLI_ADMIN_PASSWORD, or a generated password returned once. */
export async function ensureAdmin(
  ctx: Ctx,
  password: string | undefined,
): Promise<{ created: boolean; password?: string }> {
  const existing = await rows(ctx.database.pool, 'SELECT 1 FROM users LIMIT 1');
  if (existing.length) return { created: false };
  const pw = password ?? generatePassword();
  await createUser(ctx, { username: 'admin', password: pw, displayName: '管理员', roles: ['admin'] });
  return { created: true, password: password ? undefined : pw };
}

export async function login(
  ctx: Ctx,
  input: { username: string; password: string; ip?: string; userAgent?: string },
): Promise<{ token: string; user: UserView; expiresAt: Date }> {
  const pool = ctx.database.pool;
  const [recent] = await rows<{ failures: number }>(
    pool,
    `SELECT count(*)::int AS failures FROM login_attempts
     WHERE username = $1 AND NOT success AND at > now() - ($2 || ' milliseconds')::interval
       AND at > coalesce((SELECT max(at) FROM login_attempts WHERE username = $1 AND success), '-infinity')`,
    [input.username, String(LOGIN_WINDOW_MS)],
  );
  if ((recent?.failures ?? 0) >= LOGIN_MAX_FAILURES)
    throw new AppError(
      'rate_limited',
      'auth.too_many_attempts',
      'Too many failed logins; try again in 15 minutes',
    );
  const [user] = await rows<UserView & { passwordHash: string }>(
    pool,
    `SELECT ${userCols}, password_hash AS "passwordHash" FROM users WHERE username = $1`,
    [input.username],
  );
  const ok = user && !user.disabled && (await verifyPassword(input.password, user.passwordHash));
  await pool.query('INSERT INTO login_attempts (username, ip, success) VALUES ($1, $2, $3)', [
    input.username,
    input.ip ?? null,
    !!ok,
  ]);
  if (!ok || !user)
    throw new AppError('unauthenticated', 'auth.invalid_credentials', 'Wrong username or password');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await pool.query(
    'INSERT INTO sessions (id, user_id, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5)',
    [sha256(token), user.id, expiresAt, input.ip ?? null, input.userAgent ?? null],
  );
  const { passwordHash: _omit, ...view } = user;
  await recordAudit(
    {
      ...ctx,
      actor: {
        type: 'user',
        id: user.id,
        username: user.username,
        roles: user.roles,
        communityIds: user.communityIds,
      },
    },
    {
      action: 'login',
      entity: 'session',
      entityId: user.id,
    },
  );
  return { token, user: view, expiresAt };
}

export async function logout(ctx: Ctx, token: string): Promise<void> {
  await ctx.database.pool.query('DELETE FROM sessions WHERE id = $1', [sha256(token)]);
  await recordAudit(ctx, { action: 'logout', entity: 'session', entityId: ctx.actor.id });
}

export async function actorForSession(app: App, token: string): Promise<Actor | null> {
  const [u] = await rows<{ id: string; username: string; roles: Role[]; communityIds: string[] }>(
    app.database.pool,
    `SELECT u.id, u.username, u.roles, u.community_ids AS "communityIds" FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
    [sha256(token)],
  );
  return u ? { type: 'user', ...u } : null;
}

export const API_KEY_SCOPES = ['ingest', 'read', 'admin'] as const;

/** The secret is returned once; only its hash is stored. */
export async function createApiKey(
  ctx: Ctx,
  input: { name: string; scopes: string[] },
): Promise<{ id: string; key: string; prefix: string }> {
  const bad = input.scopes.filter((s) => !(API_KEY_SCOPES as readonly string[]).includes(s));
  if (bad.length || input.scopes.length === 0)
    throw new AppError(
      'invalid',
      'auth.scope_invalid',
      `Scopes must be some of: ${API_KEY_SCOPES.join(', ')}`,
      { bad },
    );
  const id = newId('key');
  const key = `lk_${randomBytes(24).toString('base64url')}`;
  const prefix = key.slice(0, 8);
  await ctx.database.pool.query(
    'INSERT INTO api_keys (id, name, prefix, secret_hash, scopes, created_by) VALUES ($1, $2, $3, $4, $5, $6)',
    [id, input.name, prefix, sha256(key), input.scopes, ctx.actor.id],
  );
  await recordAudit(ctx, {
    action: 'create',
    entity: 'api_key',
    entityId: id,
    after: { name: input.name, scopes: input.scopes, prefix },
  });
  return { id, key, prefix };
}

export async function revokeApiKey(ctx: Ctx, id: string): Promise<void> {
  const r = await ctx.database.pool.query(
    'UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL',
    [id],
  );
  if (!r.rowCount) throw new AppError('not_found', 'auth.api_key_not_found', `No active API key ${id}`);
  for (const [hash, entry] of verifiedKeys) if (entry.actor.id === id) verifiedKeys.delete(hash);
  await recordAudit(ctx, { action: 'revoke', entity: 'api_key', entityId: id });
}

export async function listApiKeys(ctx: Ctx) {
  return rows(
    ctx.database.pool,
    `SELECT id, name, prefix, scopes, created_by AS "createdBy", created_at AS "createdAt", revoked_at AS "revokedAt",
            last_used_at AS "lastUsedAt" FROM api_keys ORDER BY created_at DESC`,
  );
}

/**
 * Verified keys are remembered for a few seconds, so a client streaming batches costs one key lookup
 * (which also stamps `last_used_at`) per interval rather than a write per request. Revocation clears
 * the entry in this process at once; other processes see it within API_KEY_CACHE_MS.
 */
export const API_KEY_CACHE_MS = 5_000;
const verifiedKeys = new Map<string, { actor: Actor; until: number }>();

export async function actorForApiKey(app: App, key: string): Promise<Actor | null> {
  const hash = sha256(key);
  const cached = verifiedKeys.get(hash);
  if (cached && cached.until > Date.now()) return cached.actor;
  const [k] = await rows<{ id: string; scopes: string[] }>(
    app.database.pool,
    `UPDATE api_keys SET last_used_at = now() WHERE secret_hash = $1 AND revoked_at IS NULL RETURNING id, scopes`,
    [hash],
  );
  if (!k) {
    verifiedKeys.delete(hash);
    return null;
  }
  const actor: Actor = { type: 'api_key', id: k.id, scopes: k.scopes };
  if (verifiedKeys.size > 10_000) verifiedKeys.clear();
  verifiedKeys.set(hash, { actor, until: Date.now() + API_KEY_CACHE_MS });
  return actor;
}
