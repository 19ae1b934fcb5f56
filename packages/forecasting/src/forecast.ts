/**
 * One interface over every model: forecasts p10/p50/p90 for each item of a panel at an origin,
 * for the days origin … origin + horizon − 1, from the days before the origin only.
 */
import { seasonalNaive, movingAverage } from './baselines.ts';
import { autoEts, etsForecast } from './ets.ts';
import {
  type FeatureGroup,
  type GlobalFit,
  type GlobalOptions,
  calendarRows,
  featuresAt,
  fitGlobal,
  predictGlobal,
} from './global.ts';
import { tsb } from './intermittent.ts';
import { type Panel, type PanelItem, observed } from './panel.ts';

export const MODELS = ['global', 'ets', 'tsb', 'seasonalNaive', 'movingAverage'] as const;
export type ModelName = (typeof MODELS)[number];

export interface Quantiles {
  p10: number;
  p50: number;
  p90: number;
}

export interface ItemForecast {
  code: string;
  model: ModelName;
  /** one per day from the origin */
  days: Quantiles[];
  /** the global model's forecast for the first day split by feature group (units) */
  contributions: Partial<Record<FeatureGroup | 'level', number>> | null;
  /** the global model's point forecasts, whichever model was chosen (null without a level) */
  global: number[] | null;
}

export interface ForecastOptions extends GlobalOptions {
  /** the model per item (chosen by backtest); items not listed use the default choice */
  choice?: ReadonlyMap<string, ModelName>;
  /** compute these models for every item as well (baselines shown beside the forecast) */
  alsoModels?: readonly ModelName[];
  /** calendar rows of the panel (computed when absent; pass them when calling at many origins) */
  calendar?: readonly Float64Array[];
}

export interface PanelForecast {
  origin: number;
  items: ItemForecast[];
  /** baseline point forecasts per model and item, when asked for */
  baselines: Partial<Record<ModelName, Map<string, number[]>>>;
  /** the global fit per horizon (null when there was too little history) */
  fits: Array<GlobalFit | null>;
}

/** Items known at the origin: listed (or sold) on some day before it. */
export function knownAt(item: PanelItem, o: number): boolean {
  if (item.firstDay !== undefined) return item.firstDay < o;
  for (let i = 0; i < o; i++) if (item.demand[i]! > 0) return true;
  return false;
}

/** Days with a sale among the last 28 before o. */
export function activeDays(item: PanelItem, o: number): number {
  let n = 0;
  for (let i = Math.max(0, o - 28); i < o; i++) if (item.demand[i]! > 0) n++;
  return n;
}

const history = (item: PanelItem, o: number) => {
  // censored days read as the item's recent mean, not as zero
  const h = Array.from(item.demand.subarray(0, o));
  if (item.censored) {
    let mean = 0;
    let n = 0;
    for (let i = Math.max(0, o - 28); i < o; i++)
      if (observed(item, i)) {
        mean += h[i]!;
        n++;
      }
    mean = n ? mean / n : 0;
    for (let i = 0; i < o; i++) if (!observed(item, i)) h[i] = mean;
  }
  return h;
};

function classical(model: ModelName, item: PanelItem, o: number, horizon: number): number[] {
  const h = history(item, o);
  switch (model) {
    case 'seasonalNaive':
      return seasonalNaive(h, horizon);
    case 'movingAverage':
      return movingAverage(h, horizon, 28);
    case 'tsb':
      return tsb(h, horizon);
    case 'ets': {
      // the last 16 weeks: enough for a weekly season, and the fit stays fast
      const fit = autoEts(h.slice(-112));
      return fit ? etsForecast(fit, horizon).map((v) => Math.max(0, v)) : movingAverage(h, horizon, 28);
    }
    default:
      return movingAverage(h, horizon, 28);
  }
}

/** Quantile q of a sorted array (linear interpolation). */
export function sortedQuantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function forecastPanel(
  panel: Panel,
  origin: number,
  horizon: number,
  options: ForecastOptions = {},
): PanelForecast {
  const calendar = options.calendar ?? calendarRows(panel, horizon);
  const fits = Array.from({ length: horizon }, (_, k) => fitGlobal(panel, calendar, origin, k + 1, options));
  const items: ItemForecast[] = [];
  const baselines: PanelForecast['baselines'] = {};
  for (const m of options.alsoModels ?? []) baselines[m] = new Map();
  for (const item of panel.items) {
    if (!knownAt(item, origin)) continue;
    const active = activeDays(item, origin);
    for (const m of options.alsoModels ?? [])
      baselines[m]!.set(
        item.code,
        active ? classical(m, item, origin, horizon) : new Array<number>(horizon).fill(0),
      );
    if (active === 0) {
      items.push({ code: item.code, model: 'tsb', days: zeros(horizon), contributions: null, global: null });
      continue;
    }
    let model: ModelName = options.choice?.get(item.code) ?? 'global';
    let days: Quantiles[] = [];
    let contributions: ItemForecast['contributions'] = null;
    for (let k = 0; k < horizon; k++) {
      const fit = fits[k];
      const f = fit ? featuresAt(panel, calendar, item, origin, k + 1, options.without) : null;
      if (!fit || !f) break;
      const p = predictGlobal(fit, f);
      if (k === 0) contributions = p.contributions;
      const spread = f.level * (fit.dispersion.get(item.code) ?? fit.pooledDispersion);
      days.push(band(p.value, spread, fit.residuals));
    }
    const global = days.length === horizon ? days.map((d) => d.p50) : null;
    if (model === 'global' && !global) model = 'tsb';
    if (model !== 'global') {
      days = [];
      const point = classical(model, item, origin, horizon);
      const spread = recentSpread(item, origin);
      for (const v of point) days.push(band(v, spread.level, spread.residuals));
    }
    items.push({ code: item.code, model, days, contributions, global });
  }
  return { origin, items, baselines, fits };
}

const zeros = (h: number) => Array.from({ length: h }, () => ({ p10: 0, p50: 0, p90: 0 }));

/** p10/p50/p90 around a point forecast from sorted residuals in units of `level`. */
function band(value: number, level: number, residuals: ArrayLike<number>): Quantiles {
  const p50 = Math.max(0, value);
  return {
    p10: Math.max(0, Math.min(p50, p50 + sortedQuantile(residuals, 0.1) * level)),
    p50,
    p90: Math.max(p50, p50 + sortedQuantile(residuals, 0.9) * level),
  };
}

/** Relative deviations of the last 28 days from their mean, for models without residuals of their own. */
function recentSpread(item: PanelItem, o: number): { level: number; residuals: Float64Array } {
  const h = history(item, o).slice(-28);
  const level = h.reduce((s, v) => s + v, 0) / Math.max(1, h.length);
  const residuals = Float64Array.from(h, (v) => (level > 0 ? (v - level) / level : 0)).sort();
  return { level, residuals };
}
