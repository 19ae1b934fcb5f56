import { describe, expect, it } from 'vitest';
import { CATEGORIES, defaultMatcher, scan } from './index.ts';
import { EXAMPLES } from './examples.fixture.ts';

const m = defaultMatcher();

describe('each category: violations caught, near misses passed', () => {
  for (const category of CATEGORIES) {
    const { hit, pass } = EXAMPLES[category];
    it(`${category}: ${hit.length} violations`, () => {
      for (const text of hit) {
        const r = m.scan(text);
        expect({ text, verdict: r.verdict }).not.toEqual({ text, verdict: 'pass' });
        expect({ text, first: r.violations[0]!.category }).toEqual({ text, first: category });
      }
    });
    it(`${category}: ${pass.length} acceptable texts close to the line`, () => {
      for (const text of pass)
        expect({ text, ...m.scan(text) }).toEqual({ text, verdict: 'pass', violations: [] });
    });
  }
});

describe('context: a bare substring does not over-block', () => {
  it.each([
    ['最近到货的橙子很甜', 'pass'],
    ['第一次买的邻居请看群公告', 'pass'],
    ['安全到家，请放心', 'pass'],
    ['最后一天发货，明天停发', 'pass'],
    ['最好吃的橙子', 'block'],
    ['中国第一品牌', 'block'],
    ['绝对安全，放心吃', 'block'],
  ])('%s → %s', (text, verdict) => {
    expect(scan(text).verdict).toBe(verdict);
  });

  it('a negation cancels a claim, a near word does not', () => {
    expect(scan('本品不具有降血压功效').verdict).toBe('pass');
    expect(scan('本品能降血压').verdict).toBe('block');
    expect(scan('非有机蔬菜，价格实惠').verdict).toBe('pass');
    expect(scan('有机蔬菜，价格实惠').verdict).toBe('review');
  });

  it('proof in the copy lets a certification claim pass', () => {
    expect(scan('绿色食品鸡蛋').verdict).toBe('review');
    expect(scan('绿色食品鸡蛋，绿色食品标志编号LB-18-2401234567').verdict).toBe('pass');
    expect(scan('原价59元，今日29元').verdict).toBe('review');
    expect(scan('原价59元（近7日最低成交价），今日29元').verdict).toBe('pass');
  });
});

describe('the shape of a result', () => {
  it('gives the violation with law, suggestion and rule, spans in the original text', () => {
    const text = '本店最新鲜的草莓';
    expect(scan(text)).toEqual({
      verdict: 'block',
      violations: [
        {
          category: 'absolute_terms',
          term: '最新鲜',
          start: 2,
          end: 5,
          severity: 'block',
          law: '广告法第九条第三项',
          suggestion: '新鲜',
          ruleId: 'abs.superlative',
        },
      ],
    });
  });

  it('suggests the rewrites of issue 9', () => {
    expect(scan('最新鲜的菜').violations[0]!.suggestion).toBe('新鲜');
    expect(scan('吃了降血压').violations[0]!.suggestion).toMatch(/^删除/);
    expect(scan('原价39.9，团购价19.9').violations[0]!.suggestion).toMatch(/^参考价.*依据/);
  });

  it('puts the most severe violation first, then the more specific category', () => {
    const r = scan('原价99元！最好吃的橙子，还能降血压');
    expect(r.verdict).toBe('block');
    expect(r.violations.map((v) => v.severity)).toEqual(['block', 'block', 'review']);
    expect(r.violations.map((v) => v.category)).toEqual(['medical_claims', 'absolute_terms', 'price_fraud']);
    // every later violation is no more severe than an earlier one
    const rank = { block: 0, review: 1 };
    for (let i = 1; i < r.violations.length; i++)
      expect(rank[r.violations[i]!.severity]).toBeGreaterThanOrEqual(rank[r.violations[i - 1]!.severity]);
  });

  it('keeps one violation per overlapping span of a category', () => {
    const r = scan('全网最低价');
    expect(r.violations.filter((v) => v.category === 'price_fraud')).toHaveLength(1);
  });

  it('reports review only when nothing is certain', () => {
    const r = scan('有机胡萝卜，产地直发');
    expect(r.verdict).toBe('review');
    expect(r.violations.every((v) => v.severity === 'review')).toBe(true);
  });
});
