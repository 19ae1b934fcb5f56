import { describe, expect, it } from 'vitest';
import { change, daysIn, instantsOf, previousPeriod, shanghaiDay, trailing } from './overview-rules.ts';

describe('overview date rules', () => {
  it('maps Shanghai calendar days to UTC instants', () => {
    const { start, end } = instantsOf({ from: '2026-11-01', to: '2026-11-30' });
    expect(start.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(shanghaiDay(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
    expect(shanghaiDay(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
  });

  it('compares with the period of equal length just before', () => {
    expect(daysIn({ from: '2026-03-01', to: '2026-03-31' })).toBe(31);
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      from: '2026-01-29',
      to: '2026-02-28',
    });
    expect(trailing('2026-01-03', 7)).toEqual({ from: '2025-12-28', to: '2026-01-03' });
  });

  it('reports change only against a non-zero base', () => {
    expect(change(150, 100)).toBeCloseTo(0.5);
    expect(change(50, 100)).toBeCloseTo(-0.5);
    expect(change(5, 0)).toBeNull();
    expect(change(null, 3)).toBeNull();
  });
});
