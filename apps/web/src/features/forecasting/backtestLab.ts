import { useQuery } from '@tanstack/react-query';
import { ApiError, get } from '../../app/api.ts';

/** One comparison's accuracy as `linli forecast backtest --json` prints it. */
export interface LabAccuracy {
  wape: number | null;
  demand_match: number | null;
  bias: number | null;
  mase: number | null;
  item_days: number;
}
type Trio = Record<'linli' | 'seasonal_naive' | 'ets', LabAccuracy>;
export interface LabPolicy {
  demand: number;
  ordered: number;
  sold: number;
  waste: number;
  waste_cost: number | null;
  fill_rate: number | null;
  stockouts: number;
  gross_margin: number | null;
}
export interface LabSummary {
  origins: number;
  from: string;
  to: string;
  horizon: number;
  items: number;
  horizon1: Trio;
  all_horizons: Trio;
  by_category: Record<string, Trio>;
  simulation: { linli: LabPolicy; naive: LabPolicy; waste_reduction: number | null };
  models: Record<string, number>;
  learned_weights: Record<string, number>;
  warnings: string[];
}
export interface LabRun {
  id: string;
  status: 'running' | 'succeeded' | 'failed';
  params: { from: string; to: string; horizon: number; step: number };
  files: { sales: string; items: string | null };
  actor: string;
  startedAt: string;
  finishedAt: string | null;
  progress: { done: number; total: number } | null;
  error: string | null;
  summary: LabSummary | null;
}

export const LAB_KEY = ['forecasting', 'backtests'];

export function useLabRuns() {
  return useQuery({
    queryKey: LAB_KEY,
    queryFn: () => get<{ items: LabRun[] }>('/api/v1/forecasting/backtests', { limit: 20 }),
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'running') ? 2_000 : false),
  });
}

export function useLabRun(id: string | null) {
  return useQuery({
    queryKey: [...LAB_KEY, id],
    queryFn: () => get<LabRun>(`/api/v1/forecasting/backtests/${id}`),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1_500 : false),
  });
}

/** Sends the files with XMLHttpRequest, which (unlike fetch) reports upload progress. */
export function startBacktest(
  params: { from: string; to: string; horizon: number; step: number },
  files: { sales: File; items?: File | undefined },
  onProgress: (percent: number) => void,
): Promise<LabRun> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
    xhr.open('POST', `/api/v1/forecasting/backtests?${query.toString()}`);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Network error during upload'));
    xhr.onload = () => {
      let body: Partial<LabRun> & { code?: string; message?: string; details?: unknown; requestId?: string } =
        {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body.id) resolve(body as LabRun);
      else
        reject(
          new ApiError(
            xhr.status,
            body.code ?? `http.${xhr.status}`,
            body.message ?? xhr.statusText,
            body.details,
            body.requestId,
          ),
        );
    };
    const form = new FormData();
    form.append('sales', files.sales);
    if (files.items) form.append('items', files.items);
    xhr.send(form);
  });
}
