import {
  CONSENT_CHANNELS,
  DEVICE_TYPES,
  EVENT_TYPES,
  GENDERS,
  ORDER_STATUSES,
  type EventInput,
  type MemberInput,
  type OrderInput,
  type ProductInput,
} from '@linli/contracts';
import {
  parseBoolean,
  parseDate,
  parseEnum,
  parseFen,
  parseInstant,
  parseInteger,
  parseJsonObject,
  parseQuantity,
  parseYuanToFen,
  type Parsed,
} from './values.ts';

/**
 * Pure row → ingest item mappers. A row is keyed by canonical column name (see columns.ts) with
 * trimmed text values; an empty cell means "not given". The ingest services validate items again
 * (phone format, known category…); these mappers turn text into typed values and say exactly which
 * cell is wrong and why.
 */
export type Row = Readonly<Record<string, string | undefined>>;

export interface RowProblem {
  field: string;
  reason: string;
  code: string;
}

export type MapResult<T> = { ok: true; item: T } | { ok: false; problems: RowProblem[] };

/** Collects typed values and problems for one row. */
class Reader {
  readonly problems: RowProblem[] = [];
  private readonly row: Row;
  constructor(row: Row) {
    this.row = row;
  }

  text(key: string): string | undefined {
    const v = this.row[key]?.trim();
    return v ? v : undefined;
  }

  required(key: string): string | undefined {
    const v = this.text(key);
    if (v === undefined)
      this.problems.push({ field: key, reason: `${key} is required`, code: 'import.required' });
    return v;
  }

  /** Runs a parser on the cell when it has a value. */
  parse<T>(key: string, parser: (s: string) => Parsed<T>, required = false): T | undefined {
    const v = required ? this.required(key) : this.text(key);
    if (v === undefined) return undefined;
    const r = parser(v);
    if (r.ok) return r.value;
    this.problems.push({ field: key, reason: r.reason, code: r.code });
    return undefined;
  }

  /** Money given either in fen (`<base>_fen`) or yuan (`<base>_yuan`); fen wins when both are filled. */
  money(base: string, required = false): number | undefined {
    if (this.text(`${base}_fen`) !== undefined) return this.parse(`${base}_fen`, parseFen);
    if (this.text(`${base}_yuan`) !== undefined) return this.parse(`${base}_yuan`, parseYuanToFen);
    if (required)
      this.problems.push({
        field: `${base}_fen`,
        reason: `${base}_fen or ${base}_yuan is required`,
        code: 'import.required',
      });
    return undefined;
  }

  result<T>(item: T): MapResult<T> {
    return this.problems.length ? { ok: false, problems: this.problems } : { ok: true, item };
  }
}

/** Drops keys whose value is undefined so items stay minimal (and compare equal on a re-run). */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const GENDER_ALIASES: Record<string, (typeof GENDERS)[number]> = {
  男: 'male',
  女: 'female',
  m: 'male',
  f: 'female',
  男性: 'male',
  女性: 'female',
  未知: 'unknown',
  保密: 'unknown',
  // WeChat's convention: 1 male, 2 female, 0 unknown
  '1': 'male',
  '2': 'female',
  '0': 'unknown',
};

const DEVICE_ALIASES: Record<string, (typeof DEVICE_TYPES)[number]> = {
  iphone: 'ios',
  ipad: 'ios',
  鸿蒙: 'harmonyos',
  harmony: 'harmonyos',
  小程序: 'mini_program',
  微信小程序: 'mini_program',
  miniprogram: 'mini_program',
  'mini-program': 'mini_program',
  安卓: 'android',
  其他: 'other',
};

const STATUS_ALIASES: Record<string, (typeof ORDER_STATUSES)[number]> = {
  已支付: 'paid',
  已付款: 'paid',
  待提货: 'paid',
  已提货: 'picked_up',
  已自提: 'picked_up',
  已完成: 'picked_up',
  已取消: 'cancelled',
  已退款: 'refunded',
  部分退款: 'partially_refunded',
  canceled: 'cancelled',
};

