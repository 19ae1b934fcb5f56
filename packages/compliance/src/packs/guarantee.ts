import type { RulePack } from '../types.ts';
import { NEGATORS } from './words.ts';

/**
 * 广告法第四条、第二十八条 (false or misleading claims), and for health outcomes 第十六条、第十八条
 * (no assertion or guarantee of efficacy or safety): promises of an outcome the seller cannot
 * control — 零风险, 无效退款, 保证吃了长高, 100%有效, 无任何副作用, 稳赚不赔. After-sales promises
 * about the goods themselves (坏果包赔, 不甜包退, 保证新鲜) pass.
 */
export const guarantee: RulePack = {
  id: 'guarantee',
  category: 'guarantee',
  version: '2026.11.26',
  title: '效果保证与承诺',
  law: '广告法第四条、第二十八条',
  suggestion: '删除效果保证，可改为客观的售后承诺（如：坏果包赔）',
  lists: {
    negator: NEGATORS,
    outcome: [
      '长高',
      '增高',
      '长个',
      '变瘦',
      '瘦下来',
      '减肥',
      '减重',
      '掉秤',
      '见效',
      '治好',
      '治愈',
      '痊愈',
      '康复',
      '不复发',
      '除根',
      '考上',
      '提分',
      '变白',
      '变美',
      '长寿',
      '怀孕',
      '生男',
      '生儿子',
      '不生病',
      '不感冒',
      '变聪明',
      '降下来',
      '回本',
      '赚钱',
    ],
  },
  rules: [
    {
      id: 'gua.zero_risk',
      severity: 'block',
      patterns: [
        '(零|0|无|没有|毫无)风险',
        '稳赚(不赔)?',
        '只赚不赔',
        '包赚',
        '保赚',
        '保本',
        '躺赚',
        '一本万利',
        '零投入高回报',
      ],
      evasion: true,
      context: { allow: ['(无|没有)风险(提示|告知)'] },
      note: '零风险, 稳赚不赔 (also the leader-recruiting kind)',
    },
    {
      id: 'gua.refund_if_ineffective',
      severity: 'block',
      patterns: [
        '(无效|没效|没有效果|没效果|不见效|不管用|不起作用|没作用|无作用|效果不好|没有用)~3(退款|全额退|退全款|退钱|包退|双倍|赔偿|可退|就退|即退|包赔|全退)',
      ],
      evasion: true,
      note: '无效退款: a refund promised on a health or body outcome',
    },
    {
      id: 'gua.promise_outcome',
      severity: 'block',
      patterns: [
        '(保证|确保|承诺|一定|肯定|绝对|必定|百分百|100|百分之百)(能|会|可以|让你|让孩子|让宝宝)?~4{outcome}',
        '(包|保证|确保|肯定|一定|绝对)(有效|见效|瘦|治好|长高)',
        '(#天|#周|#个月|一个疗程|当天|立刻|立马|马上|立即|一吃就|吃了就|喝了就)(见效|有效果|瘦#斤|瘦下来|治愈|康复|长高)',
        '立竿见影',
        '(100|百分百|百分之百)(有效|见效|治愈|成功)',
        '一吃就灵',
        '(保证|确保|包)(月入|月赚|日赚|收入)',
      ],
      context: {
        notAfter: ['{negator}'],
        beforeWindow: 4,
        allow: ['(保证|确保|承诺)(新鲜|品质|质量|足斤|足量|准时|送达|售后)'],
      },
      note: '保证吃了长高, 100%有效, 三天见效',
    },
    {
      id: 'gua.no_side_effects',
      severity: 'block',
      patterns: ['(无|没有|零|0|不含|没有任何|无任何|绝无|毫无|不会有)(毒)?副作用', '无依赖'],
      note: '无任何副作用',
    },
    {
      id: 'gua.income',
      severity: 'review',
      patterns: ['(月入|月赚|日赚|躺着赚)(过万|上万|#万|#千)', '轻松月入'],
      suggestion: '删除收益承诺',
      law: '广告法第二十五条',
      note: 'income promised to leaders or members who join',
    },
    {
      id: 'gua.safety_absolute',
      severity: 'review',
      patterns: ['(100|百分百|百分之百|保证|确保)(安全|放心|无污染)'],
      suggestion: '删除绝对化的安全保证，可标明检测报告编号',
      note: '100%安全: an absolute safety promise (绝对安全 is an absolute term too)',
    },
  ],
};
