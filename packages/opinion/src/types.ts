/**
 * The vocabulary of triage, shared by the rules, the CLI and the console: the four response levels
 * of the three-level opinion-response system (0 = no action), the ten routing categories and the
 * reasons, each a stable machine identifier with its Chinese and English label.
 */

export const LEVELS = [0, 1, 2, 3] as const;
export type Level = (typeof LEVELS)[number];

export const CATEGORIES = [
  'food_safety',
  'quality_freshness',
  'quantity',
  'delivery_pickup',
  'price_billing',
  'service_attitude',
  'leader_conduct',
  'refund_after_sales',
  'privacy_security',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * Why a message got its level, most severe first in a result. The level-3 reasons are the ones
 * the specification names (harm, a vulnerable person, foreign matter, an authority or the media,
 * spread, scale); the level-2 ones say why customer service must step in; `negative_experience`
 * is the plain level-1 alert.
 */
export const REASONS = [
  // level 3
  'harm_to_person',
  'child_or_elderly',
  'foreign_matter',
  'authority_or_media',
  'spread',
  'scale',
  'leader_fraud',
  'mass_data_leak',
  // level 2
  'unsafe_food',
  'unsafe_product',
  'anger_with_demand',
  'repeat',
  'stuck_refund',
  'no_response',
  'internal_escalation',
  'threat_to_leave',
  'public_post',
  'several_members',
  'staff_rudeness',
  'leader_misconduct',
  'money_taken',
  'data_misuse',
  // level 1
  'negative_experience',
] as const;
export type Reason = (typeof REASONS)[number];

export interface Label {
  zh: string;
  en: string;
}

export const LEVEL_LABELS: Record<Level, Label & { response: Label }> = {
  0: { zh: '无需处理', en: 'no action', response: { zh: '无', en: 'none' } },
  1: {
    zh: '一级预警',
    en: 'level 1 alert',
    response: { zh: '团长或运营 15 分钟内查看并回复', en: 'leader or operations look within 15 minutes' },
  },
  2: {
    zh: '二级响应',
    en: 'level 2 response',
    response: { zh: '客服介入，2 小时内解决', en: 'customer service resolves within 2 hours' },
  },
  3: {
    zh: '三级升级',
    en: 'level 3 escalation',
    response: { zh: '升级至高管，24 小时内闭环', en: 'the executive owns it, closed within 24 hours' },
  },
};

export const CATEGORY_LABELS: Record<Category, Label> = {
  food_safety: { zh: '食品安全', en: 'Food safety' },
  quality_freshness: { zh: '品质与新鲜度', en: 'Quality and freshness' },
  quantity: { zh: '缺斤少两', en: 'Quantity' },
  delivery_pickup: { zh: '配送与自提', en: 'Delivery and pickup' },
  price_billing: { zh: '价格与扣费', en: 'Price and billing' },
  service_attitude: { zh: '服务态度', en: 'Service attitude' },
  leader_conduct: { zh: '团长行为', en: 'Leader conduct' },
  refund_after_sales: { zh: '退款与售后', en: 'Refunds and after-sales' },
  privacy_security: { zh: '隐私与账号安全', en: 'Privacy and security' },
  other: { zh: '其他', en: 'Other' },
};

export const REASON_LABELS: Record<Reason, Label> = {
  harm_to_person: {
    zh: '有人受到伤害（食用后不适、受伤）',
    en: 'a person harmed (ill after eating, injured)',
  },
  child_or_elderly: { zh: '涉及儿童或老人', en: 'a child or an elderly person involved' },
  foreign_matter: {
    zh: '危险异物（玻璃、金属、针、硬塑料，熟食中的虫）',
    en: 'dangerous foreign matter (glass, metal, needles, hard plastic, insects in cooked food)',
  },
  authority_or_media: {
    zh: '提及监管部门、警方、律师或媒体曝光',
    en: 'an authority, the police, lawyers or the media named',
  },
  spread: { zh: '正在传播（转发、热搜、阅读量）', en: 'spreading (reposts, trending, views)' },
  scale: { zh: '多户一起（约十户以上、联名）', en: 'many households together (about ten or more)' },
  leader_fraud: { zh: '团长骗取多人钱款', en: 'a leader defrauding many members' },
  mass_data_leak: {
    zh: '批量泄露个人信息或借此诈骗',
    en: 'a mass leak of personal data or scams built on it',
  },
  unsafe_food: {
    zh: '食用前发现不安全食品（过期、胀袋、变质、头发）',
    en: 'unsafe food found (expired, swollen pack, spoiled, a hair)',
  },
  unsafe_product: { zh: '危险商品（冒烟、漏电、起火）', en: 'a product that could hurt someone' },
  anger_with_demand: { zh: '情绪激动并提出要求（退款、赔偿、说法）', en: 'anger with a demand' },
  repeat: { zh: '问题重复出现', en: 'the problem repeats' },
  stuck_refund: { zh: '退款或售后卡住未处理', en: 'a refund or after-sales case stuck' },
  no_response: { zh: '迟迟无人处理或回复', en: 'nobody answers or acts' },
  internal_escalation: { zh: '要求投诉或找负责人', en: 'a complaint to a manager demanded' },
  threat_to_leave: { zh: '扬言不再购买或给差评', en: 'a threat to leave or to post a bad review' },
  public_post: { zh: '公开发布的负面内容', en: 'a negative public post or review' },
  several_members: { zh: '几户同时遇到', en: 'several households affected' },
  staff_rudeness: { zh: '工作人员或团长态度恶劣', en: 'rudeness by staff or a leader' },
  leader_misconduct: { zh: '团长不当行为（私吞、加价、踢人）', en: 'leader misconduct' },
  money_taken: { zh: '错误扣款（重复扣费、自动扣费）', en: 'money wrongly taken' },
  data_misuse: { zh: '个人信息被滥用', en: "a member's personal data misused" },
  negative_experience: { zh: '负面体验需要查看', en: 'a negative experience to look at' },
};

/** Facts from outside the text (all optional): the text alone must be enough. */
export interface TriageContext {
  /** The member's other complaints still open: one or more makes a new complaint a repeat. */
  priorOpenComplaints?: number;
  /**
   * Hours since the order the message is about was placed: a refund or delivery complaint about
   * an order three days old or more is stuck.
   */
  orderAgeHours?: number;
}

/** Why part of the text counted: `start`/`end` are UTF-16 offsets into the text as given. */
export interface Evidence {
  reason: Reason;
  start: number;
  end: number;
  /** `text.slice(start, end)`. */
  text: string;
}

export interface TriageResult {
  level: Level;
  /** null exactly when `level` is 0. */
  category: Category | null;
  /** Most severe first; empty exactly when `level` is 0. */
  reasons: Reason[];
  /** The spans behind the reasons, in text order (at most `MAX_EVIDENCE`). */
  evidence: Evidence[];
}

export const MAX_EVIDENCE = 40;

/** The level a reason alone calls for. */
export const REASON_LEVEL: Record<Reason, Level> = {
  harm_to_person: 3,
  child_or_elderly: 3,
  foreign_matter: 3,
  authority_or_media: 3,
  spread: 3,
  scale: 3,
  leader_fraud: 3,
  mass_data_leak: 3,
  unsafe_food: 2,
  unsafe_product: 2,
  anger_with_demand: 2,
  repeat: 2,
  stuck_refund: 2,
  no_response: 2,
  internal_escalation: 2,
  threat_to_leave: 2,
  public_post: 2,
  several_members: 2,
  staff_rudeness: 2,
  leader_misconduct: 2,
  money_taken: 2,
  data_misuse: 2,
  negative_experience: 1,
};
