/**
 * The figures in packages/forecasting/README.md: a rolling-origin backtest on the CUMCM vegetables
 * with prices as a regressor, each regressor group's measured contribution (the WAPE without it),
 * the learned weights, and the replenishment simulation against the naive policy.
 *
 *   node scripts/forecast-report.ts [--from 2023-03-01] [--to 2023-03-31] [--horizon 1] [--ablation]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import {
  FEATURE_GROUPS,
  type FeatureGroup,
  backtest,
  dayNumber,
  panelFromRows,
} from '../packages/forecasting/src/index.ts';

const { values: args } = parseArgs({
  options: {
    from: { type: 'string', default: '2023-03-01' },
    to: { type: 'string', default: '2023-03-31' },
    horizon: { type: 'string', default: '1' },
    ablation: { type: 'boolean', default: false },
  },
});
const DIR = new URL('../../shared/data/forecast/cumcm2023c_vegetables/', import.meta.url);
const read = (f: string) =>
  parse(readFileSync(new URL(f, DIR)), { columns: true }) as Array<Record<string, string>>;

const items = read('items.csv');
// selling prices only exist for item-days without discounted sales: a regressor, never demand
const price = new Map(
  read('daily_item_sales_priced.csv').map((r) => [
    `${r.date}|${r.item_code}`,
    Number(r.price_avg_cny_per_kg),
  ]),
);
const panel = panelFromRows(
  read('item_daily_sales.csv').map((r) => ({
    date: r.date!,
    item: r.item_code!,
    qty: Number(r.qty),
    price: price.get(`${r.date}|${r.item_code}`),
  })),
  { categories: new Map(items.map((i) => [i.item_code!, i.category_name!])) },
);
const economics = new Map(items.map((i) => [i.item_code!, { lossRate: Number(i.loss_rate_pct) / 100 }]));
const base = dayNumber(panel.start);
const from = dayNumber(args.from) - base;
const to = dayNumber(args.to) - base;
const horizon = Number(args.horizon);
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);

const started = Date.now();
const r = backtest(panel, { from, to, horizon, economics });
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`${r.origins} origins ${args.from} … ${args.to}, horizon ${horizon}, ${seconds} s`);
for (const [name, a] of Object.entries(r.accuracy))
  console.log(
    `  h1 ${name.padEnd(14)} WAPE ${pct(a.wape)}  bias ${pct(a.bias)}  MASE ${a.mase?.toFixed(3)}  item-days ${a.itemDays}`,
  );
if (horizon > 1)
  for (const [name, a] of Object.entries(r.accuracyAllHorizons))
    console.log(`  all ${name.padEnd(13)} WAPE ${pct(a.wape)}  bias ${pct(a.bias)}`);
for (const [cat, t] of Object.entries(r.byCategory))
  console.log(
    `  ${cat.padEnd(6)} Linli ${pct(t.linli.wape)}  seasonal naive ${pct(t.seasonalNaive.wape)}  ETS ${pct(t.ets.wape)}`,
  );
console.log(`  models ${JSON.stringify(r.models)}`);
console.log(`  learned weights ${FEATURE_GROUPS.map((g) => `${g} ${pct(r.learnedWeights[g])}`).join(', ')}`);
const s = r.simulation;
console.log(
  `  waste Linli ${s.linli.waste.toFixed(0)} kg at fill ${pct(s.linli.fillRate)} (stock-outs ${s.linli.stockouts})` +
    ` · naive ${s.naive.waste.toFixed(0)} kg at fill ${pct(s.naive.fillRate)} (stock-outs ${s.naive.stockouts})` +
    ` · ${pct(1 - s.linli.waste / s.naive.waste)} less`,
);
if (args.ablation)
  for (const group of FEATURE_GROUPS.filter((g) => g !== 'history')) {
    const without = backtest(panel, {
      from,
      to,
      horizon,
      economics,
      without: new Set<FeatureGroup>([group]),
    });
    console.log(
      `  without ${group.padEnd(9)} WAPE ${pct(without.accuracy.linli.wape)} (with: ${pct(r.accuracy.linli.wape)})`,
    );
  }
