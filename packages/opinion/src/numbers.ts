/**
 * Cues that need a number: how many households (十几户 is scale, 几家 is several), a person's age
 * (八十多岁 is elderly), how many times (第三次), how long a case has waited (三天了还没退), a short
 * weight (称了只有八斤半) and a price that changed at payment (显示9.9 … 付款变成12.9). They run as
 * regular expressions over the folded text, which has the same offsets as the original.
 */
import type { CueSpec } from './lexicon/index.ts';

const DIGIT: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  几: 5,
  数: 5,
  半: 0.5,
};
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/**
 * The value of a numeral: digits, or Chinese with units (二十 20, 十几 15, 几十 50, 三四十 30,
 * 一百 100). Of two digits in a row (两三, 三四) the first counts: the writer's lower bound.
 */
export function numberValue(s: string): number {
  if (/^\d/.test(s)) return Number.parseFloat(s);
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const ch of s) {
    const u = UNIT[ch];
    if (u !== undefined) {
      if (u === 10000) {
        total = (total + section + (digit ?? 0) || 1) * u;
        section = 0;
      } else section += (digit ?? 1) * u;
      digit = undefined;
      continue;
    }
    const d = DIGIT[ch];
    if (d !== undefined && digit === undefined) digit = d;
  }
  return total + section + (digit ?? 0);
}

export interface NumberCue {
  spec: CueSpec;
  start: number;
  end: number;
}

/** A numeral: digits, or a run of Chinese numerals. */
const NUMERAL = /\d+(?:\.\d+)?|[零一二两三四五六七八九十百千万几数半]+/g;
const UNITS = '(天|日|个星期|星期|周|个礼拜|礼拜|个月)';

/**
 * A pattern around a numeral: `before` must end the text just before it (checked on the six
 * characters there), `after` must start right after it (sticky); the cue spans both.
 */
interface Around {
  /** The smallest numeral the pattern is about (一 is everywhere: 一下, 一点). */
  min: number;
  before?: RegExp;
  after?: RegExp;
  cue: (n: number, after: RegExpExecArray | null) => CueSpec | undefined;
}

const some = (n: number): CueSpec | undefined =>
  n >= 10 ? { kind: 'scale_big' } : n >= 2 ? { kind: 'scale_some' } : undefined;
const stuckDays = (n: number, unit: string) => {
  const days = unit === '天' || unit === '日' ? n : unit.endsWith('月') ? 30 * n : 7 * n;
  return days >= 2 ? ({ kind: 'stuck', strength: 2 } as const) : undefined;
};

const AROUND: readonly Around[] = [
  // households, members, neighbours; 家 not of shops (几家超市), 人 not of portions (三人份)
  {
    min: 2,
    after:
      /\s*[多余来几]?\s*个?\s*(户|家(?!店|超市|门店|平台|公司|商家|自提点|团购)|位|名|人(?!份)|邻居|业主|家庭|住户|团员|宝妈|老人|孩子|小孩)/y,
    cue: some,
  },
  // a person's age: a child or an elderly person
  {
    min: 0,
    after: /\s*[多来]?\s*(周岁|岁|个月大|个月的)/y,
    cue: (n, m) =>
      (m![1]!.startsWith('个月') && n <= 36) || n >= 65 || n <= 14 ? { kind: 'vulnerable' } : undefined,
  },
  // 第三次, 三次了, 有三次: a repeat
  { min: 2, before: /第\s*$/, after: /\s*[次回]/y, cue: (n) => (n >= 2 ? { kind: 'repeat' } : undefined) },
  { min: 2, after: /\s*次了/y, cue: (n) => (n >= 2 ? { kind: 'repeat' } : undefined) },
  { min: 2, before: /有\s*$/, after: /\s*次/y, cue: (n) => (n >= 2 ? { kind: 'repeat' } : undefined) },
  // 三天了还没到账: waiting days for something that has not happened
  {
    min: 2,
    after: new RegExp(
      `\\s*多?\\s*${UNITS}\\s*(了|都|还|也|过去)[^。！？!?，,]{0,6}?(还|都|也|仍|依然|一直)?(没有|没|不|未)(到|退|收|处理|回|发|送|给|人|有|动静|消息|结果|解决|理)`,
      'y',
    ),
    cue: (n, m) => stuckDays(n, m![1]!),
  },
  // 都四天了: the time a case has been waiting
  {
    min: 2,
    before: /都\s*$/,
    after: new RegExp(`\\s*多?\\s*${UNITS}\\s*了`, 'y'),
    cue: (n, m) => stuckDays(n, m![1]!),
  },
  // 等了两个小时: a long wait at the pickup point
  {
    min: 0,
    before: /等了\s*$/,
    after: /\s*多?\s*(分钟|个?小时|个?钟头)/y,
    cue: (n, m) =>
      m![1]!.includes('时') || m![1]!.includes('钟头') || n >= 30
        ? { kind: 'problem', category: 'delivery_pickup', strength: 2 }
        : undefined,
  },
  // 问了三次都没恢复: tried again and again without result
  {
    min: 2,
    before: /(问|打|催|找|联系|反馈|申请|补|试|说|提|投诉|反映)了?\s*$/,
    after: /\s*[次遍回]\s*[都也还]?\s*(没|不|未)/y,
    cue: (n) => (n >= 2 ? { kind: 'stuck', strength: 1 } : undefined),
  },
  // 称了只有八斤半: short weight or fewer pieces (not 只有两颗烂了, a count of bad ones)
  {
    min: 0,
    before:
      /(只有|只到了?|只拿到|只收到|只给了?|才|不到|不够|实际称了|实际|实称|称了|一称|称出来|少了|差了|缺了|缺)\s*$/,
    after:
      /\s*(斤|两|克|g|kg|公斤|千克|个|颗|只|根|片|盒|袋|瓶|条|枚|串|把|份)(?![^，。！？,!?]{0,3}(烂|坏|破|碎|霉|蔫|臭|有问题|不新鲜))/iy,
    cue: () => ({ kind: 'problem', category: 'quantity', strength: 2 }),
  },
  // 三万多阅读, 播放量已经两万: a post that is spreading
  {
    min: 0,
    after:
      /\s*[多几余+]?\s*(万|千|百)?\s*[多几余+]?\s*[次条个人]?\s*(阅读|浏览|播放|转发|点赞|评论|观看|围观|人看|人转)/y,
    cue: (n, m) => (n * (UNIT[m![1] ?? ''] ?? 1) >= 100 ? { kind: 'spread' } : undefined),
  },
  {
    min: 0,
    before: /(阅读|浏览|播放|转发|点赞|评论|观看)量?\s*(已经|都|破|超过|达到|有)?\s*$/,
    after: /\s*(万|千|百)?/y,
    cue: (n, m) => (n * (UNIT[m![1] ?? ''] ?? 1) >= 100 ? { kind: 'spread' } : undefined),
  },
];

