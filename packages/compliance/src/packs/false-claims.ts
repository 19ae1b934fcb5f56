import type { RulePack } from '../types.ts';

/**
 * 广告法第四条、第二十八条 (false or misleading advertising), 第十一条 (data and citations must be true
 * and sourced), 第十二条 (patents need their number and kind); 有机产品认证管理办法, 绿色食品标志管理
 * 办法, 地理标志产品保护办法: organic, green-food and geographical-indication claims need the
 * certificate or registration, which the copy may show (证书编号, LB-…, 登记号) — then they pass.
 */
/** Proof of a certification or registration shown in the copy. */
/** Provinces and regions of China (an origin inside China). */
const PROVINCE =
  '(中国|国产|北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门|哈尔滨|大连|青岛|厦门|深圳|宁波|苏州|烟台|赣州|昆明|成都|西安|武汉|广州|杭州|南京|济南|郑州|长沙|南宁|福州|合肥|沈阳|长春|石家庄|太原|兰州|银川|西宁|乌鲁木齐|呼和浩特|拉萨|贵阳|海口|周至|眉县|寿光|兴化)';

/**
 * Well-known geographical-indication products and the places they must come from: the name on
 * copy whose stated 产地 is elsewhere (阿城 rice sold as 五常大米) is a false origin.
 */
const GEO_PRODUCTS: ReadonlyArray<readonly [string, string]> = [
  ['阳澄湖大闸蟹', '(阳澄湖|苏州|昆山|相城)'],
  ['五常大米', '五常'],
  ['(赣南脐橙|赣南橙)', '(赣南|赣州|信丰|寻乌|安远)'],
  ['烟台苹果', '(烟台|栖霞|蓬莱|龙口|招远|莱州|莱阳|海阳)'],
  ['阿克苏(苹果|冰糖心)', '阿克苏'],
  ['库尔勒香梨', '(库尔勒|巴音郭楞)'],
  ['西湖龙井', '(西湖|杭州)'],
  ['金华火腿', '金华'],
  ['(宁夏枸杞|中宁枸杞)', '(宁夏|中宁)'],
  ['盘锦大米', '盘锦'],
  ['洛川苹果', '洛川'],
  ['章丘大葱', '章丘'],
  ['(丹东草莓|东港草莓)', '(丹东|东港)'],
  ['吐鲁番葡萄', '吐鲁番'],
  ['周至猕猴桃', '周至'],
  ['眉县猕猴桃', '眉县'],
  ['(砀山梨|砀山酥梨)', '砀山'],
  ['莱阳梨', '莱阳'],
  ['信阳毛尖', '信阳'],
  ['安吉白茶', '安吉'],
  ['盱眙(小)?龙虾', '盱眙'],
  ['潜江(小)?龙虾', '潜江'],
  ['兴化大闸蟹', '兴化'],
  ['寿光蔬菜', '寿光'],
  ['舟山带鱼', '舟山'],
  ['平谷大桃', '平谷'],
  ['涪陵榨菜', '涪陵'],
  ['郫县豆瓣', '(郫县|郫都)'],
  ['镇江香醋', '镇江'],
  ['新会陈皮', '新会'],
  ['文山三七', '文山'],
  ['武夷岩茶', '武夷'],
  ['安溪铁观音', '安溪'],
  ['庐山云雾', '庐山'],
  ['黄岩蜜橘', '黄岩'],
  ['南丰蜜橘', '南丰'],
  ['常山胡柚', '常山'],
  ['会理石榴', '会理'],
  ['蒙自石榴', '蒙自'],
  ['大连海参', '大连'],
];

/** A certification denied, not claimed: 非有机, 不是绿色食品. */
const NOT_CERTIFIED = ['非', '不是', '并非', '没有', '无', '不属于', '未获', '未经', '未通过', '尚未'];

const PROOF = [
  '(证书|认证|注册|登记|备案|许可|批准|标志|产品|授权|核准)~6(编号|号码|号|码)',
  '专用标志',
  '有机码',
  '追溯码',
  '认证机构',
  '可(扫码)?查询',
  '可查',
  'lb#',
  '编号#',
];

