/**
 * Hand-written messages for the unit tests, one or more per level boundary, category and reason,
 * written for these tests (other products, places and phrasings than the development file), each
 * with the level and category an operations manager would give it under the specification.
 */
import type { Category, Level, Reason } from './types.ts';

export interface Example {
  text: string;
  level: Level;
  category: Category | null;
  /** Reasons that must be among the result's. */
  reasons?: Reason[];
}

const x = (text: string, level: Level, category: Category | null, ...reasons: Reason[]): Example => ({
  text,
  level,
  category,
  reasons,
});

/** Level 3: harm, a vulnerable person, dangerous foreign matter, outside parties, spread, scale. */
export const LEVEL_3: Example[] = [
  x('周日买的卤牛肚，老公吃完半夜上吐下泻，今天请假在家', 3, 'food_safety', 'harm_to_person'),
  x('喝了团里的鲜牛奶，全身起红疹，吃了抗过敏药才好点', 3, 'food_safety', 'harm_to_person'),
  x('吃了你们的凉拌海蜇，肚子一直疼，不确定是不是海蜇的问题', 3, 'food_safety', 'harm_to_person'),
  x(
    '我女儿三岁，吃了团购的溶豆以后一直吐，现在在儿童医院',
    3,
    'food_safety',
    'harm_to_person',
    'child_or_elderly',
  ),
  x('外公八十六了，吃了你们的糯米糕后胃疼到半夜', 3, 'food_safety', 'harm_to_person', 'child_or_elderly'),
  x('月饼里咬出一根钢丝，差点把嘴划破', 3, 'food_safety', 'foreign_matter'),
  x('蛋黄酥里夹着一小块碎玻璃！！', 3, 'food_safety', 'foreign_matter'),
  x('熟食拼盘的鸭肉里有一只死苍蝇，恶心死了', 3, 'food_safety', 'foreign_matter'),
  x('自提点地上全是水，我婆婆取货时滑倒了，手腕骨折', 3, 'delivery_pickup', 'harm_to_person'),
  x('配送的电动车在小区里开太快，把一个小学生撞倒了', 3, 'delivery_pickup', 'harm_to_person'),
  x('鲈鱼三斤只给了两斤二，已经向市场监管局投诉了', 3, 'quantity', 'authority_or_media'),
  x('再不退钱我就找电视台的记者来评评理', 3, null, 'authority_or_media'),
  x('我会把这些发霉的橙子发网上曝光，让大家看看你们的品质', 3, 'quality_freshness', 'authority_or_media'),
  x('发在抖音上的烂芒果视频播放量已经三万多了，评论区都在骂你们', 3, 'quality_freshness', 'spread'),
  x('我们单元十几户都买到了发臭的虾仁，大家一起去找物业和平台', 3, 'quality_freshness', 'scale'),
  x('团长收了三十几家的年货定金，电话关机人也跑路了', 3, 'leader_conduct', 'leader_fraud'),
  x(
    '我们小区好多人都接到骗子电话，对方连我们买了什么都知道，肯定是订单信息泄露了',
    3,
    'privacy_security',
    'mass_data_leak',
  ),
];

/** Level 2: customer service must step in. */
export const LEVEL_2: Example[] = [
  x('第二次买到空心的萝卜了！！这次必须给我退款', 2, 'quality_freshness', 'repeat'),
  x('豆腐乳打开就一股馊味，还好没吃，盒子上的日期是过期的', 2, 'food_safety', 'unsafe_food'),
  x('速冻包子的袋子胀得鼓鼓的，幸亏还没下锅', 2, 'food_safety', 'unsafe_food'),
  x('面包里面有一根长头发，太恶心了，没敢吃', 2, 'food_safety', 'unsafe_food'),
  x('买的蓝莓全是软的还长霉，退钱！', 2, 'quality_freshness', 'anger_with_demand'),
  x('说好今天退的款，等了五天了还没到账', 2, 'refund_after_sales', 'stuck_refund'),
  x('同一单付款扣了两遍，赶紧把多扣的退回来', 2, 'price_billing', 'money_taken'),
  x('群里我就问了一句牛腩为什么涨价，团长就把我移出群了', 2, 'leader_conduct', 'leader_misconduct'),
  x('客服在电话里吼我，说我事多，什么态度', 2, 'service_attitude', 'staff_rudeness'),
  x('团长把我家的详细地址发在群里了，这是我的隐私', 2, 'privacy_security', 'data_misuse'),
  x('我们楼有好几家都说这批鸡蛋是散黄的', 2, 'quality_freshness', 'several_members'),
  x('菜少了一袋，找了三天没人管，我要找你们负责人', 2, 'quantity', 'internal_escalation'),
  x('西蓝花全是黄叶子，这样的也好意思卖？以后再也不在你们这买了', 2, 'quality_freshness', 'threat_to_leave'),
  x('姐妹们避雷这家团购的车厘子，一半都是烂的', 2, 'quality_freshness', 'public_post'),
  x('团里买的电暖器一开就冒烟，还好家里有人在', 2, 'other', 'unsafe_product'),
];