export function mapMember(row: Row): MapResult<MemberInput> {
  const r = new Reader(row);
  const id = r.required('member_id');
  const consentAt = r.parse('consent_at', parseInstant);
  const consents: NonNullable<MemberInput['consents']> = [];
  for (const channel of CONSENT_CHANNELS) {
    const granted = r.parse(`consent_${channel}`, parseBoolean);
    if (granted !== undefined) consents.push(compact({ channel, granted, at: consentAt, source: 'import' }));
  }
  const item = compact<MemberInput>({
    id: id ?? '',
    phone: r.text('phone'),
    nickname: r.text('nickname'),
    gender: r.parse('gender', (s) => parseEnum(s, GENDERS, GENDER_ALIASES)),
    birthday: r.parse('birthday', parseDate),
    registeredAt: r.parse('registered_at', parseInstant),
    communityId: r.text('community_id'),
    pickupPointId: r.text('pickup_point_id'),
    deviceType: r.parse('device_type', (s) => parseEnum(s, DEVICE_TYPES, DEVICE_ALIASES)),
    referrerId: r.text('referrer_id'),
    consents: consents.length ? consents : undefined,
  });
  return r.result(item);
}

export function mapProduct(row: Row): MapResult<ProductInput> {
  const r = new Reader(row);
  const item = compact<ProductInput>({
    sku: r.required('sku') ?? '',
    name: r.required('name') ?? '',
    category: r.required('category') ?? '',
    unit: r.text('unit'),
    priceFen: r.money('price', true) ?? 0,
    organic: r.parse('organic', parseBoolean),
    green: r.parse('green', parseBoolean),
    trending: r.parse('trending', parseBoolean),
    partner: r.parse('partner', parseBoolean),
    active: r.parse('active', parseBoolean),
  });
  return r.result(item);
}

export function mapEvent(row: Row): MapResult<EventInput> {
  const r = new Reader(row);
  const item = compact<EventInput>({
    id: r.required('event_id') ?? '',
    memberId: r.required('member_id') ?? '',
    type: r.parse('type', (s) => parseEnum(s, EVENT_TYPES), true) ?? 'app_open',
    occurredAt: r.parse('occurred_at', parseInstant, true) ?? '',
    productSku: r.text('product_sku'),
    contentId: r.text('content_id'),
    orderId: r.text('order_id'),
    dwellMs: r.parse('dwell_ms', (s) => parseInteger(s, 0, 2_147_483_647)),
    rating: r.parse('rating', (s) => parseInteger(s, 1, 5)),
    text: r.text('text'),
    properties: r.parse('properties', parseJsonObject),
  });
  return r.result(item);
}

// ---------------------------------------------------------------------------------------------
// Orders: one row per order line

/** Order-level columns: filled on an order's first line; later lines may repeat them or leave them empty. */
export const ORDER_LEVEL_COLUMNS = [
  'member_id',
  'placed_at',
  'status',
  'pickup_date',
  'community_id',
  'pickup_point_id',
  'discount_fen',
  'discount_yuan',
  'picked_up_at',
  'cancelled_at',
] as const;

export type OrderHead = Omit<OrderInput, 'items' | 'refunds'>;
export type OrderItem = OrderInput['items'][number];

/** The order-level part of an order's first line. */
export function mapOrderHead(row: Row): MapResult<OrderHead> {
  const r = new Reader(row);
  const head = compact<OrderHead>({
    id: r.required('order_id') ?? '',
    memberId: r.required('member_id') ?? '',
    placedAt: r.parse('placed_at', parseInstant, true) ?? '',
    status: r.parse('status', (s) => parseEnum(s, ORDER_STATUSES, STATUS_ALIASES)),
    pickupDate: r.parse('pickup_date', parseDate),
    communityId: r.text('community_id'),
    pickupPointId: r.text('pickup_point_id'),
    discountFen: r.money('discount'),
    pickedUpAt: r.parse('picked_up_at', parseInstant),
    cancelledAt: r.parse('cancelled_at', parseInstant),
  });
  return r.result(head);
}

/** The line part of any line. */
export function mapOrderItem(row: Row): MapResult<OrderItem> {
  const r = new Reader(row);
  const item = compact<OrderItem>({
    sku: r.required('sku') ?? '',
    quantity: r.parse('quantity', parseQuantity, true) ?? 0,
    unitPriceFen: r.money('unit_price', true) ?? 0,
    amountFen: r.money('amount'),
  });
  return r.result(item);
}

/** Problems of a later line whose order-level cells contradict the first line's. */
export function orderLevelMismatches(first: Row, later: Row, firstRowNumber: number): RowProblem[] {
  const problems: RowProblem[] = [];
  for (const key of ORDER_LEVEL_COLUMNS) {
    const v = later[key]?.trim();
    const f = first[key]?.trim() ?? '';
    if (v && v !== f) {
      problems.push({
        field: key,
        reason: `${key} ${JSON.stringify(v)} differs from ${JSON.stringify(f)} on the order's first line (row ${firstRowNumber}); order-level columns must match or be left empty`,
        code: 'import.order_field_mismatch',
      });
    }
  }
  return problems;
}
