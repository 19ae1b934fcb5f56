/**
 * Nightly forecast benchmark: the whole `forecasting.nightly` run (demand history, SKU panels, model
 * choice and forecast on worker threads, backtest, order book, purchases and their split over every
 * pickup point, storing) over a synthetic order history of 500 pickup points × 200 SKUs (100,000
 * SKU × pickup-point series), printing the time of each stage. Goal: ≤ 10 minutes on 2 cores.
 *
 *   npm run bench:forecast-nightly -- [--points 500] [--skus 200] [--days 120] [--orders 30] [--seed 7]
 *                                     [--db embedded|postgres|both]
 *
 * The history is written straight into orders and order_items with COPY: `--orders` orders a day
 * per pickup point on average (weekends busier), 1–4 lines each, SKUs by a Zipf popularity, a
 * few cancelled and a few partly refunded; pickup the next day (the day after when placed after
 * 23:00). 80 % of the points are in 杭州, which has weather, the rest in 宁波, which has none (two
 * panels). `--db both` (the default when DATABASE_URL is set) runs PGlite, then PostgreSQL.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { from as copyFrom } from 'pg-copy-streams';
import type { App } from '../apps/server/src/platform/context.ts';
import { addDays, shanghaiDay } from '../apps/server/src/platform/shanghai.ts';
import { productIdOf } from '../apps/server/src/modules/catalog/index.ts';
import { pickupPointIdOf } from '../apps/server/src/modules/communities/index.ts';
import { refreshDemand, runForecast } from '../apps/server/src/modules/forecasting/index.ts';
import { benchApp, timed } from './bench-app.ts';
import { fmtInt, int, seeded, table, weighted, type Rand } from './lib.ts';

const { values: args } = parseArgs({
  options: {
    points: { type: 'string', default: '500' },
    skus: { type: 'string', default: '200' },
    days: { type: 'string', default: '120' },
    orders: { type: 'string', default: '30' },
    seed: { type: 'string', default: '7' },
    db: { type: 'string', default: process.env.DATABASE_URL ? 'both' : 'embedded' },
  },
});
const P = Number(args.points);
const S = Number(args.skus);
const DAYS = Number(args.days);
const PER_DAY = Number(args.orders);

const CATEGORIES: Array<[string, string, number, number]> = [
  // code, unit, price in fen, share of SKUs
  ['vegetables.leafy', '斤', 350, 0.15],
  ['vegetables.root', '斤', 300, 0.1],
  ['vegetables.melon', '斤', 450, 0.1],
  ['fruit.citrus', '斤', 700, 0.1],
  ['fruit.berry', '盒', 2500, 0.08],
  ['meat_eggs.pork', '斤', 2000, 0.1],
  ['meat_eggs.eggs', '盒', 1500, 0.07],
  ['seafood.fish', '斤', 3000, 0.07],
  ['dairy_bakery.milk', '瓶', 1600, 0.08],
  ['grain_oil.rice_flour', '袋', 4500, 0.05],
  ['snacks.sweets', '盒', 2000, 0.05],
  ['drinks', '瓶', 800, 0.05],
];

interface Sku {
  sku: string;
  id: string;
  category: string;
  unit: string;
  priceFen: number;
  weight: number;
}

function catalogue(r: Rand): Sku[] {
  const out: Sku[] = [];
  for (let i = 0; i < S; i++) {
    const [category, unit, price] =
      CATEGORIES[
        weighted(
          r,
          CATEGORIES.map((c, k) => [k, c[3]] as const),
        )
      ]!;
    const sku = `bf-${String(i + 1).padStart(4, '0')}`;
    out.push({
      sku,
      id: productIdOf(sku),
      category,
      unit,
      priceFen: Math.round(price * (0.6 + 0.8 * r())),
      weight: 1 / Math.pow(i + 1, 0.9),
    });
  }
  return out;
}

/** Draws an index by weight in O(log n): a binary search over the cumulative weights. */
function sampler(weights: number[]): (r: Rand) => number {
  const cum: number[] = [];
  let total = 0;
  for (const w of weights) cum.push((total += w));
  return (r) => {
    const x = r() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

const WEEKDAY = [0.95, 0.9, 0.95, 1, 1.1, 1.3, 1.2];
const tsv = (cells: Array<string | number | null>) =>
  cells.map((c) => (c === null ? '\\N' : String(c))).join('\t') + '\n';

/** COPY rows produced by `rows` into `table` in pieces of about 4 MB. */
async function copy(app: App, sql: string, rows: Iterable<string>): Promise<void> {
  const client = await app.database.pool.connect();
  try {
    const pieces = function* () {
      let buf = '';
      for (const row of rows) {
        buf += row;
        if (buf.length > 4_000_000) {
          yield buf;
          buf = '';
        }
      }
      if (buf) yield buf;
    };
    await pipeline(Readable.from(pieces()), client.query(copyFrom(sql)));
  } finally {
    client.release();
  }
}

async function generateHistory(app: App, now: Date): Promise<{ orders: number; lines: number }> {
  const r = seeded(Number(args.seed));
  const skus = catalogue(r);
  const pick = sampler(skus.map((x) => x.weight));
  await copy(
    app,
    'COPY products (id, sku, name, category_code, unit, price_fen) FROM STDIN',
    skus.map((s) => tsv([s.id, s.sku, `商品${s.sku.slice(3)}`, s.category, s.unit, s.priceFen])),
  );
  const cities = ['杭州市', '宁波市'];
  await copy(
    app,
    'COPY communities (id, external_id, name, city, district) FROM STDIN',
    cities.map((c, i) => tsv([`bf-com-${i}`, `bf-com-${i}`, `${c}样板小区`, c, '中心区'])),
  );
  await copy(
    app,
    'COPY pickup_points (id, external_id, community_id, name, address) FROM STDIN',
    Array.from({ length: P }, (_, p) =>
      tsv([
        pickupPointIdOf(`bf-pt-${p}`),
        `bf-pt-${p}`,
        p < P * 0.8 ? 'bf-com-0' : 'bf-com-1',
        `自提点${p}`,
        '—',
      ]),
    ),
  );
  const today = shanghaiDay(now);
  const size = Array.from({ length: P }, () => 0.6 + 0.8 * r()); // each point's own appetite
  let orders = 0;
  let lines = 0;
  const orderRows: string[] = [];
  const lineRows: string[] = [];
  const flush = async () => {
    await copy(
      app,
      'COPY orders (id, external_id, member_id, community_id, pickup_point_id, status, items_fen, discount_fen, paid_fen, refunded_fen, placed_at, pickup_date, updated_at) FROM STDIN',
      orderRows.splice(0),
    );
    await copy(
      app,
      'COPY order_items (order_id, line_no, product_id, sku, quantity, unit_price_fen, amount_fen) FROM STDIN',
      lineRows.splice(0),
    );
  };
  for (let d = -DAYS; d <= 1; d++) {
    const pickup = addDays(today, d);
    const wd = (new Date(`${pickup}T00:00:00Z`).getUTCDay() + 6) % 7;
    const season = 1 + 0.15 * Math.sin((2 * Math.PI * d) / 60);
    for (let p = 0; p < P; p++) {
      const n = Math.round(PER_DAY * WEEKDAY[wd]! * season * size[p]! * (0.8 + 0.4 * r()));
      for (let k = 0; k < n; k++) {
        // placed the evening or the day before pickup; tomorrow's book only up to now
        const placed =
          Date.parse(`${addDays(pickup, -1)}T00:00:00+08:00`) +
          int(r, 7, 22) * 3_600_000 +
          int(r, 0, 3599) * 1000;
        if (placed > now.getTime() - 60_000) continue;
        const id = `bf-o-${pickup}-${p}-${k}`;
        const items: Array<[Sku, number, number]> = [];
        for (let l = int(r, 1, 4); l > 0; l--) {
          const s = skus[pick(r)]!;
          if (items.some((i) => i[0] === s)) continue;
          const q = s.unit === '斤' ? int(r, 1, 6) / 2 : int(r, 1, 3);
          items.push([s, q, Math.round(q * s.priceFen)]);
        }
        const itemsFen = items.reduce((a, i) => a + i[2], 0);
        const cancelled = r() < 0.02;
        const refunded = !cancelled && r() < 0.03 ? Math.round(itemsFen * 0.3) : 0;
        const at = new Date(placed).toISOString();
        orderRows.push(
          tsv([
            id,
            id,
            `bf-m-${p}-${k % 40}`,
            p < P * 0.8 ? 'bf-com-0' : 'bf-com-1',
            pickupPointIdOf(`bf-pt-${p}`),
            cancelled ? 'cancelled' : refunded ? 'partially_refunded' : 'paid',
            itemsFen,
            0,
            itemsFen,
            refunded,
            at,
            pickup,
            at,
          ]),
        );
        items.forEach(([s, q, fen], i) => lineRows.push(tsv([id, i + 1, s.id, s.sku, q, s.priceFen, fen])));
        orders++;
        lines += items.length;
      }
      if (orderRows.length > 200_000) await flush();
    }
  }
  await flush();
  // 杭州's weather for the history and the week ahead
  const weather = Array.from({ length: DAYS + 8 }, (_, i) => {
    const day = addDays(today, i - DAYS);
    const base = 18 + 10 * Math.sin((2 * Math.PI * (i - DAYS)) / 365);
    return tsv([
      '杭州',
      day,
      Math.round(base + 4),
      Math.round(base - 4),
      r() < 0.3 ? Math.round(r() * 30) : 0,
      r() < 0.03 ? 'rainstorm' : 'none',
    ]);
  });
  await copy(app, 'COPY weather_days (city, day, temp_max, temp_min, rain_mm, alert) FROM STDIN', weather);
  await app.database.pool.query('ANALYZE');
  return { orders, lines };
}

/** A run's stages in the order they happen. */
const STAGES = ['demand', 'load', 'panels', 'models', 'purchase', 'store'];

async function benchOne(db: 'embedded' | 'postgres'): Promise<string[][]> {
  const { app, close } = await benchApp(db, 'linli-bench-forecast-');
  const rows: string[][] = [];
  const s = (x: number) => `${x.toFixed(1)} s`;
  try {
    const now = new Date();
    const [made, genS] = await timed(() => generateHistory(app, now));
    rows.push([
      db,
      `history: ${fmtInt(made.orders)} orders, ${fmtInt(made.lines)} lines (generate + COPY)`,
      s(genS),
    ]);
    const [full, fullS] = await timed(() => refreshDemand(app, { full: true }));
    rows.push([db, `demand history, full build (${fmtInt(full.rows)} rows)`, s(fullS)]);
    for (const label of ['nightly run (first)', 'nightly run (again, same date)']) {
      const [run, runS] = await timed(() => runForecast(app, { trigger: 'cli', now }));
      if (run.status !== 'succeeded') throw new Error(`run failed: ${run.error}`);
      for (const stage of STAGES) rows.push([db, `  ${stage}`, s(run.stages[stage] ?? 0)]);
      const sum = run.summary!;
      rows.push([
        db,
        `${label}: ${fmtInt(sum.skus)} SKUs, ${fmtInt(sum.series)} SKU × point series, ${sum.panels.length} panels`,
        `${s(runS)} ${runS <= 600 ? '(goal ≤ 600 s: met)' : '(goal ≤ 600 s: missed)'}`,
      ]);
      if (label.includes('first')) {
        const acc = sum.accuracy.overall;
        const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
        console.log(
          `${db}: horizon-1 WAPE Linli ${pct(acc.linli.wape)}, seasonal naive ${pct(acc.seasonalNaive.wape)}, ETS ${pct(acc.ets.wape)}; waste Linli ${fmtInt(Math.round(sum.simulation.linli.waste))} vs naive ${fmtInt(Math.round(sum.simulation.naive.waste))}`,
        );
      }
    }
    // a thousand orders refunded after the run: the incremental refresh recomputes their days only
    await app.database.pool.query(
      `UPDATE orders SET refunded_fen = paid_fen / 2, status = 'partially_refunded', updated_at = now()
       WHERE id IN (SELECT id FROM orders WHERE status = 'paid' ORDER BY id LIMIT 1000)`,
    );
    const [inc, incS] = await timed(() => refreshDemand(app));
    rows.push([
      db,
      `demand history, incremental (1,000 orders changed, pickup days recomputed: ${inc.days})`,
      s(incS),
    ]);
  } finally {
    await close();
  }
  return rows;
}

const kinds = args.db === 'both' ? (['embedded', 'postgres'] as const) : [args.db as 'embedded' | 'postgres'];
const all: string[][] = [];
for (const db of kinds) all.push(...(await benchOne(db)));
console.log(
  `\nNightly forecast: ${fmtInt(P)} pickup points × ${fmtInt(S)} SKUs, ${DAYS} days of history, ~${PER_DAY} orders a point a day`,
);
console.log(table(['db', 'stage', 'time'], all));
