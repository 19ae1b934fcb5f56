/**
 * Downloads of a test: its results as an Excel workbook (arms, comparisons, daily looks, main
 * effects), and its units as CSV (one row per member with every outcome) — the file
 * `linli experiments analyze` reads to check the console's figures from scratch.
 */
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import type { ExperimentResults } from '@linli/contracts/experiments';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { shanghaiMinute } from '../../platform/xlsx-stream.ts';
import { levelsOf } from './definition.ts';
import type { ExperimentRow } from './experiments.repo.ts';
import { unitPage } from './stats.repo.ts';

type Lang = 'zh-CN' | 'en-US';

const T = {
  'zh-CN': {
    arms: '各组',
    comparisons: '对比',
    looks: '逐日累计',
    effects: '主效应',
    armCols: [
      '分组',
      '因子',
      '对照',
      '人数',
      '期望人数',
      '转化率',
      '停留(ms)',
      '分享率',
      '人均GMV(元)',
      '综合分',
      '退订率',
      '投诉率',
      '退款率',
    ],
    cmpCols: [
      '因子',
      '分组',
      '指标',
      '检验',
      '对照均值',
      '均值',
      '绝对提升',
      '95%下限',
      '95%上限',
      '相对提升',
      'p值',
      'Holm p',
      'BH p',
      '序贯p',
      '胜过对照概率',
      'CUPED提升',
      'CUPED下限',
      'CUPED上限',
      'CUPED p',
      '方差缩减',
    ],
    lookCols: [
      '因子',
      '日期',
      '信息比例',
      '边界|z|',
      '分组',
      '累计人数',
      '绝对提升',
      '下限',
      '上限',
      'z',
      '序贯p',
    ],
    effCols: ['指标', '因子', '水平', '效应', '标准误', '下限', '上限', 'p值'],
  },
  'en-US': {
    arms: 'Arms',
    comparisons: 'Comparisons',
    looks: 'Daily looks',
    effects: 'Main effects',
    armCols: [
      'Arm',
      'Factor',
      'Control',
      'Units',
      'Expected',
      'Conversion',
      'Dwell (ms)',
      'Share rate',
      'Revenue/member (¥)',
      'Score',
      'Unsubscribe',
      'Complaint',
      'Refund',
    ],
    cmpCols: [
      'Factor',
      'Arm',
      'Metric',
      'Test',
      'Control mean',
      'Mean',
      'Absolute lift',
      '95% low',
      '95% high',
      'Relative lift',
      'p',
      'Holm p',
      'BH p',
      'Sequential p',
      'Chance to beat control',
      'CUPED lift',
      'CUPED low',
      'CUPED high',
      'CUPED p',
      'Variance reduction',
    ],
    lookCols: [
      'Factor',
      'Date',
      'Information',
      'Boundary |z|',
      'Arm',
      'Units so far',
      'Absolute lift',
      'Low',
      'High',
      'z',
      'Sequential p',
    ],
    effCols: ['Metric', 'Factor', 'Level', 'Effect', 'SE', 'Low', 'High', 'p'],
  },
} as const;

const v = (x: number | null | undefined) => (x === null || x === undefined ? '' : x);
const yuan = (fen: number | null) => (fen === null ? '' : fen / 100);

export async function resultsWorkbook(ctx: Ctx, r: ExperimentResults<Date>, lang: Lang): Promise<Buffer> {
  const t = T[lang];
  const book = new ExcelJS.Workbook();
  const sheet = (name: string, cols: readonly string[]) => {
    const s = book.addWorksheet(name);
    s.columns = cols.map((header) => ({ header, width: Math.max(10, header.length * 2) }));
    s.getRow(1).font = { bold: true };
    return s;
  };
  const arms = sheet(t.arms, t.armCols);
  const cmp = sheet(t.comparisons, t.cmpCols);
  const looks = sheet(t.looks, t.lookCols);
  for (const g of r.groups) {
    const factor = g.factor ?? '';
    for (const a of g.arms)
      arms.addRow([
        a.arm,
        factor,
        a.control ? '✓' : '',
        a.n,
        Math.round(a.expected * 10) / 10,
        v(a.metrics.conversion.mean),
        v(a.metrics.dwell.mean),
        v(a.metrics.share.mean),
        yuan(a.metrics.revenue.mean),
        v(a.metrics.score.mean),
        v(a.guardrails.unsubscribe),
        v(a.guardrails.complaint),
        v(a.guardrails.refund),
      ]);
    for (const c of g.comparisons)
      cmp.addRow([
        factor,
        c.arm,
        c.metric,
        c.test,
        v(c.controlMean),
        v(c.mean),
        v(c.absoluteLift),
        v(c.ciLow),
        v(c.ciHigh),
        v(c.relativeLift),
        v(c.pValue),
        v(c.pValueHolm),
        v(c.pValueBH),
        v(c.pValueSequential),
        v(c.chanceToBeatControl),
        v(c.cuped?.absoluteLift),
        v(c.cuped?.ciLow),
        v(c.cuped?.ciHigh),
        v(c.cuped?.pValue),
        v(c.cuped?.varianceReduction),
      ]);
    for (const l of g.looks)
      for (const a of l.arms)
        looks.addRow([
          factor,
          l.date,
          v(l.fraction),
          v(l.boundary),
          a.arm,
          a.n,
          v(a.absoluteLift),
          v(a.ciLow),
          v(a.ciHigh),
          v(a.z),
          v(a.pValueSequential),
        ]);
  }
  if (r.factorial) {
    const eff = sheet(t.effects, t.effCols);
    for (const f of r.factorial)
      for (const e of f.effects)
        eff.addRow([f.metric, e.factor, e.level, e.estimate, v(e.se), v(e.ciLow), v(e.ciHigh), v(e.pValue)]);
  }
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  await recordAudit(ctx, {
    action: 'export',
    entity: 'experiment_results',
    entityId: r.experiment.id,
    after: { lang, units: r.units },
  });
  return buffer;
}

const PAGE = 5000;

/**
 * Every unit as a CSV line, page by page in member order (memory stays flat). `variant` is the arm;
 * a factorial test adds one column per factor. Dwell is raw: winsorise with `--winsorize`.
 */
export function unitsCsv(ctx: Ctx, e: ExperimentRow, now = new Date()): Readable {
  const factors = e.design === 'factorial' ? e.factors! : [];
  async function* lines() {
    yield `member_id,variant,${factors.map((f) => `${f.name},`).join('')}first_at,converted,revenue_fen,dwell_ms,shared,orders_28d,unsubscribed,complained,refunded\n`;
    let after = '';
    let written = 0;
    for (;;) {
      const page = await unitPage(ctx.database.pool, e, now, after, PAGE);
      if (!page.length) break;
      let chunk = '';
      for (const u of page) {
        const levels = factors.length ? levelsOf(factors, u.arm) : null;
        const cols = factors.map((f) => `${levels?.[f.name] ?? ''},`).join('');
        chunk += `${u.member_id},${u.arm},${cols}${shanghaiMinute.format(u.first_at)},${u.c},${u.r},${u.dw},${u.s},${u.x},${u.u},${u.k},${u.f}\n`;
      }
      written += page.length;
      after = page.at(-1)!.member_id;
      yield chunk;
      if (page.length < PAGE) break;
    }
    await recordAudit(ctx, {
      action: 'export',
      entity: 'experiment_units',
      entityId: e.id,
      after: { rows: written },
    });
  }
  return Readable.from(lines());
}
