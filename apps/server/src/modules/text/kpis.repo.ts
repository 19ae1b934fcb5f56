import { ASPECTS } from '@linli/text';
import { inMembers, sql, type SQL } from '../../platform/db/fragments.ts';

/** The per-member text signals kept in member_features.text_signals (absent keys read as 0). */
export const TEXT_SIGNALS = [
  'texts_90d',
  'negative_90d',
  'negative_reviews_30d',
  'positive_reviews_90d',
  'negative_complaints_30d',
  'max_intensity_30d',
  'max_intensity_90d',
  'risk_high_90d',
  ...ASPECTS.map((a) => `neg_${a}_90d`),
  ...ASPECTS.map((a) => `pos_${a}_90d`),
] as const;

/**
 * Per member over the 90 days up to `now`: how many texts, how many negative (reviews over 30
 * days), the highest complaint intensity, high-severity risk hits, and per aspect how many texts
 * were negative or positive about it. Zero counts are left out of the jsonb.
 */
export function memberTextSignalsFragment(now: Date, members: string[] | null = null): SQL {
  const within = (days: number) => sql`t.occurred_at > ${now}::timestamptz - make_interval(days => ${days})`;
  const count = (key: string, when: SQL) => sql`${key}::text, nullif(count(*) FILTER (WHERE ${when}), 0)`;
  const parts = [
    sql`'texts_90d'::text, count(*)`,
    count('negative_90d', sql`t.label = 0`),
    count('negative_reviews_30d', sql`t.label = 0 AND t.source = 'review' AND ${within(30)}`),
    count('positive_reviews_90d', sql`t.label = 1 AND t.source = 'review'`),
    count('negative_complaints_30d', sql`t.label = 0 AND t.source = 'complaint' AND ${within(30)}`),
    sql`'max_intensity_30d'::text, nullif(max(t.intensity) FILTER (WHERE ${within(30)}), 0)`,
    sql`'max_intensity_90d'::text, nullif(max(t.intensity), 0)`,
    count('risk_high_90d', sql`t.risk_level = 3`),
    ...ASPECTS.map((a, i) => count(`neg_${a}_90d`, sql`t.aspects_negative & ${1 << i}::int <> 0`)),
    ...ASPECTS.map((a, i) => count(`pos_${a}_90d`, sql`t.aspects_positive & ${1 << i}::int <> 0`)),
  ];
  return sql`SELECT t.member_id, jsonb_strip_nulls(jsonb_build_object(${sql.join(parts, sql`, `)})) AS text_signals
    FROM text_scores t WHERE ${within(90)} AND t.occurred_at <= ${now} ${inMembers(sql`t.member_id`, members)}
    GROUP BY t.member_id`;
}
