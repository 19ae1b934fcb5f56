import { describe, expect, it } from 'vitest';
import { domainWords, segment, tokenize } from './segment.ts';

describe('segment', () => {
  it('keeps the domain words whole', () => {
    const words = segment('团长说自提点的坏果缺斤少两，冷链也不行，不新鲜');
    for (const w of ['团长', '自提点', '坏果', '缺斤少两', '冷链', '不新鲜']) expect(words).toContain(w);
  });

  it('ships a domain dictionary whose every word segments whole', () => {
    const words = domainWords();
    expect(words.length).toBeGreaterThan(50);
    for (const w of words) expect(segment(w), w).toEqual([w]);
  });

  it('drops whitespace, keeps punctuation, normalises in tokenize', () => {
    expect(segment('菜很新鲜 但是配送太慢')).toEqual(['菜', '很新鲜', '但是', '配送', '太慢']);
    expect(tokenize('團長  很好！！')).toEqual(['团长', '很', '好', '!']);
    expect(segment('')).toEqual([]);
  });
});
