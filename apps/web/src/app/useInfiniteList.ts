import { useInfiniteQuery } from '@tanstack/react-query';
import { get, type Page } from './api.ts';

/** A growing list over keyset cursors ("load more"), for timelines. */
export function useInfiniteList<T>(
  key: unknown[],
  path: string,
  filter: Record<string, string | undefined>,
  pageSize = 20,
) {
  const query = useInfiniteQuery({
    queryKey: [...key, filter],
    queryFn: ({ pageParam }) => get<Page<T>>(path, { ...filter, limit: pageSize, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { query, items: query.data?.pages.flatMap((p) => p.items) ?? [] };
}
