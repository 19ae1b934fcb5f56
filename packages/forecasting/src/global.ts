/**
 * The global model: one ridge regression across every item of a panel, per horizon, on features
 * scaled by each item's recent level, so sparse items borrow the weekly shape and the calendar
 * effects of the others. Fitted in units (each relative feature times the item's level) so big
 * sellers weigh as they do in WAPE and a near-zero level cannot blow a ratio up.
 *
 * A forecast made at origin `o` for day `o + h − 1` reads only days before `o`, plus what is known
 * ahead about the target day itself: its calendar and the weather forecast for it.
 */
import { dayCalendar } from './calendar.ts';
import { type Panel, type PanelItem, observed, panelDate } from './panel.ts';
import { dot, ridge } from './ridge.ts';

/** Feature groups: the regressors whose weights and contributions are shown to operators. */
export const FEATURE_GROUPS = ['history', 'calendar', 'price', 'weather', 'heat', 'stock'] as const;
export type FeatureGroup = (typeof FEATURE_GROUPS)[number];

interface FeatureDef {
  name: string;
  group: FeatureGroup | 'level';
}

const DEFS: FeatureDef[] = [
  { name: 'intercept', group: 'level' },
  { name: 'lastDay', group: 'history' },
  { name: 'mean7', group: 'history' },
  { name: 'sameWeekday4', group: 'history' },
  { name: 'sameWeekdayLast', group: 'history' },
  ...['tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => ({
    name: `weekday_${d}`,
    group: 'calendar' as const,
  })),
  { name: 'holiday', group: 'calendar' },
  { name: 'makeupWorkday', group: 'calendar' },
  { name: 'springFestivalEve', group: 'calendar' },
  { name: 'springFestivalWeek', group: 'calendar' },
  { name: 'beforeHoliday', group: 'calendar' },
  { name: 'shoppingFestival', group: 'calendar' },
  { name: 'priceChange', group: 'price' },
  { name: 'temperature', group: 'weather' },
  { name: 'rain', group: 'weather' },
  { name: 'alert', group: 'weather' },
  { name: 'heatTrend', group: 'heat' },
  { name: 'censoredShare', group: 'stock' },
];
export const FEATURE_NAMES = DEFS.map((d) => d.name);

export interface GlobalOptions {
  /** weeks of history each fit trains on (default 8) */
  trainWeeks?: number;
  /** ridge penalty on the scaled features (default 1) */
  lambda?: number;
  /** feature groups left out (ablation: their measured contribution) */
  without?: ReadonlySet<FeatureGroup>;
}

/** The item's level before day t: mean demand of its observed days among the last 28. */
export function levelBefore(item: PanelItem, t: number): number {
  let sum = 0;
  let n = 0;
  for (let i = Math.max(0, t - 28); i < t; i++)
    if (observed(item, i)) {
      sum += item.demand[i]!;
      n++;
    }
  return n >= 7 ? sum / n : 0;
}

/** Calendar features of each day of the panel, computed once (dayCalendar parses dates). */
export function calendarRows(panel: Panel, extra = 7): Float64Array[] {
  const out: Float64Array[] = [];
  for (let t = 0; t < panel.length + extra; t++) {
    const c = dayCalendar(panelDate(panel, t));
    const row = new Float64Array(12);
    if (c.weekday > 0) row[c.weekday - 1] = 1;
    row[6] = c.holiday ? 1 : 0;
    row[7] = c.makeupWorkday ? 1 : 0;
    row[8] = c.springFestivalOffset >= -7 && c.springFestivalOffset < 0 ? 1 : 0;
    row[9] = c.springFestivalOffset >= 0 && c.springFestivalOffset < 7 ? 1 : 0;
    row[10] = !c.holiday && c.daysToNextHoliday > 0 && c.daysToNextHoliday <= 2 ? 1 : 0;
    row[11] = c.shoppingFestival ? 1 : 0;
    out.push(row);
  }
  return out;
}

function relMean(item: PanelItem, from: number, to: number, level: number, step = 1): number {
  let sum = 0;
  let n = 0;
  for (let i = to - 1; i >= Math.max(0, from); i -= step)
    if (observed(item, i)) {
      sum += item.demand[i]!;
      n++;
    }
  return n > 0 ? sum / n / level : 1;
}

/**
 * Features for item at origin o, target day o + h − 1, relative to its level; null when the item
 * has no level (fewer than 7 observed days or no sales in the last 28).
 */
export function featuresAt(
  panel: Panel,
  calendar: readonly Float64Array[],
  item: PanelItem,
  o: number,
  h: number,
  without?: ReadonlySet<FeatureGroup>,
): { level: number; x: number[] } | null {
  if (o < 35) return null;
  const level = levelBefore(item, o);
  if (!(level > 0)) return null;
  const target = o + h - 1;
  // the most recent day before o on the target's weekday
  const lastSame = target - 7 * Math.ceil(h / 7);
  const x = [
    1,
    observed(item, o - 1) ? item.demand[o - 1]! / level : 1,
    relMean(item, o - 7, o, level),
    relMean(item, lastSame - 21, lastSame + 1, level, 7),
    observed(item, lastSame) ? item.demand[lastSame]! / level : 1,
    ...calendar[target]!,
    priceChange(item, o),
    ...weather(panel, target),
    heatTrend(item, o),
    censoredShare(item, o),
  ];
  if (without?.size)
    for (let j = 0; j < x.length; j++) if (without.has(DEFS[j]!.group as FeatureGroup)) x[j] = 0;
  return { level, x };
}

