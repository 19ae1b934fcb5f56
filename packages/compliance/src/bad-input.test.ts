import { describe, expect, it } from 'vitest';
import { MAX_VIOLATIONS, scan } from './index.ts';

describe('bad input', () => {
  it('empty, blank, emoji-only and non-strings pass without throwing', () => {
    for (const t of [
      '',
      '   ',
      '😀😀😀🍎🍓',
      '\u200b\u200b',
      '。。！！',
      null,
      undefined,
      42,
      {},
    ] as unknown[])
      expect(scan(t as string)).toEqual({ verdict: 'pass', violations: [] });
  });

  it('100 KB of text: linear time, every span in range, the list capped', () => {
    const clean = '今天的青菜很新鲜，欢迎大家来自提点取货。'.repeat(5000); // 100 K code units
    const t0 = performance.now();
    expect(scan(clean).verdict).toBe('pass');
    const dirty = `${clean}最后：最新鲜的草莓`;
    const r = scan(dirty);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(r.violations[0]).toMatchObject({ term: '最新鲜', start: clean.length + 3 });
    const many = scan('最新鲜！'.repeat(30_000));
    expect(many.verdict).toBe('block');
    expect(many.violations).toHaveLength(MAX_VIOLATIONS);
  });

  it('HTML and script tags are text, never markup: spans point into the raw string', () => {
    const text = '<script>alert("最新鲜")</script><b>全网最低价</b>';
    const r = scan(text);
    expect(r.verdict).toBe('block');
    for (const v of r.violations) expect(text.slice(v.start, v.end)).toBe(v.term);
    // 全网最低价 is a price claim and, inside it, a superlative
    expect(r.violations.map((v) => `${v.category}:${v.term}`).sort()).toEqual(
      ['price_fraud:全网最低价', 'absolute_terms:全网最', 'absolute_terms:最新鲜'].sort(),
    );
  });

  it('mixed Chinese and English, Latin words at their boundaries only', () => {
    expect(scan('This apple is NO.1 in town, 最好吃!').violations.map((v) => v.term)).toEqual([
      'NO.1',
      '最好吃',
    ]);
    expect(scan('nobody buys tops1 here; notop1').verdict).toBe('pass');
    expect(scan('100% fresh, free delivery').verdict).toBe('pass');
  });

  it('lone surrogates and replacement characters', () => {
    const text = '最\ud800新鲜\udfff的菜\ufffd';
    const r = scan(text);
    expect(r.violations[0]).toMatchObject({ term: '最\ud800新鲜', start: 0, end: 4 });
  });

  it('every span is the term in the original text, in UTF-16 offsets', () => {
    for (const text of [
      '🍓🍓最 新 鲜🍓草莓，吃了降血压，原价99元',
      '【國家級】ＮＯ．１品質，轉發3個群領紅包',
      '𠮷野家附近的最好吃的牛肉饭',
    ]) {
      const r = scan(text);
      expect(r.violations.length).toBeGreaterThan(0);
      for (const v of r.violations) {
        expect(text.slice(v.start, v.end)).toBe(v.term);
        expect(v.start).toBeLessThan(v.end);
      }
    }
    expect(scan('𠮷野家附近的最好吃的牛肉饭').violations[0]).toMatchObject({
      term: '最好吃',
      start: 7,
      end: 10,
    });
  });
});
