import { shanghaiDayOf, sql, type SQL } from '../../platform/db/fragments.ts';
import type { FieldSpec } from './field-spec.ts';
import { MODEL_FIELDS } from './model-fields.ts';
import { TEXT_FIELDS } from './text-fields.ts';

/**
 * What a tag rule may test. `m` is the member row, `f` the member's rolling aggregates
 * (member_features, absent for members without orders or events), `now` the evaluation instant.
 * Counts read as 0 when there is no aggregate row yet.
 */
export type { FieldSpec, FieldType } from './field-spec.ts';

const zero = (column: string) => () => sql.raw(`coalesce(f.${column}, 0)`);
/** The evaluation instant's Shanghai calendar day. */
const today = (now: Date) => shanghaiDayOf(sql`${now}::timestamptz`);
const daysSince = (expr: SQL, now: Date) => sql`(${today(now)} - ${shanghaiDayOf(expr)})`;
// a scalar lookup on the consents' primary key: an EXISTS here would be planned as a scan of all
// consents per member when many rules share one statement (the one-pass evaluation)
const consent = (channel: string) => () =>
  sql`coalesce((SELECT c.granted FROM member_consents c WHERE c.member_id = m.id AND c.channel = ${channel}::text), false)`;

export const FIELDS: Record<string, FieldSpec> = {
  ...MODEL_FIELDS,
  ...TEXT_FIELDS,
  gender: { type: 'text', labelZh: '性别', labelEn: 'Gender', sql: () => sql`m.gender` },
  device_type: { type: 'text', labelZh: '设备', labelEn: 'Device', sql: () => sql`m.device_type` },
  community_id: { type: 'text', labelZh: '社区', labelEn: 'Community', sql: () => sql`m.community_id` },
  pickup_point_id: {
    type: 'text',
    labelZh: '自提点',
    labelEn: 'Pickup point',
    sql: () => sql`m.pickup_point_id`,
  },
  age_years: {
    type: 'number',
    labelZh: '年龄',
    labelEn: 'Age',
    unit: 'years',
    sql: (now) => sql`date_part('year', age(${today(now)}, m.birthday))`,
  },
  birthday_this_month: {
    type: 'bool',
    labelZh: '本月生日',
    labelEn: 'Birthday this month',
    sql: (now) => sql`(extract(month FROM m.birthday) = extract(month FROM ${today(now)}))`,
  },
  tenure_days: {
    type: 'number',
    labelZh: '入会天数',
    labelEn: 'Days since joining',
    unit: 'days',
    sql: (now) => daysSince(sql`coalesce(m.registered_at, m.created_at)`, now),
  },
  has_phone: {
    type: 'bool',
    labelZh: '留有手机号',
    labelEn: 'Has a phone number',
    sql: () => sql`(m.phone_hash IS NOT NULL)`,
  },
  referred: {
    type: 'bool',
    labelZh: '被推荐入会',
    labelEn: 'Joined by referral',
    sql: () => sql`(m.referrer_id IS NOT NULL)`,
  },
  is_stub: { type: 'bool', labelZh: '资料待补全', labelEn: 'Profile missing', sql: () => sql`m.is_stub` },
  referrals: {
    type: 'number',
    labelZh: '推荐入会人数',
    labelEn: 'Members referred',
    sql: () => sql`(SELECT count(*) FROM members r WHERE r.referrer_id = m.id)`,
  },
  consent_sms: { type: 'bool', labelZh: '同意短信营销', labelEn: 'SMS consent', sql: consent('sms') },
  consent_wechat: {
    type: 'bool',
    labelZh: '同意微信营销',
    labelEn: 'WeChat consent',
    sql: consent('wechat'),
  },
  consent_wecom: { type: 'bool', labelZh: '同意企微营销', labelEn: 'WeCom consent', sql: consent('wecom') },
  consent_in_app: {
    type: 'bool',
    labelZh: '同意站内消息',
    labelEn: 'In-app consent',
    sql: consent('in_app'),
  },

  orders_total: {
    type: 'number',
    labelZh: '累计订单数',
    labelEn: 'Orders, all time',
    sql: zero('orders_total'),
  },
  spend_total_fen: {
    type: 'number',
    labelZh: '累计消费',
    labelEn: 'Spend, all time',
    unit: 'fen',
    sql: zero('spend_total_fen'),
  },
  orders_7d: { type: 'number', labelZh: '近7天订单数', labelEn: 'Orders, 7 days', sql: zero('orders_7d') },
  orders_30d: {
    type: 'number',
    labelZh: '近30天订单数',
    labelEn: 'Orders, 30 days',
    sql: zero('orders_30d'),
  },
  orders_90d: {
    type: 'number',
    labelZh: '近90天订单数',
    labelEn: 'Orders, 90 days',
    sql: zero('orders_90d'),
  },
  spend_30d_fen: {
    type: 'number',
    labelZh: '近30天消费',
    labelEn: 'Spend, 30 days',
    unit: 'fen',
    sql: zero('spend_30d_fen'),
  },
  spend_90d_fen: {
    type: 'number',
    labelZh: '近90天消费',
    labelEn: 'Spend, 90 days',
    unit: 'fen',
    sql: zero('spend_90d_fen'),
  },
  aov_90d_fen: {
    type: 'number',
    labelZh: '近90天客单价',
    labelEn: 'Average order value, 90 days',
    unit: 'fen',
    sql: () => sql`(f.spend_90d_fen / nullif(f.orders_90d, 0))`,
  },
  days_since_last_order: {
    type: 'number',
    labelZh: '距上次下单天数',
    labelEn: 'Days since the last order',
    unit: 'days',
    sql: (now) => daysSince(sql`f.last_order_at`, now),
  },
  days_since_first_order: {
    type: 'number',
    labelZh: '距首单天数',
    labelEn: 'Days since the first order',
    unit: 'days',
    sql: (now) => daysSince(sql`f.first_order_at`, now),
  },
  days_since_active: {
    type: 'number',
    labelZh: '距上次活跃天数',
    labelEn: 'Days since last active',
    unit: 'days',
    sql: (now) => daysSince(sql`f.last_active_at`, now),
  },
  refunded_orders_90d: {
    type: 'number',
    labelZh: '近90天退款订单数',
    labelEn: 'Refunded orders, 90 days',
    sql: zero('refunded_orders_90d'),
  },
  refund_rate_90d: {
    type: 'number',
    labelZh: '近90天退款率',
    labelEn: 'Refund rate, 90 days',
    unit: 'share',
    sql: () => sql`(f.refunded_orders_90d::float8 / nullif(f.orders_90d, 0))`,
  },
  discount_share_90d: {
    type: 'number',
    labelZh: '近90天用券订单占比',
    labelEn: 'Share of discounted orders, 90 days',
    unit: 'share',
    sql: () => sql`(f.discount_orders_90d::float8 / nullif(f.orders_90d, 0))`,
  },
  category_share_90d: {
    type: 'map',
    labelZh: '近90天品类消费占比',
    labelEn: 'Category share of spend, 90 days',
    unit: 'share',
    sql: () => sql`f.category_share_90d`,
  },
  dwell_ms_30d: {
    type: 'number',
    labelZh: '近30天内容停留时长',
    labelEn: 'Content dwell time, 30 days',
    unit: 'ms',
    sql: zero('dwell_ms_30d'),
  },
  avg_rating_90d: {
    type: 'number',
    labelZh: '近90天平均评分',
    labelEn: 'Average rating, 90 days',
    unit: 'stars',
    sql: () => sql`f.avg_rating_90d`,
  },
};

/** A map field's value at one key, as a number (absent keys read as 0). */
export function mapValue(field: FieldSpec, key: string, now: Date): SQL {
  return sql`coalesce((${field.sql(now)} ->> ${key})::float8, 0)`;
}

/** A member's count of an event type in a window (kept in member_features.events). */
export function eventCount(type: string, windowDays: number): SQL {
  return sql`coalesce((f.events ->> ${`${type}_${windowDays}d`})::int, 0)`;
}
