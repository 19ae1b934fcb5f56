import {
  EXPERIMENT_METRICS,
  type ExperimentMetric,
  type ExperimentView,
  type FactorialResult,
} from '@linli/contracts/experiments';
import { Alert, Card, Descriptions, Flex, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { EChart } from '../../app/EChart.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { metricValue } from './bits.tsx';
import { heatmapOption } from './charts.ts';

/** How a main effect reads on the heat map: points for rates, seconds, yuan, score hundredths. */
function scaleOf(metric: ExperimentMetric): { scale: (v: number) => number; unit: string } {
  if (metric === 'conversion' || metric === 'share') return { scale: (v) => v * 100, unit: 'pt' };
  if (metric === 'dwell') return { scale: (v) => v / 1000, unit: 's' };
  if (metric === 'revenue') return { scale: (v) => v / 100, unit: '¥' };
  return { scale: (v) => v * 100, unit: '/100' };
}

/**
 * The factorial view: each level's main effect against its factor's reference level (OLS, HC1),
 * as a heat map, and the best predicted combination with its interval — the content to ship.
 */
export function FactorialCard({
  fits,
  experiment,
  onShip,
}: {
  fits: FactorialResult[];
  experiment: ExperimentView;
  onShip?: (arm: string) => void;
}) {
  const { t } = useI18n();
  const [metric, setMetric] = useState<ExperimentMetric>(experiment.metrics.primary);
  const fit = fits.find((f) => f.metric === metric)!;
  const { scale, unit } = scaleOf(metric);
  const bestArm = (experiment.factors ?? []).map((f) => fit.best.levels[f.name]).join('|');
  return (
    <Card
      size="small"
      title={t('experiments.factorial.title')}
      extra={
        <Segmented<ExperimentMetric>
          value={metric}
          onChange={setMetric}
          options={EXPERIMENT_METRICS.map((m) => ({ value: m, label: t(`experiments.metrics.${m}`) }))}
        />
      }
      data-testid="factorial-card"
    >
      {fit.error ? (
        <Alert type="info" showIcon message={fit.error} />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t('experiments.factorial.subtitle', { unit })}</Typography.Text>
          <EChart
            option={heatmapOption(fit, scale, unit)}
            height={90 + 56 * Object.keys(fit.levels).length}
            testId="heatmap-chart"
          />
          <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered data-testid="best-combination">
            <Descriptions.Item label={t('experiments.factorial.best')}>
              {Object.entries(fit.best.levels)
                .map(([f, l]) => `${f}=${l}`)
                .join(' · ')}
            </Descriptions.Item>
            <Descriptions.Item label={t('experiments.factorial.predicted')}>
              {metricValue(metric, fit.best.predicted)}
            </Descriptions.Item>
            <Descriptions.Item label="95% CI">
              {metricValue(metric, fit.best.ciLow)} ~ {metricValue(metric, fit.best.ciHigh)}
            </Descriptions.Item>
          </Descriptions>
          {onShip && (
            <Typography.Link onClick={() => onShip(bestArm)} data-testid="ship-best">
              {t('experiments.factorial.shipBest', { arm: bestArm })}
            </Typography.Link>
          )}
        </Flex>
      )}
    </Card>
  );
}
