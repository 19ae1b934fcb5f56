import type { RuleNode, RulePreview, RuleVocabulary, TagList } from '@linli/contracts/insight';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { get, post } from '../../app/api.ts';
import { incomplete } from './model.ts';

/** GET /api/v1/tags/fields: the fields, events, windows and comparators a rule may use. */
export function useVocabulary() {
  return useQuery({
    queryKey: ['rule-vocabulary'],
    queryFn: () => get<RuleVocabulary>('/api/v1/tags/fields'),
    staleTime: 600_000,
  });
}

/** GET /api/v1/tags: the catalogue with counts (also what a segment's tag conditions pick from). */
export function useTagList() {
  return useQuery({ queryKey: ['tags'], queryFn: () => get<TagList>('/api/v1/tags') });
}

/** The value as it was `ms` ago, once it has stopped changing. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The live count while editing: the rule (with whatever else the endpoint needs) is posted
 * ~400 ms after the last change; the previous count stays on screen meanwhile.
 */
export function useLivePreview(path: string, rule: RuleNode, extra: Record<string, unknown> = {}) {
  const body = JSON.stringify({ ...extra, rule });
  const settled = useDebounced(body, 400);
  // what is on screen decides whether to show a count; what was settled decides whether to ask
  const ready = !incomplete(rule);
  const settledReady = useMemo(
    () => !incomplete((JSON.parse(settled) as { rule: RuleNode }).rule),
    [settled],
  );
  const query = useQuery({
    queryKey: ['rule-preview', path, settled],
    queryFn: () => post<RulePreview>(path, JSON.parse(settled) as unknown),
    enabled: settledReady,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 10_000,
  });
  return { query, ready, pending: settled !== body || query.isFetching };
}
