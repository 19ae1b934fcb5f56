import { AppError } from '../../platform/errors.ts';

/**
 * The column contract of each import kind. A header cell matches a column when, after
 * normalisation (case, spaces, `_`, `-`, `.`, full-width brackets), it equals the column's key or
 * one of its aliases: `member_id`, `memberId`, `Member ID` and `会员ID` all name `member_id`.
 */
export type ImportKind = 'members' | 'orders' | 'products' | 'events';
export const IMPORT_KINDS: readonly ImportKind[] = ['members', 'orders', 'products', 'events'];

export interface KindColumns {
  kind: ImportKind;
  /** canonical key → aliases (the key itself always matches) */
  columns: Record<string, string[]>;
  /** every group must be present; a group of several keys means "any one of these" */
  required: string[][];
}

const MEMBER_ID = ['会员id', '会员编号', '会员号', '用户id', '客户id', '顾客id'];
const COMMUNITY_ID = ['小区id', '小区编号', '社区id', '社区编号'];
const PICKUP_POINT_ID = ['自提点id', '自提点编号', '提货点id', '提货点编号'];
const SKU = ['商品编码', '商品编号', '商品id', 'sku编码', '货号', 'product_sku', 'product_code'];

const members: KindColumns = {
  kind: 'members',
  columns: {
    member_id: [...MEMBER_ID, 'id'],
    phone: ['手机号', '手机号码', '手机', '电话', '联系电话', 'mobile', 'phone_number'],
    nickname: ['昵称', '会员昵称', '用户昵称', '微信昵称', 'name', 'nick_name'],
    gender: ['性别', 'sex'],
    birthday: ['生日', '出生日期', 'birth_date', 'date_of_birth', 'dob'],
    registered_at: [
      '注册时间',
      '注册日期',
      '入会时间',
      'register_time',
      'registered',
      'signup_at',
      'joined_at',
    ],
    community_id: COMMUNITY_ID,
    pickup_point_id: PICKUP_POINT_ID,
    device_type: ['设备类型', '设备', '注册设备', 'device', 'platform'],
    referrer_id: ['推荐人id', '推荐人', '邀请人id', '邀请人', 'inviter_id', 'referred_by'],
    consent_sms: ['短信授权', '短信营销授权', '接收短信'],
    consent_wechat: ['微信授权', '微信消息授权', '接收微信消息'],
    consent_wecom: ['企业微信授权', '企微授权'],
    consent_in_app: ['app推送授权', '应用内授权', 'consent_app', 'consent_push'],
    consent_webhook: ['webhook授权'],
    consent_email: ['邮件授权', '邮箱授权'],
    consent_at: ['授权时间', '同意时间'],
  },
  required: [['member_id']],
};

const products: KindColumns = {
  kind: 'products',
  columns: {
    sku: [...SKU, 'product_id'],
    name: ['商品名称', '商品名', '品名', '名称', 'product_name', 'title'],
    category: ['分类', '分类编码', '类目', '类目编码', '品类', 'category_code'],
    unit: ['单位', '销售单位'],
    price_fen: ['价格(分)', '售价(分)', '单价(分)', 'price_in_fen'],
    price_yuan: ['价格', '售价', '单价', '价格(元)', '售价(元)', '单价(元)', 'price'],
    organic: ['有机', '是否有机', 'is_organic'],
    green: ['绿色', '绿色食品', '是否绿色食品', 'is_green'],
    trending: ['网红', '爆款', '热销', '是否网红', 'is_trending'],
    partner: ['合作', '合作商品', '联营', 'is_partner'],
    active: ['上架', '在售', '是否上架', '启用', 'is_active', 'enabled'],
  },
  required: [['sku'], ['name'], ['category'], ['price_fen', 'price_yuan']],
};

const orders: KindColumns = {
  kind: 'orders',
  columns: {
    order_id: ['订单号', '订单编号', '订单id'],
    member_id: MEMBER_ID,
    placed_at: ['下单时间', '订单时间', '下单日期', 'order_time', 'ordered_at', 'created_at', 'order_date'],
    status: ['订单状态', '状态', 'order_status'],
    pickup_date: ['提货日期', '自提日期', '取货日期'],
    community_id: COMMUNITY_ID,
    pickup_point_id: PICKUP_POINT_ID,
    discount_fen: ['优惠(分)', '优惠金额(分)', '折扣(分)'],
    discount_yuan: ['优惠', '优惠金额', '优惠(元)', '优惠金额(元)', '折扣金额', 'discount'],
    picked_up_at: ['提货时间', '自提时间', '取货时间'],
    cancelled_at: ['取消时间'],
    sku: SKU,
    quantity: ['数量', '购买数量', '件数', 'qty'],
    unit_price_fen: ['单价(分)'],
    unit_price_yuan: ['单价', '单价(元)', '商品单价', 'unit_price', 'price'],
    amount_fen: ['金额(分)', '小计(分)', '行金额(分)'],
    amount_yuan: ['金额', '小计', '金额(元)', '小计(元)', 'amount', 'line_amount'],
  },
  required: [
    ['order_id'],
    ['member_id'],
    ['placed_at'],
    ['sku'],
    ['quantity'],
    ['unit_price_fen', 'unit_price_yuan'],
  ],
};

