import { axisTitle, CHART_COLORS } from '../../app/chartStyle.ts';
import type { ChartOption } from '../../app/EChart.tsx';
import { pct, yuan } from '../../app/format.ts';
import type { Translate } from '../../app/i18n.tsx';
import type { Persona, PersonaList, PersonaPoints } from './types.ts';

export const personaColor = (idx: number) => CHART_COLORS[idx % CHART_COLORS.length]!;

/**
 * Legend text: Chromium draws the Latin middle dot between Chinese characters full width but
 * measures it narrow, so legend items overlapped; the Katakana middle dot is measured as drawn.
 */
const legendName = (name: string) => name.replace(/·/g, '・');

export function personaName(p: { nameZh: string; nameEn: string }, lang: string): string {
  return lang === 'zh-CN' ? p.nameZh : p.nameEn;
}

type Seed = PersonaList['seed'][number];

/** The seed's personas by their Chinese name, for their names in the console's language. */
const SEED_KEYS: Record<string, 'silver' | 'genZ' | 'middle'> = {
  银发族: 'silver',
  Z世代: 'genZ',
  新中产: 'middle',
};

export function seedLabel(s: Seed, t: Translate): { name: string; categories: string } {
  const key = SEED_KEYS[s.nameZh];
  return key
    ? { name: t(`personas.seedNames.${key}`), categories: t(`personas.seedNames.${key}Categories`) }
    : { name: s.nameZh, categories: s.categories };
}

/**
 * Orders per week × AOV on log axes, one series per persona (so one legend entry each), with the
 * centres as large circles and the seed plan's personas as hollow diamonds for comparison.
 */
export function scatterOption(
  personas: Persona[],
  points: PersonaPoints,
  seed: Seed[],
  t: Translate,
  lang: string,
): ChartOption {
  const byIdx = new Map(personas.map((p) => [p.idx, [] as Array<[number, number, string]>]));
  for (const pt of points.points)
    if (pt.ordersPerWeek > 0 && pt.aovFen > 0)
      byIdx.get(pt.idx)?.push([pt.ordersPerWeek, pt.aovFen / 100, pt.memberId]);
  const members = personas.map((p) => ({
    name: personaName(p, lang),
    type: 'scatter',
    large: points.points.length > 5000,
    symbolSize: 4,
    itemStyle: { color: personaColor(p.idx), opacity: 0.45 },
    data: byIdx.get(p.idx) ?? [],
  }));
  const centres = {
    name: t('personas.centre'),
    type: 'scatter',
    symbolSize: 18,
    z: 5,
    itemStyle: { borderColor: '#fff', borderWidth: 2 },
    label: {
      show: true,
      position: 'right',
      formatter: (p: { name: string }) => p.name,
      fontWeight: 'bold',
      backgroundColor: 'rgba(255,255,255,0.85)',
      padding: [2, 4],
      borderRadius: 3,
    },
    labelLayout: { moveOverlap: 'shiftY' },
    data: personas.map((p) => ({
      name: personaName(p, lang),
      value: [p.profile.ordersPerWeek, p.profile.aovFen / 100],
      itemStyle: { color: personaColor(p.idx) },
    })),
  };
  const plan = {
    name: t('personas.seedPlan'),
    type: 'scatter',
    symbol: 'diamond',
    symbolSize: 16,
    z: 6,
    itemStyle: { color: 'rgba(0,0,0,0)', borderColor: '#595959', borderWidth: 2 },
    label: {
      show: true,
      position: 'right',
      color: '#595959',
      formatter: (p: { name: string }) => p.name,
      backgroundColor: 'rgba(255,255,255,0.85)',
      padding: [2, 4],
      borderRadius: 3,
    },
    labelLayout: { moveOverlap: 'shiftY' },
    data: seed.map((s) => ({ name: seedLabel(s, t).name, value: [s.ordersPerWeek, s.aovFen / 100] })),
  };
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; name: string; value: [number, number, string?] }) => {
        const [f, aov, id] = p.value;
        const head = id ? `${p.seriesName}<br/>${id}` : `${p.seriesName}: ${p.name}`;
        return `${head}<br/>${t('personas.ordersPerWeek')}: ${f.toFixed(2)}<br/>${t('personas.aov')}: ${yuan(aov * 100)}`;
      },
    },
    legend: { top: 0, type: 'scroll', formatter: legendName },
    grid: { left: 72, right: 32, top: 48, bottom: 48 },
    xAxis: {
      type: 'log',
      ...axisTitle(t('personas.ordersPerWeek'), 28),
      axisLabel: { formatter: (v: number) => String(Number(v.toPrecision(2))) },
    },
    yAxis: {
      type: 'log',
      ...axisTitle(t('personas.aovYuan'), 48),
      axisLabel: { formatter: (v: number) => `¥${Number(v.toPrecision(3))}` },
    },
    series: [...members, centres, plan],
  };
}

