import { describe, expect, it } from 'vitest';
import { applySuggestion, duration, runs, slaLevel, suggestionAction } from './highlight.ts';

const hit = (start: number, end: number, suggestion = '删除', category = 'medical_claims') => ({
  start,
  end,
  category,
  severity: 'block' as const,
  suggestion,
});

describe('highlighting', () => {
  it('cuts the text into runs, overlapping hits on the runs they share', () => {
    const text = '本店的最新鲜草莓，吃了降血压';
    const r = runs(text, [hit(11, 14), hit(3, 6, '新鲜', 'absolute_terms'), hit(4, 6, '删除', 'x')]);
    expect(r.map((x) => x.text).join('')).toBe(text);
    expect(r.map((x) => [x.text, x.hits.length])).toEqual([
      ['本店的', 0],
      ['最', 1],
      ['新鲜', 2],
      ['草莓，吃了', 0],
      ['降血压', 1],
    ]);
  });

  it('keeps astral characters whole and ignores spans outside the text', () => {
    const text = '🍓最好吃';
    const r = runs(text, [hit(2, 5), hit(4, 99)]);
    expect(r.map((x) => x.text)).toEqual(['🍓', '最好吃']);
    expect(runs('', [])).toEqual([]);
  });

  it('applies removals and short replacements, not advice', () => {
    expect(suggestionAction({ suggestion: '删除（普通食品不得宣称…）' })).toBe('remove');
    expect(suggestionAction({ suggestion: '新鲜' })).toBe('replace');
    expect(suggestionAction({ suggestion: '参考价并注明依据（如：近7日最低成交价）' })).toBeNull();
    expect(applySuggestion('最新鲜草莓', { start: 0, end: 3, suggestion: '新鲜' })).toBe('新鲜草莓');
    expect(applySuggestion('吃了降血压', { start: 2, end: 5, suggestion: '删除' })).toBe('吃了');
    expect(
      applySuggestion('原价59', { start: 0, end: 4, suggestion: '参考价并注明依据（如：…）' }),
    ).toBeNull();
  });

  it('colours the SLA by the 50 % and 80 % marks and writes the countdown', () => {
    const start = '2026-01-01T00:00:00Z';
    const due = '2026-01-01T04:00:00Z';
    const at = (h: number) => Date.parse(start) + h * 3_600_000;
    expect([1, 2, 3.3, 4.1].map((h) => slaLevel(start, due, at(h)))).toEqual([
      'green',
      'amber',
      'red',
      'over',
    ]);
    expect(duration(125 * 60_000)).toBe('2h 05m');
    expect(duration(-12 * 60_000)).toBe('12m');
    expect(duration(27 * 3_600_000)).toBe('1d 3h');
    expect(duration(125 * 60_000, { d: '天', h: '小时', m: '分' })).toBe('2小时 05分');
  });
});
