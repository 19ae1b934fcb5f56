/**
 * The routing category, as the specification orders it: someone harmed by food → food_safety;
 * otherwise a leader's own dishonesty → leader_conduct (even when the goods are food); otherwise
 * the original problem (rotten fruit, short weight) rather than the request it leads to, except
 * when the refund process itself is the complaint. Tone is service_attitude even when the leader
 * is rude.
 */
import type { Cue } from './cues.ts';
import { anyOf, type Facts } from './facts.ts';
import type { Category, Reason } from './types.ts';

export interface Found {
  foodHarm: Cue[];
  injury: Cue[];
  aggression: Cue[];
  /** Findings that are a quality problem (insects in rice, grit, raw food gone sour). */
  quality: Cue[];
  worry: Cue[];
  /** Unanswered messages with nothing else wrong: a slow reply. */
  slow: Cue[];
}

export function categoryOf(
  f: Facts,
  because: ReadonlyMap<Reason, Cue[]>,
  x: Found,
  aspectCategory?: () => Category | undefined,
): Category {
  const has = (r: Reason) => because.has(r);
  if (x.foodHarm.length > 0) return 'food_safety';
  if (x.aggression.length > 0) return 'service_attitude';
  if (x.injury.length > 0) {
    if (anyOf(f, 'place', 'vehicle')) return 'delivery_pickup';
    if (anyOf(f, 'nonfood', 'danger')) return 'other';
    return f.eaten || has('foreign_matter') ? 'food_safety' : 'delivery_pickup';
  }
  const problem = (c: Category) => f.problems.some((p) => p.spec.category === c);
  if (has('leader_fraud') || has('leader_misconduct') || problem('leader_conduct')) return 'leader_conduct';
  if (has('mass_data_leak') || has('data_misuse') || problem('privacy_security')) return 'privacy_security';
  if (has('foreign_matter') || has('unsafe_food')) return 'food_safety';
  if (has('unsafe_product')) return 'other';
  if (has('stuck_refund') || problem('refund_after_sales') || anyOf(f, 'money_where'))
    return 'refund_after_sales';
  if (has('money_taken')) return 'price_billing';
  if (has('staff_rudeness')) return 'service_attitude';
  // the original problem: the category with the most weight, the first mentioned on a tie
  const score = new Map<Category, { w: number; first: number }>();
  const count = (c: Category, w: number, at: number) => {
    const s = score.get(c);
    if (s) s.w += w;
    else score.set(c, { w, first: at });
  };
  for (const c of [...f.problems, ...f.mild])
    if (c.spec.category) count(c.spec.category, c.spec.strength ?? 1, c.start);
  for (const c of x.quality) count('quality_freshness', 2, c.start);
  for (const c of x.worry) count('food_safety', 1, c.start);
  for (const c of x.slow) count('service_attitude', 2, c.start);
  let best: Category | undefined;
  for (const [c, s] of score) {
    const b = best && score.get(best)!;
    if (!b || s.w > b.w || (s.w === b.w && s.first < b.first)) best = c;
  }
  if (best) return best;
  // nobody answers, or a complaint against a person, with no problem named: how members are treated
  if (
    has('no_response') ||
    because.get('internal_escalation')?.some((c) => /他|她/.test(f.text.slice(c.start, c.end + 1)))
  )
    return 'service_attitude';
  return aspectCategory?.() ?? 'other';
}
