import type {
  ForecastAccuracy,
  ForecastRun,
  ForecastSimulation,
  ForecastSkuDetail,
  ForecastSkuPage,
  ForecastWeights,
  ReplenishmentAllocation,
  ReplenishmentLine,
  ReplenishmentList,
} from '@linli/contracts/forecasting';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, post, withQuery } from '../../app/api.ts';

/** Every forecasting query starts with this key, so a finished run refreshes all of them. */
export const FORECAST_KEY = 'forecasting';

/** The run list, polled every few seconds while a run is going. */
export function useRuns() {
  const client = useQueryClient();
  return useQuery({
    queryKey: [FORECAST_KEY, 'runs'],
    queryFn: async () => {
      const before = client.getQueryData<{ items: ForecastRun[] }>([FORECAST_KEY, 'runs']);
      const now = await get<{ items: ForecastRun[] }>('/api/v1/forecasting/runs', { limit: 10 });
      // a run that was running a moment ago has finished: everything it feeds is stale
      if (before?.items.some((r) => r.status === 'running') && !now.items.some((r) => r.status === 'running'))
        void client.invalidateQueries({ queryKey: [FORECAST_KEY], refetchType: 'active' });
      return now;
    },
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'running') ? 3_000 : false),
  });
}

export const rerun = (pickupDate: string | undefined) =>
  post<ForecastRun>('/api/v1/forecasting/runs', pickupDate ? { pickupDate } : {});

export function useReplenishment(date: string | undefined) {
  return useQuery({
    queryKey: [FORECAST_KEY, 'replenishment', date ?? ''],
    queryFn: () => get<ReplenishmentList>('/api/v1/forecasting/replenishment', { date }),
  });
}

export function useAllocations(date: string, sku: string) {
  return useQuery({
    queryKey: [FORECAST_KEY, 'allocations', date, sku],
    queryFn: () =>
      get<{ items: ReplenishmentAllocation[] }>(
        `/api/v1/forecasting/replenishment/${date}/${encodeURIComponent(sku)}/allocations`,
      ),
  });
}

export const setOverride = (date: string, sku: string, qty: number | null, reason?: string) =>
  api<ReplenishmentLine>('PUT', `/api/v1/forecasting/replenishment/${date}/${encodeURIComponent(sku)}`, {
    qty,
    reason,
  });

export const exportHref = (date: string, lang: string) =>
  withQuery('/api/v1/forecasting/replenishment/export', { date, lang });

export function useSkus(q: { date?: string; q?: string; category?: string; cursor?: string }) {
  return useQuery({
    queryKey: [FORECAST_KEY, 'skus', q],
    queryFn: () => get<ForecastSkuPage>('/api/v1/forecasting/skus', { ...q, limit: 30 }),
  });
}

export function useSku(sku: string | undefined, date: string | undefined) {
  return useQuery({
    queryKey: [FORECAST_KEY, 'sku', sku, date ?? ''],
    queryFn: () => get<ForecastSkuDetail>(`/api/v1/forecasting/skus/${encodeURIComponent(sku!)}`, { date }),
    enabled: Boolean(sku),
  });
}

export const useAccuracy = (date?: string) =>
  useQuery({
    queryKey: [FORECAST_KEY, 'accuracy', date ?? ''],
    queryFn: () => get<ForecastAccuracy>('/api/v1/forecasting/accuracy', { date }),
  });

export const useWeights = (date?: string) =>
  useQuery({
    queryKey: [FORECAST_KEY, 'weights', date ?? ''],
    queryFn: () => get<ForecastWeights>('/api/v1/forecasting/weights', { date }),
  });

export const useSimulation = (date?: string) =>
  useQuery({
    queryKey: [FORECAST_KEY, 'simulation', date ?? ''],
    queryFn: () => get<ForecastSimulation>('/api/v1/forecasting/simulation', { date }),
  });

export const updateSupply = (
  sku: string,
  body: { lossRatePct: number | null; shelfLifeDays: number | null; unitCostFen: number | null },
) => api('PUT', `/api/v1/forecasting/supply-items/${encodeURIComponent(sku)}`, body);

export interface ImportOutcome {
  received: number;
  accepted: number;
  rejected: Array<{ index: number; row?: number; field: string; reason: string; code: string }>;
}

/** Sends a CSV file as it is; the server reads UTF-8 or GBK and Chinese or English headers. */
export async function importCsv(path: string, file: File): Promise<ImportOutcome> {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'text/csv' },
    body: file,
  });
  const body = (await res.json()) as ImportOutcome & { message?: string };
  if (!res.ok) throw new Error(body.message ?? res.statusText);
  return body;
}
