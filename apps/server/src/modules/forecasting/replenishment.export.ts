import type { Readable } from 'node:stream';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { streamWorkbook } from '../../platform/xlsx-stream.ts';
import { readLines } from './lines.repo.ts';

const HEADERS = {
  'zh-CN': [
    '提货日期',
    '商品编码',
    '商品名称',
    '品类',
    '单位',
    '建议采购量',
    '人工调整',
    '调整原因',
    '最终采购量',
    '已下单',
    '预测P10',
    '预测P50',
    '预测P90',
    '损耗率',
    '进价(元)',
    '采购金额(元)',
    '自提点数',
    '模型',
  ],
  'en-US': [
    'Pickup date',
    'SKU',
    'Name',
    'Category',
    'Unit',
    'Suggested qty',
    'Override',
    'Override reason',
    'Final qty',
    'Booked',
    'Forecast P10',
    'Forecast P50',
    'Forecast P90',
    'Loss rate',
    'Unit cost (¥)',
    'Purchase cost (¥)',
    'Pickup points',
    'Model',
  ],
} as const;
const WIDTHS = [12, 16, 24, 16, 6, 12, 10, 24, 12, 10, 10, 10, 10, 8, 10, 14, 10, 14];

const yuan = (fen: number | null) => (fen === null ? '' : Math.round(fen) / 100);

/**
 * A pickup date's purchase list as a streamed XLSX workbook, overrides applied: what the buyer
 * takes to market. Every line with something to buy, booked or overridden; audited.
 */
export function exportReplenishment(ctx: Ctx, pickupDate: string, lang: 'zh-CN' | 'en-US'): Readable {
  async function* rows() {
    for (const l of await readLines(ctx.database.pool, pickupDate)) {
      if (!(l.suggestedQty > 0 || l.booked > 0 || l.override)) continue;
      yield [
        pickupDate,
        l.sku,
        l.name,
        l.category,
        l.unit,
        l.suggestedQty,
        l.override?.qty ?? '',
        l.override?.reason ?? '',
        l.finalQty,
        l.booked,
        l.forecast.p10,
        l.forecast.p50,
        l.forecast.p90,
        Math.round(l.lossRate * 1000) / 1000,
        yuan(l.unitCostFen),
        yuan(l.costFen),
        l.points,
        l.model,
      ];
    }
  }
  return streamWorkbook(
    lang === 'zh-CN' ? `采购清单 ${pickupDate}` : `Purchase ${pickupDate}`,
    HEADERS[lang].map((header, i) => ({ header, width: WIDTHS[i]! })),
    rows(),
    (written) =>
      recordAudit(ctx, {
        action: 'export',
        entity: 'replenishment',
        entityId: pickupDate,
        after: { rows: written },
      }),
  );
}
