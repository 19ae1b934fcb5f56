import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { type BacktestSummary, runBacktest } from './forecast.cli.ts';

const CLI = fileURLToPath(new URL('../../cli.ts', import.meta.url));
const DATA = fileURLToPath(
  new URL('../../../../../../shared/data/forecast/cumcm2023c_vegetables/', import.meta.url),
);
const dir = mkdtempSync(path.join(tmpdir(), 'linli-forecast-cli-'));
const file = (name: string, content: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, content);
  return f;
};
type Row = Record<'origin' | 'date' | 'item_code' | 'forecast' | 'p10' | 'p90' | 'order_qty', string>;
const rowsOf = (f: string) => parse(readFileSync(f), { columns: true }) as Row[];

/** The CUMCM sales of the 40 best-selling items from October 2022, optionally cut before a date. */
const allSales = readFileSync(path.join(DATA, 'item_daily_sales.csv'), 'utf8').trim().split('\n');
const volume = new Map<string, number>();
for (const line of allSales.slice(1)) {
  const [date, code, qty] = line.split(',');
  if (date! >= '2022-10-01') volume.set(code!, (volume.get(code!) ?? 0) + Number(qty));
}
const top = new Set(
  [...volume]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40)
    .map(([c]) => c),
);
const cumcm = (until = '9999') =>
  [
    allSales[0],
    ...allSales.slice(1).filter((l) => l >= '2022-10-01' && l < until && top.has(l.split(',')[1]!)),
  ].join('\n');

async function cli(...args: string[]) {
  return promisify(execFile)(process.execPath, [CLI, 'forecast', 'backtest', ...args], {
    maxBuffer: 1 << 26,
  });
}

describe('linli forecast backtest', () => {
  it(
    'writes every origin × item × day with the contract columns and prints a JSON summary',
    { timeout: 120_000 },
    async () => {
      const out = path.join(dir, 'contract.csv');
      const sales = file('sales.csv', cumcm());
      const { stdout } = await cli(
        ...[
          '--sales',
          sales,
          '--items',
          path.join(DATA, 'items.csv'),
          '--from',
          '2023-03-01',
          '--to',
          '2023-03-05',
        ],
        ...['--horizon', '3', '--step', '2', '--out', out, '--json'],
      );
      const rows = rowsOf(out);
      expect(Object.keys(rows[0]!)).toEqual([
        'origin',
        'date',
        'item_code',
        'forecast',
        'p10',
        'p90',
        'order_qty',
      ]);
      expect(new Set(rows.map((r) => r.origin))).toEqual(new Set(['2023-03-01', '2023-03-03', '2023-03-05']));
      expect(rows.length).toBe(3 * 40 * 3);
      for (const r of rows) {
        const [f, lo, hi] = [Number(r.forecast), Number(r.p10), Number(r.p90)];
        expect(Number.isFinite(f) && lo <= f && f <= hi && lo >= 0).toBe(true);
        expect(r.order_qty === '').toBe(r.date !== r.origin);
        if (r.date === r.origin) expect(Number(r.order_qty)).toBeGreaterThanOrEqual(0);
      }
      const summary = JSON.parse(stdout) as BacktestSummary;
      expect(summary.origins).toBe(3);
      expect(Object.keys(summary.wape)).toEqual(['linli', 'seasonal_naive', 'ets']);
      expect(summary.horizon1.linli.demand_match).toBeCloseTo(1 - summary.wape.linli!, 4);
      expect(summary.simulation.linli.fill_rate).toBeGreaterThan(0);
      expect(summary.simulation.naive.waste).toBeGreaterThan(0);
      // per item judged (a sale in the 28 days before the origin): 3 origins of horizon-1 forecasts
      expect(Object.keys(summary.by_item).length).toBeGreaterThan(30);
      expect(Object.keys(summary.by_item).length).toBeLessThanOrEqual(40);
      expect(Object.values(summary.by_item).every((a) => a.linli.item_days === 3)).toBe(true);
    },
  );

  it(
    'gives the same forecasts at an origin whether the file ends the day before it or runs past it',
    { timeout: 120_000 },
    async () => {
      const opts = { from: '2023-03-10', to: '2023-03-10', horizon: 7 };
      const a = path.join(dir, 'cut.csv');
      const b = path.join(dir, 'full.csv');
      await runBacktest({ ...opts, sales: file('cut-sales.csv', cumcm('2023-03-10')), out: a });
      const full = await runBacktest({ ...opts, sales: file('full-sales.csv', cumcm()), out: b });
      expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
      // and the full file's actuals were there to be read: the backtest scored them
      expect(full.horizon1.linli.item_days).toBeGreaterThan(30);
    },
  );

  it(
    'beats seasonal naive and ETS and cuts waste at an equal fill rate on 2023 Q1 (the development period)',
    { timeout: 400_000 },
    async () => {
      const s = await runBacktest({
        sales: path.join(DATA, 'item_daily_sales.csv'),
        items: path.join(DATA, 'items.csv'),
        from: '2023-01-01',
        to: '2023-03-31',
        horizon: 1,
        out: path.join(dir, 'q1.csv'),
      });
      expect(s.horizon1.linli.item_days).toBe(7422);
      // seasonal naive 65.4 %, ETS 48.9 % (see packages/forecasting/README.md)
      expect(s.wape.seasonal_naive).toBeCloseTo(0.6536, 3);
      expect(s.wape.linli!).toBeLessThan(0.85 * s.wape.seasonal_naive!);
      expect(s.wape.linli!).toBeLessThan(s.wape.ets!);
      expect(s.simulation.linli.fill_rate!).toBeGreaterThanOrEqual(s.simulation.naive.fill_rate!);
      expect(s.simulation.waste_reduction!).toBeGreaterThanOrEqual(0.37);
    },
  );
});

