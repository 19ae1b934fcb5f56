import type {
  ExperimentListItem,
  ExperimentResults,
  ExperimentSettings,
  ExperimentView,
  HitRate,
  PlanEstimate,
} from '@linli/contracts/experiments';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, post, withQuery } from '../../app/api.ts';

/** Every query of the lab starts with this key, so any change refreshes all of them. */
export const LAB_KEY = 'experiments';
const path = (key: string) => `/api/v1/experiments/${encodeURIComponent(key)}`;

export function useExperiments(archived: boolean) {
  return useQuery({
    queryKey: [LAB_KEY, 'list', archived],
    queryFn: () =>
      get<{ items: ExperimentListItem[]; hitRate: HitRate }>('/api/v1/experiments', { archived }),
  });
}

export function useResults(key: string) {
  return useQuery({
    queryKey: [LAB_KEY, 'results', key],
    queryFn: () => get<ExperimentResults>(`${path(key)}/results`),
    // a running test's figures move: look again every minute while the page is open
    refetchInterval: (q) => (q.state.data?.experiment.status === 'running' ? 60_000 : false),
  });
}

export function useSettings() {
  return useQuery({
    queryKey: [LAB_KEY, 'settings'],
    queryFn: () => get<ExperimentSettings>('/api/v1/experiments/settings'),
  });
}

export const saveSettings = (s: { holdoutShare: number; conversionBar: number }) =>
  api<ExperimentSettings>('PUT', '/api/v1/experiments/settings', s);

export const createExperiment = (input: unknown) => post<ExperimentView>('/api/v1/experiments', input);

export const estimatePlan = (q: {
  segmentKey: string | null;
  traffic: number;
  layerShare: number;
  arms: number;
  attributionHours: number;
  baseRate?: number | null;
  targetMde?: number | null;
}) => post<PlanEstimate>('/api/v1/experiments/plan', q);

export function useLayers() {
  return useQuery({
    queryKey: [LAB_KEY, 'layers'],
    queryFn: () => get<{ items: Array<{ key: string; name: string }> }>('/api/v1/experiments/layers'),
  });
}

export type LifecycleAction = 'start' | 'stop' | 'ship' | 'restore' | 'archive' | 'refresh';

/** Start, stop, ship, archive, restore or refresh a test; every lab query is refreshed after. */
export function useLifecycle(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: LifecycleAction; body?: unknown }) =>
      action === 'archive'
        ? api<unknown>('DELETE', path(key))
        : post<unknown>(`${path(key)}/${action}`, body),
    onSettled: () => client.invalidateQueries({ queryKey: [LAB_KEY] }),
  });
}

export const exportHref = (key: string, lang: string) => withQuery(`${path(key)}/export`, { lang });
export const unitsHref = (key: string) => `${path(key)}/units.csv`;
