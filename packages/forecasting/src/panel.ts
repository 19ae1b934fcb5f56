/**
 * A panel: the daily demand of many items over the same days, with what the models may use beside
 * it. Index 0 is `start`; day `t` is `start + t`. Everything is a typed array for speed: a nightly
 * run holds 100,000 series.
 */

export interface PanelItem {
  code: string;
  category?: string | undefined;
  /** net demand per day (ordered − refunded), in the item's unit (kg, pieces) */
  demand: Float64Array;
  /**
   * 1 where the day says nothing about demand (not on sale, sold out early): such days are
   * neither training targets nor read as zero by the lags, so a stock-out does not teach the
   * model that nobody wanted the item.
   */
  censored?: Uint8Array | undefined;
  /** selling price per unit that day (NaN when unknown) */
  price?: Float64Array | undefined;
  /** community heat: mentions and shares of the item in group messages and content that day */
  heat?: Float64Array | undefined;
  /** the first day the item appears in the source, sale or not (else its first sale) */
  firstDay?: number | undefined;
}

export interface Panel {
  /** the date of day 0, YYYY-MM-DD */
  start: string;
  /** number of days */
  length: number;
  items: PanelItem[];
  /** per-day regressors shared by every item of the panel (one city's weather), NaN when unknown */
  regressors?: Partial<Record<DayRegressor, Float64Array>> | undefined;
}

/** Day-level regressors a panel may carry (weather of the panel's city). */
export type DayRegressor = 'temperature' | 'rain' | 'alert';

const DAY = 86_400_000;

export function dayNumber(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a date (YYYY-MM-DD): ${date}`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`not a date (YYYY-MM-DD): ${date}`);
  return Math.round(ms / DAY);
}

export function dateOf(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** The date of day `t` of a panel. */
export const panelDate = (panel: Pick<Panel, 'start'>, t: number) => dateOf(dayNumber(panel.start) + t);

/**
 * A panel from item-day rows (a missing item-day sold nothing; duplicates are summed). Rows may
 * come in any order. `until` (exclusive) cuts the panel so that nothing on or after it is read.
 */
export function panelFromRows(
  rows: Iterable<{ date: string; item: string; qty: number; price?: number | undefined }>,
  options: { start?: string; until?: string; categories?: ReadonlyMap<string, string> } = {},
): Panel {
  const list: Array<{ day: number; item: string; qty: number; price?: number | undefined }> = [];
  let first = Infinity;
  let last = -Infinity;
  const cut = options.until ? dayNumber(options.until) : Infinity;
  for (const r of rows) {
    const day = dayNumber(r.date);
    if (day >= cut) continue;
    list.push({ day, item: r.item, qty: r.qty, price: r.price });
    if (day < first) first = day;
    if (day > last) last = day;
  }
  if (options.start) first = Math.min(first, dayNumber(options.start));
  if (options.until) last = Math.max(last, cut - 1);
  if (!Number.isFinite(first)) return { start: options.start ?? '1970-01-01', length: 0, items: [] };
  const length = last - first + 1;
  const byCode = new Map<string, PanelItem>();
  for (const r of list) {
    let item = byCode.get(r.item);
    if (!item) {
      item = {
        code: r.item,
        category: options.categories?.get(r.item),
        demand: new Float64Array(length),
        firstDay: r.day - first,
      };
      byCode.set(r.item, item);
    }
    item.firstDay = Math.min(item.firstDay!, r.day - first);
    item.demand[r.day - first]! += r.qty;
    if (r.price !== undefined && Number.isFinite(r.price)) {
      item.price ??= new Float64Array(length).fill(Number.NaN);
      item.price[r.day - first] = r.price;
    }
  }
  const items = [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { start: dateOf(first), length, items };
}

/** Whether day t of an item is usable (not censored). */
export const observed = (item: PanelItem, t: number) => !item.censored || item.censored[t] !== 1;
