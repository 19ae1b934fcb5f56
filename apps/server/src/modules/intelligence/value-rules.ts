/** Pure rules of the value quadrant (seed 2.1: ARPU × LTV). */

export const QUADRANTS = ['pyramid_top', 'value_depression', 'churn_warning', 'potential'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

export const QUADRANT_NAMES: Record<Quadrant, { zh: string; en: string; action: string }> = {
  pyramid_top: { zh: '金字塔顶端', en: 'Pyramid top', action: 'VIP 专属服务' },
  value_depression: { zh: '价值洼地', en: 'Untapped value', action: '精准唤醒' },
  churn_warning: { zh: '流失预警', en: 'Churn warning', action: '老友回归计划' },
  potential: { zh: '潜力股', en: 'Potential', action: '成长体系培育' },
};

export interface Cutoffs {
  /** share of members, by predicted CLV, at the top of the pyramid (seed: 2 %) */
  topShare: number;
  /** P(alive) below this with at least median ARPU: churn warning */
  churnPAlive: number;
  /** CLV percentile from which a member has high potential */
  highClvPercentile: number;
  /** ARPU percentile below which recent value is low */
  lowArpuPercentile: number;
}

export const DEFAULT_CUTOFFS: Cutoffs = {
  topShare: 0.02,
  churnPAlive: 0.5,
  highClvPercentile: 0.7,
  lowArpuPercentile: 0.5,
};

/** The value at fraction p of a sorted list (nearest rank). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export interface ValueInput {
  clv: number;
  arpu: number;
  pAlive: number;
}

/**
 * Assigns quadrants in priority order: the top share by CLV; then members still worth a lot whose
 * P(alive) has fallen (churn warning); then high predicted CLV with low recent ARPU (untapped
 * value); everyone else is potential to grow.
 */
export function assignQuadrants(list: readonly ValueInput[], c: Cutoffs = DEFAULT_CUTOFFS): Quadrant[] {
  const clvs = list.map((v) => v.clv).sort((a, b) => a - b);
  const arpus = list.map((v) => v.arpu).sort((a, b) => a - b);
  const topCount = Math.max(1, Math.round(list.length * c.topShare));
  const order = list.map((v, i) => [v.clv, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const top = new Set(order.slice(0, topCount).map(([, i]) => i));
  const highClv = quantile(clvs, c.highClvPercentile);
  const lowArpu = quantile(arpus, c.lowArpuPercentile);
  return list.map((v, i) => {
    if (top.has(i)) return 'pyramid_top';
    if (v.pAlive < c.churnPAlive && v.arpu >= lowArpu) return 'churn_warning';
    if (v.clv >= highClv && v.arpu < lowArpu) return 'value_depression';
    return 'potential';
  });
}

/**
 * Average revenue per active month over the trailing twelve months: spend divided by the months
 * that had an order (0 when none did).
 */
export function arpuOf(days: Map<number, number>, endDay: number): { arpu: number; spend12m: number } {
  const from = endDay - 365;
  const months = new Set<string>();
  let spend = 0;
  for (const [day, amount] of days)
    if (day > from && day <= endDay) {
      spend += amount;
      months.add(new Date(day * 86_400_000).toISOString().slice(0, 7));
    }
  return { arpu: months.size ? spend / months.size : 0, spend12m: spend };
}

/** Where the quadrant lines fall for these members, in the members' units (fen). */
export function quadrantLines(list: readonly ValueInput[], c: Cutoffs = DEFAULT_CUTOFFS) {
  const clvs = list.map((v) => v.clv).sort((a, b) => a - b);
  const arpus = list.map((v) => v.arpu).sort((a, b) => a - b);
  const topCount = Math.max(1, Math.round(list.length * c.topShare));
  return {
    lowArpuFen: Math.round(quantile(arpus, c.lowArpuPercentile)),
    highClvFen: Math.round(quantile(clvs, c.highClvPercentile)),
    topClvFen: Math.round(clvs[Math.max(0, clvs.length - topCount)] ?? 0),
  };
}