/** Long multi-word names on several lines, so the radar's labels stay inside the chart. */
function wrapWords(text: string, width: number): string {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + word.length + 1 <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.join('\n');
}

/** The categories worth drawing: those any persona spends at least 2 % on, biggest first. */
export function radarCategories(personas: Persona[]): string[] {
  const max = new Map<string, number>();
  for (const p of personas)
    for (const [code, share] of Object.entries(p.profile.shares))
      max.set(code, Math.max(max.get(code) ?? 0, share));
  return [...max.entries()]
    .filter(([, v]) => v >= 0.02)
    .sort((a, b) => b[1] - a[1])
    .map(([code]) => code);
}

/** Share of spend per top-level category, one polygon per persona on a common scale. */
export function radarOption(
  personas: Persona[],
  categoryName: (code: string) => string,
  lang: string,
): ChartOption {
  const codes = radarCategories(personas);
  const top = Math.max(0.05, ...personas.flatMap((p) => codes.map((c) => p.profile.shares[c] ?? 0)));
  const max = Math.ceil(top * 20) / 20;
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: number[] }) =>
        [p.name, ...codes.map((c, i) => `${categoryName(c)}: ${pct(p.value[i])}`)].join('<br/>'),
    },
    legend: { bottom: 0, type: 'scroll', formatter: legendName },
    radar: {
      radius: '54%',
      center: ['50%', '48%'],
      indicator: codes.map((c) => ({ name: categoryName(c), max })),
      axisName: { color: '#595959', lineHeight: 14, formatter: (name: string) => wrapWords(name, 12) },
    },
    series: [
      {
        type: 'radar',
        symbolSize: 4,
        areaStyle: { opacity: 0.08 },
        data: personas.map((p) => ({
          name: personaName(p, lang),
          value: codes.map((c) => p.profile.shares[c] ?? 0),
          itemStyle: { color: personaColor(p.idx) },
          lineStyle: { color: personaColor(p.idx) },
        })),
      },
    ],
  };
}

/** Silhouette of every k tried; the one kept is highlighted. */
export function silhouetteOption(
  tried: Array<{ k: number; silhouette: number }>,
  chosen: number,
  t: Translate,
): ChartOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => v.toFixed(3) },
    grid: { left: 44, right: 16, top: 16, bottom: 36 },
    xAxis: {
      type: 'category',
      ...axisTitle('k', 24),
      data: tried.map((x) => String(x.k)),
    },
    yAxis: { type: 'value', name: '', min: 0, axisLabel: { formatter: (v: number) => v.toFixed(2) } },
    series: [
      {
        name: t('personas.silhouette'),
        type: 'bar',
        barMaxWidth: 28,
        label: { show: true, position: 'top', formatter: (p: { value: number }) => p.value.toFixed(2) },
        data: tried.map((x) => ({
          value: x.silhouette,
          itemStyle: { color: x.k === chosen ? '#00a870' : '#bfbfbf' },
        })),
      },
    ],
  };
}
