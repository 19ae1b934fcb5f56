import type { RulePack } from '../types.ts';

/** A reward or a condition attached to sharing (patterns). */
const REWARD = [
  '领',
  '领取',
  '(可|即|就|立|能|才能|即可)得',
  '获得',
  '赢',
  '(就|即|再|立|还|免费|加|白)送',
  '送(红包|券|积分|礼|好礼|鸡蛋|水果|#)',
  '赠',
  '返现',
  '返(红包|券|积分|#)',
  '红包',
  '奖励',
  '奖品',
  '免费',
  '免单',
  '券',
  '积分',
  '抽奖',
  '才能',
  '才可',
  '方可',
  '立减',
  '解锁',
  '资格',
  '截图',
  '礼品',
  '现金',
  '奖',
  '抽#',
  '(送|换)~6(月卡|会员|礼品|礼物|玩具)',
  '(送|赠)~4(#|一)(袋|盒|箱|份|斤|个|瓶|张|桶|只|件|提)',
];

/** Any reward, as one group: it must follow the sharing within the sentence. */
const R = `(${REWARD.join('|')})`;
/** Rewards strong enough to count before the sharing too (领红包？转发到3个群). */
const R_FIRST = '(红包|免单|返现|现金|奖品|免费领|领取|抽奖|福利)';

/**
 * WeChat's platform rules (微信外部链接内容管理规范 诱导分享; 微信小程序平台运营规范 诱导类行为):
 * sharing, forwarding to groups, likes, "help" and bargaining may not be rewarded, required or
 * extorted, nor may people be paid to pull others into groups. Plain invitations (欢迎分享给邻居)
 * and a game without a sharing condition pass.
 */
export const inducement: RulePack = {
  id: 'inducement',
  category: 'inducement',
  version: '2026.11.26',
  title: '诱导分享',
  law: '微信外部链接内容管理规范（诱导分享）',
  suggestion: '删除分享奖励或条件，可改为“欢迎分享给需要的邻居”',
  lists: {
    share: [
      '转发',
      '分享',
      '转给',
      '转到',
      '转至',
      '发到',
      '发给',
      '发至',
      '推荐给',
      '晒到',
      '转发至',
      '转发到',
      '晒单',
      '晒图',
      '打卡',
      '发圈',
    ],
    target: [
      '群',
      '微信群',
      '好友',
      '朋友',
      '朋友圈',
      '邻居',
      '亲友',
      '家人',
      '家人群',
      '宝妈群',
      '业主群',
      '小区群',
      '同事',
      '同学',
      '位好友',
      '个好友',
    ],
    people: ['人', '位', '名', '个人', '个好友', '位好友', '个邻居', '位邻居', '个朋友', '个新人'],
  },
  rules: [
    {
      id: 'ind.share_reward',
      severity: 'block',
      patterns: [`{share}~8{target}~16${R}`, `${R_FIRST}~10{share}~8{target}`],
      note: '转发到3个群领红包, 分享到朋友圈截图领券',
    },
    {
      id: 'ind.share_count',
      severity: 'block',
      patterns: [
        '{share}~8#(个|位|名)?~2{target}',
        '{share}(满|够|过|到|达到|超过|破)#(次|个|人|遍)',
        '转#个?群',
        '(艾特|圈|提醒)#(个|位|名)?~2{target}',
      ],
      note: '转发3个群, 分享给5位好友: counted sharing is a condition',
    },
    {
      id: 'ind.share_gate',
      severity: 'block',
      patterns: [
        '(分享|转发)(后|之后|以后)?~2(才能|才可|方可|即可|就能|就可|可)(领取|领|获得|查看|参与|使用|解锁|抽奖|打开|下单|购买)',
      ],
      note: '分享后才能领取',
    },
    {
      id: 'ind.moments',
      severity: 'block',
      patterns: [
        `(朋友圈|微信群|群里|群内|空间|微博|抖音)~4(打卡|晒单|晒图|发图|发文|集赞|点赞)~16${R}`,
        `(打卡|晒单|晒图|发圈)~4(朋友圈|群|空间)~16${R}`,
      ],
      note: '朋友圈打卡连续7天送月卡: rewarded posting',
    },
    {
      id: 'ind.collect_cards',
      severity: 'block',
      patterns: [
        '集(齐|满)#?(张|个|种)?~4(卡|福|字)',
        '集#(张|个|种)~4(卡|福|字)',
        '集(福|卡|字)',
        '(好友|朋友|邻居)(点开|打开|点击|帮忙点|助力)~4(链接|卡|分享)',
      ],
      context: { requires: ['(好友|朋友|链接|分享|转发|邀请|兑换|换)'], scope: 'text' },
      note: '集齐5张水果卡（好友点开你的链接得卡）: collecting through friends',
    },
    {
      id: 'ind.likes',
      severity: 'block',
      patterns: [
        '集赞',
        '集齐#个?赞',
        '集满#个?赞',
        '点赞(满|够|超过|达到)#',
        '满#个?赞',
        '攒赞',
        '#个赞(领|送|得|免费|即可|就)',
      ],
      evasion: true,
      note: '集赞',
    },
    {
      id: 'ind.bargain',
      severity: 'block',
      patterns: [
        '砍一刀',
        '帮(我|忙)?砍',
        '(好友|邀请|帮忙|帮我|找人|朋友)助力',
        '助力#(次|人|个)',
        '#(人|位|个好友)助力',
        '助力(成功|领|免费|得|即可|满)',
        '砍价~6(免费|领|0元|成功|拿)',
        '帮(我|忙)(投票|点赞|拉票)',
      ],
      evasion: true,
      note: '砍一刀, 好友助力',
    },
    {
      id: 'ind.forced',
      severity: 'block',
      patterns: [
        '不转不是中国人',
        '不转(就|发)?~4(倒霉|不得好死|后悔|出事|不是|没良心|遭殃)',
        '(必须|务必|一定要|强烈要求|马上|立即|赶紧)(转发|分享|转)~6(群|朋友圈|好友|#)',
        '转发(就|会|能)?~2(好运|发财|平安|转运)',
        '(看到|看完)~2(必须|务必|一定要|请)转(发|给|到)',
      ],
      note: 'chain-letter pressure: 不转不是中国人',
    },
    {
      id: 'ind.pull_group',
      severity: 'block',
      patterns: [
        `(拉|邀请|邀|带)#{people}?~4(进群|入群|加群|进来)~16${R}`,
        `(拉|邀请|邀)~8(进群|入群|加群)~16${R}`,
        `${R_FIRST}~10(拉|邀请|邀)~8(进群|入群|加群)`,
      ],
      note: '拉3个邻居进群送鸡蛋',
    },
    {
      id: 'ind.referral',
      severity: 'review',
      patterns: [`(邀请|邀|拉)~4(好友|新人|邻居|朋友|新用户|新邻居|新会员)~16${R}`, `拉新~10${R}`],
      suggestion: '删除邀请奖励，或按平台规则改为无条件的推荐',
      note: 'rewards for inviting people',
    },
  ],
};
