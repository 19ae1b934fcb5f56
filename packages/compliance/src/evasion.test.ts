import { describe, expect, it } from 'vitest';
import { scan, spellings } from './index.ts';

/** The first violation's category and its span's text. */
const first = (text: string) => {
  const v = scan(text).violations[0];
  return v && { category: v.category, term: text.slice(v.start, v.end) };
};

describe('evasion', () => {
  it.each([
    ['最 新 鲜的葡萄', '最 新 鲜'],
    ['最*新*鲜的葡萄', '最*新*鲜'],
    ['最.新.鲜的葡萄', '最.新.鲜'],
    ['最😀新鲜的葡萄', '最😀新鲜'],
    ['最\u200b新鲜的葡萄', '最\u200b新鲜'],
    ['最新鮮的葡萄', '最新鮮'],
    ['ｚｕｉ新鲜的葡萄', 'ｚｕｉ新鲜'],
    ['zui新鲜的葡萄', 'zui新鲜'],
    ['醉新鲜的葡萄', '醉新鲜'],
    ['ZUI XIN XIAN的葡萄', 'ZUI XIN XIAN'],
  ])('spacing, symbols, full-width, traditional, pinyin and homophones: %s', (text, term) => {
    expect(first(text)).toEqual({ category: 'absolute_terms', term });
  });

  it.each([
    ['國家級品質', 'absolute_terms'],
    ['ＮＯ．１的好水果', 'absolute_terms'],
    ['第1品牌', 'absolute_terms'],
    ['降 血 压 好帮手', 'medical_claims'],
    ['降xue压的芹菜', 'medical_claims'],
    ['吃了能抗ai', 'medical_claims'],
    ['防-癌-蔬-菜', 'medical_claims'],
    ['0风险，放心买', 'guarantee'],
    ['集zan送礼品', 'inducement'],
    ['砍1刀就免费', 'inducement'],
    ['部隊特供大米', 'authority_endorsement'],
    ['賭 博', 'prohibited_content'],
  ])('%s', (text, category) => {
    expect(first(text)?.category).toBe(category);
  });

  it('does not let a folded spelling create a word that was not there', () => {
    // 果 (fruit) is not a spelling of 国: 水果礼盒 is not 国礼
    expect(scan('中秋水果礼盒预订开启').verdict).toBe('pass');
    // 嘴甜 is not 最甜, 最先 is not 最鲜
    expect(scan('团长嘴甜人又好').verdict).toBe('pass');
    expect(scan('最先到的邻居先挑').verdict).toBe('pass');
    // 满100，新鲜水果8折: a clause break is not spacing
    expect(scan('满100，新鲜水果8折').verdict).toBe('pass');
  });

  it('spells a term in pinyin and homophones, at most two characters swapped', () => {
    const s = spellings('最新鲜');
    expect(s).toContain('zuixinxian');
    expect(s).toContain('醉新鲜');
    expect(s).toContain('zui新xian');
    expect(s).not.toContain('最新鲜');
    expect(spellings('苹果')).toEqual([]);
  });
});
