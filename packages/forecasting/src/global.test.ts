import { describe, expect, it } from 'vitest';
import { seededRandom } from '@linli/intelligence';
import { type Panel, backtest, dayCalendar, forecastPanel, panelDate, panelFromRows, wape } from './index.ts';

const WEEK = [1, 0.9, 0.9, 1, 1.2, 1.6, 1.4]; // Monday … Sunday

/** 30 items over 20 weeks from a Monday: level × weekday shape (× 2 on public holidays) × noise. */
function synthetic(holidayLift = 1, noise = 0.1, items = 30): Panel {
  const r = seededRandom(7);
  const rows: Array<{ date: string; item: string; qty: number }> = [];
  const start = '2023-01-02';
  for (let i = 0; i < items; i++) {
    const level = 5 + i * 3;
    for (let t = 0; t < 140; t++) {
      const date = panelDate({ start }, t);
      const lift = dayCalendar(date).holiday ? holidayLift : 1;
      rows.push({
        date,
        item: `SKU${String(i).padStart(2, '0')}`,
        qty: level * WEEK[t % 7]! * lift * (1 + noise * (r() - 0.5)),
      });
    }
  }
  return panelFromRows(rows);
}

describe('global model', () => {
  it('learns the weekly shape shared by all items', () => {
    const panel = synthetic();
    const o = 120;
    const fc = forecastPanel(panel, o, 7);
    const actual: number[] = [];
    const forecast: number[] = [];
    for (const f of fc.items) {
      const item = panel.items.find((i) => i.code === f.code)!;
      expect(f.model).toBe('global');
      f.days.forEach((d, k) => {
        actual.push(item.demand[o + k]!);
        forecast.push(d.p50);
        expect(d.p10).toBeLessThanOrEqual(d.p50);
        expect(d.p90).toBeGreaterThanOrEqual(d.p50);
      });
    }
    // the noise alone is ±5 % (mean absolute 2.5 %)
    expect(wape(actual, forecast)!).toBeLessThan(0.05);
  });

  it('learns a holiday lift from earlier holidays and shows it as a calendar contribution', () => {
    // 2023: Qingming 04-05, Labour Day 04-29 … 05-03; the origin is the day before 05-01
    const panel = synthetic(2);
    const o = 119; // 2023-05-01
    expect(panelDate(panel, o)).toBe('2023-05-01');
    const plain = forecastPanel(synthetic(1), o, 1, { trainWeeks: 16 });
    const lifted = forecastPanel(panel, o, 1, { trainWeeks: 16 });
    const big = (fc: typeof plain) => fc.items.find((i) => i.code === 'SKU29')!;
    expect(big(lifted).days[0]!.p50).toBeGreaterThan(1.4 * big(plain).days[0]!.p50);
    expect(big(lifted).contributions!.calendar!).toBeGreaterThan(big(plain).contributions!.calendar! + 20);
    // the ablation without the calendar loses the lift
    const without = forecastPanel(panel, o, 1, { trainWeeks: 16, without: new Set(['calendar']) });
    expect(big(without).days[0]!.p50).toBeLessThan(big(lifted).days[0]!.p50);
  });

  it('does not read sold-out days as no demand when they are marked', () => {
    const panel = synthetic();
    const item = panel.items[10]!;
    item.censored = new Uint8Array(panel.length);
    // the last 10 days before the origin sold out at 20 % of demand
    for (let t = 110; t < 120; t++) {
      item.demand[t] = item.demand[t]! * 0.2;
      item.censored[t] = 1;
    }
    const marked = forecastPanel(panel, 120, 1).items.find((i) => i.code === item.code)!.days[0]!.p50;
    item.censored = undefined;
    const unmarked = forecastPanel(panel, 120, 1).items.find((i) => i.code === item.code)!.days[0]!.p50;
    const truth = (5 + 10 * 3) * WEEK[120 % 7]!;
    expect(Math.abs(marked - truth) / truth).toBeLessThan(0.1);
    expect(unmarked).toBeLessThan(0.7 * truth);
  });
});

describe('backtest', () => {
  it('never reads a day on or after the origin', { timeout: 60_000 }, () => {
    const full = synthetic(1, 0.1, 8);
    // the same panel with every day from 100 on overwritten: forecasts at origin 100 must not move
    const cut = synthetic(1, 0.1, 8);
    for (const item of cut.items) for (let t = 100; t < cut.length; t++) item.demand[t] = 999;
    const run = (p: Panel) => backtest(p, { from: 100, to: 100, horizon: 7, defaultLossRate: 0.1 }).rows;
    expect(run(cut)).toEqual(run(full));
    // and a later origin does see the change
    const later = (p: Panel) => backtest(p, { from: 101, to: 101, horizon: 1 }).rows.map((r) => r.q.p50);
    expect(later(cut)).not.toEqual(later(full));
  });

  it(
    'scores Linli, seasonal naive and ETS on the same item-days and simulates both policies',
    { timeout: 60_000 },
    () => {
      const r = backtest(synthetic(1, 0.3, 8), { from: 100, to: 120, horizon: 3, defaultLossRate: 0.1 });
      expect(r.origins).toBe(21);
      expect(r.accuracy.linli.itemDays).toBe(21 * 8);
      expect(r.accuracyAllHorizons.linli.itemDays).toBe(21 * 8 * 3);
      expect(r.accuracy.linli.wape!).toBeLessThan(r.accuracy.seasonalNaive.wape!);
      expect(r.accuracy.seasonalNaive.mase).toBe(1);
      expect(r.accuracy.linli.match).toBeCloseTo(1 - r.accuracy.linli.wape!, 12);
      expect(r.simulation.linli.demand).toBeCloseTo(r.simulation.naive.demand, 9);
      expect(r.simulation.linli.waste).toBeLessThan(r.simulation.naive.waste);
    },
  );
});
