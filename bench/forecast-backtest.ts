/**
 * Backtest benchmark: `linli forecast backtest` on the CUMCM vegetables (251 SKUs) over 90 origins
 * at horizon 7 (goal ≤ 2 minutes on 2 cores), then on the M5 sample (10 Walmart FOODS items),
 * printing the time and the accuracy and waste figures next to the baselines.
 *
 *   npm run bench:forecast-backtest -- [--from 2023-01-01] [--to 2023-03-31] [--horizon 7]
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { type BacktestSummary, runBacktest } from '../apps/server/src/modules/forecasting/forecast.cli.ts';

const { values: args } = parseArgs({
  options: {
    from: { type: 'string', default: '2023-01-01' },
    to: { type: 'string', default: '2023-03-31' },
    horizon: { type: 'string', default: '7' },
  },
});
const SHARED = fileURLToPath(new URL('../../shared/data/forecast/', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'linli-bench-forecast-'));
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);

function report(name: string, s: BacktestSummary, seconds: number) {
  console.log(
    `\n${name}: ${s.origins} origins ${s.from} … ${s.to}, horizon ${s.horizon}, ${s.items} items: ${seconds.toFixed(1)} s`,
  );
  for (const [label, a] of [
    ['horizon 1', s.horizon1],
    ['horizons 1–' + s.horizon, s.all_horizons],
  ] as const)
    console.log(
      `  ${label.padEnd(13)} WAPE Linli ${pct(a.linli.wape)} · seasonal naive ${pct(a.seasonal_naive.wape)} · ETS ${pct(a.ets.wape)}` +
        ` | MASE ${a.linli.mase} | bias ${pct(a.linli.bias)} | 需求匹配度 ${pct(a.linli.demand_match)}`,
    );
  const { linli, naive, waste_reduction } = s.simulation;
  console.log(
    `  waste Linli ${linli.waste.toFixed(0)} at fill ${pct(linli.fill_rate)}, stock-outs ${linli.stockouts}` +
      ` · naive ${naive.waste.toFixed(0)} at fill ${pct(naive.fill_rate)}, stock-outs ${naive.stockouts} · ${pct(waste_reduction)} less`,
  );
  console.log(
    `  learned weights ${Object.entries(s.learned_weights)
      .map(([g, w]) => `${g} ${pct(w)}`)
      .join(', ')}`,
  );
  console.log(`  models ${JSON.stringify(s.models)}`);
}

const t0 = performance.now();
const cumcm = await runBacktest({
  sales: path.join(SHARED, 'cumcm2023c_vegetables/item_daily_sales.csv'),
  items: path.join(SHARED, 'cumcm2023c_vegetables/items.csv'),
  from: args.from,
  to: args.to,
  horizon: Number(args.horizon),
  out: path.join(dir, 'cumcm.csv'),
});
report('CUMCM vegetables', cumcm, (performance.now() - t0) / 1000);

// M5: days with sales only (a missing day sold nothing), with the selling price as a regressor
const m5 = parse(readFileSync(path.join(SHARED, 'm5_mini/m5_foods3_ca1_nonzero_days.csv')), {
  columns: true,
}) as Array<Record<string, string>>;
const m5File = path.join(dir, 'm5.csv');
writeFileSync(
  m5File,
  'date,item_code,qty,price\n' +
    m5.map((r) => `${r.date},${r.item_id},${r.sales},${r.sell_price}`).join('\n'),
);
const t1 = performance.now();
const m5Summary = await runBacktest({
  sales: m5File,
  from: '2016-01-26',
  to: '2016-04-24',
  horizon: Number(args.horizon),
  out: path.join(dir, 'm5.csv.out'),
});
report(
  'M5 FOODS_3 at CA_1 (no loss rates: waste is over-buying only)',
  m5Summary,
  (performance.now() - t1) / 1000,
);
