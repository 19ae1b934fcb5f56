import type { MemberInput, OrderInput, ProductInput } from '@linli/contracts';
import { AppError } from '../../platform/errors.ts';
import { cjCategory, cjProductName, type CjProductRow } from './cj-categories.ts';
import { parseInstant, roundToFen } from './values.ts';

/**
 * Pure mapping of 84.51°'s "The Complete Journey" (bradleyboehmke/completejourney, CC0) onto
 * Linli's ingest items:
 *
 * - stores → one community and one pickup point each, external id `cj-store-<store_id>`; the data
 *   has no store locations, so city is `Complete Journey` and district `US sample`.
 * - households → members `cj-h-<household_id>`: registered at their first transaction; community
 *   and pickup point = the store of most of their baskets. The data has no phone, gender or
 *   birthday; the demographics (age band, income, household make-up) have no member field.
 * - products seen in the transactions → `cj-p-<product_id>`, category from the department
 *   (cj-categories.ts), price = the median shelf price per unit in the transactions.
 * - baskets → orders `cj-b-<basket_id>`, status `picked_up` (bought in store), one item per
 *   transaction line with quantity > 0. Dollars count as yuan, rounded half-up to the fen on the
 *   decimal digits. A line's amount is its shelf value (sales_value + retail_disc +
 *   coupon_match_disc); the order discount is retail_disc + coupon_disc + coupon_match_disc, so the
 *   order's paid amount is what the shopper paid (sales_value − coupon_disc), floored at 0.
 * - times carry no zone and are read as Asia/Shanghai wall-clock time, so a 07:30 purchase shows
 *   as 07:30 in the console (the true zone, US Central, would move every basket by 13–14 hours
 *   and put morning shoppers at night).
 */
export const CJ_CITY = 'Complete Journey';
export const CJ_DISTRICT = 'US sample';

export const cjStoreId = (store: string) => `cj-store-${store}`;
export const cjMemberId = (household: string) => `cj-h-${household}`;
export const cjSku = (product: string) => `cj-p-${product}`;
export const cjOrderId = (basket: string) => `cj-b-${basket}`;

/** One line of transactions_sample.csv. */
export interface Txn {
  row: number;
  household: string;
  store: string;
  basket: string;
  product: string;
  quantity: string;
  salesValue: string;
  retailDisc: string;
  couponDisc: string;
  couponMatchDisc: string;
  timestamp: string;
}

export interface CjLine {
  quantity: number;
  unitPriceFen: number;
  amountFen: number;
  discountFen: number;
}

const fen = (s: string, what: string): number => {
  const v = roundToFen(s || '0');
  if (v === null || v < 0) {
    throw new AppError(
      'invalid',
      'import.cj_bad_amount',
      `unexpected ${what} ${JSON.stringify(s)} in the data`,
    );
  }
  return v;
};

/**
 * One transaction line as an order item. The unit price is a whole number of fen, so a line such
 * as "4 for $1.34" gets the unit price rounded up (34) and the 2 fen difference joins the discount;
 * the paid amount stays exact. Fuel is recorded in thousandths of a gallon (8,396 for $19.30): a
 * quantity of 1,000 or more that exceeds the line's value in cents is divided by 1,000.
 */
export function cjLine(
  t: Pick<Txn, 'quantity' | 'salesValue' | 'retailDisc' | 'couponDisc' | 'couponMatchDisc'>,
): CjLine | null {
  const raw = Number(t.quantity);
  if (!(raw > 0)) return null;
  const sales = fen(t.salesValue, 'sales_value');
  const retail = fen(t.retailDisc, 'retail_disc');
  const coupon = fen(t.couponDisc, 'coupon_disc');
  const match = fen(t.couponMatchDisc, 'coupon_match_disc');
  const shelf = sales + retail + match;
  const quantity = raw >= 1000 && shelf < raw ? raw / 1000 : raw;
  const amountOf = (unit: number) => Math.round(quantity * unit + Number.EPSILON); // commerce's line rule
  let unitPriceFen = Math.ceil(shelf / quantity);
  while (unitPriceFen > 0 && amountOf(unitPriceFen - 1) >= shelf) unitPriceFen--;
  while (amountOf(unitPriceFen) < shelf) unitPriceFen++;
  const amountFen = amountOf(unitPriceFen);
  return { quantity, unitPriceFen, amountFen, discountFen: retail + coupon + match + (amountFen - shelf) };
}

/** A transaction timestamp (no zone) as Shanghai wall-clock time → ISO UTC. */
export function cjInstant(localTime: string): string {
  const r = parseInstant(localTime);
  if (!r.ok) {
    throw new AppError(
      'invalid',
      'import.cj_bad_time',
      `unexpected transaction_timestamp ${JSON.stringify(localTime)}`,
    );
  }
  return r.value;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? 0;
}

/** A basket's lines as an order; null when no line has a quantity (voided or coupon-only baskets). */
export function cjOrder(basket: string, lines: readonly Txn[]): OrderInput | null {
  const first = lines[0];
  if (!first) return null;
  const items: OrderInput['items'] = [];
  let discount = 0;
  for (const t of lines) {
    const l = cjLine(t);
    if (!l) continue;
    items.push({
      sku: cjSku(t.product),
      quantity: l.quantity,
      unitPriceFen: l.unitPriceFen,
      amountFen: l.amountFen,
    });
    discount += l.discountFen;
  }
  if (items.length === 0) return null;
  const gross = items.reduce((s, i) => s + (i.amountFen ?? 0), 0);
  const placedAt = cjInstant(first.timestamp);
  return {
    id: cjOrderId(basket),
    memberId: cjMemberId(first.household),
    placedAt,
    status: 'picked_up',
    communityId: cjStoreId(first.store),
    pickupPointId: cjStoreId(first.store),
    pickupDate: first.timestamp.slice(0, 10),
    discountFen: Math.min(discount, gross),
    pickedUpAt: placedAt,
    items,
  };
}

/** A household as a member; `basketsByStore` decides the home store (most baskets, then lowest id). */
export function cjMember(
  household: string,
  first: Txn,
  basketsByStore: ReadonlyMap<string, ReadonlySet<string>>,
): MemberInput {
  const home = [...basketsByStore].sort(
    (a, b) => b[1].size - a[1].size || Number(a[0]) - Number(b[0]),
  )[0]?.[0];
  return {
    id: cjMemberId(household),
    nickname: `CJ household ${household}`,
    registeredAt: cjInstant(first.timestamp),
    ...(home ? { communityId: cjStoreId(home), pickupPointId: cjStoreId(home) } : {}),
  };
}

export function cjStore(store: string) {
  const id = cjStoreId(store);
  return {
    community: { id, name: `Store ${store}`, city: CJ_CITY, district: CJ_DISTRICT },
    pickupPoint: {
      id,
      communityId: id,
      name: `Store ${store}`,
      address: `Complete Journey store ${store} (no address in the data set)`,
    },
  };
}

export type { CjProductRow };

/** A catalogue row (or null for a product missing from products.csv) with its unit prices seen. */
export function cjProduct(
  productId: string,
  row: CjProductRow | null,
  unitPrices: readonly number[],
): ProductInput {
  if (!row)
    return {
      sku: cjSku(productId),
      name: `Complete Journey product #${productId}`,
      category: 'other',
      priceFen: median(unitPrices),
    };
  const category = cjCategory(row.department, row.productCategory, row.productType);
  const organic = category === 'organic' || /\bORGANIC\b/i.test(row.productType);
  return { sku: cjSku(productId), name: cjProductName(row), category, priceFen: median(unitPrices), organic };
}
