/** Pure parts of persona fitting: the feature vector of a member and a readable name for a centre. */

export interface PersonaInput {
  memberId: string;
  orders: number;
  /** weeks between first and last order, at least 1 */
  weeks: number;
  spendFen: number;
  /** line spend per top-level category */
  categorySpend: Record<string, number>;
}

export interface Profile {
  ordersPerWeek: number;
  aovFen: number;
  shares: Record<string, number>;
}

export function profileOf(p: PersonaInput): Profile {
  const total = Object.values(p.categorySpend).reduce((a, b) => a + b, 0);
  const shares: Record<string, number> = {};
  for (const [code, v] of Object.entries(p.categorySpend)) shares[code] = total > 0 ? v / total : 0;
  return {
    ordersPerWeek: p.orders / Math.max(p.weeks, 1),
    aovFen: p.spendFen / Math.max(p.orders, 1),
    shares,
  };
}

/**
 * The 3-D profile as numbers: log frequency and log order value (both spread over orders of
 * magnitude, so logs keep a few heavy buyers from dominating) and each category's share.
 */
export function featureVector(p: Profile, categories: readonly string[]): number[] {
  return [
    Math.log(p.ordersPerWeek),
    Math.log(Math.max(p.aovFen, 1)),
    ...categories.map((c) => p.shares[c] ?? 0),
  ];
}

export function meanProfile(list: Profile[], categories: readonly string[]): Profile {
  const n = Math.max(list.length, 1);
  const shares: Record<string, number> = {};
  for (const c of categories) shares[c] = list.reduce((a, p) => a + (p.shares[c] ?? 0), 0) / n;
  return {
    ordersPerWeek: list.reduce((a, p) => a + p.ordersPerWeek, 0) / n,
    aovFen: list.reduce((a, p) => a + p.aovFen, 0) / n,
    shares,
  };
}

const LEVELS_ZH = { high: '高', mid: '中', low: '低' } as const;
const LEVELS_EN = { high: 'high', mid: 'mid', low: 'low' } as const;

function level(value: number, all: number[]): 'high' | 'mid' | 'low' {
  const sorted = [...all].sort((a, b) => a - b);
  const rank = sorted.indexOf(value);
  if (sorted.length <= 2) return rank === sorted.length - 1 ? 'high' : 'low';
  if (rank === sorted.length - 1) return 'high';
  if (rank === 0) return 'low';
  return 'mid';
}

/**
 * Names each persona from its centre, relative to the others: frequency level, order-value level
 * and the category it over-buys most against the average member (e.g. 高频·中客单·网红零食).
 */
export function personaNames(
  centres: Profile[],
  overall: Profile,
  categoryName: (code: string) => { zh: string; en: string },
): Array<{ zh: string; en: string }> {
  const freqs = centres.map((c) => c.ordersPerWeek);
  const aovs = centres.map((c) => c.aovFen);
  return centres.map((c) => {
    const f = level(c.ordersPerWeek, freqs);
    const v = level(c.aovFen, aovs);
    const lift = Object.keys(c.shares)
      .map((code) => ({ code, lift: (c.shares[code] ?? 0) / Math.max(overall.shares[code] ?? 0, 1e-9) }))
      .sort((a, b) => b.lift - a.lift)[0];
    const cat = lift ? categoryName(lift.code) : { zh: '综合', en: 'mixed' };
    return {
      zh: `${LEVELS_ZH[f]}频·${LEVELS_ZH[v]}客单·${cat.zh}`,
      en: `${LEVELS_EN[f]} frequency · ${LEVELS_EN[v]} basket · ${cat.en}`,
    };
  });
}
