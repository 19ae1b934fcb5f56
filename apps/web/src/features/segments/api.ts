import type { SegmentInput, SegmentView } from '@linli/contracts/insight';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, post, withQuery } from '../../app/api.ts';

const path = (key: string) => `/api/v1/segments/${encodeURIComponent(key)}`;

/** GET /api/v1/segments?archived=…: the active (or the archived) segments. */
export function useSegments(archived: boolean) {
  return useQuery({
    queryKey: ['segments', archived],
    queryFn: () => get<{ items: SegmentView[] }>('/api/v1/segments', { archived }),
  });
}

/** GET /api/v1/segments/:key: one segment with its member and holdout counts. */
export function useSegment(key: string) {
  return useQuery({ queryKey: ['segments', 'one', key], queryFn: () => get<SegmentView>(path(key)) });
}

export const saveSegment = (input: SegmentInput, existing: boolean) =>
  existing ? api<SegmentView>('PUT', path(input.key), input) : post<SegmentView>('/api/v1/segments', input);

/** Archive and restore, each refreshing both lists. */
export function useArchive() {
  const client = useQueryClient();
  const done = () => client.invalidateQueries({ queryKey: ['segments'] });
  const archive = useMutation({
    mutationFn: (key: string) => api<unknown>('DELETE', path(key)),
    onSettled: done,
  });
  const restore = useMutation({
    mutationFn: (key: string) => post<unknown>(`${path(key)}/restore`),
    onSettled: done,
  });
  return { archive, restore };
}

export const exportHref = (key: string, lang: string) => withQuery(`${path(key)}/export`, { lang });
