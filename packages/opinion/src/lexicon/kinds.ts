/**
 * What a cue term stands for. The lexicons are grouped by kind; the rules (`decide.ts`) read
 * kinds, never individual terms, so a new phrasing is a new term in a list, not a new rule.
 */
import type { Category } from '../types.ts';

export type CueKind =
  // harm and food safety
  | 'symptom' // 拉肚子, 过敏, 住院: unwell on its own
  | 'symptom_weak' // 中毒, 不舒服, 医院: unwell only next to eating (slang otherwise)
  | 'injury_mouth' // 划破嘴, 硌掉牙: hurt by something in the food
  | 'injury' // 摔倒, 骨折, 被撞: hurt in an accident
  | 'aggression' // 打人, 推搡: hurt by a person
  | 'eat' // 吃了, 喝了: the food was eaten
  | 'eat_found' // 吃出: found while eating
  | 'uneaten' // 幸亏没吃, 打开就: found before eating
  | 'found_in' // 里面有, 咬到: something found in the food
  | 'vulnerable' // 孩子, 老人, 孕妇
  | 'foreign_hard' // 玻璃, 铁丝, 钉子
  | 'foreign_soft' // 头发, 塑料膜, 创可贴
  | 'insect' // 虫子, 苍蝇, 蟑螂
  | 'grit' // 沙子, 石子
  | 'ready_food' // 卤味, 面包, 牛奶: cooked, ready-to-eat or packaged
  | 'raw_food' // 草莓, 白菜, 猪肉: fresh produce and raw ingredients
  | 'unsafe' // 过期, 胀袋, 三无: unsafe whatever the food
  | 'spoil' // 发酸, 发黏, 馊: unsafe in cooked food, poor quality in raw
  | 'worry' // 配料表, 添加剂: a question about what is in the food
  | 'place' // 自提点, 门口: the pickup point
  | 'vehicle' // 三轮车, 货车
  | 'nonfood' // 锅, 插座: products that are not food
  | 'danger' // 冒烟, 漏电: a product that could hurt someone
  // outside parties and spread
  | 'authority' // 12315, 市场监管, 报警, 律师
  | 'media' // 记者, 电视台
  | 'expose' // 曝光
  | 'public' // 小红书, 朋友圈: posting in public
  | 'warn' // 避雷, 大家别买: warning others off, a grievance made public
  | 'spread' // 热搜, 阅读量, 转发了
  | 'spread_weak' // 点赞, 评论: spread only about a post
  | 'scale_big' // 整栋楼, 联名, 集体
  | 'scale_some' // 好几家, 邻居也
  // escalation within the business
  | 'repeat' // 第三次, 每次都
  | 'repeat_weak' // 又: a repeat only right before a problem
  | 'stuck' // 一直没, 到现在还
  | 'unanswered' // 没人回, 电话打不通
  | 'demand_strong' // 必须, 给个说法, 赔偿
  | 'demand' // 退款, 补发: a request, a demand when angry
  | 'anger' // 气死, 垃圾, 太过分
  | 'annoyed' // 无语, 服了: annoyance, not anger
  | 'escalate' // 找你们负责人, 我要投诉
  | 'leave' // 再也不买, 差评
  | 'rude' // 骂人, 态度恶劣
  | 'leader_bad' // 踢出群, 私吞, 加价
  | 'leader_fraud' // 跑路, 卷款
  | 'money_where' // 钱去哪了: the leader's if a leader is named
  | 'money_taken' // 扣了两次, 自动续费
  | 'data_misuse' // 泄露, 骚扰电话
  | 'data_mass' // 所有人的信息, 整个群都接到
  | 'scam' // 诈骗, 冒充客服
  | 'refund_word' // 退款, 售后: the refund process is the subject
  | 'leader' // 团长
  // the category problems
  | 'problem'
  // how the writer frames it
  | 'want_seen' // 怎么回事, 失望: a complaint framed as one
  | 'ask' // 能帮忙看看吗, 麻烦: a polite request
  | 'accept' // 还行, 没事, 理解
  | 'resolved' // 已经退了, 处理好了
  | 'suggest' // 建议, 希望
  | 'neg' // 没, 不, 还好没
  | 'neg_after' // 倒是没有
  | 'hypo' // 如果, 万一, 担心
  | 'tip' // 提醒大家, 教大家
  | 'elsewhere' // 新闻, 别的平台
  | 'praise' // 上瘾, 停不下来: hooked, so 中毒 and 有毒 are slang
  | 'joke' // 哈哈, 笑死
  | 'photo' // 拍照, 过曝
  | 'mask'; // phrases that hide a shorter cue inside them (炖得软烂, 坏了坏了)

export interface CueSpec {
  kind: CueKind;
  /** For problems: the category they point to (null: a problem of no particular kind). */
  category?: Category | null;
  /** For problems: 2 a clear problem, 1 a mild remark (有点酸). */
  strength?: 1 | 2;
}

/** A group of terms sharing one spec: the terms separated by whitespace. */
export type CueGroup = readonly [CueSpec, string];

export const P = (category: Category | null, strength: 1 | 2, terms: string): CueGroup => [
  { kind: 'problem', category, strength },
  terms,
];
export const K = (kind: CueKind, terms: string): CueGroup => [{ kind }, terms];