/** Last known price against the 28-day median, as a relative change (0 when unknown). */
function priceChange(item: PanelItem, o: number): number {
  if (!item.price) return 0;
  const seen: number[] = [];
  let last = Number.NaN;
  for (let i = Math.max(0, o - 28); i < o; i++) {
    const p = item.price[i]!;
    if (Number.isFinite(p) && p > 0) {
      seen.push(p);
      last = p;
    }
  }
  if (seen.length < 3) return 0;
  seen.sort((a, b) => a - b);
  const median = seen[Math.floor(seen.length / 2)]!;
  return Math.max(-0.5, Math.min(0.5, last / median - 1));
}

function weather(panel: Panel, target: number): number[] {
  const r = panel.regressors;
  const at = (a: Float64Array | undefined, scale: number) => {
    const v = a?.[target];
    return v !== undefined && Number.isFinite(v) ? v / scale : 0;
  };
  // temperature as the deviation from a mild 20 °C, in tens of degrees; rain in tens of mm
  const temp = r?.temperature?.[target];
  return [
    temp !== undefined && Number.isFinite(temp) ? (temp - 20) / 10 : 0,
    at(r?.rain, 10),
    at(r?.alert, 1),
  ];
}

function heatTrend(item: PanelItem, o: number): number {
  if (!item.heat) return 0;
  let week = 0;
  let month = 0;
  for (let i = Math.max(0, o - 28); i < o; i++) {
    month += item.heat[i]!;
    if (i >= o - 7) week += item.heat[i]!;
  }
  return month > 0 ? Math.max(-1, Math.min(3, week / 7 / (month / 28) - 1)) : 0;
}

function censoredShare(item: PanelItem, o: number): number {
  if (!item.censored) return 0;
  let n = 0;
  for (let i = Math.max(0, o - 7); i < o; i++) n += item.censored[i]!;
  return n / 7;
}

export interface GlobalFit {
  horizon: number;
  weights: number[];
  /**
   * standardised residuals of the training rows, sorted, for the intervals: each error divided by
   * the item's level and by the item's own dispersion, so a steady seller gets a narrow band and an
   * erratic one a wide band from the same pooled shape
   */
  residuals: Float64Array;
  /** per item: mean absolute error relative to its level, shrunk toward the pooled value */
  dispersion: Map<string, number>;
  pooledDispersion: number;
}

/** Fits the model for horizon h at origin o on every item's rows whose target is before o. */
export function fitGlobal(
  panel: Panel,
  calendar: readonly Float64Array[],
  o: number,
  h: number,
  options: GlobalOptions = {},
): GlobalFit | null {
  const weeks = options.trainWeeks ?? 8;
  const rows: number[][] = [];
  const target: number[] = [];
  const levels: number[] = [];
  const owners: number[] = [];
  for (const [index, item] of panel.items.entries())
    for (let t = o - h + 1 - weeks * 7; t <= o - h; t++) {
      const day = t + h - 1;
      if (t < 0 || !observed(item, day)) continue;
      const f = featuresAt(panel, calendar, item, t, h, options.without);
      if (!f) continue;
      rows.push(f.x.map((v) => v * f.level));
      target.push(item.demand[day]!);
      levels.push(f.level);
      owners.push(index);
    }
  if (rows.length < DEFS.length * 4) return null;
  const weights = ridge(rows, target, options.lambda ?? 1);
  const relative = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) relative[r] = (target[r]! - dot(weights, rows[r]!)) / levels[r]!;
  const sums = new Map<number, { abs: number; n: number }>();
  let pooled = 0;
  for (let r = 0; r < rows.length; r++) {
    const e = sums.get(owners[r]!) ?? { abs: 0, n: 0 };
    e.abs += Math.abs(relative[r]!);
    e.n++;
    sums.set(owners[r]!, e);
    pooled += Math.abs(relative[r]!);
  }
  const pooledDispersion = pooled / rows.length || 1;
  // an item with few rows leans on the pooled dispersion (SHRINK pseudo-rows of it)
  const SHRINK = 14;
  const dispersion = new Map<string, number>();
  for (const [index, e] of sums)
    dispersion.set(panel.items[index]!.code, (e.abs + SHRINK * pooledDispersion) / (e.n + SHRINK));
  const residuals = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++)
    residuals[r] = relative[r]! / dispersion.get(panel.items[owners[r]!]!.code)!;
  residuals.sort();
  return { horizon: h, weights, residuals, dispersion, pooledDispersion };
}

/** The point forecast and the contribution of each feature group (in units) for one item. */
export function predictGlobal(
  fit: GlobalFit,
  f: { level: number; x: number[] },
): { value: number; contributions: Record<FeatureGroup | 'level', number> } {
  const contributions = { level: 0, history: 0, calendar: 0, price: 0, weather: 0, heat: 0, stock: 0 };
  let value = 0;
  for (let j = 0; j < f.x.length; j++) {
    const c = fit.weights[j]! * f.x[j]! * f.level;
    contributions[DEFS[j]!.group] += c;
    value += c;
  }
  return { value: Math.max(0, value), contributions };
}

/** Weights by feature name, for display. */
export const namedWeights = (fit: GlobalFit) =>
  Object.fromEntries(DEFS.map((d, j) => [d.name, fit.weights[j]!])) as Record<string, number>;
