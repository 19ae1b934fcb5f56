import { FORECAST_GROUPS, type ForecastSkuDetail, type SimulationTotals } from '@linli/contracts/forecasting';
import { CHART_COLORS } from '../../app/chartStyle.ts';
import type { ChartOption } from '../../app/EChart.tsx';
import { pct, yuanShort } from '../../app/format.ts';
import type { Translate } from '../../app/i18n.tsx';

const round = (v: number) => Math.round(v * 100) / 100;

/**
 * History and forecast on one time axis: actual demand as a line, the P10–P90 band as a shaded
 * area (an invisible P10 series with the band's height stacked on it), P50 dashed, the order book
 * of the pickup day as a point and censored days as crosses.
 */
export function forecastOption(d: ForecastSkuDetail, t: Translate): ChartOption {
  const dates = [...d.history.map((h) => h.date), ...d.forecast.map((f) => f.date)];
  const n = d.history.length;
  const pad = (k: number) => new Array<null>(k).fill(null);
  const last = d.history.at(-1);
  const band = t('forecast.demand.band');
  const bandOf = new Map(d.forecast.map((f) => [f.date, f]));
  return {
    color: [...CHART_COLORS],
    tooltip: {
      trigger: 'axis',
      // the band's hidden lower edge and its stacked height are not values to read: the band is
      // written out as its two ends instead
      formatter: (
        items: Array<{ seriesName: string; value: number | null; axisValue: string; marker: string }>,
      ) => {
        const day = items[0]?.axisValue ?? '';
        const lines = items
          .filter(
            (i) =>
              i.value !== null && i.value !== undefined && i.seriesName !== '_low' && i.seriesName !== band,
          )
          .map((i) => `${i.marker}${i.seriesName} ${round(i.value!)}`);
        const f = bandOf.get(day);
        if (f) lines.push(`${band} ${round(f.p10)} – ${round(f.p90)}`);
        return [day, ...lines].join('<br/>');
      },
    },
    legend: {
      top: 0,
      data: [
        t('forecast.demand.history'),
        t('forecast.demand.forecast'),
        band,
        t('forecast.demand.booked'),
        t('forecast.demand.censored'),
      ],
    },
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: dates, axisLabel: { formatter: (v: string) => v.slice(5) } },
    yAxis: { type: 'value', name: d.unit, min: 0 },
    series: [
      {
        name: t('forecast.demand.history'),
        type: 'line',
        showSymbol: false,
        data: [...d.history.map((h) => round(h.qty)), ...pad(d.forecast.length)],
        itemStyle: { color: '#3b7cff' },
      },
      {
        name: '_low',
        type: 'line',
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        data: [...pad(n), ...d.forecast.map((f) => round(f.p10))],
      },
      {
        name: band,
        type: 'line',
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color: 'rgba(0, 168, 112, 0.18)' },
        itemStyle: { color: 'rgba(0, 168, 112, 0.4)' },
        data: [...pad(n), ...d.forecast.map((f) => round(f.p90 - f.p10))],
      },
      {
        name: t('forecast.demand.forecast'),
        type: 'line',
        itemStyle: { color: '#00a870' },
        lineStyle: { type: 'dashed', width: 2 },
        // joined to the last actual day so the eye follows on
        data: [...pad(n - 1), last ? round(last.qty) : null, ...d.forecast.map((f) => round(f.p50))],
      },
      {
        name: t('forecast.demand.booked'),
        type: 'scatter',
        symbolSize: 10,
        itemStyle: { color: '#f59a23' },
        data: d.line ? [...pad(n), round(d.line.booked), ...pad(d.forecast.length - 1)] : [],
      },
      {
        name: t('forecast.demand.censored'),
        type: 'scatter',
        symbol: 'path://M0,0 L10,10 M10,0 L0,10',
        symbolSize: 8,
        itemStyle: { color: '#e34d59', borderColor: '#e34d59', borderWidth: 2 },
        data: [...d.history.map((h) => (h.censored ? round(h.qty) : null)), ...pad(d.forecast.length)],
      },
    ],
  };
}

/** The pickup-day forecast split into feature groups (units), as horizontal bars. */
export function contributionsOption(contributions: Record<string, number>, t: Translate): ChartOption {
  const keys = ['level', ...FORECAST_GROUPS].filter((k) => contributions[k] !== undefined);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 96, right: 24, top: 8, bottom: 24 },
    xAxis: { type: 'value' },
    yAxis: {
      type: 'category',
      inverse: true,
      data: keys.map((k) => t(`forecast.groups.${k}` as 'forecast.groups.level')),
    },
    series: [
      {
        type: 'bar',
        data: keys.map((k) => ({
          value: round(contributions[k]!),
          itemStyle: { color: k === 'level' ? '#8c8c8c' : contributions[k]! >= 0 ? '#00a870' : '#e34d59' },
        })),
        label: { show: true, position: 'right', formatter: (p: { value: number }) => String(p.value) },
      },
    ],
  };
}

/** Each feature group's share: learned by Linli against the seed plan's fixed weights. */
export function weightsOption(
  learned: Record<string, number> | null,
  seed: Record<string, number>,
  t: Translate,
): ChartOption {
  return {
    color: ['#00a870', '#bfbfbf'],
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? pct(v) : '—') },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: FORECAST_GROUPS.map((g) => t(`forecast.groups.${g}`)) },
    yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [
      {
        name: t('forecast.weights.learned'),
        type: 'bar',
        data: FORECAST_GROUPS.map((g) => learned?.[g] ?? 0),
      },
      { name: t('forecast.weights.seed'), type: 'bar', data: FORECAST_GROUPS.map((g) => seed[g] ?? 0) },
    ],
  };
}

/** Waste, its cost and the margin of both policies, side by side. */
export function simulationOption(
  linli: SimulationTotals,
  naive: SimulationTotals,
  t: Translate,
  lang: string,
): ChartOption {
  const money = [
    [t('forecast.simulation.wasteCost'), linli.wasteCostFen, naive.wasteCostFen],
    [t('forecast.simulation.margin'), linli.grossMarginFen, naive.grossMarginFen],
  ] as const;
  return {
    color: ['#00a870', '#bfbfbf'],
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? yuanShort(v, lang) : '—'),
    },
    legend: { top: 0 },
    grid: { left: 64, right: 16, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: money.map((m) => m[0]) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => yuanShort(v, lang) } },
    series: [
      { name: t('forecast.simulation.linli'), type: 'bar', data: money.map((m) => m[1]) },
      { name: t('forecast.simulation.naive'), type: 'bar', data: money.map((m) => m[2]) },
    ],
  };
}
