import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultRiskLexicon } from './lexicons.ts';
import { buildMatcher, foldTerm, keywordHits, parseLexicon, type LexiconEntry } from './matcher.ts';

const lexicon: LexiconEntry[] = [
  { term: '食物中毒', severity: 'high', category: 'food_safety' },
  { term: '中毒', severity: 'medium' },
  { term: '12315', severity: 'high', category: 'regulator' },
  { term: '曝光', severity: 'high', category: 'media' },
  { term: '差评', severity: 'low' },
  { term: 'av', severity: 'low' },
];

describe('keyword matcher', () => {
  const m = buildMatcher(lexicon);

  it('matches spaced, symbol-laced, full-width and traditional forms', () => {
    for (const text of [
      '吃了食物中毒',
      '食 物 中 毒',
      '食*物中毒',
      '食\u200b物_中-毒',
      '食物中毒',
      '食物中毒了',
    ]) {
      expect(keywordHits(m, text), text).toEqual([
        { term: '食物中毒', severity: 'high' },
        { term: '中毒', severity: 'medium' },
      ]);
    }
    expect(keywordHits(m, '我要打１２３１５')).toEqual([{ term: '12315', severity: 'high' }]);
    expect(keywordHits(m, '要曝 光你們')).toEqual([{ term: '曝光', severity: 'high' }]);
  });

  it('reports positions in the original text', () => {
    const [hit] = m.scan('哎，食 * 物中毒').filter((x) => x.term === '食物中毒');
    expect(hit).toEqual({ term: '食物中毒', severity: 'high', category: 'food_safety', start: 2, end: 9 });
  });

  it('finds overlapping terms and orders hits by severity, then position', () => {
    expect(keywordHits(m, '差评！我要曝光，打12315')).toEqual([
      { term: '曝光', severity: 'high' },
      { term: '12315', severity: 'high' },
      { term: '差评', severity: 'low' },
    ]);
  });

  it('matches Latin terms only at word boundaries', () => {
    expect(keywordHits(m, 'I have a dog')).toEqual([]);
    expect(keywordHits(m, 'AV女优')).toEqual([{ term: 'av', severity: 'low' }]);
  });

  it('keeps the highest severity of a term listed twice and ignores empty terms', () => {
    const twice = buildMatcher([
      { term: '假货', severity: 'low' },
      { term: '假 货', severity: 'high' },
      { term: ' * ', severity: 'high' },
    ]);
    expect(twice.size).toBe(1);
    expect(keywordHits(twice, '假货')).toEqual([{ term: '假 货', severity: 'high' }]);
    expect(buildMatcher([]).scan('任何文本')).toEqual([]);
  });

  it('does not match what is not there, and survives bad input', () => {
    expect(m.test('今天的菜很新鲜')).toBe(false);
    expect(m.test('食物很好，没有中毒')).toBe(true);
    expect(m.scan('')).toEqual([]);
    expect(m.scan('\ud800食物\udc00中毒')).toHaveLength(2);
    expect(m.scan('😀'.repeat(50_000))).toEqual([]);
  });

  it('folds terms like texts', () => {
    expect(foldTerm('食 物*中毒')).toBe('食物中毒');
    expect(foldTerm('ＡＢ')).toBe('ab');
  });

  it('parses lexicon files', () => {
    expect(parseLexicon('# c\n食物中毒\thigh\tfood_safety\n差评\n\n退款\tmedium\n')).toEqual([
      { term: '食物中毒', severity: 'high', category: 'food_safety' },
      { term: '差评', severity: 'low' },
      { term: '退款', severity: 'medium' },
    ]);
  });

  it('ships a risk lexicon with food safety and regulator/media threats at high severity', () => {
    const risk = buildMatcher(defaultRiskLexicon());
    expect(
      keywordHits(risk, '吃了拉肚子，要打12315，还要找媒体曝光').every((h) => h.severity === 'high'),
    ).toBe(true);
    expect(keywordHits(risk, '東西一般，給個差評')).toEqual([{ term: '差评', severity: 'low' }]);
  });

  const houbb = fileURLToPath(
    new URL(
      '../../../../shared/data/lexicons/forbidden/houbb_sensitive_word_dict_v20240407.txt',
      import.meta.url,
    ),
  );
  it.skipIf(!existsSync(houbb))('builds a 50,000-entry lexicon quickly and agrees with a naive scan', () => {
    const terms = readFileSync(houbb, 'utf8').split('\n').filter(Boolean).slice(0, 50_000);
    const t0 = performance.now();
    const big = buildMatcher(terms.map((term) => ({ term, severity: 'low' })));
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(big.size).toBeGreaterThan(45_000);
    const text = '这家店卖假货还缺斤少两，法轮功，买了代开发票，冰毒，销售枪支';
    const expected = new Set(terms.filter((t) => foldTerm(t) && text.includes(foldTerm(t))).map(foldTerm));
    const found = new Set(big.scan(text).map((x) => foldTerm(x.term)));
    for (const t of expected) if (!/^[a-z0-9]|[a-z0-9]$/.test(t)) expect(found.has(t), t).toBe(true);
  });
});
