import { TEXT_ASPECTS, type TextAspect, type TextTrend } from '@linli/contracts/text';
import { Typography } from 'antd';
import { useMemo } from 'react';
import { CHART_COLORS } from '../../app/chartStyle.ts';
import { EChart, type ChartOption } from '../../app/EChart.tsx';
import { pct } from '../../app/format.ts';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';

const share = (negative: number, of: number) => (of > 0 ? negative / of : null);

/**
 * Weekly negative share per aspect (negative mentions ÷ mentions) and of all texts; a click on a
 * point hands back that week and aspect so the table below can list its texts.
 */
export function TextTrendChart({
  trend,
  onPick,
}: {
  trend: TextTrend;
  onPick: (week: string, aspect: TextAspect | null) => void;
}) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const overall = t('texts.overallNegative');
    return {
      color: [...CHART_COLORS],
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? pct(v) : '—'),
      },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: trend.weeks.map((w) => w.week.slice(5)) },
      yAxis: {
        type: 'value',
        min: 0,
        max: 1,
        axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
      },
      series: [
        {
          name: overall,
          type: 'line',
          lineStyle: { type: 'dashed', width: 2 },
          itemStyle: { color: '#8c8c8c' },
          data: trend.weeks.map((w) => share(w.negative, w.texts)),
        },
        ...TEXT_ASPECTS.map((a) => ({
          name: t(`texts.aspectNames.${a}` as MessageKey),
          type: 'line',
          connectNulls: true,
          data: trend.weeks.map((w) => share(w.aspects[a].negative, w.aspects[a].mentioned)),
        })),
      ],
    };
  }, [trend, t]);
  if (trend.weeks.length === 0) return null;
  return (
    <>
      <EChart
        option={option}
        height={300}
        testId="text-trend"
        onClick={(p) => {
          const week = trend.weeks[p.dataIndex]?.week;
          if (!week) return;
          const i = (p.seriesIndex ?? 0) - 1;
          onPick(week, i >= 0 ? (TEXT_ASPECTS[i] ?? null) : null);
        }}
      />
      <Typography.Text type="secondary">{t('texts.trendHint')}</Typography.Text>
    </>
  );
}
