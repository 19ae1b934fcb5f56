import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get, type Page } from './api.ts';

type Filter = Record<string, string | number | undefined>;

/**
 * Page-by-page browsing over the server's keyset cursors: remembers the cursors of the pages
 * already seen so "previous" is instant, and starts over when the filter changes.
 */
export function useCursorPages<T>(key: string, path: string, filter: Filter, pageSize = 20) {
  const filterKey = JSON.stringify(filter);
  const [seen, setSeen] = useState<{ filterKey: string; cursors: Array<string | undefined> }>({
    filterKey,
    cursors: [undefined],
  });
  // a new filter starts from the first page
  const cursors = seen.filterKey === filterKey ? seen.cursors : [undefined];
  const setCursors = (update: (c: Array<string | undefined>) => Array<string | undefined>) =>
    setSeen({ filterKey, cursors: update(cursors) });
  const page = cursors.length - 1;
  const query = useQuery({
    queryKey: [key, filterKey, cursors[page]],
    queryFn: () => get<Page<T>>(path, { ...filter, limit: pageSize, cursor: cursors[page] }),
    placeholderData: keepPreviousData,
  });
  return {
    query,
    page,
    hasNext: Boolean(query.data?.nextCursor),
    next: () => query.data?.nextCursor && setCursors((c) => [...c, query.data!.nextCursor!]),
    prev: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
  };
}
