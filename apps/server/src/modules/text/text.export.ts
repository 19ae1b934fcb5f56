import type { Readable } from 'node:stream';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { allItems, shanghaiMinute, streamWorkbook } from '../../platform/xlsx-stream.ts';
import { listTexts, type TextFilter } from './explorer.ts';

const PAGE = 2_000;
/** Excel refuses cells over 32,767 characters; the explorer's texts are capped well below. */
const WIDTHS = [18, 24, 14, 10, 60, 8, 10, 10, 30, 24];

const HEADERS = {
  'zh-CN': ['时间', '会员编号', '昵称', '来源', '内容', '情感', 'P(正面)', '情绪值', '方面', '风险词'],
  'en-US': [
    'Time',
    'Member id',
    'Nickname',
    'Source',
    'Text',
    'Sentiment',
    'P(positive)',
    'Intensity',
    'Aspects',
    'Risk words',
  ],
} as const;

const WORDS = {
  'zh-CN': { pos: '正面', neg: '负面' },
  'en-US': { pos: 'positive', neg: 'negative' },
} as const;

/** The texts matching a filter as a streamed XLSX workbook; audited with the filter. */
export function exportTexts(ctx: Ctx, f: TextFilter, lang: 'zh-CN' | 'en-US'): Readable {
  async function* rows() {
    for await (const t of allItems((cursor) => listTexts(ctx, f, { limit: PAGE, cursor })))
      yield [
        shanghaiMinute.format(new Date(t.occurredAt)),
        t.memberId,
        t.nickname ?? '',
        t.source,
        t.text,
        t.label ? WORDS[lang].pos : WORDS[lang].neg,
        Math.round(t.probability * 1000) / 1000,
        t.intensity,
        t.aspects.map((a) => `${a.aspect}${a.polarity > 0 ? '+' : a.polarity < 0 ? '-' : ''}`).join(' '),
        t.riskHits.map((h) => `${h.term}(${h.severity})`).join(' '),
      ];
  }
  return streamWorkbook(
    lang === 'zh-CN' ? '文本' : 'Texts',
    HEADERS[lang].map((header, i) => ({ header, width: WIDTHS[i]! })),
    rows(),
    (written) => recordAudit(ctx, { action: 'export', entity: 'texts', after: { rows: written, filter: f } }),
  );
}
