import type { RiskTermRow, TextAnalysisResult, TextStatus, TextTrend } from '@linli/contracts/text';
import { useQuery } from '@tanstack/react-query';
import { api, get, post, withQuery } from '../../app/api.ts';

export type TextFilter = Record<string, string | undefined>;

/** GET /api/v1/texts/trend with the explorer's filters. */
export function useTextTrend(filter: TextFilter) {
  return useQuery({
    queryKey: ['texts', 'trend', filter],
    queryFn: () => get<TextTrend>('/api/v1/texts/trend', filter),
  });
}

/** GET /api/v1/texts/status, refreshed while texts wait. */
export function useTextStatus() {
  return useQuery({
    queryKey: ['texts', 'status'],
    queryFn: () => get<TextStatus>('/api/v1/texts/status'),
    refetchInterval: (q) => ((q.state.data?.queued ?? 0) > 0 ? 3_000 : false),
  });
}

export const analyzeText = (text: string) => post<TextAnalysisResult>('/api/v1/texts/analyze', { text });
export const rescore = () => post<{ queued: number }>('/api/v1/texts/rescore');
export const textsExportHref = (filter: TextFilter, lang: string) =>
  withQuery('/api/v1/texts/export', { ...filter, lang });

export const addRiskTerm = (body: { term: string; severity: string; category?: string }) =>
  post<RiskTermRow>('/api/v1/risk-terms', body);
export const patchRiskTerm = (
  id: string,
  body: { severity?: string; category?: string; enabled?: boolean },
) => api<RiskTermRow>('PATCH', `/api/v1/risk-terms/${encodeURIComponent(id)}`, body);
