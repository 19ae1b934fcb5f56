/**
 * Baseline figures on the CUMCM vegetables (work in progress for the forecasting issue): horizon-1
 * WAPE of seasonal naive, moving average and TSB at every origin of a period, over the items with a
 * sale in the 28 days before the origin, and the replenishment simulation of the naive policy
 * against a newsvendor order on the moving average with a spread from the last 28 days.
 *
 *   node scripts/forecast-baselines.ts [--from 2023-03-01] [--to 2023-03-31]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import {
  autoEts,
  criticalRatio,
  dot,
  ridge,
  etsForecast,
  movingAverage,
  naiveOrder,
  newsvendorOrder,
  seasonalNaive,
  simulateDay,
  totals,
  tsb,
  wape,
} from '../packages/forecasting/src/index.ts';

const { values: args } = parseArgs({
  options: { from: { type: 'string', default: '2023-03-01' }, to: { type: 'string', default: '2023-03-31' } },
});
const DIR = new URL('../../shared/data/forecast/cumcm2023c_vegetables/', import.meta.url);
const DAY = 86_400_000;
const dayOf = (s: string) => Math.round(Date.parse(`${s}T00:00:00Z`) / DAY);

const sales = parse(readFileSync(new URL('item_daily_sales.csv', DIR)), { columns: true }) as Array<{
  date: string;
  item_code: string;
  qty: string;
}>;
const items = parse(readFileSync(new URL('items.csv', DIR)), { columns: true }) as Array<{
  item_code: string;
  loss_rate_pct: string;
}>;
const loss = new Map(items.map((i) => [i.item_code, Number(i.loss_rate_pct) / 100]));
const first = Math.min(...sales.map((s) => dayOf(s.date)));
const last = Math.max(...sales.map((s) => dayOf(s.date)));
const series = new Map<string, Float64Array>();
for (const s of sales) {
  let y = series.get(s.item_code);
  if (!y) series.set(s.item_code, (y = new Float64Array(last - first + 1)));
  y[dayOf(s.date) - first]! += Number(s.qty);
}

const ets = (h: number[]) => {
  // the last 16 weeks: enough for a weekly season, and the fit stays fast
  const fit = autoEts(h.slice(-112));
  return fit ? etsForecast(fit, 1).map((v) => Math.max(0, v)) : movingAverage(h, 1, 28);
};
/**
 * One regression across all items (a "global" model): demand relative to the item's 28-day mean,
 * from the same relative lags, weekly means and the weekday; trained at each origin on the 8 weeks
 * before it, over every item, so sparse items borrow the shape of the others.
 */
