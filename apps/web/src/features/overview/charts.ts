import { CHART_COLORS } from '../../app/chartStyle.ts';
import type { ChartOption } from '../../app/EChart.tsx';
import { int, pct, yuan, yuanShort } from '../../app/format.ts';
import type { Translate } from '../../app/i18n.tsx';
import type { Overview } from './types.ts';

const [GREEN, BLUE, ORANGE] = CHART_COLORS;

export function gmvTrendOption(d: Overview, t: Translate, lang: string): ChartOption {
  return {
    color: [GREEN, BLUE],
    tooltip: {
      trigger: 'axis',
      valueFormatter: undefined,
      formatter: (
        items: Array<{
          axisValue: string;
          seriesIndex: number;
          value: number;
          marker: string;
          seriesName: string;
        }>,
      ) =>
        [
          items[0]?.axisValue,
          ...items.map(
            (i) => `${i.marker}${i.seriesName}: ${i.seriesIndex === 0 ? yuan(i.value) : int(i.value)}`,
          ),
        ].join('<br/>'),
    },
    legend: { top: 0 },
    grid: { left: 56, right: 48, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: d.trend.map((b) => b.bucket.slice(5)) },
    yAxis: [
      { type: 'value', axisLabel: { formatter: (v: number) => yuanShort(v, lang) } },
      { type: 'value', splitLine: { show: false } },
    ],
    series: [
      { name: t('overview.gmv'), type: 'bar', data: d.trend.map((b) => b.gmvFen), barMaxWidth: 18 },
      {
        name: t('overview.orders'),
        type: 'line',
        yAxisIndex: 1,
        smooth: true,
        data: d.trend.map((b) => b.orders),
      },
    ],
  };
}

export function memberTrendOption(d: Overview, t: Translate): ChartOption {
  return {
    color: [BLUE, ORANGE, GREEN],
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: d.trend.map((b) => b.bucket.slice(5)) },
    grid: { left: 48, right: 40, top: 36, bottom: 28 },
    // new members are far fewer than active ones: their own axis on the right, scaled so the bars
    // stay in the lower third and do not hide the lines
    yAxis: [
      { type: 'value' },
      {
        type: 'value',
        splitLine: { show: false },
        max: (v: { max: number }) => Math.max(3, Math.ceil(v.max * 3)),
      },
    ],
    series: [
      {
        name: t('overview.activeMembers'),
        type: 'line',
        smooth: true,
        areaStyle: { opacity: 0.12 },
        data: d.trend.map((b) => b.active),
      },
      { name: t('overview.buyers'), type: 'line', smooth: true, data: d.trend.map((b) => b.buyers) },
      {
        name: t('overview.newMembers'),
        type: 'bar',
        yAxisIndex: 1,
        barMaxWidth: 14,
        itemStyle: { opacity: 0.5 },
        data: d.trend.map((b) => b.newMembers),
      },
    ],
  };
}

export function communityOption(d: Overview, t: Translate, lang: string): ChartOption {
  const top = d.byCommunity.slice(0, 12).reverse();
  return {
    color: [GREEN],
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (items: Array<{ dataIndex: number }>) => {
        const c = top[items[0]?.dataIndex ?? 0];
        if (!c) return '';
        return `${c.name}<br/>${t('overview.gmv')}: ${yuan(c.gmvFen)}<br/>${t('overview.orders')}: ${int(c.orders)}<br/>${t('communities.activeRate')}: ${pct(c.activeRate)}`;
      },
    },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => yuanShort(v, lang) } },
    yAxis: { type: 'category', data: top.map((c) => c.name) },
    series: [
      {
        type: 'bar',
        data: top.map((c) => c.gmvFen),
        barMaxWidth: 16,
        label: {
          show: true,
          position: 'right',
          formatter: (p: { value: number }) => yuanShort(p.value, lang),
        },
      },
    ],
  };
}

export function categoryOption(d: Overview, lang: string): ChartOption {
  return {
    color: [...CHART_COLORS],
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: number; percent: number }) =>
        `${p.name}: ${yuan(p.value)} (${p.percent}%)`,
    },
    legend: { orient: 'vertical', right: 0, top: 'middle' },
    series: [
      {
        type: 'pie',
        radius: ['36%', '60%'],
        center: ['40%', '50%'],
        minShowLabelAngle: 6,
        label: { formatter: '{d}%' },
        data: d.byCategory.map((c) => ({ name: lang === 'zh-CN' ? c.nameZh : c.nameEn, value: c.amountFen })),
      },
    ],
  };
}
