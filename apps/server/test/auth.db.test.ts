import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_MAX_FAILURES } from '../src/platform/auth/auth.service.ts';
import { count, createTestApp, type TestApp } from './harness.ts';
import { loginAs, startHttp, type Http } from './http.ts';

let t: TestApp;
let http: Http;

beforeAll(async () => {
  t = await createTestApp();
  http = await startHttp(t);
  await http.call('POST', '/api/v1/ingest/communities', {
    items: [
      {
        id: 'c-a',
        name: '翠苑一区',
        city: '杭州',
        district: '西湖区',
        wechatGroups: [{ id: '2088@chatroom', name: '翠苑一区团购1群' }],
      },
      { id: 'c-b', name: '大关小区', city: '杭州', district: '拱墅区' },
    ],
  });
  await http.call('POST', '/api/v1/ingest/members', {
    items: [
      { id: 'ma', nickname: '甲', communityId: 'c-a' },
      { id: 'mb', nickname: '乙', communityId: 'c-b' },
    ],
  });
});
afterAll(async () => {
  await http?.close();
  await t?.close();
});

const withCookie = (cookie: string) => ({ cookie, 'x-api-key': '' });

describe('operators, sessions and roles', () => {
  it('logs in with an http-only SameSite cookie, answers /me, and logs out', async () => {
    await loginAs(t, http, 'ops1', ['operator']);
    const res = await fetch(`${http.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ops1', password: 'correct-horse-1' }),
    });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0]!;
    const me = await http.call('GET', '/api/v1/auth/me', undefined, withCookie(cookie));
    expect(me.body.actor).toMatchObject({ type: 'user', username: 'ops1', roles: ['operator'] });
    await http.call('POST', '/api/v1/auth/logout', undefined, withCookie(cookie));
    expect((await http.call('GET', '/api/v1/auth/me', undefined, withCookie(cookie))).status).toBe(401);
  });

  it('refuses wrong passwords, then throttles after repeated failures even with the right one', async () => {
    await loginAs(t, http, 'victim', ['analyst']);
    const attempt = (password: string) =>
      http.call('POST', '/api/v1/auth/login', { username: 'victim', password }, { 'x-api-key': '' });
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++)
      expect((await attempt('wrong-password')).body.code).toBe('auth.invalid_credentials');
    const blocked = await attempt('correct-horse-1');
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('auth.too_many_attempts');
  });

  it('lets only admins manage users, and records it in the audit log', async () => {
    const analyst = await loginAs(t, http, 'ana', ['analyst']);
    const denied = await http.call(
      'POST',
      '/api/v1/admin/users',
      { username: 'rev1', password: 'password1', roles: ['operator'] },
      withCookie(analyst),
    );
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('auth.role_missing');
    const admin = await loginAs(t, http, 'boss', ['admin']);
    const created = await http.call(
      'POST',
      '/api/v1/admin/users',
      { username: 'rev1', password: 'password1', roles: ['reviewer'] },
      withCookie(admin),
    );
    expect(created.status).toBe(201);
    const audit = await http.call(
      'GET',
      '/api/v1/admin/audit?entity=user&action=create',
      undefined,
      withCookie(admin),
    );
    expect(audit.body.items.map((a: { after: { username: string } }) => a.after.username)).toContain('rev1');
    expect(JSON.stringify(audit.body)).not.toContain('password1');
  });

  it('shows a leader only the members of their own communities', async () => {
    const leader = await loginAs(t, http, 'leader-a', ['leader'], [(await communityId('c-a'))!]);
    const list = await http.call('GET', '/api/v1/members', undefined, withCookie(leader));
    expect(list.body.items.map((m: { nickname: string }) => m.nickname)).toEqual(['甲']);
    const communities = await http.call('GET', '/api/v1/communities', undefined, withCookie(leader));
    expect(communities.body.items.map((c: { name: string }) => c.name)).toEqual(['翠苑一区']);
    expect(communities.body.items[0].wechatGroupIds).toEqual(['2088@chatroom']);
    const other = await http.call(
      'GET',
      `/api/v1/members/${await memberId('mb')}`,
      undefined,
      withCookie(leader),
    );
    expect(other.status).toBe(404);
  });

  it('stores API keys hashed, checks scopes, and honours revocation', async () => {
    const admin = await loginAs(t, http, 'keyadmin', ['admin']);
    const made = await http.call(
      'POST',
      '/api/v1/admin/api-keys',
      { name: 'reader', scopes: ['read'] },
      withCookie(admin),
    );
    expect(made.status).toBe(201);
    const key = made.body.key as string;
    expect(await count(t.app, 'SELECT count(*) FROM api_keys WHERE secret_hash = $1', [key])).toBe(0);
    const read = await http.call('GET', '/api/v1/members', undefined, { 'x-api-key': key });
    expect(read.status).toBe(200);
    const write = await http.call('POST', '/api/v1/ingest/events', { items: [] }, { 'x-api-key': key });
    expect(write.body.code).toBe('auth.scope_missing');
    await http.call('DELETE', `/api/v1/admin/api-keys/${made.body.id}`, undefined, withCookie(admin));
    expect((await http.call('GET', '/api/v1/members', undefined, { 'x-api-key': key })).body.code).toBe(
      'auth.api_key_invalid',
    );
  });

  it('paginates with a cursor and rejects a forged one', async () => {
    const first = await http.call('GET', '/api/v1/members?limit=1');
    expect(first.body.items).toHaveLength(1);
    const second = await http.call('GET', `/api/v1/members?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect((await http.call('GET', '/api/v1/members?cursor=garbage')).body.code).toBe(
      'request.cursor_invalid',
    );
  });
});

async function communityId(external: string) {
  return (await t.app.database.pool.query('SELECT id FROM communities WHERE external_id = $1', [external]))
    .rows[0]?.id as string | undefined;
}
async function memberId(external: string) {
  return (await t.app.database.pool.query('SELECT id FROM members WHERE external_id = $1', [external]))
    .rows[0]?.id as string;
}