function features(y: Float64Array, t: number): number[] | null {
  if (t < 35) return null;
  let scale = 0;
  for (let i = t - 28; i < t; i++) scale += y[i]!;
  scale /= 28;
  if (scale <= 0) return null;
  let mean7 = 0;
  for (let i = t - 7; i < t; i++) mean7 += y[i]!;
  const weekday = (first + t) % 7;
  const sameDay = (y[t - 7]! + y[t - 14]! + y[t - 21]! + y[t - 28]!) / 4;
  return [
    scale,
    1,
    y[t - 1]! / scale,
    y[t - 7]! / scale,
    mean7 / 7 / scale,
    sameDay / scale,
    ...Array.from({ length: 6 }, (_, k) => (weekday === k ? 1 : 0)),
  ];
}
let globalOrigin = -1;
let globalWeights: number[] = [];
let residualQ = { q10: 0, q90: 0 };
const scaleOf = (y: Float64Array, d: number) => {
  let s = 0;
  for (let i = Math.max(0, d - 28); i < d; i++) s += y[i]!;
  return s / 28;
};
// unit price and cost per item-day from the priced file (days without discounted sales only)
const priced = parse(readFileSync(new URL('daily_item_sales_priced.csv', DIR)), { columns: true }) as Array<{
  date: string;
  item_code: string;
  price_avg_cny_per_kg: string;
  wholesale_price_cny_per_kg: string;
}>;
const priceAt = new Map<string, Array<[number, number, number]>>();
for (const r of priced) {
  const list = priceAt.get(r.item_code) ?? [];
  list.push([dayOf(r.date) - first, Number(r.price_avg_cny_per_kg), Number(r.wholesale_price_cny_per_kg)]);
  priceAt.set(r.item_code, list);
}
/** median price and cost over the 28 days before the origin (null when unknown) */
function priceCost(code: string, d: number): { price: number; cost: number } | null {
  const recent = (priceAt.get(code) ?? []).filter(([t]) => t < d && t >= d - 28);
  if (recent.length === 0) return null;
  const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { price: med(recent.map((r) => r[1])), cost: med(recent.map((r) => r[2])) };
}
const globalModel = (d: number, y: Float64Array) => {
  if (globalOrigin !== d) {
    const rows: number[][] = [];
    const target: number[] = [];
    for (const other of series.values())
      for (let t = d - 56; t < d; t++) {
        const f = features(other, t);
        // fitted in kg (each relative feature times the item's scale), so big sellers weigh as
        // they do in WAPE and a near-zero scale cannot blow a ratio up
        if (f) {
          rows.push(f.slice(1).map((v) => v * f[0]!));
          target.push(other[t]!);
        }
      }
    globalWeights = ridge(rows, target, 1);
    globalOrigin = d;
    // spread of the errors relative to each row's scale (the first column is the scale itself)
    const rel = rows.map((r, i) => (target[i]! - dot(globalWeights, r)) / r[0]!).sort((a, b) => a - b);
    residualQ = {
      q10: rel[Math.floor(0.1 * (rel.length - 1))]!,
      q90: rel[Math.floor(0.9 * (rel.length - 1))]!,
    };
  }
  const f = features(y, d);
  return f ? Math.max(0, dot(globalWeights, f.slice(1)) * f[0]!) : 0;
};
const methods = {
  autoEts: ets,
  seasonalNaive: (h: number[]) => seasonalNaive(h, 1),
  movingAverage28: (h: number[]) => movingAverage(h, 1, 28),
  tsb: (h: number[]) => tsb(h, 1),
};
const actual: number[] = [];
const fc: Record<string, number[]> = Object.fromEntries(
  [...Object.keys(methods), 'globalRidge'].map((k) => [k, []]),
);
const naiveDays: ReturnType<typeof simulateDay>[] = [];
const nvDays: ReturnType<typeof simulateDay>[] = [];
let origins = 0;
const policyDays = new Map<string, ReturnType<typeof simulateDay>[]>();
for (let d = dayOf(args.from) - first; d <= dayOf(args.to) - first; d++) {
  origins++;
  for (const [code, y] of series) {
    const history = Array.from(y.subarray(0, d));
    if (!history.slice(-28).some((v) => v > 0)) continue;
    const a = y[d]!;
    actual.push(a);
    for (const [k, f] of Object.entries(methods)) fc[k]!.push(f(history)[0]!);
    fc.globalRidge!.push(globalModel(d, y));
    const l = loss.get(code) ?? 0.1;
    naiveDays.push(simulateDay(a, naiveOrder(history[d - 7] ?? 0, l), l));
    const recent = history.slice(-28).sort((p, q) => p - q);
    const q = {
      p10: recent[Math.floor(0.1 * 27)]!,
      p50: movingAverage(history, 1, 28)[0]!,
      p90: recent[Math.floor(0.9 * 27)]!,
    };
    nvDays.push(simulateDay(a, newsvendorOrder(q, 0.6, l), l));
    const p50 = fc.globalRidge!.at(-1)!;
    const scale = scaleOf(y, d);
    const band = {
      p10: Math.max(0, p50 + residualQ.q10 * scale),
      p50,
      p90: Math.max(p50, p50 + residualQ.q90 * scale),
    };
    const pc = priceCost(code, d);
    const ratio = pc ? criticalRatio(pc.price, pc.cost, l) : 0.5;
    for (const [name, r] of [
      ['ridge + newsvendor (price/cost ratio)', ratio],
      ['ridge + newsvendor 0.5', 0.5],
      ['ridge + newsvendor 0.6', 0.6],
    ] as const) {
      const list = policyDays.get(name) ?? [];
      list.push(simulateDay(a, newsvendorOrder(band, r, l), l));
      policyDays.set(name, list);
    }
  }
}
console.log(`origins ${origins} (${args.from} … ${args.to}), item-days ${actual.length}`);
for (const k of Object.keys(fc))
  console.log(`${k.padEnd(16)} WAPE ${(wape(actual, fc[k]!)! * 100).toFixed(1)} %`);
for (const [name, days] of [
  ['naive policy', naiveDays],
  ['newsvendor 0.6 on MA', nvDays],
] as const) {
  const t = totals(days);
  console.log(
    `${name.padEnd(22)} waste ${t.waste.toFixed(0)} kg, fill rate ${(t.fillRate * 100).toFixed(1)} %, stock-outs ${t.stockouts}`,
  );
}

for (const [name, days] of policyDays) {
  const t = totals(days);
  console.log(
    `${name.padEnd(38)} waste ${t.waste.toFixed(0)} kg, fill rate ${(t.fillRate * 100).toFixed(1)} %, stock-outs ${t.stockouts}`,
  );
}
