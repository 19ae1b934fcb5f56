/**
 * Net Promoter Score with its interval. Each answer is a promoter (9–10), passive (7–8) or detractor
 * (0–6); NPS = 100·(p_P − p_D). Over n answers the multinomial variance of the per-answer score
 * (+1, 0, −1) is p_P + p_D − (p_P − p_D)², so the standard error of the NPS is
 * 100·√((p_P + p_D − (p_P − p_D)²)/n) and the 95 % interval is NPS ± 1.96 of it (normal
 * approximation; clamped to −100…100).
 */
export type NpsClass = 'promoter' | 'passive' | 'detractor';

export function npsClass(score: number): NpsClass {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export interface NpsEstimate {
  n: number;
  nps: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

const Z95 = 1.959963984540054;

export function npsEstimate(c: NpsCounts, z = Z95): NpsEstimate {
  const n = c.promoters + c.passives + c.detractors;
  if (n === 0) return { n, nps: null, se: null, ciLow: null, ciHigh: null };
  const pP = c.promoters / n;
  const pD = c.detractors / n;
  const nps = 100 * (pP - pD);
  const se = 100 * Math.sqrt(Math.max(0, pP + pD - (pP - pD) ** 2) / n);
  return {
    n,
    nps,
    se,
    ciLow: Math.max(-100, nps - z * se),
    ciHigh: Math.min(100, nps + z * se),
  };
}
