import { axisTitle } from '../../app/chartStyle.ts';
import type { ChartOption } from '../../app/EChart.tsx';
import { int } from '../../app/format.ts';
import type { Translate } from '../../app/i18n.tsx';
import type { ClvValidation } from './types.ts';

const PREDICTED = '#3b7cff';
const ACTUAL = '#00a870';

/** The week the calibration period ends: the holdout weeks are the last ones of the series. */
export function calibrationEndWeek(v: ClvValidation): number {
  const last = Math.max(0, ...v.weekly.map((w) => w.week));
  return last - v.holdoutWeeks;
}

const mean = (sum: number, n: number) => (n > 0 ? sum / n : 0);

const round1 = (n: number) => (Math.abs(n) >= 100 ? int(Math.round(n)) : n.toFixed(1));

/** Cumulative repeat purchases per week, model against reality, the holdout period shaded. */
export function weeklyOption(v: ClvValidation, t: Translate): ChartOption {
  const end = calibrationEndWeek(v);
  const last = Math.max(0, ...v.weekly.map((w) => w.week));
  return {
    color: [PREDICTED, ACTUAL],
    tooltip: { trigger: 'axis', valueFormatter: (x: number) => round1(x) },
    legend: { top: 0 },
    grid: { left: 56, right: 24, top: 40, bottom: 40 },
    xAxis: {
      type: 'value',
      ...axisTitle(t('clv.week'), 26),
      min: Math.min(...v.weekly.map((w) => w.week)),
      max: last,
    },
    yAxis: { type: 'value', axisLabel: { formatter: (x: number) => int(x) } },
    series: [
      {
        name: t('clv.predicted'),
        type: 'line',
        showSymbol: false,
        lineStyle: { type: 'dashed', width: 2 },
        data: v.weekly.map((w) => [w.week, w.predicted]),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#595959', type: 'solid' },
          label: { formatter: t('clv.calibrationEnd', { date: v.calibrationEnd }), position: 'end' },
          data: [{ xAxis: end }],
        },
        markArea: {
          silent: true,
          itemStyle: { color: 'rgba(59,124,255,0.06)' },
          label: { formatter: t('clv.holdout'), position: 'inside', color: '#8c8c8c' },
          data: [[{ xAxis: end }, { xAxis: last }]],
        },
      },
      {
        name: t('clv.actual'),
        type: 'line',
        showSymbol: false,
        lineStyle: { width: 2 },
        data: v.weekly.map((w) => [w.week, w.actual]),
      },
    ],
  };
}

/**
 * Holdout purchases per member, by number of repeat purchases in calibration: predicted next to
 * actual (the server sends totals per bucket; means compare across buckets of any size).
 */
export function byFrequencyOption(v: ClvValidation, t: Translate): ChartOption {
  return {
    color: [PREDICTED, ACTUAL],
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (
        items: Array<{
          dataIndex: number;
          seriesIndex: number;
          marker: string;
          seriesName: string;
          value: number;
        }>,
      ) => {
        const b = v.byFrequency[items[0]?.dataIndex ?? 0];
        if (!b) return '';
        return [
          `${t('clv.calibrationRepeats')}: ${b.frequency} · ${t('clv.customers')}: ${int(b.customers)}`,
          ...items.map(
            (i) =>
              `${i.marker}${i.seriesName}: ${i.value.toFixed(2)} (${t('clv.total')} ${int(Math.round(i.seriesIndex === 0 ? b.predicted : b.actual))})`,
          ),
        ].join('<br/>');
      },
    },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 40 },
    xAxis: {
      type: 'category',
      ...axisTitle(t('clv.calibrationRepeats'), 26),
      data: v.byFrequency.map((b) => b.frequency),
    },
    yAxis: { type: 'value' },
    series: [
      {
        name: t('clv.predicted'),
        type: 'bar',
        barMaxWidth: 22,
        data: v.byFrequency.map((b) => mean(b.predicted, b.customers)),
      },
      {
        name: t('clv.actual'),
        type: 'bar',
        barMaxWidth: 22,
        data: v.byFrequency.map((b) => mean(b.actual, b.customers)),
      },
    ],
  };
}
