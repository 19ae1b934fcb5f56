/** The Chinese texts of the demo: what members write (reviews, complaints, posts) and what they read. */

export const POSITIVE_REVIEWS = [
  '{p}很新鲜，分量也足，下次还买',
  '团长很负责，{p}包装完好，好评',
  '{p}品质不错，性价比高',
  '孩子很喜欢吃{p}，已经回购好几次了',
  '第二次买{p}了，一如既往的好',
  '{p}口感很好，比超市便宜',
  '有机的就是不一样，{p}吃着放心',
  '自提很方便，{p}当天就吃完了',
  '{p}是网红款，果然名不虚传',
  '{p}新鲜，五星好评',
];
export const NEGATIVE_REVIEWS = [
  '{p}有几个坏的，有点失望',
  '{p}称了一下缺斤少两',
  '{p}不太新鲜，叶子都黄了',
  '{p}和图片差距有点大',
  '{p}口感一般，不会再买了',
  '到货晚了，{p}都捂坏了',
  '{p}临期了，希望注意',
];
export const COMPLAINTS = [
  '自提点排队太久，希望增加人手',
  '团长通知不及时，货到了都不知道',
  '退款申请两天了还没处理',
  '客服一直不回复，体验很差',
  '配送比约定时间晚了三个小时',
  '{p}少发了一份，联系团长也没回',
  '{p}坏果率太高，要求赔偿',
  '称重不准，{p}缺斤少两',
];

/** partial refunds are for part of the goods; full refunds for the whole order going wrong */
export const PARTIAL_REFUND_REASONS = ['坏果', '缺斤少两', '漏发', '包装破损', '临期商品'];
export const FULL_REFUND_REASONS = ['发错货', '不新鲜', '与描述不符', '未按时到货', '重复下单'];

export const DISHES = [
  '番茄炒蛋',
  '清炒时蔬',
  '红烧肉',
  '糖醋排骨',
  '蒜蓉西兰花',
  '水果沙拉',
  '酸奶杯',
  '凉拌黄瓜',
  '可乐鸡翅',
  '清蒸鲈鱼',
  '油焖大虾',
  '番茄牛腩',
  '玉米排骨汤',
];
export const UGC_POSTS = [
  '用{p}做了一道{d}，步骤超简单',
  '百人食谱挑战赛打卡：{d}',
  '今天的{p}真不错，晚饭做了{d}',
  '阳台种菜第{n}天，小青菜发芽了',
  '分享一个{d}的做法，全家都爱吃',
];
/** what members write in their community's WeChat group */
export const GROUP_MESSAGES = [
  '{p}还有吗？想再订两份',
  '接龙+1，{p}两份',
  '团长辛苦了，昨天的{p}很新鲜',
  '今天的{p}什么时候到自提点？',
  '自提点今天几点关门？',
  '{p}性价比很高，推荐大家',
  '昨天的{p}有点蔫了，希望注意一下',
  '配送又晚了，等了好久才拿到',
  '用{p}做了{d}，家里人都说好吃',
  '{p}分量不够，称了一下少了一点',
];
/** what members write to customer service, by topic */
export const CS_MESSAGES: Readonly<Record<string, readonly string[]>> = {
  退款进度: ['请问退款什么时候到账？', '申请的退款两天了还没处理'],
  取货时间: ['今天几点可以取货？', '明天才有空取，能帮忙留一下吗'],
  商品咨询: ['{p}是今天到的货吗？', '{p}有没有有机认证？'],
  配送延迟: ['货怎么还没到自提点？', '群里说下午到，现在还没到'],
  发票: ['可以开发票吗？'],
  账号问题: ['手机号换了怎么改绑？'],
};

/** the content calendar from the seed: what is published in each slot of the day */
export const CONTENT_SLOTS = [
  { slot: 'morning', kind: 'article', title: '今日爆款', hour: 7, dwellSec: 40 },
  { slot: 'noon', kind: 'live', title: '产地溯源直播', hour: 12, dwellSec: 18 * 60 },
  { slot: 'evening', kind: 'article', title: 'UGC食谱征集', hour: 18, dwellSec: 90 },
  { slot: 'night', kind: 'video', title: '菜博士小课堂', hour: 21, dwellSec: 150 },
  { slot: 'night', kind: 'audio', title: '阳台种菜语音课', hour: 21, dwellSec: 300 },
] as const;

/** fills {p} (product), {d} (dish) and {n} (a number) into a template */
export function fillText(template: string, product: string, dish = '', n = 0): string {
  return template.replace('{p}', product).replace('{d}', dish).replace('{n}', String(n));
}
