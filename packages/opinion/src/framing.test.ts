import { describe, expect, it } from 'vitest';
import { triage } from './index.ts';

const level = (t: string) => triage(t).level;

describe('negation', () => {
  it('a negated symptom or problem is not one', () => {
    expect(level('孩子吃了酸奶，还好没拉肚子')).toBe(0);
    expect(level('吃了也没有任何不舒服，放心')).toBe(0);
    expect(level('拉肚子倒是没有，就是味道一般')).toBeLessThan(2);
    expect(level('一颗烂的都没有，好评')).toBe(0);
    expect(level('这批橙子没有坏的')).toBe(0);
    expect(level('这批橙子不新鲜')).toBe(1);
  });

  it('found before eating is not eaten', () => {
    expect(triage('鸡翅有股酸臭味，幸亏没吃').reasons).not.toContain('harm_to_person');
    expect(level('熟牛肉有股馊味，还没吃')).toBe(2);
  });

  it('phrases that only look negated still count', () => {
    // 没想到 is surprise, not negation
    expect(level('没想到这次的葡萄全烂了')).toBe(1);
    // 这不是…吗 is emphasis
    expect(triage('显示9.9结果扣了19.8，这不是乱扣钱吗').level).toBeGreaterThanOrEqual(1);
  });
});

describe('hypotheticals and questions', () => {
  it('what might happen is not an incident', () => {
    expect(level('万一吃坏肚子怎么办，有点担心')).toBe(0);
    expect(level('如果送来的鸡蛋有破损，可以退吗')).toBe(0);
    expect(level('这个生吃会拉肚子吗')).toBe(0);
    expect(level('假如有人食物中毒，要找谁')).toBe(0);
  });

  it('but a conditional threat to go outside is a threat', () => {
    expect(triage('橘子全是烂的，再不处理我就去12315投诉').reasons).toContain('authority_or_media');
    expect(level('如果明天还不给退款，我就找律师')).toBe(3);
  });
});

describe('harmless uses of frightening words stay at 0', () => {
  it.each([
    ['a joke about the price', '这个价格简直要报警了哈哈，团长你亏不亏'],
    ['a joke about fraud', '这么便宜真的不是诈骗吧哈哈哈'],
    ['a safety tip', '教大家一招：隔夜的凉菜别吃，容易食物中毒'],
    ['a food-safety reminder', '温馨提示：生熟分开，避免拉肚子'],
    ['news about elsewhere', '看到新闻，外地一家超市卖过期牛奶被罚了'],
    ['slang for hooked', '这个鸡爪有毒，我已经中毒了，天天想吃'],
    ['photography', '拍照的时候曝光调高一点，菜看着更新鲜'],
    ['an anti-fraud reminder', '提醒大家：陌生电话说退款理赔的都是诈骗，请报警'],
    ['a job', '我弟弟是记者，说这家团购口碑很好'],
    ['praise with 烂', '红烧肉炖得软烂，老人也咬得动'],
    ['praise with 差', '味道一点都不差，比超市的好'],
    ['oops', '坏了坏了，忘了去取菜'],
    ['praise with 投诉', '我要投诉团长，推荐的零食太好吃害我胖了'],
    ['a coupon expiring', '优惠券今晚过期，抓紧用'],
    ['a glass jar', '蜂蜜是玻璃瓶装的，很好看'],
    ['an insect in a garden', '阳台的菜长虫了，有什么好办法'],
  ])('%s', (_, text) => expect(level(text)).toBe(0));

  it('but a joke does not hide a real harm', () => {
    expect(level('哈哈，吃了你们的凉皮上吐下泻，笑不出来了')).toBe(3);
  });
});

describe('evasions and noise', () => {
  it('spacing, symbols, pinyin, traditional characters and full-width digits do not hide a cue', () => {
    expect(level('吃了以后 食 物 中 毒 了')).toBe(3);
    expect(level('吃了拉dù子，一晚上没睡')).toBe(3);
    expect(level('吃完上*吐*下*泻')).toBe(3);
    expect(level('吃了以後一直拉肚子')).toBe(3);
    expect(level('我要打１２３１５')).toBe(3);
    expect(level('不给退我就bao光你们')).toBe(3);
  });

  it('pinyin-keyboard typing errors of the key words', () => {
    expect(triage('申请腿款三天了还没到账').category).toBe('refund_after_sales');
    expect(level('菜烂成这样，在也不买了')).toBe(2);
  });
});
