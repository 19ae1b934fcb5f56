/**
 * Turns the panels' forecasts into tonight's purchase list: per SKU the newsvendor quantity with the
 * order book blended in (never below what members already ordered), split over pickup points so the
 * points add up to the SKU exactly; plus the run's summary (accuracy, simulation, learned weights).
 */
import {
  allocateOrder,
  purchaseFor,
  recentShares,
  type ItemEconomics,
  type Quantiles,
} from '@linli/forecasting';
import { addDays } from '../../platform/shanghai.ts';
import type { BacktestOutput, ErrorSums, ForecastOutput, JobOutput } from './compute.ts';
import { purchaseStep } from './economics.ts';
import type { RunInputs } from './load.repo.ts';
import { panelKeys, type PanelBuild } from './panels.ts';
import type { AllocationOut, Assembled, CityPart, LineOut } from './run-types.ts';
import { addSums, summarise } from './summary.ts';

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Below this share of a day usually booked by now (a run in the small hours for tomorrow), booked ÷
 * share is noise rather than an estimate, and blending it in would drag the forecast toward zero:
 * the book is then only a floor under the forecast.
 */
const MIN_BOOK_SHARE = 0.25;
const ZERO: Quantiles = { p10: 0, p50: 0, p90: 0 };

interface Point {
  pointId: string;
  recent: number;
  booked: number;
}