export const falseClaims: RulePack = {
  id: 'false_claims',
  category: 'false_claims',
  version: '2026.11.26',
  title: '虚假宣传与无依据认证',
  law: '广告法第四条、第二十八条',
  suggestion: '删除，或标明认证/登记证书编号等可核实的依据',
  lists: {
    additive: [
      '山梨酸钾',
      '苯甲酸钠',
      '脱氢乙酸钠',
      '甜蜜素',
      '安赛蜜',
      '阿斯巴甜',
      '三氯蔗糖',
      '糖精钠',
      '柠檬黄',
      '日落黄',
      '胭脂红',
      '诱惑红',
      '亮蓝',
      '亚硝酸钠',
      '卡拉胶',
      '黄原胶',
      '谷氨酸钠',
      '磷酸盐',
      '焦糖色',
      '瓜尔胶',
    ],
    stock: ['份', '件', '箱', '单', '个', '袋', '盒', '斤', '瓶', '组', '套', '位', '名额', '只', '桶'],
  },
  rules: [
    {
      id: 'fc.organic_absolute',
      severity: 'block',
      patterns: ['(100|百分百|百分之百|纯|全|真正的?|正宗|纯正)有机'],
      context: { unless: PROOF, scope: 'text' },
      suggestion: '删除“100%有机”，或标明有机产品认证证书编号',
      law: '广告法第二十八条；有机产品认证管理办法',
    },
    {
      id: 'fc.organic',
      severity: 'review',
      patterns: ['有机'],
      context: {
        unless: PROOF,
        notAfter: NOT_CERTIFIED,
        beforeWindow: 2,
        scope: 'text',
        allow: [
          '有机(会|器|构|场|关|票|型|动|制|遇|身|位|组|芯|务|灵|智|缘|肥|质|物|化|玻璃|磷|氯|酸|硅|体|溶|合|结合|统一|整体|可乘|农药|污染)',
          '有机的?(结合|统一|整体|联系|组成|融合)',
          // a cauliflower variety, not a certification
          '有机(花菜|菜花)',
          '(所|没|拥|享|具|还|都|就|也|只|均|才|占|含|未|已|现|持|特|富|仍|另|更|常|时|必|多|少|若|如)有机',
        ],
      },
      suggestion: '标明有机产品认证证书编号，或删除“有机”',
      law: '广告法第二十八条；有机产品认证管理办法',
      note: '有机 without the certificate number; 有机会, 有机肥, 所有机构 are other words',
    },
    {
      id: 'fc.green_food',
      severity: 'review',
      patterns: ['绿色食品', '绿色认证', '绿色有机', '无公害(农产品|认证|蔬菜|食品|水果|产品)'],
      context: { unless: PROOF, scope: 'text', notAfter: NOT_CERTIFIED, beforeWindow: 2 },
      suggestion: '标明绿色食品标志编号，或删除',
      law: '广告法第二十八条；绿色食品标志管理办法',
    },
    {
      id: 'fc.geo_indication',
      severity: 'review',
      patterns: ['地理标志', '地标产品', '原产地(保护|认证|标志)', '国家地标'],
      context: { unless: PROOF, scope: 'text', notAfter: NOT_CERTIFIED, beforeWindow: 2 },
      suggestion: '标明地理标志登记/使用核准编号，或删除',
      law: '广告法第二十八条；地理标志产品保护办法',
    },
    {
      id: 'fc.foreign_cert',
      severity: 'block',
      patterns: ['(fda|ul|美国食品药品监督管理局)~3(认证|认可|批准|检测认证)'],
      suggestion: '删除（FDA 不对食品作“认证”）',
      note: 'FDA does not certify food; UL is a product-safety mark',
    },
    {
      id: 'fc.cert',
      severity: 'review',
      patterns: [
        '(欧盟|美国|日本|国际|进口|权威|官方|国家)(认证|标准认证|有机认证|检测认证)',
        '通过~8认证',
        '(国家|权威|官方)检测(合格|认证|认可)',
      ],
      context: {
        unless: PROOF,
        scope: 'text',
        notAfter: NOT_CERTIFIED,
        beforeWindow: 2,
        allow: ['(实名|身份|手机|短信|微信)认证'],
      },
      suggestion: '标明认证机构和证书编号，或删除',
    },
    {
      id: 'fc.inspection_exempt',
      severity: 'block',
      patterns: ['(国家|质量|产品)?免检', '免抽检', '无需(国家)?(质量)?检测'],
      suggestion: '删除（食品质量免检制度已废止）',
      law: '广告法第二十八条；食品安全法',
    },
    {
      id: 'fc.award',
      severity: 'review',
      patterns: [
        '(荣获|获得|斩获|勇夺|摘得|获评|荣膺|获)~10(金奖|银奖|大奖|一等奖|特等奖|金牌|奖项|荣誉称号|称号)',
        '博览会金奖',
        '(评比|大赛)~4(金奖|冠军|一等奖)',
      ],
      suggestion: '标明奖项名称、颁发机构和年份，或删除',
      law: '广告法第二十八条',
    },
    {
      id: 'fc.patent',
      severity: 'review',
      patterns: ['(国家|发明|独家|国际)~2专利', '专利(产品|技术|配方|工艺|认证)'],
      context: { unless: ['专利(号|证书号|号码)', 'zl#'], scope: 'text' },
      suggestion: '标明专利号和专利种类，或删除',
      law: '广告法第十二条',
    },
    {
      id: 'fc.space_science',
      severity: 'review',
      patterns: [
        '(太空|航天)(育种|种子|蔬菜|成果|专用|食品|技术|科技|番茄|辣椒|南瓜|米|大米)',
        '航天员(专用|指定|食品)',
        '(纳米|量子|基因|黑科技)(技术|科技|水|蔬菜|水果|食品|营养)',
        '(科学|实验|研究|权威)(证明|证实|表明)',
      ],
      suggestion: '删除无法证实的科技宣称，或注明出处',
      law: '广告法第十一条、第二十八条',
    },
    {
      id: 'fc.natural',
      severity: 'review',
      patterns: [
        '纯天然',
        '(100|百分百|百分之百)天然',
        '(零|0)添加',
        '无添加(剂)?',
        '(不含|没有|无)任何(添加剂|添加)',
        '零防腐',
      ],
      context: {
        allow: [
          '(零|0|无)添加(蔗糖|糖|白砂糖|色素|香精|防腐剂|食盐|盐|味精|人工色素|反式脂肪酸)',
          '无添加剂(违规|超标)',
        ],
      },
      suggestion: '删除“纯天然/零添加”，或与配料表核对一致',
      law: '广告法第二十八条；预包装食品标签通则',
    },
    {
      id: 'fc.natural_contradicted',
      severity: 'block',
      patterns: ['纯天然', '(零|0)添加', '无添加', '(不含|没有|无)任何(添加剂|添加)', '零防腐', '无防腐剂'],
      context: {
        requires: ['{additive}', '配料~30(香精|色素|防腐剂|增稠剂|乳化剂|味精|甜味剂|食品添加剂)'],
        scope: 'text',
        allow: ['(零|0|无)添加(蔗糖|糖|白砂糖|色素|香精|防腐剂|食盐|盐|味精|人工色素|反式脂肪酸)'],
      },
      suggestion: '删除“纯天然/零添加”（与配料表不符）',
      law: '广告法第二十八条；预包装食品标签通则',
      note: '纯天然零添加 with 山梨酸钾 in the ingredient list',
    },
    {
      id: 'fc.fake_scarcity',
      severity: 'block',
      patterns: ['(仅剩|只剩|最后|限量|仅有|只有|还剩|仅限)#{stock}'],
      context: {
        requires: [
          '长期有效',
          '长期(供应|在售|有货)',
          '一直有(货)?',
          '天天有',
          '每天都有',
          '永久有效',
          '随时(下单|可买|都有|购买)',
          '不限量',
          '库存充足',
          '常年(供应|有货)',
          '现货充足',
          '无限量',
          '持续供应',
        ],
        scope: 'text',
      },
      suggestion: '删除虚构的稀缺提示（如“仅剩5份”），按实际库存标注',
      note: '仅剩5份 while the link is 长期有效',
    },
    {
      id: 'fc.zero_residue',
      severity: 'review',
      patterns: [
        '(零|0|无|不含)(农残|农药残留|残留)',
        '零农药',
        '(100|百分百|百分之百|绝对|保证)(无农药|无残留|不打农药)',
        '(零|0|无|没有任何)污染',
      ],
      context: { notAfter: ['不是', '并非', '并不'], beforeWindow: 3 },
      suggestion: '删除“零农残”等无法证实的说法，可标明检测报告编号',
      note: '零农残: residue-free cannot be shown; a test report with its number can',
    },
    {
      id: 'fc.heritage',
      severity: 'review',
      patterns: ['(中华|百年)老字号', '百年老店', '(祖传|宫廷)(配方|秘方|工艺|秘制)', '配方祖传'],
      context: { unless: ['(认定|授牌|证书)~4(编号|号|年)'], scope: 'text' },
      suggestion: '中华老字号须经商务部认定，标明认定信息或删除',
    },
    {
      id: 'fc.global_scarcity',
      severity: 'review',
      patterns: ['(全球|全国|世界|全世界|全网|每年|一年)(仅|只|才)(产|有|出|供应|剩)#'],
      suggestion: '删除无法证实的产量或稀缺说法',
    },
    {
      id: 'fc.import_origin',
      severity: 'block',
      patterns: [
        '(原装)?进口',
        '(原产|产自|来自|直采自)~2(新西兰|澳洲|澳大利亚|美国|智利|泰国|越南|日本|韩国|秘鲁|加拿大|挪威|法国|意大利|西班牙|荷兰|德国|海外|国外)',
      ],
      context: { requires: [`产地~4${PROVINCE}`], scope: 'text' },
      suggestion: '删除“进口”，按实际产地标注',
      note: '新西兰进口奇异果 with 产地：陕西周至',
    },
    ...GEO_PRODUCTS.map(([product, places], i) => ({
      id: `fc.gi_origin.${i + 1}`,
      severity: 'block' as const,
      patterns: [product],
      context: { requires: ['产地'], unless: [`产地~8${places}`], scope: 'text' as const },
      suggestion: '按实际产地标注，地理标志产品名称只用于核准产地的产品',
      law: '广告法第二十八条；地理标志产品保护办法',
      note: `${product.replace(/[()]/g, '')}: a geographical-indication name whose stated origin is elsewhere`,
    })),
    {
      id: 'fc.restructured_meat',
      severity: 'block',
      patterns: ['(原切|和牛|整切)', '(牛排|菲力|西冷|眼肉)'],
      context: {
        requires: [
          '配料~30(大豆分离蛋白|卡拉胶|谷氨酰胺转氨酶|转谷氨酰胺酶|植物蛋白|淀粉|牛肉粉|食用胶|黄原胶|瓜尔胶)',
        ],
        unless: ['(调理|重组|拼接|腌制|合成)'],
        scope: 'text',
      },
      suggestion: '按实际工艺标注“调理牛排/重组牛排”，或删除“原切/和牛”',
      note: '牛排 with 大豆分离蛋白 and 卡拉胶 in its ingredients is restructured meat',
    },
    {
      id: 'fc.capacity',
      severity: 'review',
      patterns: [
        '(日产|年产|月产|日销|年销)~3#万',
        '#余?年(实力|老牌|大厂|老厂|老字号)',
        '实力大厂',
        '(世界|中国)?500强(企业|出品|品质|供应)',
        '上市公司(出品|品质|供应)',
      ],
      suggestion: '删除或注明数据来源',
      law: '广告法第十一条、第二十八条',
    },
  ],
};
