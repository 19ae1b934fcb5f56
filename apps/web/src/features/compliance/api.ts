import type {
  CategoryRecall,
  ComplianceDashboard,
  ComplianceItemDetail,
  ComplianceSettings,
  PackProblemView,
  PackSummary,
  RuleStat,
  ScanAnswer,
} from '@linli/contracts/compliance';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, get, post, withQuery } from '../../app/api.ts';

/** Every query of the review pages starts with this key, so a decision refreshes all of them. */
export const KEY = 'compliance';
export const itemPath = (id: string) => `/api/v1/compliance/items/${encodeURIComponent(id)}`;

export function useItem(id: string) {
  return useQuery({
    queryKey: [KEY, 'item', id],
    queryFn: () => get<ComplianceItemDetail>(itemPath(id)),
    // the SLA clock and a colleague's decision move: look again every minute while it is open
    refetchInterval: 60_000,
  });
}

/** Any change to an item (decide, claim, verdicts, edit …): refreshes every review query after. */
export function useItemAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ method = 'POST', path, body }: { method?: string; path: string; body?: unknown }) =>
      api<ComplianceItemDetail>(method, `${itemPath(id)}${path}`, body ?? {}),
    onSuccess: (d) => client.setQueryData([KEY, 'item', id], d),
    onSettled: () => client.invalidateQueries({ queryKey: [KEY] }),
  });
}

export const submitCopy = (body: unknown) => post<ComplianceItemDetail>('/api/v1/compliance/items', body);

export const exportHref = (
  filter: Record<string, string | undefined>,
  format: 'csv' | 'xlsx',
  lang: string,
) => withQuery('/api/v1/compliance/items/export', { ...filter, format, lang });

/**
 * Stage 1 of `text` as one types: asks the server 250 ms after the last keystroke, and drops an
 * answer that arrives after a newer text was sent (typing fast must not flash old highlights).
 * Until the new answer comes, the last one's hits stay where their words still stand.
 */
export function useLiveScan(text: string, delayMs = 250) {
  const [state, setState] = useState<{ text: string; scan: ScanAnswer | null }>({ text: '', scan: null });
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    if (text.trim() === '') return;
    const timer = setTimeout(() => {
      post<ScanAnswer>('/api/v1/compliance/scan', { text })
        .then((scan) => {
          if (ticket === latest.current) setState({ text, scan });
        })
        .catch(() => {
          if (ticket === latest.current) setState({ text, scan: null });
        });
    }, delayMs);
    return () => clearTimeout(timer);
  }, [text, delayMs]);
  const empty = text.trim() === '';
  const fresh = state.text === text;
  const hits = empty
    ? []
    : (state.scan?.hits ?? []).filter((h) => fresh || text.slice(h.start, h.end) === h.term);
  return {
    hits,
    verdict: fresh && !empty ? (state.scan?.verdict ?? null) : null,
    ms: fresh ? (state.scan?.ms ?? null) : null,
    pending: !empty && !fresh,
  };
}

export function usePacks() {
  return useQuery({
    queryKey: [KEY, 'packs'],
    queryFn: () => get<{ items: PackSummary[] }>('/api/v1/compliance/packs'),
  });
}

export interface PackDetail {
  version: number;
  pack: Record<string, unknown> & { id: string; rules: Array<Record<string, unknown>> };
  builtin: boolean;
  note: string;
  createdBy: string;
  createdAt: string;
  versions: Array<{ version: number; builtin: boolean; note: string; createdBy: string; createdAt: string }>;
}

export function usePack(id: string | null) {
  return useQuery({
    queryKey: [KEY, 'pack', id],
    queryFn: () => get<PackDetail>(`/api/v1/compliance/packs/${encodeURIComponent(id!)}`),
    enabled: id !== null,
  });
}

export const savePack = (id: string, pack: unknown, note: string) =>
  api<PackDetail>('PUT', `/api/v1/compliance/packs/${encodeURIComponent(id)}`, { pack, note });

export const testPack = (pack: unknown, text: string) =>
  post<
    | { ok: true; result: { verdict: string; violations: ScanAnswer['hits'] } }
    | { ok: false; problems: PackProblemView[] }
  >('/api/v1/compliance/packs/test', { pack, text });

export function useDashboard(range: { from?: string | undefined; to?: string | undefined }) {
  return useQuery({
    queryKey: [KEY, 'dashboard', range],
    queryFn: () => get<ComplianceDashboard>('/api/v1/compliance/dashboard', range),
  });
}

export function useRuleStats() {
  return useQuery({
    queryKey: [KEY, 'rule-stats'],
    queryFn: () => get<{ rules: RuleStat[]; categories: CategoryRecall[] }>('/api/v1/compliance/rules/stats'),
  });
}

export const allowPhrase = (ruleId: string, phrase: string, itemId?: string) =>
  post<{ created: boolean; packId: string; version: number }>('/api/v1/compliance/allow', {
    ruleId,
    phrase,
    itemId,
  });

export function useSettings() {
  return useQuery({
    queryKey: [KEY, 'settings'],
    queryFn: () => get<ComplianceSettings>('/api/v1/compliance/settings'),
  });
}

export function useStageUsers(stage: 'review' | 'legal' | null) {
  return useQuery({
    queryKey: [KEY, 'users', stage],
    queryFn: () =>
      get<{ items: Array<{ username: string; displayName: string }> }>('/api/v1/compliance/reviewers', {
        stage: stage!,
      }),
    enabled: stage !== null,
  });
}

export function usePublishable(id: string, version: number) {
  return useQuery({
    queryKey: [KEY, 'publishable', id, version],
    queryFn: () =>
      post<{ publishable: boolean; reason: string | null }>('/api/v1/compliance/publishable', { itemId: id }),
  });
}
