/**
 * `linli forecast backtest`: rolling-origin forecasts and purchases from a sales file, no server
 * and no database. At each origin D the forecasts for D … D + horizon − 1 read only rows dated
 * before D, so the output is the same whether the file ends the day before D or runs past it.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { type Accuracy, type BacktestResult, backtest, dateOf, dayNumber } from '@linli/forecasting';
import { inputError, readItems, readSales } from './forecast.input.ts';

export interface BacktestCliOptions {
  sales: string;
  from: string;
  to: string;
  horizon?: number;
  step?: number;
  items?: string | undefined;
  out: string;
  /** progress per origin (the CLI prints it to stderr on a terminal) */
  onProgress?: (done: number, total: number) => void;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const pct = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);

function positiveInt(name: string, v: number | undefined, fallback: number, max: number): number {
  if (v === undefined) return fallback;
  if (!Number.isInteger(v) || v < 1 || v > max)
    throw inputError(`--${name} must be a whole number from 1 to ${max} (got ${v})`);
  return v;
}

function checkDate(name: string, v: string): number {
  try {
    return dayNumber(v);
  } catch {
    throw inputError(`--${name} "${v}" is not a date (YYYY-MM-DD)`);
  }
}

const accuracy = (a: Accuracy) => ({
  wape: pct(a.wape),
  demand_match: pct(a.match),
  bias: pct(a.bias),
  mase: pct(a.mase),
  item_days: a.itemDays,
});

const policy = (s: BacktestResult['simulation']['linli']) => ({
  demand: round3(s.demand),
  ordered: round3(s.ordered),
  sold: round3(s.sold),
  waste: round3(s.waste),
  waste_cost: s.wasteCost === null ? null : round3(s.wasteCost),
  fill_rate: pct(s.fillRate),
  stockouts: s.stockouts,
  gross_margin: s.grossMargin === null ? null : round3(s.grossMargin),
});

export interface BacktestSummary {
  origins: number;
  from: string;
  to: string;
  horizon: number;
  items: number;
  wape: { linli: number | null; seasonal_naive: number | null; ets: number | null };
  horizon1: Record<'linli' | 'seasonal_naive' | 'ets', ReturnType<typeof accuracy>>;
  all_horizons: Record<'linli' | 'seasonal_naive' | 'ets', ReturnType<typeof accuracy>>;
  by_category: Record<string, Record<'linli' | 'seasonal_naive' | 'ets', ReturnType<typeof accuracy>>>;
  by_item: Record<string, Record<'linli' | 'seasonal_naive' | 'ets', ReturnType<typeof accuracy>>>;
  simulation: {
    linli: ReturnType<typeof policy>;
    naive: ReturnType<typeof policy>;
    waste_reduction: number | null;
  };
  models: BacktestResult['models'];
  /** each regressor group's share of the global model's absolute contribution */
  learned_weights: BacktestResult['learnedWeights'];
  warnings: string[];
}

const trio = (r: Record<'linli' | 'seasonalNaive' | 'ets', Accuracy>) => ({
  linli: accuracy(r.linli),
  seasonal_naive: accuracy(r.seasonalNaive),
  ets: accuracy(r.ets),
});

export async function runBacktest(o: BacktestCliOptions): Promise<BacktestSummary> {
  const from = checkDate('from', o.from);
  const to = checkDate('to', o.to);
  if (to < from) throw inputError(`--to ${o.to} is before --from ${o.from}`);
  const horizon = positiveInt('horizon', o.horizon, 7, 28);
  const step = positiveInt('step', o.step, 1, 365);
  const sales = await readSales(o.sales, dateOf(to + horizon));
  const warnings = [...sales.warnings];
  const { panel } = sales;
  const codes = new Set(panel.items.map((i) => i.code));
  const items = o.items ? await readItems(o.items, codes) : null;
  if (items) {
    warnings.push(...items.warnings);
    for (const item of panel.items) item.category = items.categories.get(item.code);
  }
  const base = dayNumber(panel.start);
  if (from - base < 1)
    throw inputError(`--from ${o.from} leaves no history before it (the sales start ${panel.start})`);
  if (from - base < 35)
    warnings.push(
      `less than 5 weeks of history before ${o.from}: early forecasts fall back to simple averages`,
    );
  const result = backtest(panel, {
    from: from - base,
    to: to - base,
    step,
    horizon,
    economics: items?.economics,
    known: sales.known,
    onOrigin: o.onProgress,
  });
  await writeRows(o.out, result, base);
  const s = result.simulation;
  return {
    origins: result.origins,
    from: o.from,
    to: o.to,
    horizon,
    items: codes.size,
    wape: {
      linli: pct(result.accuracy.linli.wape),
      seasonal_naive: pct(result.accuracy.seasonalNaive.wape),
      ets: pct(result.accuracy.ets.wape),
    },
    horizon1: trio(result.accuracy),
    all_horizons: trio(result.accuracyAllHorizons),
    by_category: Object.fromEntries(
      Object.entries(result.byCategory).map(([c, r]) => [c || '(none)', trio(r)]),
    ),
    by_item: Object.fromEntries(Object.entries(result.byItem).map(([c, r]) => [c, trio(r)])),
    simulation: {
      linli: policy(s.linli),
      naive: policy(s.naive),
      waste_reduction: s.naive.waste > 0 ? pct(1 - s.linli.waste / s.naive.waste) : null,
    },
    models: result.models,
    learned_weights: Object.fromEntries(
      Object.entries(result.learnedWeights).map(([g, w]) => [g, pct(w)]),
    ) as BacktestResult['learnedWeights'],
    warnings,
  };
}

/** `origin,date,item_code,forecast,p10,p90,order_qty` (order_qty on the origin's own day only). */
async function writeRows(file: string, result: BacktestResult, base: number): Promise<void> {
  const out = createWriteStream(file);
  const failed = once(out, 'error').then(([e]) => {
    throw inputError(`${file}: ${(e as Error).message}`);
  });
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  };
  await write('origin,date,item_code,forecast,p10,p90,order_qty\n');
  let buffer = '';
  for (const r of result.rows) {
    const code = /[",\n]/.test(r.code) ? `"${r.code.replaceAll('"', '""')}"` : r.code;
    buffer += `${dateOf(base + r.origin)},${dateOf(base + r.day)},${code},${round3(r.q.p50)},${round3(r.q.p10)},${round3(r.q.p90)},${r.orderQty === null ? '' : round3(r.orderQty)}\n`;
    if (buffer.length > 64 * 1024) {
      await write(buffer);
      buffer = '';
    }
  }
  if (buffer) await write(buffer);
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}

/** The readable summary printed without --json. */
export function summaryText(s: BacktestSummary): string {
  const p = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
  const kg = (x: number) => x.toLocaleString('en', { maximumFractionDigits: 0 });
  return [
    `${s.origins} origins ${s.from} … ${s.to}, horizon ${s.horizon}, ${s.items} items`,
    `horizon-1 WAPE: Linli ${p(s.wape.linli)} · seasonal naive ${p(s.wape.seasonal_naive)} · ETS ${p(s.wape.ets)}`,
    `需求匹配度 (1 − WAPE): Linli ${p(s.horizon1.linli.demand_match)}`,
    `waste: Linli ${kg(s.simulation.linli.waste)} at fill ${p(s.simulation.linli.fill_rate)} · naive ${kg(s.simulation.naive.waste)} at fill ${p(s.simulation.naive.fill_rate)} (${p(s.simulation.waste_reduction)} less)`,
    ...s.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
}