const events: KindColumns = {
  kind: 'events',
  columns: {
    event_id: ['事件id', '事件编号', 'id'],
    member_id: MEMBER_ID,
    type: ['事件类型', '类型', 'event_type'],
    occurred_at: ['发生时间', '事件时间', '时间', 'event_time', 'timestamp', 'time'],
    product_sku: [...SKU, 'sku'],
    content_id: ['内容id', '内容编号'],
    order_id: ['订单号', '订单编号', '订单id'],
    dwell_ms: ['停留时长(毫秒)', '停留毫秒', '停留时长', 'duration_ms'],
    rating: ['评分', '星级', 'stars', 'score'],
    text: ['内容', '文本', '评价内容', '评论', '留言', 'content', 'comment'],
    properties: ['属性', '扩展属性', 'props', 'extra'],
  },
  required: [['event_id'], ['member_id'], ['type'], ['occurred_at']],
};

export const KIND_COLUMNS: Record<ImportKind, KindColumns> = { members, orders, products, events };

/** `Member ID` → `memberid`, `价格（元）` → `价格(元)`. */
export function normalizeHeader(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase()
    .replace(/[\s_\-.·]/g, '');
}

/** normalised name → canonical key, for one kind */
function aliasIndex(spec: KindColumns): Map<string, string> {
  const index = new Map<string, string>();
  for (const [key, aliases] of Object.entries(spec.columns)) {
    for (const name of [key, ...aliases]) {
      const n = normalizeHeader(name);
      if (!index.has(n)) index.set(n, key);
    }
  }
  return index;
}

export interface HeaderMatch {
  /** canonical key → 0-based column index */
  columns: Map<string, number>;
  /** required groups not satisfied, rendered for people (`price_fen or price_yuan`) */
  missing: string[];
  /** header cells that name no known column, or repeat one already matched */
  ignored: string[];
}

export function matchHeader(cells: string[], spec: KindColumns): HeaderMatch {
  const index = aliasIndex(spec);
  const columns = new Map<string, number>();
  const ignored: string[] = [];
  cells.forEach((cell, i) => {
    if (cell.trim() === '') return;
    const key = index.get(normalizeHeader(cell));
    if (key && !columns.has(key)) columns.set(key, i);
    else ignored.push(cell.trim());
  });
  const missing = spec.required
    .filter((group) => !group.some((k) => columns.has(k)))
    .map((g) => g.join(' or '));
  return { columns, missing, ignored };
}

/** How many rows to look through for the header (title rows, notes, blank rows above it). */
export const HEADER_SEARCH_ROWS = 20;

/**
 * Picks the header row: the first row that has every required column. When no row does, fails
 * with the missing columns and the columns found in the most header-like row, before any import.
 */
export class HeaderFinder {
  private readonly spec: KindColumns;
  private best: { cells: string[]; rowNumber: number; missing: string[]; known: number } | null = null;
  private seen = 0;

  constructor(spec: KindColumns) {
    this.spec = spec;
  }

  /** Returns the match when `cells` is the header; null to keep looking; throws when it is too late. */
  offer(cells: string[], rowNumber: number): HeaderMatch | null {
    if (cells.every((c) => c.trim() === '')) return null;
    this.seen++;
    const m = matchHeader(cells, this.spec);
    if (m.missing.length === 0) return m;
    if (!this.best || m.columns.size > this.best.known) {
      this.best = { cells, rowNumber, missing: m.missing, known: m.columns.size };
    }
    if (this.seen >= HEADER_SEARCH_ROWS) this.fail();
    return null;
  }

  /** Called at the end of the file (or the search window) without a header. */
  fail(): never {
    const { kind } = this.spec;
    if (!this.best) throw new AppError('invalid', 'import.empty_file', `The ${kind} file has no rows.`);
    const found = this.best.cells.map((c) => c.trim()).filter(Boolean);
    const missing = this.best.missing;
    throw new AppError(
      'invalid',
      'import.missing_columns',
      `The ${kind} file is missing required column(s): ${missing.join(', ')}. ` +
        `Columns found (row ${this.best.rowNumber}): ${found.join(', ') || '(none)'}. Nothing was imported.`,
      { missing, found, headerRow: this.best.rowNumber },
    );
  }
}

export function isImportKind(kind: string): kind is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(kind);
}