describe('bad input', () => {
  const run = (sales: string, extra: Partial<Parameters<typeof runBacktest>[0]> = {}) =>
    runBacktest({
      sales: file('bad.csv', sales),
      from: '2023-01-20',
      to: '2023-01-21',
      horizon: 2,
      out: path.join(dir, 'bad-out.csv'),
      ...extra,
    });
  const days = (n: number, f: (i: number, date: string) => string) =>
    Array.from({ length: n }, (_, i) =>
      f(i, new Date(Date.UTC(2022, 11, 1 + i)).toISOString().slice(0, 10)),
    ).join('\n');

  it('names the line and field of a non-numeric or negative quantity, and of a bad date', async () => {
    await expect(run('date,item_code,qty\n2023-01-01,A,3\n2023-01-02,A,abc\n')).rejects.toThrow(
      /line 3: qty "abc" is not a number/,
    );
    await expect(run('date,item_code,qty\n2023-01-01,A,-2\n')).rejects.toThrow(/line 2: qty -2 is negative/);
    await expect(run('date,item_code,qty\n01/02/2023,A,2\n')).rejects.toThrow(/line 2: date "01\/02\/2023"/);
    await expect(run('day,item,qty\n')).rejects.toThrow(/no data rows|missing column/);
    await expect(
      run('date,item_code,qty\n2023-01-01,A,1\n', { from: '2023-02-01', to: '2023-01-01' }),
    ).rejects.toThrow(/before --from/);
  });

  it('sums duplicate item-days with a warning, and sorts dates given out of order', async () => {
    const base = days(50, (i, d) => `${d},A,${5 + (i % 7)}`);
    const clean = await run(`date,item_code,qty\n${base}\n`);
    const cleanRows = readFileSync(path.join(dir, 'bad-out.csv'), 'utf8');
    const shuffled = base.split('\n').reverse();
    const split = shuffled.flatMap((l) => {
      const [d, c, q] = l.split(',');
      return [`${d},${c},${Number(q) - 1}`, `${d},${c},1`];
    });
    const dup = await run(`date,item_code,qty\n${split.join('\n')}\n`);
    expect(readFileSync(path.join(dir, 'bad-out.csv'), 'utf8')).toBe(cleanRows);
    expect(clean.warnings.join()).not.toMatch(/duplicate/);
    expect(dup.warnings.join()).toMatch(/50 duplicate item-day row\(s\).*summed/);
  });

  it('forecasts gaps of months, single sales and all-zero series without NaN', async () => {
    const rows = [
      'date,item_code,qty',
      days(20, (i, d) => `${d},STEADY,${10 + (i % 3)}`),
      '2022-12-05,ONCE,4',
      days(50, (_, d) => `${d},ZERO,0`),
      '2022-12-01,GAP,3',
      '2022-12-02,GAP,3',
    ];
    await run(rows.join('\n') + '\n');
    const out = rowsOf(path.join(dir, 'bad-out.csv'));
    expect(new Set(out.map((r) => r.item_code))).toEqual(new Set(['STEADY', 'ONCE', 'ZERO', 'GAP']));
    for (const r of out)
      for (const k of ['forecast', 'p10', 'p90'] as const) expect(Number.isFinite(Number(r[k]))).toBe(true);
    expect(
      out
        .filter((r) => r.item_code === 'ZERO')
        .every((r) => Number(r.forecast) === 0 && Number(r.order_qty || 0) === 0),
    ).toBe(true);
  });

  it('warns about items only in the items file and rejects a bad loss rate', async () => {
    const sales = `date,item_code,qty\n${days(40, (_, d) => `${d},A,5`)}\n`;
    const ok = await run(sales, { items: file('items.csv', 'item_code,loss_rate_pct\nA,10\nGHOST,5\n') });
    expect(ok.warnings.join()).toMatch(/1 item\(s\) in .* never appear in the sales.*GHOST/);
    await expect(
      run(sales, { items: file('items-bad.csv', 'item_code,loss_rate_pct\nA,abc\n') }),
    ).rejects.toThrow(/line 2: loss_rate_pct "abc"/);
  });
});
