import { all, f, type Def } from './dsl.ts';

/**
 * Model tags: what the fitted models say of a member (value quadrant, churn risk, predicted CLV
 * band, P(alive)). They follow the nightly fits; members the models have not scored carry none.
 */
export const MODEL_TAGS: Def[] = [
  [
    'quadrant_pyramid_top',
    'model',
    '金字塔顶端',
    'Pyramid top',
    '预测 CLV 最高的 2%（可在价值象限页调整），提供 VIP 专属服务',
    f('value_quadrant', '=', 'pyramid_top'),
  ],
  [
    'quadrant_value_depression',
    'model',
    '价值洼地',
    'Untapped value',
    '预测 CLV 高但近期 ARPU 低，适合精准唤醒',
    f('value_quadrant', '=', 'value_depression'),
  ],
  [
    'quadrant_churn_warning',
    'model',
    '流失预警',
    'Churn warning',
    '曾经贡献不低但活跃概率已跌破阈值，进入老友回归计划',
    f('value_quadrant', '=', 'churn_warning'),
  ],
  [
    'quadrant_potential',
    'model',
    '潜力股',
    'Potential',
    '其余已下单会员，用成长体系培育',
    f('value_quadrant', '=', 'potential'),
  ],
  [
    'churn_risk_high',
    'model',
    '高流失风险',
    'High churn risk',
    '模型预测未来 90 天不下单的概率 ≥ 70%',
    f('churn_risk', '>=', 0.7),
  ],
  [
    'churn_risk_medium',
    'model',
    '中流失风险',
    'Medium churn risk',
    '未来 90 天不下单的概率在 40%–70% 之间',
    all(f('churn_risk', '>=', 0.4), f('churn_risk', '<', 0.7)),
  ],
  [
    'clv_band_high',
    'model',
    '高 CLV',
    'High predicted CLV',
    '预测生命周期价值 ≥ ¥2,000',
    f('clv_fen', '>=', 200_000),
  ],
  [
    'clv_band_mid',
    'model',
    '中 CLV',
    'Mid predicted CLV',
    '预测生命周期价值 ¥500–2,000',
    f('clv_fen', 'between', [50_000, 199_999]),
  ],
  [
    'clv_band_low',
    'model',
    '低 CLV',
    'Low predicted CLV',
    '预测生命周期价值不足 ¥500',
    f('clv_fen', '<', 50_000),
  ],
  [
    'likely_alive',
    'model',
    '大概率仍活跃',
    'Likely still active',
    'BG/NBD 估计仍为活跃客户的概率 ≥ 90%',
    f('p_alive', '>=', 0.9),
  ],
];
