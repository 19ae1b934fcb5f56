import { productIdOf } from '../catalog/index.ts';

/**
 * The demo product catalogue: about 200 SKUs over the category codes seeded by migration 0001, listed
 * bestseller first within each category. It does not depend on the seed, so product ids stay the same
 * across demo loads. Line format: `name|price in yuan|unit|flags`, flags o = organic, g = green-food
 * certified, t = trending (网红), p = partner product (联名 / 社区严选).
 */
const LISTING: Record<string, string> = {
  'vegetables.leafy': `上海青|2.98|斤|g; 菠菜|4.5|斤|; 生菜|3.8|斤|; 空心菜|4.2|斤|; 油麦菜|3.5|斤|; 大白菜|1.98|斤|;
    芹菜|3.9|斤|g; 娃娃菜(3颗装)|5.9|袋|; 韭菜|4.8|斤|; 香菜|6.8|斤|`,
  'vegetables.root': `土豆|2.5|斤|; 胡萝卜|2.8|斤|g; 白萝卜|1.8|斤|; 铁棍山药|12.8|斤|; 红薯|3.5|斤|; 莲藕|6.8|斤|;
    洋葱|2.2|斤|; 生姜|8.8|斤|; 冬笋|15.8|斤|`,
  'vegetables.mushroom': `香菇|9.8|斤|; 金针菇|3.5|袋|; 杏鲍菇|6.8|斤|; 平菇|5.8|斤|; 白玉菇|4.5|盒|; 鹿茸菇|9.9|盒|t;
    黑木耳|15.9|袋|g`,
  'vegetables.melon': `西红柿|4.8|斤|g; 黄瓜|3.6|斤|; 茄子|4.2|斤|; 青椒|4.5|斤|; 西葫芦|3.2|斤|; 冬瓜|1.6|斤|;
    南瓜|2.9|斤|; 丝瓜|5.5|斤|; 玉米(2根)|4.9|袋|; 豇豆|6.5|斤|`,
  'fruit.citrus': `赣南脐橙|5.9|斤|g; 沃柑|6.8|斤|; 砂糖橘|6.5|斤|; 不知火丑橘|9.9|斤|t; 柠檬(4个)|12.9|袋|;
    爱媛果冻橙|15.8|斤|t; 琯溪蜜柚|12.9|个|; 黄岩蜜橘|5.5|斤|p`,
  'fruit.berry': `丹东草莓|39.9|盒|t; 蓝莓(125g)|19.9|盒|t; 阳光玫瑰葡萄|29.9|串|t; 巨峰葡萄|9.9|斤|; 树莓|25.9|盒|;
    桑葚|19.9|盒|; 车厘子|59.9|斤|t; 仙居杨梅|49.9|盒|p`,
  'fruit.tropical': `海南香蕉|3.9|斤|; 红心火龙果|8.9|个|; 金枕榴莲|39.9|斤|t; 台农芒果|9.9|斤|; 菠萝|12.8|个|;
    山竹|29.9|斤|t; 椰青|9.9|个|t; 牛油果(4个)|19.9|盒|t`,
  'fruit.pome': `烟台红富士|6.9|斤|g; 阿克苏冰糖心苹果|8.9|斤|t; 砀山酥梨|4.5|斤|; 库尔勒香梨|9.9|斤|;
    黄金奶油富士|7.9|斤|; 秋月梨|12.8|斤|t; 红心猕猴桃|19.9|盒|`,
  'meat_eggs.pork': `五花肉|18.8|斤|; 前腿肉|15.9|斤|; 猪小排|29.9|斤|; 猪里脊|19.9|斤|; 筒骨|12.9|斤|;
    两头乌土猪肉|39.9|斤|p; 猪肉馅|16.9|斤|; 猪蹄|22.9|斤|`,
  'meat_eggs.beef_lamb': `牛腩|49.9|斤|; 牛腱子|52.9|斤|; 谷饲牛排|59.9|盒|t; 羊肉卷|39.9|盒|; 羊排|59.9|斤|;
    肥牛卷|35.9|盒|; 牛肉馅|39.9|斤|`,
  'meat_eggs.poultry': `三黄鸡|29.9|只|; 鸡翅中|32.9|斤|; 琵琶腿|15.9|斤|; 鸡胸肉|13.9|斤|t; 老鸭|49.9|只|;
    乳鸽|25.9|只|; 鸡爪|19.9|斤|`,
  'meat_eggs.eggs': `鲜鸡蛋(15枚)|13.9|盒|; 土鸡蛋(30枚)|29.9|盒|g; 可生食鸡蛋(10枚)|19.9|盒|t; 咸鸭蛋(6枚)|12.9|盒|;
    鹌鹑蛋|9.9|盒|; 皮蛋(6枚)|9.9|盒|`,
  'seafood.fish': `鲈鱼|29.9|条|; 鲫鱼|16.9|斤|; 草鱼段|14.9|斤|; 带鱼段|35.9|斤|; 三文鱼刺身|49.9|盒|t;
    小黄鱼|29.9|斤|; 千岛湖鱼头|39.9|个|p; 鳕鱼块|45.9|盒|`,
  'seafood.shrimp_crab': `基围虾|49.9|斤|; 南美白对虾|39.9|盒|; 麻辣小龙虾|59.9|盒|t; 阳澄湖大闸蟹(4只)|168|盒|tp;
    梭子蟹|59.9|斤|; 虾仁|35.9|袋|; 花蛤|12.9|斤|`,
  'dairy_bakery.milk': `鲜牛奶(950ml)|15.9|瓶|; 原味酸奶(6杯)|19.9|组|; 低温酸奶(1kg)|22.9|桶|; 有机纯牛奶(12盒)|69.9|箱|o;
    希腊酸奶|9.9|杯|t; 奶酪棒|29.9|袋|t; 燕麦奶|12.9|瓶|t`,
  'dairy_bakery.bread': `全麦吐司|12.9|袋|; 手撕面包|15.9|袋|; 蛋黄酥(6枚)|19.9|盒|t; 贝果|14.9|袋|t; 碱水面包|9.9|袋|t;
    葱包桧|12.9|盒|p; 定胜糕|15.9|盒|; 肉松小贝|22.9|盒|t`,
  'grain_oil.rice_flour': `东北大米(5kg)|39.9|袋|; 五常稻花香(5kg)|69.9|袋|g; 泰国香米(5kg)|49.9|袋|; 高筋面粉(2.5kg)|19.9|袋|;
    挂面|8.9|包|; 手工年糕|9.9|袋|; 小米|12.9|袋|g; 杂粮礼包|39.9|盒|`,
  'grain_oil.oil': `花生油(5L)|89.9|桶|; 菜籽油(5L)|69.9|桶|; 玉米油(5L)|65.9|桶|; 稻米油(4L)|59.9|桶|g; 芝麻油|19.9|瓶|;
    山茶油|99|瓶|p`,
  'grain_oil.condiments': `生抽|9.9|瓶|; 老抽|8.9|瓶|; 镇江香醋|7.9|瓶|; 绍兴黄酒|12.9|瓶|p; 料酒|6.9|瓶|; 蚝油|11.9|瓶|;
    火锅底料|15.9|袋|t; 爆炒香料包|9.9|袋|p`,
  'organic.vegetables': `有机上海青|8.8|斤|og; 有机菠菜|9.8|斤|og; 有机西兰花|12.8|个|o; 有机胡萝卜|7.9|斤|o;
    有机番茄|15.8|斤|o; 有机黄瓜|9.9|斤|o; 有机蔬菜盲盒|39.9|箱|ot; 有机生菜|9.9|斤|og; 有机土豆|8.9|斤|o`,
  'organic.fruit': `有机蓝莓|39.9|盒|ot; 有机苹果|19.9|斤|o; 有机猕猴桃|29.9|盒|o; 有机脐橙|16.9|斤|o;
    有机草莓|59.9|盒|ot; 有机小番茄|19.9|盒|o; 有机香蕉|12.9|斤|o`,
  'snacks.sweets': `雪花酥|19.9|盒|t; 麻薯|15.9|盒|t; 提拉米苏|25.9|盒|t; 冰淇淋(4支)|29.9|盒|t; 黑巧克力|19.9|盒|;
    蛋挞(6枚)|22.9|盒|; 龙井茶酥|25.9|盒|p; 芋泥盒子|18.9|盒|t`,
  'snacks.nuts': `每日坚果(30袋)|79.9|箱|; 开心果|29.9|袋|; 碧根果|35.9|袋|; 辣条大礼包|19.9|包|t; 临安山核桃仁|49.9|袋|p;
    锅巴|9.9|袋|; 鸭脖|29.9|盒|t; 牛肉干|39.9|袋|`,
  drinks: `精酿啤酒(6罐)|59.9|组|t; 气泡水(12瓶)|49.9|箱|t; 椰子水|9.9|瓶|t; 冷萃咖啡|15.9|瓶|t; 西湖龙井|128|罐|p;
    矿泉水(24瓶)|29.9|箱|; 鲜榨橙汁|12.9|瓶|; 柠檬茶|6.9|瓶|t; 酸梅汤|8.9|瓶|`,
  frozen: `手工水饺|19.9|袋|; 小笼包|22.9|袋|; 螺蛳粉|12.9|袋|t; 自热火锅|29.9|盒|t; 宁波汤圆|15.9|袋|;
    酸菜鱼(预制)|39.9|盒|t; 菜博士联名套餐|49.9|份|pt; 爆炒套餐(附香料包)|35.9|份|p; 速冻虾饺|25.9|袋|`,
  household: `抽纸(24包)|39.9|箱|; 洗洁精|12.9|瓶|; 垃圾袋|9.9|卷|; 保鲜膜|8.9|卷|; 厨房湿巾|15.9|包|; 阳台种菜套装|29.9|套|t`,
};

