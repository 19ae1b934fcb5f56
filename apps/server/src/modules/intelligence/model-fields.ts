import { sql, type SQL } from '../../platform/db/fragments.ts';
import type { FieldSpec } from './field-spec.ts';

/**
 * Fields read from the models' latest fits (member_values, member_personas): what `model` tags and
 * segments test. Members the models have not scored (no orders yet) read as null.
 */
const value = (column: string): SQL =>
  sql.raw(`(SELECT v.${column} FROM member_values v WHERE v.member_id = m.id)`);

export const MODEL_FIELDS: Record<string, FieldSpec> = {
  value_quadrant: {
    type: 'text',
    labelZh: '价值象限',
    labelEn: 'Value quadrant',
    sql: () => value('quadrant'),
  },
  persona: {
    type: 'text',
    labelZh: '人群画像',
    labelEn: 'Persona',
    sql: () => sql`(SELECT mp.idx::text FROM member_personas mp WHERE mp.member_id = m.id)`,
  },
  p_alive: {
    type: 'number',
    labelZh: '活跃概率 P(alive)',
    labelEn: 'P(alive)',
    unit: 'share',
    sql: () => value('p_alive'),
  },
  churn_risk: {
    type: 'number',
    labelZh: '流失风险',
    labelEn: 'Churn risk',
    unit: 'share',
    sql: () => value('churn_risk'),
  },
  clv_fen: {
    type: 'number',
    labelZh: '预测 CLV',
    labelEn: 'Predicted CLV',
    unit: 'fen',
    sql: () => value('clv_fen'),
  },
  expected_orders_90d: {
    type: 'number',
    labelZh: '预计未来90天订单数',
    labelEn: 'Expected orders, next 90 days',
    sql: () => value('expected_orders_90d'),
  },
  arpu_fen: {
    type: 'number',
    labelZh: 'ARPU（月均消费）',
    labelEn: 'ARPU (per active month)',
    unit: 'fen',
    sql: () => value('arpu_fen'),
  },
};
