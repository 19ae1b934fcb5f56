import type { ComplianceDashboard } from '@linli/contracts/compliance';
import { CHART_COLORS } from '../../app/chartStyle.ts';
import type { ChartOption } from '../../app/EChart.tsx';
import type { MessageKey, Translate } from '../../app/i18n.tsx';
import { categoryColor } from './highlight.ts';

const pct = (v: number | null) => (v === null ? null : Math.round(v * 100_000) / 1000);

/**
 * Violation rate per week (approvals later recalled over approvals) on a log scale, which is what
 * shows 0.7 % and 0.02 % apart, with the seed's start and goal as reference lines. A week without a
 * recall has no point on a log scale: its counts are in the tooltip.
 */
export function violationOption(d: ComplianceDashboard, t: Translate): ChartOption {
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (ps: Array<{ dataIndex: number }>) => {
        const w = d.weeks[ps[0]?.dataIndex ?? 0];
        if (!w) return '';
        const rate = w.violationRate === null ? '—' : `${pct(w.violationRate)}%`;
        return `${w.week}<br/>${t('compliance.dashboard.violationRate')} ${rate}<br/>${t('compliance.dashboard.recalled')} ${w.recalled} / ${t('compliance.dashboard.approved')} ${w.approved}`;
      },
    },
    grid: { left: 64, right: 110, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: d.weeks.map((w) => w.week) },
    yAxis: { type: 'log', logBase: 10, min: 0.01, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'line',
        name: t('compliance.dashboard.violationRate'),
        data: d.weeks.map((w) => (w.violationRate ? pct(w.violationRate) : null)),
        connectNulls: false,
        symbolSize: 8,
        itemStyle: { color: '#e34d59' },
        markLine: {
          silent: true,
          symbol: 'none',
          label: { position: 'end', formatter: '{b}' },
          data: [
            {
              name: t('compliance.dashboard.seedBefore'),
              yAxis: 0.7,
              lineStyle: { color: '#f59a23', type: 'dashed' },
            },
            {
              name: t('compliance.dashboard.seedAfter'),
              yAxis: 0.02,
              lineStyle: { color: '#00a870', type: 'dashed' },
            },
          ],
        },
      },
    ],
  };
}

/** Versions submitted per week and how many the screen flagged, with the flagged share. */
export function weeklyOption(d: ComplianceDashboard, t: Translate): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 32, bottom: 32 },
    xAxis: { type: 'category', data: d.weeks.map((w) => w.week) },
    yAxis: [{ type: 'value' }, { type: 'value', axisLabel: { formatter: '{value}%' }, max: 100 }],
    series: [
      {
        type: 'bar',
        name: t('compliance.dashboard.submitted'),
        data: d.weeks.map((w) => w.items),
        itemStyle: { color: CHART_COLORS[1] },
      },
      {
        type: 'bar',
        name: t('compliance.dashboard.flaggedCount'),
        data: d.weeks.map((w) => w.flagged),
        itemStyle: { color: CHART_COLORS[2] },
      },
      {
        type: 'line',
        yAxisIndex: 1,
        name: `${t('compliance.dashboard.flagged')} %`,
        data: d.weeks.map((w) => (w.items ? Math.round((w.flagged / w.items) * 1000) / 10 : null)),
        itemStyle: { color: CHART_COLORS[4] },
      },
    ],
  };
}

export function slaOption(d: ComplianceDashboard, t: Translate): ChartOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
    grid: { left: 90, right: 48, top: 16, bottom: 32 },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: d.sla.map((s) => `${t(`compliance.stages.${s.stage}`)} ${s.hours}h`) },
    series: [
      {
        type: 'bar',
        data: d.sla.map((s) => ({
          value: s.attainment === null ? null : Math.round(s.attainment * 1000) / 10,
          itemStyle: {
            color:
              (s.attainment ?? 1) >= 0.9 ? '#00a870' : (s.attainment ?? 1) >= 0.7 ? '#f59a23' : '#e34d59',
          },
        })),
        label: { show: true, position: 'right', formatter: '{c}%' },
        barMaxWidth: 28,
      },
    ],
  };
}

export function topRulesOption(d: ComplianceDashboard, t: Translate): ChartOption {
  const rules = [...d.topRules].reverse();
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const r = rules[p.dataIndex]!;
        return `${r.ruleId}<br/>${t(`compliance.categories.${r.category}` as MessageKey)}<br/>${t('compliance.dashboard.hits')} ${r.hits}<br/>${t('compliance.dashboard.precision')} ${r.precision === null ? '—' : `${Math.round(r.precision * 100)}%`}`;
      },
    },
    grid: { left: 150, right: 40, top: 8, bottom: 24 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: rules.map((r) => r.ruleId) },
    series: [
      {
        type: 'bar',
        data: rules.map((r) => ({ value: r.hits, itemStyle: { color: categoryColor(r.category) } })),
        barMaxWidth: 18,
        label: { show: true, position: 'right' },
      },
    ],
  };
}
