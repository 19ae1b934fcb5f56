import type { TagDetail } from '@linli/contracts/insight';
import type { ChartOption } from '../../app/EChart.tsx';
import { int } from '../../app/format.ts';
import type { Lang, Translate } from '../../app/i18n.tsx';
import type { Field } from '../rules/model.ts';
import { formatValue } from '../rules/units.ts';

const GREEN = '#00a870';
const BLUE = '#3b7cff';
const RED = '#e34d59';
const PALETTE = [GREEN, BLUE, '#f59a23', '#8e5cf7', RED, '#14b8c4', '#8c8c8c'];
/** the quadrants' own colours, as on the value page */
const QUADRANT_COLOR: Record<string, string> = {
  pyramid_top: '#00a870',
  potential: '#3b7cff',
  churn_warning: '#e34d59',
  value_depression: '#f59a23',
};

/** Members at the end of each day (line) with the day's entries and exits (bars, exits below 0). */
export function trendOption(d: TagDetail, t: Translate): ChartOption {
  return {
    color: [BLUE, GREEN, RED],
    tooltip: {
      trigger: 'axis',
      formatter: (items: Array<{ axisValue: string; marker: string; seriesName: string; value: number }>) =>
        [
          items[0]?.axisValue,
          ...items.map((i) => `${i.marker}${i.seriesName}: ${int(Math.abs(i.value))}`),
        ].join('<br/>'),
    },
    legend: { top: 0 },
    grid: { left: 56, right: 56, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: d.trend.map((p) => p.day.slice(5)) },
    yAxis: [
      { type: 'value', scale: true, name: t('tags.trendMembers') },
      {
        type: 'value',
        splitLine: { show: false },
        axisLabel: { formatter: (v: number) => int(Math.abs(v)) },
      },
    ],
    series: [
      {
        name: t('tags.trendMembers'),
        type: 'line',
        smooth: true,
        symbol: 'none',
        areaStyle: { opacity: 0.1 },
        data: d.trend.map((p) => p.members),
      },
      {
        name: t('tags.trendEntered'),
        type: 'bar',
        yAxisIndex: 1,
        stack: 'flow',
        barMaxWidth: 12,
        data: d.trend.map((p) => p.entered),
      },
      {
        name: t('tags.trendLeft'),
        type: 'bar',
        yAxisIndex: 1,
        stack: 'flow',
        barMaxWidth: 12,
        data: d.trend.map((p) => -p.left),
      },
    ],
  };
}

export function communityOption(d: TagDetail, t: Translate): ChartOption {
  const top = [...d.byCommunity]
    .sort((a, b) => b.members - a.members)
    .slice(0, 15)
    .reverse();
  return {
    color: [GREEN],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: top.map((c) => c.name ?? t('tags.noCommunity')) },
    series: [
      {
        name: t('tags.members'),
        type: 'bar',
        barMaxWidth: 16,
        data: top.map((c) => c.members),
        label: { show: true, position: 'right' },
      },
    ],
  };
}

export function quadrantOption(d: TagDetail, t: Translate, lang: Lang): ChartOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { orient: 'vertical', right: 0, top: 'middle' },
    series: [
      {
        type: 'pie',
        radius: ['38%', '62%'],
        center: ['40%', '50%'],
        label: { formatter: '{d}%' },
        data: d.byQuadrant.map((q) => ({
          name: q.quadrant === null ? t('tags.noQuadrant') : lang === 'zh-CN' ? q.nameZh : q.nameEn,
          value: q.members,
          itemStyle:
            q.quadrant && QUADRANT_COLOR[q.quadrant] ? { color: QUADRANT_COLOR[q.quadrant] } : undefined,
        })),
      },
    ],
  };
}

/** A 10-bucket histogram of one value the rule reads, bucket edges in the value's unit. */
export function histogramOption(
  h: TagDetail['histograms'][number],
  unit: Field['unit'],
  t: Translate,
): ChartOption {
  const edge = (v: number) => formatValue(v, unit, t);
  return {
    color: [BLUE],
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (items: Array<{ dataIndex: number; value: number }>) => {
        const b = h.buckets[items[0]?.dataIndex ?? 0];
        return b ? `${edge(b.from)} – ${edge(b.to)}<br/>${t('tags.membersInBucket')}: ${int(b.members)}` : '';
      },
    },
    grid: { left: 40, right: 8, top: 12, bottom: 40 },
    xAxis: {
      type: 'category',
      data: h.buckets.map((b) => edge(b.from)),
      axisLabel: { rotate: 30, fontSize: 10 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', barCategoryGap: '8%', data: h.buckets.map((b) => b.members) }],
  };
}
