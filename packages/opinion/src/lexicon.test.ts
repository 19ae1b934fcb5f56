import { describe, expect, it } from 'vitest';
import { GROUPS, cueTerms, numberValue } from './index.ts';
import { numberCues } from './numbers.ts';
import { foldSameLength } from './cues.ts';

describe('the lexicons', () => {
  it('list every term once, with a known kind, and spell the disguised ones in pinyin too', () => {
    const terms = cueTerms();
    expect(terms.length).toBeGreaterThan(2000);
    expect(new Set(terms.map((t) => t.term)).size).toBe(terms.length);
    expect(terms.map((t) => t.term)).toEqual(expect.arrayContaining(['la肚子', '拉du子', 'baoguang']));
    expect(() => cueTerms([...GROUPS, [{ kind: 'anger' }, '气死']])).toThrow(/气死 \(anger and anger\)/);
  });
});

describe('numbers', () => {
  it('read Chinese and Arabic numerals', () => {
    expect(numberValue('12')).toBe(12);
    expect(numberValue('十')).toBe(10);
    expect(numberValue('十几')).toBe(15);
    expect(numberValue('二十')).toBe(20);
    expect(numberValue('几十')).toBe(50);
    expect(numberValue('三四十')).toBe(30);
    expect(numberValue('两三')).toBe(2);
    expect(numberValue('一百')).toBe(100);
    expect(numberValue('一万')).toBe(10000);
  });

  const kinds = (t: string) => numberCues(foldSameLength(t)).map((c) => c.spec.kind);

  it('tell scale from several households, and find ages, repeats, waits and short weight', () => {
    expect(kinds('十几户都买了')).toEqual(['scale_big']);
    expect(kinds('三家都买了')).toEqual(['scale_some']);
    expect(kinds('一家人')).toEqual([]);
    expect(kinds('比了三家超市')).toEqual([]);
    expect(kinds('我妈七十八岁了')).toEqual(['vulnerable']);
    expect(kinds('第３次了')).toEqual(['repeat']);
    expect(kinds('五天了还没到账')).toEqual(['stuck']);
    expect(kinds('称了只有一斤六两')).toEqual(['problem']);
    expect(kinds('阅读量已经两万了')).toEqual(['spread']);
    expect(kinds('扣了我两次钱')).toEqual(['money_taken']);
  });
});
