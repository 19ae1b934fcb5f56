/** ECharts options of the response dashboard. */
import type { NpsFigure, OpinionDashboard } from '@linli/contracts/opinion';
import type { ChartOption } from '../../app/EChart.tsx';
import { CHART_COLORS } from '../../app/chartStyle.ts';
import type { MessageKey, Translate } from '../../app/i18n.tsx';
import { LEVEL_HEX, SLA_HEX } from './bits.tsx';

export function slaOption(d: OpinionDashboard, t: Translate): ChartOption {
  const levels = d.sla.map((s) => t(`opinion.levels.${s.level}` as MessageKey));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 90, right: 60, top: 10, bottom: 40 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: levels, inverse: true },
    series: [
      { name: t('opinion.dashboard.met'), key: 'met', color: SLA_HEX.green },
      { name: t('opinion.dashboard.breached'), key: 'breached', color: SLA_HEX.red },
      { name: t('opinion.dashboard.running'), key: 'running', color: '#bfbfbf' },
    ].map((s) => ({
      name: s.name,
      type: 'bar',
      stack: 'sla',
      itemStyle: { color: s.color },
      data: d.sla.map((x) => x[s.key as 'met' | 'breached' | 'running']),
      label:
        s.key === 'running'
          ? {
              show: true,
              position: 'right',
              formatter: ({ dataIndex }: { dataIndex: number }) => {
                const r = d.sla[dataIndex]?.rate;
                return r === null || r === undefined ? '' : `${Math.round(r * 100)}%`;
              },
            }
          : undefined,
    })),
  };
}

export function histogramOption(
  rows: { bucket: string; count: number }[],
  color: string,
  t: Translate,
): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 10, top: 10, bottom: 30 },
    xAxis: { type: 'category', data: rows.map((r) => r.bucket), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1, name: t('opinion.dashboard.count') },
    series: [{ type: 'bar', data: rows.map((r) => r.count), itemStyle: { color }, barMaxWidth: 36 }],
  };
}

export function countsOption(rows: { label: string; count: number }[]): ChartOption {
  const top = rows.slice(0, 12);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 110, right: 30, top: 10, bottom: 20 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: top.map((r) => r.label),
      inverse: true,
      axisLabel: { width: 100, overflow: 'truncate' },
    },
    series: [
      { type: 'bar', data: top.map((r) => r.count), itemStyle: { color: CHART_COLORS[1] }, barMaxWidth: 24 },
    ],
  };
}

export function categoryOption(d: OpinionDashboard, t: Translate): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle' },
    series: [
      {
        type: 'pie',
        radius: ['40%', '70%'],
        center: ['35%', '50%'],
        data: d.byCategory.map((c) => ({
          name: t(`opinion.categories.${c.key}` as MessageKey),
          value: c.count,
        })),
        label: { show: false },
      },
    ],
    color: [...CHART_COLORS],
  };
}

/**
 * NPS by month with its 95 % band, and the seed's −15 and +42 as lines: where the case started and
 * where it got to.
 */
export function npsTrendOption(answered: NpsFigure[], t: Translate): ChartOption {
  const months = everyMonth(answered);
  const x = months.map((m) => m.key);
  const low = months.map((m) => m.ciLow);
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (ps: Array<{ dataIndex: number }>) => {
        const m = months[ps[0]?.dataIndex ?? 0];
        if (!m || m.nps === null) return '';
        return `${m.key}<br/>NPS ${m.nps.toFixed(1)} (${m.ciLow!.toFixed(1)} … ${m.ciHigh!.toFixed(1)})<br/>${t('opinion.dashboard.npsAnswers', { n: m.n })}`;
      },
    },
    grid: { left: 50, right: 110, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: x, boundaryGap: false },
    yAxis: { type: 'value', min: -100, max: 100 },
    series: [
      {
        name: 'low',
        type: 'line',
        data: low,
        stack: 'ci',
        stackStrategy: 'all',
        lineStyle: { opacity: 0 },
        symbol: 'none',
        silent: true,
      },
      {
        name: 'band',
        type: 'line',
        data: months.map((m) => (m.ciHigh === null || m.ciLow === null ? null : m.ciHigh - m.ciLow)),
        stack: 'ci',
        stackStrategy: 'all',
        lineStyle: { opacity: 0 },
        areaStyle: { color: 'rgba(0,168,112,0.15)' },
        symbol: 'none',
        silent: true,
      },
      {
        name: 'NPS',
        type: 'line',
        data: months.map((m) => (m.nps === null ? null : Math.round(m.nps * 10) / 10)),
        itemStyle: { color: CHART_COLORS[0] },
        markLine: {
          symbol: 'none',
          lineStyle: { type: 'dashed' },
          data: [
            {
              yAxis: -15,
              label: { formatter: t('opinion.dashboard.seedFrom') },
              lineStyle: { color: LEVEL_HEX[3] },
            },
            {
              yAxis: 42,
              label: { formatter: t('opinion.dashboard.seedTo') },
              lineStyle: { color: CHART_COLORS[0] },
            },
          ],
        },
      },
    ],
  };
}

/** The months from the first to the last answered one, gaps as empty figures (the axis is time). */
function everyMonth(answered: NpsFigure[]): NpsFigure[] {
  if (answered.length === 0) return [];
  const byKey = new Map(answered.map((m) => [m.key, m]));
  const out: NpsFigure[] = [];
  let [y, m] = answered[0]!.key.split('-').map(Number) as [number, number];
  const last = answered.at(-1)!.key;
  for (let guard = 0; guard < 240; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(
      byKey.get(key) ?? {
        key,
        label: key,
        n: 0,
        promoters: 0,
        passives: 0,
        detractors: 0,
        nps: null,
        ciLow: null,
        ciHigh: null,
      },
    );
    if (key === last) break;
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
  return out;
}