const DOUBLE_CHARGE = /(扣|收|付|支付|扣款|扣费)了?我?的?钱?\s*(两|二|2|三|3|多)\s*(次|遍|回|份)/g;
const PRICE = '(\\d+(?:\\.\\d+)?)\\s*(?:元|块钱|块)?';
// 显示9.9，付款的时候变成12.9: the price changed at payment
const PRICE_CHANGED = new RegExp(
  `${PRICE}[^。！？!?]{0,14}?(变成|变成了|成了|却要|结果要|扣了|收了|付了|要付|实付|实际付|却收|结账|下单是|付款是|结算是|实际是|实付是|结账按|按照|按)\\s*${PRICE}`,
  'g',
);

const GIFT = /(送的|赠的|赠品|赠送的)[^，。！？,!?]{0,4}(没有|没收到|没给|不见|没看到)/g;
// 把我的手机号发到群里: one member's data passed on
const MY_DATA =
  /(我的|我家|我家的)(手机号|手机号码|电话|电话号码|地址|门牌号|住址|信息|名字|全名|照片|截图)[^。！？!?]{0,10}(发到|发在|发群|贴到|贴在|贴群|公开|卖|泄露|给了)/g;
// 补发的还没收到, 退款到现在没到账: the refund or reissue itself has not come
const REFUND_NOT =
  /(补发|退款|退货|退到|赔付|补偿|售后|退的钱|赔的钱)[^。！？!?，,]{0,8}(还没|还是没|没有|没)(收到|到账|到|退|给|处理|下来|动静|发|看到)/g;
// 说关就关, 说取消就取消: a change made without notice
const ARBITRARY = /说([^，。！？,!?]{1,4})就\1/g;

const cue = (spec: CueSpec, m: RegExpExecArray): NumberCue => ({
  spec,
  start: m.index,
  end: m.index + m[0].length,
});

/**
 * The number cues of a folded text (full-width digits already half-width): each numeral is found
 * once and the patterns are tried around it, so the cost follows the numerals, not the length.
 */
export function numberCues(folded: string): NumberCue[] {
  const out: NumberCue[] = [];
  if (/送的|赠|我的|我家|补发|退|赔|补偿|售后|说/.test(folded)) wordCues(folded, out);
  for (const num of folded.matchAll(NUMERAL)) {
    const start = num.index;
    const end = start + num[0].length;
    const n = numberValue(num[0]);
    const head = folded.slice(Math.max(0, start - 6), start);
    // one cue of a kind per numeral (第三次了 is one repeat)
    let kinds = '';
    for (const p of AROUND) {
      if (n < p.min) continue;
      const b = p.before ? p.before.exec(head) : null;
      if (p.before && !b) continue;
      let a: RegExpExecArray | null = null;
      if (p.after) {
        p.after.lastIndex = end;
        a = p.after.exec(folded);
        if (!a) continue;
      }
      const spec = p.cue(n, a);
      if (!spec || kinds.includes(spec.kind)) continue;
      kinds += `${spec.kind} `;
      out.push({
        spec,
        start: b ? start - (head.length - b.index) : start,
        end: a ? end + a[0].length : end,
      });
    }
  }
  if (/[扣收付]/.test(folded))
    for (const m of folded.matchAll(DOUBLE_CHARGE)) out.push(cue({ kind: 'money_taken' }, m));
  if (/\d[^\d]+\d/.test(folded))
    for (const m of folded.matchAll(PRICE_CHANGED))
      if (m[1] !== m[3]) out.push(cue({ kind: 'problem', category: 'price_billing', strength: 2 }, m));
  return out;
}

/** The patterns of words around a gap that need no number (送的那包没有, 退款到现在没到账). */
function wordCues(folded: string, out: NumberCue[]): void {
  for (const m of folded.matchAll(GIFT))
    out.push(cue({ kind: 'problem', category: 'quantity', strength: 2 }, m));
  for (const m of folded.matchAll(MY_DATA)) out.push(cue({ kind: 'data_misuse' }, m));
  for (const m of folded.matchAll(REFUND_NOT))
    out.push(cue({ kind: 'problem', category: 'refund_after_sales', strength: 2 }, m));
  for (const m of folded.matchAll(ARBITRARY))
    out.push(cue({ kind: 'problem', category: null, strength: 2 }, m));
}
