import { describe, expect, it } from 'vitest';
import { arpuOf, assignQuadrants, quantile } from './value-rules.ts';

describe('value quadrant rules', () => {
  it('puts the top 2 % by CLV at the top, then churn warnings, untapped value and potential', () => {
    const list = Array.from({ length: 100 }, (_, i) => ({ clv: i, arpu: 50, pAlive: 0.9 }));
    list[99] = { clv: 1000, arpu: 10, pAlive: 0.1 }; // top even though fading
    list[10] = { clv: 10, arpu: 80, pAlive: 0.2 }; // spent well, fading: churn warning
    list[90] = { clv: 90, arpu: 5, pAlive: 0.9 }; // high CLV, low recent ARPU: untapped value
    const q = assignQuadrants(list);
    expect(q[99]).toBe('pyramid_top');
    expect(q[98]).toBe('pyramid_top');
    expect(q.filter((x) => x === 'pyramid_top')).toHaveLength(2);
    expect(q[10]).toBe('churn_warning');
    expect(q[90]).toBe('value_depression');
    expect(q[50]).toBe('potential');
  });

  it('takes ARPU over the months that had an order in the last twelve', () => {
    const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86_400_000;
    const days = new Map([
      [day('2025-01-05'), 3000],
      [day('2025-01-20'), 1000],
      [day('2025-03-02'), 2000],
      [day('2023-12-31'), 9999],
    ]);
    expect(arpuOf(days, day('2025-06-30'))).toEqual({ arpu: 3000, spend12m: 6000 });
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
  });
});
