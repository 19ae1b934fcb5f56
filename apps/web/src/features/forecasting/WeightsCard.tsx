import { Card, Col, Collapse, Row, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { EChart } from '../../app/EChart.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useWeights } from './api.ts';
import { weightsOption } from './charts.ts';

/** What the model learned each feature group is worth, next to the seed's fixed 40/25/20/15. */
export function WeightsCard({ date }: { date: string | undefined }) {
  const { t } = useI18n();
  const weights = useWeights(date);
  const w = weights.data;
  const option = useMemo(() => (w ? weightsOption(w.groupShares, w.seed, t) : null), [w, t]);
  if (!w || !option) return null;
  return (
    <Card size="small" title={t('forecast.weights.title')} data-testid="weights-card">
      <Typography.Paragraph type="secondary">{t('forecast.weights.subtitle')}</Typography.Paragraph>
      {w.groupShares ? (
        <EChart option={option} height={280} testId="weights-chart" />
      ) : (
        <Typography.Text type="secondary">{t('forecast.weights.none')}</Typography.Text>
      )}
      {w.panels.some((p) => p.weights) && (
        <Collapse
          ghost
          items={[
            {
              key: 'coefficients',
              label: t('forecast.weights.weight'),
              children: (
                <Row gutter={[16, 16]}>
                  {w.panels
                    .filter((p) => p.weights)
                    .map((p) => (
                      <Col xs={24} lg={12} key={p.city}>
                        <Typography.Text strong>
                          {t('forecast.weights.panel')}：{p.city || t('forecast.weights.allCities')}
                        </Typography.Text>
                        <Table
                          size="small"
                          rowKey="name"
                          pagination={false}
                          dataSource={Object.entries(p.weights!).map(([name, value]) => ({ name, value }))}
                          columns={[
                            { title: t('forecast.weights.feature'), dataIndex: 'name' },
                            {
                              title: t('forecast.weights.weight'),
                              dataIndex: 'value',
                              align: 'right',
                              render: (v: number) => v.toFixed(3),
                            },
                          ]}
                        />
                      </Col>
                    ))}
                </Row>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
