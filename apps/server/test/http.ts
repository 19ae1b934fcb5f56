import type { AddressInfo } from 'node:net';
import { createApiKey, createUser } from '../src/platform/auth/auth.service.ts';
import type { Role } from '../src/platform/context.ts';
import { createServer } from '../src/routes.ts';
import type { TestApp } from './harness.ts';

export interface Http {
  base: string;
  apiKey: string;
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** A real server on a loopback port, with an ingest+read API key. */
export async function startHttp(t: TestApp): Promise<Http> {
  const server = await createServer(t.app);
  await server.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const { key } = await createApiKey(t.ctx, { name: 'test', scopes: ['ingest', 'read'] });
  return {
    base,
    apiKey: key,
    async call(method, path, body, headers = {}) {
      const res = await fetch(base + path, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          'x-api-key': key,
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* keep text */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    close: () => server.close(),
  };
}

/** Logs a new user in and returns the session cookie. */
export async function loginAs(
  t: TestApp,
  http: Http,
  username: string,
  roles: Role[],
  communityIds: string[] = [],
): Promise<string> {
  await createUser(t.ctx, { username, password: 'correct-horse-1', roles, communityIds });
  const res = await fetch(`${http.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'correct-horse-1' }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}
