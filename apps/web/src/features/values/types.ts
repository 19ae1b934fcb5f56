import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { get } from '../../app/api.ts';

export type { ClvValidation, PersonaPoints, ValuePoints } from '@linli/contracts/insight';

/** One persona of the current fit: its centre in readable units. */
export interface Persona {
  idx: number;
  nameZh: string;
  nameEn: string;
  size: number;
  profile: { ordersPerWeek: number; aovFen: number; shares: Record<string, number> };
}

/** GET /api/v1/personas */
export interface PersonaList {
  fit: {
    id: string;
    k: number;
    silhouette: number;
    members: number;
    detail: { features?: string[]; tried?: Array<{ k: number; silhouette: number }> };
    fittedAt: string;
    personas: Persona[];
  } | null;
  seed: Array<{ nameZh: string; share: number; ordersPerWeek: number; aovFen: number; categories: string }>;
}

export const QUADRANTS = ['pyramid_top', 'value_depression', 'churn_warning', 'potential'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

export interface Cutoffs {
  topShare: number;
  churnPAlive: number;
  highClvPercentile: number;
  lowArpuPercentile: number;
}

export interface QuadrantSummary {
  quadrant: Quadrant;
  zh: string;
  en: string;
  action: string;
  members: number;
  memberShare: number;
  gmvShare: number;
}

/** GET /api/v1/values */
export interface ValueOverview {
  fit: {
    id: string;
    fittedAt: string;
    detail: {
      bgnbd: { r: number; alpha: number; a: number; b: number };
      gammaGamma: { p: number; q: number; v: number };
      logLikelihood?: number;
      cutoffs: Cutoffs;
      summary: QuadrantSummary[];
    };
  } | null;
}

/** GET /api/v1/values/members */
export interface ValueMember {
  memberId: string;
  nickname: string | null;
  phone: string | null;
  communityId: string | null;
  quadrant: Quadrant;
  arpuFen: number;
  clvFen: number;
  pAlive: number;
  churnRisk: number;
}

export const QUADRANT_COLOR: Record<Quadrant, string> = {
  pyramid_top: '#d4a017',
  value_depression: '#3b7cff',
  churn_warning: '#e34d59',
  potential: '#00a870',
};

/** The seed's own figure for the pyramid top: 2 % of members bringing 68 % of profit. */
export const SEED_TOP = { memberShare: 0.02, profitShare: 0.68 };

/**
 * Churn risk (P(no order in the next 90 days)) in bands: high from the server's warning threshold
 * of 0.5, the one the CLV validation measures; medium from 0.2.
 */
export function riskLevel(risk: number): 'high' | 'mid' | 'low' {
  return risk >= 0.5 ? 'high' : risk >= 0.2 ? 'mid' : 'low';
}

export const RISK_COLOR = { high: '#e34d59', mid: '#f59a23', low: '#00a870' } as const;

/** Top-level categories by code, for names on the radar (codes when the list is not readable). */
export function useCategoryNames() {
  const query = useQuery({
    queryKey: ['categories'],
    queryFn: () =>
      get<{ items: Array<{ code: string; parentCode: string | null; nameZh: string; nameEn: string }> }>(
        '/api/v1/categories',
      ),
    staleTime: 300_000,
    retry: false,
  });
  const items = query.data?.items;
  return useMemo(() => {
    const names = new Map((items ?? []).map((c) => [c.code, c]));
    return (code: string, lang: string) => {
      const c = names.get(code);
      return c ? (lang === 'zh-CN' ? c.nameZh : c.nameEn) : code;
    };
  }, [items]);
}
