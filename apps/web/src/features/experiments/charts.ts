import type { ComparisonResult, FactorialResult, LookResult } from '@linli/contracts/experiments';
import { CHART_COLORS } from '../../app/chartStyle.ts';
import type { ChartOption } from '../../app/EChart.tsx';
import type { Translate } from '../../app/i18n.tsx';

const pctRound = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 100);
const GREEN = '#00a870';
const RED = '#e34d59';
const GREY = '#8c8c8c';

/** Significant (Holm) gains green, losses red, the rest grey. */
function verdictColor(c: ComparisonResult): string {
  if (c.pValueHolm === null || c.pValueHolm >= 0.05) return GREY;
  return (c.absoluteLift ?? 0) > 0 ? GREEN : RED;
}

/**
 * Forest plot: each arm's relative lift over the control with its 95 % interval (a segment per
 * arm on a category axis), the point estimate on it, and the no-effect line at 0.
 */
export function forestOption(rows: ComparisonResult[], t: Translate): ChartOption {
  const arms = rows.map((r) => r.arm).reverse();
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: [number, string] }) => {
        const r = rows.find((x) => x.arm === p.data[1]);
        if (!r) return '';
        return `${r.arm}<br/>${t('experiments.results.relativeLift')} ${pctRound(r.relativeLift)}%<br/>95% CI ${pctRound(r.relativeCiLow)}% – ${pctRound(r.relativeCiHigh)}%<br/>Holm p ${r.pValueHolm?.toPrecision(3) ?? '—'}`;
      },
    },
    grid: { left: 90, right: 24, top: 16, bottom: 36 },
    xAxis: { type: 'value', name: '%', axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: arms },
    series: [
      ...rows
        .filter((r) => r.relativeCiLow !== null && r.relativeCiHigh !== null)
        .map((r) => ({
          type: 'line' as const,
          name: r.arm,
          symbol: 'none',
          lineStyle: { width: 3, color: verdictColor(r) },
          data: [
            [pctRound(r.relativeCiLow), r.arm],
            [pctRound(r.relativeCiHigh), r.arm],
          ],
          silent: true,
        })),
      {
        type: 'scatter',
        symbolSize: 11,
        data: rows.map((r) => ({
          value: [pctRound(r.relativeLift), r.arm],
          itemStyle: { color: verdictColor(r) },
        })),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#595959', type: 'dashed' },
          data: [{ xAxis: 0 }],
          label: { show: false },
        },
      },
    ],
  };
}

/** Cumulative relative lift of each arm over the daily looks, with the 95 % interval in the tooltip. */
export function cumulativeOption(looks: LookResult[], t: Translate): ChartOption {
  const arms = looks[0]?.arms.map((a) => a.arm) ?? [];
  return {
    color: [...CHART_COLORS.slice(1)],
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 56, right: 16, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: looks.map((l) => l.date.slice(5)) },
    yAxis: {
      type: 'value',
      name: t('experiments.results.relativeLift'),
      axisLabel: { formatter: '{value}%' },
    },
    series: arms.map((arm) => ({
      name: arm,
      type: 'line',
      data: looks.map((l) => {
        const a = l.arms.find((x) => x.arm === arm);
        return a && a.relativeLift !== null ? pctRound(a.relativeLift) : null;
      }),
      markLine:
        arm === arms[0]
          ? {
              silent: true,
              symbol: 'none',
              data: [{ yAxis: 0 }],
              lineStyle: { color: '#595959' },
              label: { show: false },
            }
          : undefined,
    })),
  };
}

/**
 * The sequential view: each arm's z statistic at every daily look against the O'Brien–Fleming
 * boundary (±): a test may stop early where a line leaves the band.
 */
export function sequentialOption(looks: LookResult[], t: Translate): ChartOption {
  const arms = looks[0]?.arms.map((a) => a.arm) ?? [];
  const boundary = t('experiments.results.boundary');
  const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
  return {
    color: [...CHART_COLORS.slice(1)],
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    xAxis: {
      type: 'category',
      data: looks.map(
        (l) =>
          `${l.date.slice(5)}${l.fraction === null ? '' : ` (${Math.round(Math.min(l.fraction, 9.99) * 100)}%)`}`,
      ),
    },
    yAxis: { type: 'value', name: 'z' },
    series: [
      ...arms.map((arm) => ({
        name: arm,
        type: 'line' as const,
        data: looks.map((l) => round(l.arms.find((x) => x.arm === arm)?.z ?? null)),
      })),
      ...[1, -1].map((sign) => ({
        name: boundary,
        type: 'line' as const,
        step: 'middle' as const,
        symbol: 'none',
        connectNulls: false,
        lineStyle: { type: 'dashed' as const, color: RED, width: 2 },
        itemStyle: { color: RED },
        data: looks.map((l) => (l.boundary === null ? null : round(sign * l.boundary))),
      })),
    ],
  };
}

/**
 * Heat map of main effects: a row per factor, a cell per level (in the factor's order; the first
 * is the reference, 0 by definition), coloured by the effect in percentage points.
 */
export function heatmapOption(fit: FactorialResult, scale: (v: number) => number, unit: string): ChartOption {
  const factors = Object.keys(fit.levels);
  const width = Math.max(...factors.map((f) => fit.levels[f]!.length));
  const data: Array<{ value: [number, number, number]; level: string; p: number | null }> = [];
  factors.forEach((f, y) =>
    fit.levels[f]!.forEach((level, x) => {
      const e = fit.effects.find((k) => k.factor === f && k.level === level);
      data.push({
        value: [x, y, e ? Math.round(scale(e.estimate) * 100) / 100 : 0],
        level,
        p: e?.pValue ?? null,
      });
    }),
  );
  const max = Math.max(0.01, ...data.map((d) => Math.abs(d.value[2])));
  return {
    tooltip: {
      formatter: (p: { data: (typeof data)[number] }) =>
        `${factors[p.data.value[1]]} = ${p.data.level}<br/>${p.data.value[2] > 0 ? '+' : ''}${p.data.value[2]} ${unit}${p.data.p === null ? '' : `<br/>p ${p.data.p.toPrecision(3)}`}`,
    },
    grid: { left: 72, right: 16, top: 8, bottom: 56 },
    xAxis: {
      type: 'category',
      data: Array.from({ length: width }, (_, i) => String(i + 1)),
      splitArea: { show: true },
    },
    // the first factor on top, as the design lists them
    yAxis: { type: 'category', data: factors, inverse: true, splitArea: { show: true } },
    visualMap: {
      min: -max,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      inRange: { color: [RED, '#f5f5f5', GREEN] },
      formatter: (v: number) => `${Math.round(v * 10) / 10}`,
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: {
          show: true,
          formatter: (p: { data: (typeof data)[number] }) =>
            `${p.data.level}\n${p.data.value[2] > 0 ? '+' : ''}${p.data.value[2]}`,
        },
      },
    ],
  };
}