export interface DemoProduct {
  id: string;
  sku: string;
  name: string;
  categoryCode: string;
  unit: string;
  priceFen: number;
  organic: boolean;
  green: boolean;
  trending: boolean;
  partner: boolean;
  /** position within its category, 0 = bestseller; drives popularity */
  rank: number;
}

/** Partner products are sold under the joint "社区严选" label, as in the seed's cross-brand case. */
function displayName(name: string, partner: boolean): string {
  return partner ? `社区严选·${name}` : name;
}

export function buildCatalogue(): DemoProduct[] {
  const products: DemoProduct[] = [];
  for (const [categoryCode, listing] of Object.entries(LISTING)) {
    const entries = listing
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
    entries.forEach((entry, rank) => {
      const [name = '', price = '0', unit = '份', flags = ''] = entry.split('|');
      const sku = `demo-p-${String(products.length + 1).padStart(4, '0')}`;
      const partner = flags.includes('p');
      products.push({
        id: productIdOf(sku),
        sku,
        name: displayName(name, partner),
        categoryCode,
        unit,
        priceFen: Math.round(Number(price) * 100),
        organic: flags.includes('o'),
        green: flags.includes('g'),
        trending: flags.includes('t'),
        partner,
        rank,
      });
    });
  }
  return products;
}
