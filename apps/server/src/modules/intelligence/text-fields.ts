import { sql } from '../../platform/db/fragments.ts';
import type { FieldSpec } from './field-spec.ts';

/** Aspect names as operators read them. */
const ASPECT_LABELS: Record<string, [string, string]> = {
  freshness: ['新鲜度/品质', 'freshness and quality'],
  quantity: ['分量', 'quantity'],
  delivery: ['配送/自提', 'delivery and pickup'],
  price: ['价格', 'price'],
  service: ['服务/团长', 'service and leader'],
  food_safety: ['食品安全', 'food safety'],
  packaging: ['包装', 'packaging'],
};

const signal = (key: string) => () => sql`coalesce((f.text_signals ->> ${key})::float8, 0)`;

function field(key: string, labelZh: string, labelEn: string): FieldSpec {
  return { type: 'number', labelZh, labelEn, sql: signal(key) };
}

/**
 * Fields from what members write (member_features.text_signals, scored by the text module): the
 * inputs of the text-based emotion tags, open to operators' own rules too.
 */
export const TEXT_FIELDS: Record<string, FieldSpec> = {
  texts_90d: field('texts_90d', '近90天文本数（评价/投诉/晒单等）', 'Texts written, 90 days'),
  negative_texts_90d: field('negative_90d', '近90天负面文本数', 'Negative texts, 90 days'),
  negative_text_share_90d: {
    type: 'number',
    labelZh: '近90天负面文本占比',
    labelEn: 'Share of negative texts, 90 days',
    unit: 'share',
    sql: () =>
      sql`(coalesce((f.text_signals ->> 'negative_90d')::float8, 0) / nullif((f.text_signals ->> 'texts_90d')::float8, 0))`,
  },
  negative_reviews_30d: field(
    'negative_reviews_30d',
    '近30天差评数（语义）',
    'Negative reviews by text, 30 days',
  ),
  positive_reviews_90d: field(
    'positive_reviews_90d',
    '近90天好评数（语义）',
    'Positive reviews by text, 90 days',
  ),
  negative_complaints_30d: field(
    'negative_complaints_30d',
    '近30天负面投诉数',
    'Negative complaints, 30 days',
  ),
  max_complaint_intensity_30d: field(
    'max_intensity_30d',
    '近30天最高投诉情绪值',
    'Highest complaint intensity, 30 days',
  ),
  max_complaint_intensity_90d: field(
    'max_intensity_90d',
    '近90天最高投诉情绪值',
    'Highest complaint intensity, 90 days',
  ),
  risk_high_texts_90d: field(
    'risk_high_90d',
    '近90天高危风险词文本数',
    'Texts with high-risk keywords, 90 days',
  ),
  ...Object.fromEntries(
    Object.entries(ASPECT_LABELS).flatMap(([a, [zh, en]]) => [
      [
        `negative_${a}_90d`,
        field(`neg_${a}_90d`, `近90天对${zh}不满的文本数`, `Texts unhappy about ${en}, 90 days`),
      ],
      [
        `positive_${a}_90d`,
        field(`pos_${a}_90d`, `近90天称赞${zh}的文本数`, `Texts praising ${en}, 90 days`),
      ],
    ]),
  ),
};
