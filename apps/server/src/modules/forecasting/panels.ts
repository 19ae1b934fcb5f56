import type { ItemEconomics, Panel, PanelItem } from '@linli/forecasting';
import { addDays } from '../../platform/shanghai.ts';
import type { Economics } from './economics.ts';
import { HORIZON, type RunInputs } from './load.repo.ts';

/**
 * SKU-level panels for a run: one per city with imported weather (its weather is the panel's
 * regressor), and one for the rest. Pickup-point series are too sparse to forecast on their own;
 * the SKU totals are forecast and handed down to the points afterwards.
 */
export interface PanelBuild {
  /** the city ('' for every point without weather of its own) */
  key: string;
  panel: Panel;
  economics: Array<[string, ItemEconomics]>;
}

/** Cities match ignoring case and a trailing 市 (杭州 = 杭州市). */
export const cityKey = (city: string) => city.trim().replace(/市$/, '').toLowerCase();

const ALERT_LEVEL: Record<string, number> = { none: 0, heat: 1, typhoon: 1, rainstorm: 1 };

const dayIndex = (start: string) => {
  const base = Date.parse(`${start}T00:00:00Z`);
  return (day: string) => Math.round((Date.parse(`${day}T00:00:00Z`) - base) / 86_400_000);
};

/** The economics the purchase policy reads: rates as shares, money in fen. */
export function itemEconomics(e: Economics): ItemEconomics {
  return {
    lossRate: Math.min(0.9, e.lossRatePct / 100),
    unitCost: e.unitCostFen ?? undefined,
    price: e.priceFen ?? undefined,
    shelfLifeDays: e.shelfLifeDays,
  };
}

/** Which panel each city's demand goes to: its own when it has weather, else the shared one. */
export function panelKeys(inputs: RunInputs): (city: string) => string {
  const withWeather = new Map<string, string>();
  for (const w of inputs.weather)
    if (!withWeather.has(cityKey(w.city))) withWeather.set(cityKey(w.city), w.city);
  return (city: string) => (city ? (withWeather.get(cityKey(city)) ?? '') : '');
}

export function buildPanels(inputs: RunInputs): PanelBuild[] {
  const at = dayIndex(inputs.start);
  const length = at(inputs.pickupDate);
  if (length <= 0) return [];
  const keyOf = panelKeys(inputs);
  const facts = new Map(inputs.supply.map((s) => [s.productId, s]));
  const panels = new Map<string, Map<string, PanelItem & { fen: Float64Array; ordered: Float64Array }>>();
  for (const r of inputs.skuDays) {
    const t = at(r.day);
    if (t < 0 || t >= length || !facts.has(r.productId)) continue;
    const key = keyOf(r.city);
    const items = panels.get(key) ?? new Map();
    panels.set(key, items);
    let item = items.get(r.productId);
    if (!item) {
      item = {
        code: r.productId,
        category: facts.get(r.productId)!.top,
        demand: new Float64Array(length),
        fen: new Float64Array(length),
        ordered: new Float64Array(length),
      };
      items.set(r.productId, item);
    }
    item.demand[t]! += Math.max(0, r.qty);
    item.fen[t]! += r.orderedFen;
    item.ordered[t]! += r.orderedQty;
  }
  const heat = heatSeries(inputs, at, length);
  const out: PanelBuild[] = [];
  for (const [key, items] of [...panels].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const censored = censoring(inputs, key, keyOf, at, length);
    const list: PanelItem[] = [...items.values()]
      .sort((a, b) => (a.code < b.code ? -1 : 1))
      .map(({ fen, ordered, ...item }) => ({
        ...item,
        // the average price members paid each day (NaN on days without a sale)
        price: Float64Array.from(fen, (f, t) => (ordered[t]! > 0 ? f / ordered[t]! : Number.NaN)),
        heat: heat.get(item.code),
        censored: censored.get(item.code),
      }));
    out.push({
      key,
      panel: {
        start: inputs.start,
        length,
        items: list,
        regressors: key ? weatherOf(inputs, key, at, length) : undefined,
      },
      economics: list.map((i) => [i.code, itemEconomics(facts.get(i.code)!.effective)]),
    });
  }
  return out;
}

function heatSeries(inputs: RunInputs, at: (d: string) => number, length: number) {
  const out = new Map<string, Float64Array>();
  for (const h of inputs.heat) {
    const t = at(h.day);
    if (t < 0 || t >= length) continue;
    const series = out.get(h.productId) ?? new Float64Array(length);
    series[t]! += h.heat;
    out.set(h.productId, series);
  }
  return out;
}

/**
 * Censored days per product in a panel: marked for the whole business, or sold out or off sale at
 * pickup points that took at least half of the product's recent demand in the panel.
 */
function censoring(
  inputs: RunInputs,
  key: string,
  keyOf: (city: string) => string,
  at: (d: string) => number,
  length: number,
) {
  const shares = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const p of inputs.pointRecent)
    if (keyOf(p.city) === key) totals.set(p.productId, (totals.get(p.productId) ?? 0) + p.qty);
  for (const p of inputs.pointRecent)
    if (keyOf(p.city) === key) shares.set(`${p.productId}|${p.pointId}`, p.qty / totals.get(p.productId)!);
  const marked = new Map<string, Float64Array>();
  for (const m of inputs.marks) {
    const t = at(m.day);
    if (t < 0 || t >= length) continue;
    const share = m.pointId === '' ? 1 : (shares.get(`${m.productId}|${m.pointId}`) ?? 0);
    if (share === 0) continue;
    const series = marked.get(m.productId) ?? new Float64Array(length);
    series[t]! += share;
    marked.set(m.productId, series);
  }
  const out = new Map<string, Uint8Array>();
  for (const [product, series] of marked)
    out.set(
      product,
      Uint8Array.from(series, (s) => (s >= 0.5 ? 1 : 0)),
    );
  return out;
}

/** Mean temperature, rain and alerts of a city for the history and the days forecast. */
function weatherOf(inputs: RunInputs, city: string, at: (d: string) => number, length: number) {
  const n = length + HORIZON;
  const temperature = new Float64Array(n).fill(Number.NaN);
  const rain = new Float64Array(n).fill(Number.NaN);
  const alert = new Float64Array(n).fill(Number.NaN);
  const k = cityKey(city);
  for (const w of inputs.weather) {
    if (cityKey(w.city) !== k) continue;
    const t = at(w.day);
    if (t < 0 || t >= n) continue;
    const temps = [w.tempMax, w.tempMin].filter((v): v is number => v !== null);
    if (temps.length) temperature[t] = temps.reduce((a, b) => a + b, 0) / temps.length;
    if (w.rainMm !== null) rain[t] = w.rainMm;
    alert[t] = ALERT_LEVEL[w.alert] ?? 0;
  }
  return { temperature, rain, alert };
}

/** The dates of a run's forecast days. */
export const forecastDates = (pickupDate: string) =>
  Array.from({ length: HORIZON }, (_, k) => addDays(pickupDate, k));
