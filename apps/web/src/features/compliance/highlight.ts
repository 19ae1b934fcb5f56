/**
 * The pure parts of highlighting: cutting a text into runs covered by the same hits (hits may
 * overlap; offsets are UTF-16, as the server reports them), applying a suggested rewrite, and where
 * an SLA clock stands. Text is only ever sliced, never parsed: copy is shown as text, not HTML.
 */

export interface Span {
  start: number;
  end: number;
  category: string;
  severity: 'block' | 'review';
  suggestion: string;
}

export interface Run<H> {
  text: string;
  start: number;
  end: number;
  /** the hits covering this run, most severe first (as the server ranked them) */
  hits: H[];
}

export function runs<H extends Span>(text: string, hits: readonly H[]): Array<Run<H>> {
  const valid = hits.filter((h) => h.start >= 0 && h.end <= text.length && h.start < h.end);
  const cuts = new Set<number>([0, text.length]);
  for (const h of valid) {
    cuts.add(h.start);
    cuts.add(h.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Array<Run<H>> = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    out.push({
      text: text.slice(start, end),
      start,
      end,
      hits: valid.filter((h) => h.start < end && h.end > start),
    });
  }
  return out;
}

/**
 * What applying a hit's suggestion does: `删除…` removes the phrase; a short plain word replaces it
 * (最新鲜 → 新鲜); anything longer is advice for the author (参考价并注明依据…), not applied.
 */
export function suggestionAction(s: Pick<Span, 'suggestion'>): 'remove' | 'replace' | null {
  const x = s.suggestion.trim();
  if (x.startsWith('删除')) return 'remove';
  if (x !== '' && x.length <= 12 && !/[，。；：、（）()：,.;:!?！？]/.test(x)) return 'replace';
  return null;
}

export function applySuggestion(
  text: string,
  hit: Pick<Span, 'start' | 'end' | 'suggestion'>,
): string | null {
  const action = suggestionAction(hit);
  if (!action || hit.start < 0 || hit.end > text.length) return null;
  const replacement = action === 'remove' ? '' : hit.suggestion.trim();
  return text.slice(0, hit.start) + replacement + text.slice(hit.end);
}

/** Underline colours per category, distinct from their neighbours; unknown categories grey. */
export const CATEGORY_COLORS: Record<string, string> = {
  absolute_terms: '#f59a23',
  medical_claims: '#e34d59',
  false_claims: '#8e5cf7',
  price_fraud: '#d4380d',
  inducement: '#3b7cff',
  disparagement: '#c41d7f',
  guarantee: '#fa8c16',
  authority_endorsement: '#a8071a',
  minors: '#13a8a8',
  prohibited_content: '#000000',
  personal_info: '#2f54eb',
  superstition: '#7cb305',
};
export const categoryColor = (c: string) => CATEGORY_COLORS[c] ?? '#8c8c8c';

export type SlaLevel = 'green' | 'amber' | 'red' | 'over';

/** Green before half the time, amber from 50 %, red from 80 %, over past the deadline. */
export function slaLevel(startedAt: string, dueAt: string, now: number): SlaLevel {
  const start = Date.parse(startedAt);
  const due = Date.parse(dueAt);
  const used = (now - start) / Math.max(1, due - start);
  return used >= 1 ? 'over' : used >= 0.8 ? 'red' : used >= 0.5 ? 'amber' : 'green';
}

/** `2h 05m`, `3d 4h`, `12m` (or `2小时 05分` …): the time left or over, in two units at most. */
export function duration(
  ms: number,
  u: { d: string; h: string; m: string } = { d: 'd', h: 'h', m: 'm' },
): string {
  const m = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  if (d > 0) return `${d}${u.d} ${h}${u.h}`;
  if (h > 0) return `${h}${u.h} ${String(m % 60).padStart(2, '0')}${u.m}`;
  return `${m}${u.m}`;
}