export function assemble(inputs: RunInputs, builds: PanelBuild[], outputs: JobOutput[]): Assembled {
  const keyOf = panelKeys(inputs);
  const facts = new Map(inputs.supply.map((s) => [s.productId, s]));
  const econ = new Map<string, ItemEconomics>(builds.flatMap((b) => b.economics));
  const forecasts = outputs.filter((o): o is ForecastOutput => o.kind === 'forecast');
  const backtests = outputs.filter((o): o is BacktestOutput => o.kind === 'backtest');
  // points per product and panel: those that sold it lately or have orders for the pickup day
  const points = new Map<string, Map<string, Point>>();
  const pointOf = (productId: string, city: string, pointId: string) => {
    const k = `${productId}|${keyOf(city)}`;
    const list = points.get(k) ?? new Map<string, Point>();
    points.set(k, list);
    const p = list.get(pointId) ?? { pointId, recent: 0, booked: 0 };
    list.set(pointId, p);
    return p;
  };
  for (const r of inputs.pointRecent) pointOf(r.productId, r.city, r.pointId).recent += r.qty;
  for (const r of inputs.booked) pointOf(r.productId, r.city, r.pointId).booked += r.qty;
  const before = new Map(
    inputs.bookedBefore.map((b) => [b.productId, b.total > 0 ? b.before / b.total : null]),
  );
  const perItem = new Map<string, ErrorSums>();
  for (const b of backtests)
    for (const [code, s] of b.perItem) perItem.set(code, addSums(perItem.get(code), s));

  const byProduct = new Map<string, Array<{ key: string; f: ForecastOutput['items'][number] | null }>>();
  for (const out of forecasts)
    for (const f of out.items) byProduct.set(f.code, [...(byProduct.get(f.code) ?? []), { key: out.key, f }]);
  for (const k of points.keys()) {
    const [productId, key] = k.split('|') as [string, string];
    const parts = byProduct.get(productId) ?? [];
    const list = [...points.get(k)!.values()];
    if (facts.has(productId) && list.some((p) => p.booked > 0) && !parts.some((p) => p.key === key))
      byProduct.set(productId, [...parts, { key, f: null }]);
  }

  const lines: LineOut[] = [];
  const days: Assembled['days'] = [];
  const allocations: AllocationOut[] = [];
  for (const [productId, parts] of [...byProduct].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const fact = facts.get(productId);
    if (!fact) continue;
    const e = econ.get(productId) ?? itemEcon(fact.effective);
    const step = purchaseStep(fact.unit);
    const shareBefore = before.get(productId) ?? null;
    const cities: CityPart[] = [];
    const cityAllocs: Array<{ p50: number; list: Array<Point & { share: number; qty: number }> }> = [];
    let forecast = { ...ZERO };
    let demand = { ...ZERO };
    let booked = 0;
    let ratio = 0.5;
    const horizonDays = parts.find((p) => p.f)?.f?.days.length ?? 0;
    const sum7 = Array.from({ length: horizonDays }, () => ({ ...ZERO }));
    let contributions: Record<string, number> | null = null;
    for (const { key, f } of parts) {
      const q = f?.days[0] ?? ZERO;
      const pts = [...(points.get(`${productId}|${key}`)?.values() ?? [])].sort((a, b) =>
        a.pointId < b.pointId ? -1 : 1,
      );
      const cityBooked = pts.reduce((s, p) => s + p.booked, 0);
      const book =
        shareBefore !== null && shareBefore >= MIN_BOOK_SHARE
          ? { booked: cityBooked, shareBefore }
          : undefined;
      const purchase = purchaseFor(q, e, {}, book);
      // what members have already paid for must be bought, whatever the forecast says
      const orderQty = Math.max(purchase.orderQty, cityBooked / (1 - e.lossRate));
      const shares = recentShares(
        pts.map((p) => [p.recent]),
        1,
        1,
      );
      const qty = pts.length
        ? allocateOrder(
            orderQty,
            shares,
            pts.map((p) => p.booked),
            step,
          )
        : [];
      cityAllocs.push({ p50: q.p50, list: pts.map((p, i) => ({ ...p, share: shares[i]!, qty: qty[i]! })) });
      const bought = round3(qty.reduce((s, x) => s + x, 0));
      cities.push({
        city: key,
        model: f?.model ?? 'book',
        p50: round3(q.p50),
        booked: round3(cityBooked),
        orderQty: bought,
      });
      forecast = addQ(forecast, q);
      // without a history of how much is booked by now, the book is only a floor under the forecast
      demand = addQ(demand, book ? purchase.demand : floorQ(purchase.demand, cityBooked));
      booked += cityBooked;
      ratio = purchase.ratio;
      f?.days.forEach((d, k) => (sum7[k] = addQ(sum7[k]!, d)));
      if (f?.contributions) {
        contributions ??= {};
        for (const [g, v] of Object.entries(f.contributions))
          contributions[g] = (contributions[g] ?? 0) + (v ?? 0);
      }
    }
    const main = [...cities].sort((a, b) => b.p50 - a.p50)[0]!;
    const totalP50 = cityAllocs.reduce((s, c) => s + c.p50, 0);
    for (const c of cityAllocs)
      for (const p of c.list)
        allocations.push({
          productId,
          pointId: p.pointId,
          share: p.share * (totalP50 > 0 ? c.p50 / totalP50 : 1 / cityAllocs.length),
          booked: round3(p.booked),
          p50: round3(p.share * c.p50),
          qty: p.qty,
        });
    const acc = perItem.get(productId);
    lines.push({
      productId,
      model: main.model,
      forecast: roundQ(forecast),
      demand: roundQ(demand),
      booked: round3(booked),
      shareBefore,
      ratio,
      lossRate: e.lossRate,
      shelfLifeDays: fact.effective.shelfLifeDays,
      unitCostFen: fact.effective.unitCostFen,
      priceFen: fact.effective.priceFen,
      suggestedQty: round3(cities.reduce((s, c) => s + c.orderQty, 0)),
      step,
      contributions,
      wape: acc && acc.actual > 0 ? acc.abs / acc.actual : null,
      naiveWape: acc && acc.actual > 0 ? acc.naiveAbs / acc.actual : null,
      evalDays: acc?.n ?? 0,
      cities,
    });
    sum7.forEach((q, k) => days.push({ productId, day: addDays(inputs.pickupDate, k), q: roundQ(q) }));
  }
  return { lines, days, allocations, summary: summarise(builds, forecasts, backtests, lines, allocations) };
}

const itemEcon = (e: { lossRatePct: number }): ItemEconomics => ({
  lossRate: Math.min(0.9, e.lossRatePct / 100),
});
const addQ = (a: Quantiles, b: Quantiles): Quantiles => ({
  p10: a.p10 + b.p10,
  p50: a.p50 + b.p50,
  p90: a.p90 + b.p90,
});
const roundQ = (q: Quantiles): Quantiles => ({ p10: round3(q.p10), p50: round3(q.p50), p90: round3(q.p90) });
const floorQ = (q: Quantiles, x: number): Quantiles => ({
  p10: Math.max(q.p10, x),
  p50: Math.max(q.p50, x),
  p90: Math.max(q.p90, x),
});
