/**
 * Pinyin and homophone spellings of the worst terms (醉新鲜, zui新鲜, 降xue压, 抗ai, 笫一): for a
 * rule with `evasion: true`, each literal term also matches with up to two of its characters
 * swapped for a spelling from this table, and written wholly in pinyin. Spacing, symbols,
 * full-width and traditional characters need nothing here: the matcher folds them anyway.
 *
 * The table holds only characters of the terms the shipped packs protect this way, with the
 * spellings people use to slip past keyword filters: the toneless pinyin syllable and homophones
 * or look-alikes that are not themselves common in shop copy.
 */
export const SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  最: ['zui', '醉', '蕞', '罪'],
  第: ['di', '弟', '笫'],
  一: ['yi', '1', '壹'],
  国: ['guo', '囯'],
  家: ['jia', '加'],
  级: ['ji', '极', '吉', '鸡'],
  顶: ['ding', '鼎'],
  极: ['ji', '级'],
  品: ['pin'],
  首: ['shou'],
  选: ['xuan'],
  新: ['xin', '心'],
  鲜: ['xian'],
  好: ['hao', '号'],
  吃: ['chi'],
  降: ['jiang', '绛'],
  血: ['xue', '雪'],
  压: ['ya', '鸭', '丫'],
  糖: ['tang', '唐'],
  脂: ['zhi', '酯'],
  抗: ['kang', '亢', '炕'],
  防: ['fang', '房'],
  癌: ['ai', '岩', '嗌'],
  治: ['zhi', '冶'],
  疗: ['liao'],
  病: ['bing', '柄'],
  百: ['bai', '佰'],
  赌: ['du', '堵'],
  博: ['bo', '搏'],
  毒: ['du'],
  枪: ['qiang', '呛'],
  支: ['zhi'],
  零: ['0', 'ling', '〇'],
  风: ['feng'],
  险: ['xian'],
  效: ['xiao'],
  退: ['tui'],
  款: ['kuan'],
  特: ['te'],
  供: ['gong', '贡'],
  转: ['zhuan'],
  发: ['fa'],
  群: ['qun'],
  红: ['hong'],
  包: ['bao'],
  集: ['ji'],
  赞: ['zan', '攒'],
  砍: ['kan'],
  刀: ['dao'],
  冠: ['guan'],
  军: ['jun'],
};

const MAX_VARIANTS = 80;

/**
 * The other spellings of a literal term (folded, without the term itself): every way of replacing
 * one or two characters by a spelling from the table, and the all-pinyin form when every character
 * has one; at most 80.
 */
export function spellings(term: string): string[] {
  const chars = [...term];
  const alts = chars.map((c) => SPELLINGS[c] ?? []);
  const out = new Set<string>();
  const pinyin = alts.map((a) => a.find((s) => /^[a-z]+$/.test(s)));
  if (chars.length > 1 && pinyin.every((p) => p !== undefined)) out.add(pinyin.join(''));
  for (let i = 0; i < chars.length; i++)
    for (const a of alts[i]!) {
      const one = [...chars];
      one[i] = a;
      out.add(one.join(''));
      for (let j = i + 1; j < chars.length; j++)
        for (const b of alts[j]!) {
          const two = [...one];
          two[j] = b;
          out.add(two.join(''));
        }
    }
  out.delete(term);
  return [...out].slice(0, MAX_VARIANTS);
}