/** Level 1: a real but contained problem with us. */
export const LEVEL_1: Example[] = [
  x('今天的生菜有几片烂叶子，麻烦团长反馈一下', 1, 'quality_freshness', 'negative_experience'),
  x('猕猴桃硬邦邦的，放了四五天还没熟', 1, 'quality_freshness'),
  x('两斤的排骨回家称了只有一斤七两', 1, 'quantity'),
  x('订单里的酸奶没给我，其他的都到了', 1, 'quantity'),
  x('说好上午到的菜，现在下午三点了还没到', 1, 'delivery_pickup'),
  x('我的那袋青菜被别人拿走了，自提点的阿姨也不知道', 1, 'delivery_pickup'),
  x('页面上写的12.9，结账按15.9收的，是不是标错了', 1, 'price_billing'),
  x('满减券下单时没抵扣，能帮我看一下吗', 1, 'price_billing'),
  x('问了客服两个小时才回复，有点慢', 1, 'service_attitude'),
  x('团长总是先给熟人留好的，我们拿到的都是挑剩的', 1, 'leader_conduct'),
  x('申请的退款显示审核中已经一天了，麻烦看看', 1, 'refund_after_sales'),
  x('小程序的购物车一直加载不出来，下不了单', 1, 'other'),
  x('取货单上我的完整手机号谁都能看到，能不能打码', 1, 'privacy_security'),
  x('酱料包的配料表里有好几种添加剂，给孩子吃放心吗', 1, 'food_safety'),
  x('真是"新鲜"的黄瓜啊，一捏就软了', 1, 'quality_freshness'),
];

/** Level 0: praise, questions, notices, accepted remarks, resolved problems, harmless scary words. */
export const LEVEL_0: Example[] = [
  x('团长，明天还有五常大米吗？想囤两袋', 0, null),
  x('这周的芒果又大又甜，孩子一口气吃了两个', 0, null),
  x('排骨炖得软烂脱骨，一家人都说好吃', 0, null),
  x('冬瓜有一点点磕碰，不影响，挺新鲜的', 0, null),
  x('香蕉有点青，放两天就能吃了，没关系', 0, null),
  x('晚了二十分钟，团长提前说了堵车，理解', 0, null),
  x('上周少的那盒豆腐团长已经补给我了，谢谢', 0, null),
  x('温馨提示：天热了，熟食买回家尽快冷藏，放久了容易拉肚子', 0, null),
  x('看到新闻说外地有人吃了毒蘑菇食物中毒，大家别自己乱采', 0, null),
  x('这个价格便宜到我想报警哈哈哈，团长是不是亏本了', 0, null),
  x('拍水果的时候把曝光调低一点颜色更好看', 0, null),
  x('这家的辣鸭脖有毒，一吃就停不下来', 0, null),
  x('坏了坏了，我又忘了去取货，团长帮我留一下', 0, null),
  x('一个坏的都没有，这次的草莓太棒了', 0, null),
  x('提醒大家：有人冒充客服打电话要验证码，千万不要相信', 0, null),
  x('我要投诉团长！每次团的水果都好吃得停不下来', 0, null),
  x('如果鸡蛋有破损可以退吗？先问一下', 0, null),
  x('建议以后牛奶可以多上一些小包装的', 0, null),
  x('我老公是派出所的民警，经常加班，团购真方便', 0, null),
  x('优惠券明天就过期了，大家记得用', 0, null),
];

export const EXAMPLES: Example[] = [...LEVEL_3, ...LEVEL_2, ...LEVEL_1, ...LEVEL_0];
