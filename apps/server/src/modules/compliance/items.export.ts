/**
 * The item list as Excel or CSV (UTF-8 with BOM, which Excel opens as UTF-8), paged through the
 * same query as the list so memory stays flat. Copy is data, not a formula: a cell starting with
 * = + - @ gets a leading apostrophe in CSV (Excel would run it); XLSX strings are never formulas.
 * Audited, since copy and reviewers' names leave the system.
 */
import { Readable } from 'node:stream';
import type { ComplianceItem } from '@linli/contracts/compliance';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { allItems, shanghaiMinute, streamWorkbook } from '../../platform/xlsx-stream.ts';
import { listItemsPage, type ListQuery } from './detail.service.ts';

const PAGE = 1_000;

const HEADERS = {
  'zh-CN': [
    '编号',
    '类型',
    '渠道',
    '标题',
    '状态',
    '待审环节',
    '处理人',
    '当前版本',
    '已批准版本',
    '初筛结果',
    '命中数',
    '高风险',
    '作者',
    '提交时间',
    '更新时间',
    '文案摘要',
  ],
  'en-US': [
    'Id',
    'Type',
    'Channel',
    'Title',
    'Status',
    'Stage',
    'Assignee',
    'Version',
    'Approved version',
    'Screen',
    'Hits',
    'High risk',
    'Author',
    'Submitted',
    'Updated',
    'Copy',
  ],
} as const;
const WIDTHS = [26, 16, 14, 24, 10, 10, 14, 8, 10, 10, 8, 8, 14, 18, 18, 60];

const rowOf = (i: ComplianceItem<Date>): unknown[] => [
  i.id,
  i.type,
  i.channel,
  i.title,
  i.status,
  i.stage ?? '',
  i.assignee ?? '',
  i.currentVersion,
  i.approvedVersion ?? '',
  i.verdict,
  i.hits,
  i.highRisk ? 1 : 0,
  i.author,
  shanghaiMinute.format(i.createdAt),
  shanghaiMinute.format(i.updatedAt),
  i.preview,
];

export function csvCell(v: unknown): string {
  let s = String(v ?? '');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function exportItems(
  ctx: Ctx,
  q: ListQuery,
  format: 'xlsx' | 'csv',
  lang: 'zh-CN' | 'en-US',
): Readable {
  async function* items() {
    for await (const i of allItems((cursor) => listItemsPage(ctx, q, { limit: PAGE, cursor })))
      yield rowOf(i);
  }
  const audit = (rows: number) =>
    recordAudit(ctx, { action: 'export', entity: 'compliance_items', after: { filter: q, format, rows } });
  if (format === 'xlsx')
    return streamWorkbook(
      lang === 'zh-CN' ? '合规审核' : 'Compliance',
      HEADERS[lang].map((header, i) => ({ header, width: WIDTHS[i]! })),
      items(),
      audit,
    );
  async function* csv() {
    yield '\uFEFF' + HEADERS[lang].map(csvCell).join(',') + '\r\n';
    let n = 0;
    for await (const r of items()) {
      n++;
      yield r.map(csvCell).join(',') + '\r\n';
    }
    await audit(n);
  }
  return Readable.from(csv());
}
