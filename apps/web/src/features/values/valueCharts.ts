import { axisTitle } from '../../app/chartStyle.ts';
import type { ChartOption } from '../../app/EChart.tsx';
import { pct, yuan, yuanShort } from '../../app/format.ts';
import type { Translate } from '../../app/i18n.tsx';
import { QUADRANT_COLOR, QUADRANTS, type QuadrantSummary, type ValuePoints } from './types.ts';

/** Log axes cannot show 0: members without spend are drawn on the floor of ¥1. */
export const FLOOR_FEN = 100;

export type QuadrantName = (q: string) => string;

/**
 * Recent value (ARPU per active month) × predicted 12-month CLV, one series per quadrant, with the
 * cut-offs that separate them as dashed lines.
 */
export function valueScatterOption(
  data: ValuePoints,
  name: QuadrantName,
  t: Translate,
  lang: string,
  selected?: string,
): ChartOption {
  const series = QUADRANTS.map((q) => ({
    name: name(q),
    type: 'scatter',
    large: data.points.length > 5000,
    symbolSize: 5,
    itemStyle: { color: QUADRANT_COLOR[q], opacity: !selected || selected === q ? 0.55 : 0.12 },
    data: data.points
      .filter((p) => p.quadrant === q)
      .map((p) => ({
        value: [Math.max(p.arpuFen, FLOOR_FEN), Math.max(p.clvFen, FLOOR_FEN), p.pAlive, p.churnRisk],
        memberId: p.memberId,
        quadrant: q,
        arpuFen: p.arpuFen,
        clvFen: p.clvFen,
      })),
  }));
  const cut = (axis: 'xAxis' | 'yAxis', fen: number, text: string, color = '#595959') => ({
    [axis]: Math.max(fen, FLOOR_FEN),
    lineStyle: { type: 'dashed', color },
    label: {
      position: axis === 'xAxis' ? 'end' : 'insideEndTop',
      color,
      fontSize: 11,
      formatter: `${text} ${yuanShort(fen, lang)}`,
    },
  });
  const withLines = {
    ...series[0]!,
    markLine: {
      silent: true,
      symbol: 'none',
      animation: false,
      data: [
        cut('xAxis', data.lines.lowArpuFen, t('values.lineLowArpu')),
        cut('yAxis', data.lines.highClvFen, t('values.lineHighClv')),
        cut('yAxis', data.lines.topClvFen, t('values.lineTop'), '#ad8b00'),
      ],
    },
  };
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: {
        seriesName: string;
        data: { memberId: string; arpuFen: number; clvFen: number; value: number[] };
      }) =>
        [
          `${p.seriesName} · ${p.data.memberId}`,
          `${t('values.arpu')}: ${yuan(p.data.arpuFen)}`,
          `${t('values.clv')}: ${yuan(p.data.clvFen)}`,
          `${t('values.pAlive')}: ${pct(p.data.value[2])}`,
          `${t('values.churnRisk')}: ${pct(p.data.value[3])}`,
        ].join('<br/>'),
    },
    legend: { top: 0 },
    grid: { left: 72, right: 40, top: 48, bottom: 48 },
    xAxis: {
      type: 'log',
      ...axisTitle(t('values.arpuAxis'), 28),
      axisLabel: { formatter: (v: number) => yuanShort(v, lang) },
    },
    yAxis: {
      type: 'log',
      ...axisTitle(t('values.clvAxis'), 52),
      axisLabel: { formatter: (v: number) => yuanShort(v, lang) },
    },
    series: [withLines, ...series.slice(1)],
  };
}

/** Share of members against share of GMV per quadrant: where the money sits. */
export function shareOption(summary: QuadrantSummary[], name: QuadrantName, t: Translate): ChartOption {
  const list = QUADRANTS.map((q) => summary.find((s) => s.quadrant === q)).filter((s): s is QuadrantSummary =>
    Boolean(s),
  );
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => pct(v) },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => pct(v, 0) } },
    yAxis: { type: 'category', inverse: true, data: list.map((s) => name(s.quadrant)) },
    series: [
      {
        name: t('values.memberShare'),
        type: 'bar',
        barMaxWidth: 14,
        itemStyle: { color: '#bfbfbf' },
        label: { show: true, position: 'right', formatter: (p: { value: number }) => pct(p.value) },
        data: list.map((s) => s.memberShare),
      },
      {
        name: t('values.gmvShare'),
        type: 'bar',
        barMaxWidth: 14,
        label: { show: true, position: 'right', formatter: (p: { value: number }) => pct(p.value) },
        data: list.map((s) => ({ value: s.gmvShare, itemStyle: { color: QUADRANT_COLOR[s.quadrant] } })),
      },
    ],
  };
}
