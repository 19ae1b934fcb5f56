import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Flex, List, Row, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { get } from '../../app/api.ts';
import { EChart } from '../../app/EChart.tsx';
import { int, pct, shanghaiTime } from '../../app/format.ts';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import { QueryState } from '../../app/states.tsx';
import { byFrequencyOption, weeklyOption } from './clvCharts.ts';
import { ModelHeader } from './ModelHeader.tsx';
import type { ClvValidation } from './types.ts';

/** A figure with its one-line meaning for operators. */
function Explained({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint: string;
  testId: string;
}) {
  return (
    <List.Item>
      <Flex vertical gap={2} style={{ width: '100%' }}>
        <Flex justify="space-between">
          <Typography.Text strong>{label}</Typography.Text>
          <Typography.Text data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {value}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {hint}
        </Typography.Text>
      </Flex>
    </List.Item>
  );
}

function Aggregate({ v }: { v: ClvValidation }) {
  const { t } = useI18n();
  const err = v.aggregate.errorShare;
  return (
    <Row gutter={[12, 12]} data-testid="clv-aggregate">
      <Col xs={12} lg={6}>
        <Card size="small">
          <Statistic
            title={t('clv.predictedTotal', { weeks: Math.round(v.holdoutWeeks) })}
            value={int(Math.round(v.aggregate.predicted))}
            data-testid="clv-predicted"
          />
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card size="small">
          <Statistic title={t('clv.actualTotal')} value={int(v.aggregate.actual)} data-testid="clv-actual" />
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card size="small">
          <Statistic
            title={t('clv.error')}
            value={`${err > 0 ? '+' : ''}${pct(err)}`}
            styles={{
              content: {
                color: Math.abs(err) <= 0.1 ? '#00a870' : Math.abs(err) <= 0.25 ? '#f59a23' : '#e34d59',
              },
            }}
            data-testid="clv-error"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('clv.errorHint')}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card size="small">
          <Statistic title={t('clv.customers')} value={int(v.customers)} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('clv.period', { end: v.calibrationEnd, holdoutEnd: v.holdoutEnd })}
          </Typography.Text>
        </Card>
      </Col>
    </Row>
  );
}

const PARAMS = ['r', 'alpha', 'a', 'b'] as const;

function Validation({ v }: { v: ClvValidation }) {
  const { t } = useI18n();
  const options = useMemo(() => ({ weekly: weeklyOption(v, t), freq: byFrequencyOption(v, t) }), [v, t]);
  const c = v.churn;
  const churnRows: Array<{ key: string; value: string }> = [
    { key: 'precision', value: pct(c.precision) },
    { key: 'recall', value: pct(c.recall) },
    { key: 'auc', value: c.auc.toFixed(3) },
    { key: 'baseRate', value: pct(c.baseRate) },
    { key: 'threshold', value: pct(c.threshold, 0) },
    { key: 'flagged', value: int(c.flagged) },
  ];
  return (
    <Flex vertical gap={16} data-testid="clv-validation">
      <Aggregate v={v} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('clv.weeklyTitle')}>
            <EChart option={options.weekly} height={340} testId="chart-clv-weekly" />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('clv.byFrequencyTitle', { weeks: Math.round(v.holdoutWeeks) })}>
            <EChart option={options.freq} height={340} testId="chart-clv-frequency" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('clv.churnTitle')} style={{ height: '100%' }}>
            <List size="small" data-testid="clv-churn">
              {churnRows.map((r) => (
                <Explained
                  key={r.key}
                  label={t(`clv.churn.${r.key}` as MessageKey)}
                  value={r.value}
                  hint={t(`clv.churnHints.${r.key}` as MessageKey)}
                  testId={`churn-${r.key}`}
                />
              ))}
            </List>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('clv.paramsTitle')} style={{ height: '100%' }}>
            <List size="small" data-testid="clv-params">
              {PARAMS.map((p) => (
                <Explained
                  key={p}
                  label={p === 'alpha' ? 'α' : p}
                  value={v.params[p].toFixed(4)}
                  hint={t(`clv.paramHints.${p}`, {
                    v:
                      p === 'r' || p === 'alpha'
                        ? (v.params.r / v.params.alpha).toFixed(2)
                        : pct(v.params.a / (v.params.a + v.params.b)),
                  })}
                  testId={`param-${p}`}
                />
              ))}
            </List>
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

/** Did the CLV model predict our own members? BG/NBD refitted on a time split of the orders. */
export default function ClvValidationPage() {
  const { t } = useI18n();
  const query = useQuery({
    queryKey: ['clv-validation'],
    queryFn: () => get<ClvValidation | null>('/api/v1/values/validation'),
  });
  return (
    <Flex vertical gap={16}>
      <ModelHeader
        title={t('clv.title')}
        subtitle={t('clv.subtitle')}
        extra={
          query.data && (
            <Typography.Text type="secondary" data-testid="clv-computed-at">
              {t('clv.computedAt', { time: shanghaiTime(query.data.computedAt) })}
            </Typography.Text>
          )
        }
      />
      <QueryState query={query}>
        {(v) =>
          v ? (
            <Validation v={v} />
          ) : (
            <Card>
              <Empty
                data-testid="clv-empty"
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  <Flex vertical gap={4}>
                    <Typography.Text>{t('clv.emptyTitle')}</Typography.Text>
                    <Typography.Text type="secondary">{t('clv.emptyHint')}</Typography.Text>
                  </Flex>
                }
              />
            </Card>
          )
        }
      </QueryState>
    </Flex>
  );
}
