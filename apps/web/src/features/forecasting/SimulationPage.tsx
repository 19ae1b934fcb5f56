import type { SimulationTotals } from '@linli/contracts/forecasting';
import { Card, Col, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { EChart } from '../../app/EChart.tsx';
import { int, pct, yuan } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { NoData, QueryState } from '../../app/states.tsx';
import { useSearchPatch } from '../../app/useSearchPatch.ts';
import { useSimulation } from './api.ts';
import { simulationOption } from './charts.ts';
import { RunStatus } from './RunStatus.tsx';

const change = (a: number | null, b: number | null) =>
  a === null || b === null || b === 0 ? null : a / b - 1;

/** 补货模拟: Linli's purchases against the naive policy over the backtest. */
export default function SimulationPage() {
  const { t } = useI18n();
  const { params } = useSearchPatch();
  const sim = useSimulation(params.get('date') ?? undefined);
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('forecast.simulation.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('forecast.simulation.subtitle')}</Typography.Text>
      </Card>
      <RunStatus shown={sim.data?.shown} />
      <QueryState query={sim}>
        {(s) =>
          s.linli && s.naive && s.origins > 0 ? (
            <Results linli={s.linli} naive={s.naive} origins={s.origins} />
          ) : (
            <NoData description={t('forecast.simulation.none')} />
          )
        }
      </QueryState>
    </Flex>
  );
}

function Results({
  linli,
  naive,
  origins,
}: {
  linli: SimulationTotals;
  naive: SimulationTotals;
  origins: number;
}) {
  const { t, lang } = useI18n();
  const option = useMemo(() => simulationOption(linli, naive, t, lang), [linli, naive, t, lang]);
  const wasteChange = change(linli.waste, naive.waste);
  const cards: Array<[string, string, string]> = [
    [t('forecast.simulation.waste'), int(Math.round(linli.waste)), int(Math.round(naive.waste))],
    [t('forecast.simulation.wasteCost'), yuan(linli.wasteCostFen), yuan(naive.wasteCostFen)],
    [t('forecast.simulation.fillRate'), pct(linli.fillRate), pct(naive.fillRate)],
    [t('forecast.simulation.stockouts'), int(linli.stockouts), int(naive.stockouts)],
    [t('forecast.simulation.margin'), yuan(linli.grossMarginFen), yuan(naive.grossMarginFen)],
  ];
  return (
    <>
      <Flex gap={12} wrap data-testid="simulation-cards">
        {cards.map(([title, mine, theirs]) => (
          <Card size="small" key={title} style={{ flex: '1 1 180px' }}>
            <Statistic title={title} value={mine} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('forecast.simulation.naive')}：{theirs}
            </Typography.Text>
          </Card>
        ))}
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('forecast.simulation.chartTitle')}>
            <EChart option={option} height={300} testId="simulation-chart" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small">
            <Flex gap={8} wrap style={{ marginBottom: 12 }}>
              <Tag>{t('forecast.accuracy.origins', { n: origins })}</Tag>
              {wasteChange !== null && (
                <Tag color={wasteChange < 0 ? 'green' : 'red'} data-testid="waste-change">
                  {t('forecast.simulation.wasteChange', {
                    pct: `${wasteChange > 0 ? '+' : ''}${pct(wasteChange)}`,
                  })}
                </Tag>
              )}
            </Flex>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={(['demand', 'ordered', 'sold', 'waste'] as const).map((k) => ({
                key: k,
                label: t(`forecast.simulation.${k}`),
                linli: int(Math.round(linli[k])),
                naive: int(Math.round(naive[k])),
              }))}
              columns={[
                { title: '', dataIndex: 'label' },
                { title: t('forecast.simulation.linli'), dataIndex: 'linli', align: 'right' },
                { title: t('forecast.simulation.naive'), dataIndex: 'naive', align: 'right' },
              ]}
            />
            <Flex vertical style={{ marginTop: 12 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('forecast.simulation.naiveHint')}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('forecast.simulation.unitsHint')}
              </Typography.Text>
            </Flex>
          </Card>
        </Col>
      </Row>
    </>
  );
}
