import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, get, post } from './api.ts';

export type { Area } from '@linli/contracts/console';
import type { Area } from '@linli/contracts/console';

export interface Me {
  actor: { type: 'user'; id: string; username: string; roles: string[]; communityIds: string[] };
  areas: Area[];
}

/** The logged-in operator, or null when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await get<Me>('/api/v1/auth/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

export function useAuthActions() {
  const client = useQueryClient();
  return {
    async login(username: string, password: string) {
      await post('/api/v1/auth/login', { username, password });
      client.clear();
      await client.fetchQuery({ queryKey: ['me'], queryFn: () => get<Me>('/api/v1/auth/me') });
    },
    async logout() {
      await post('/api/v1/auth/logout');
      client.clear();
      client.setQueryData(['me'], null);
    },
  };
}

/** Operators (and admins) may change things: refresh, refit, edit tags and segments; others only read. */
export function useCanEdit(): boolean {
  const me = useMe();
  return me.data?.actor.roles.some((r) => r === 'admin' || r === 'operator') ?? false;
}
