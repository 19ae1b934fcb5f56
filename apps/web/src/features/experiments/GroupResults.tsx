import {
  EXPERIMENT_METRICS,
  PROPORTION_METRICS,
  type ArmResult,
  type ComparisonResult,
  type ExperimentMetric,
  type GuardrailResult,
  type ResultGroup,
} from '@linli/contracts/experiments';
import { Alert, Card, Col, Flex, Row, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import { EChart } from '../../app/EChart.tsx';
import { int, pct } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { PValue, liftValue, metricValue, relValue } from './bits.tsx';
import { cumulativeOption, forestOption, sequentialOption } from './charts.ts';

const num = { fontVariantNumeric: 'tabular-nums' } as const;

/** Per-arm figures: units against the split's expectation, every metric, the guardrail rates. */
function ArmsTable({ group }: { group: ResultGroup }) {
  const { t } = useI18n();
  return (
    <Table<ArmResult>
      size="small"
      rowKey="arm"
      pagination={false}
      dataSource={group.arms}
      scroll={{ x: 1000 }}
      data-testid="arms-table"
      columns={[
        {
          title: group.factor ? t('experiments.results.level') : t('experiments.results.arm'),
          dataIndex: 'arm',
          fixed: 'left',
          render: (v: string, a) => (
            <Tooltip title={a.content ? Object.values(a.content).join(' · ') : undefined}>
              <span>
                {v} {a.control && <Tag>{t('experiments.results.control')}</Tag>}
                {group.winner === v && <Tag color="green">{t('experiments.results.winner')}</Tag>}
              </span>
            </Tooltip>
          ),
        },
        {
          title: t('experiments.results.units'),
          dataIndex: 'n',
          align: 'right',
          render: (v: number, a) => (
            <Tooltip title={`${t('experiments.results.expected')} ${int(Math.round(a.expected))}`}>
              <span style={num}>{int(v)}</span>
            </Tooltip>
          ),
        },
        ...EXPERIMENT_METRICS.map((m) => ({
          title: t(`experiments.metrics.${m}`),
          key: m,
          align: 'right' as const,
          render: (_: unknown, a: ArmResult) => <span style={num}>{metricValue(m, a.metrics[m].mean)}</span>,
        })),
        ...(['unsubscribe', 'complaint', 'refund'] as const).map((g) => ({
          title: t(`experiments.guardrails.${g}`),
          key: g,
          align: 'right' as const,
          render: (_: unknown, a: ArmResult) => <span style={num}>{pct(a.guardrails[g], 2)}</span>,
        })),
      ]}
    />
  );
}

const c0 = (rows: ComparisonResult[]) => rows[0]?.test ?? 'z';

function ComparisonTable({ rows, metric }: { rows: ComparisonResult[]; metric: ExperimentMetric }) {
  const { t } = useI18n();
  const proportion = PROPORTION_METRICS.includes(metric);
  return (
    <Table<ComparisonResult>
      size="small"
      rowKey="arm"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 1100 }}
      data-testid="comparison-table"
      columns={[
        { title: t('experiments.results.arm'), dataIndex: 'arm', fixed: 'left' },
        {
          title: t('experiments.results.absoluteLift'),
          key: 'abs',
          align: 'right',
          render: (_: unknown, c) => (
            <Flex vertical style={num}>
              <span data-testid="absolute-lift">{liftValue(metric, c.absoluteLift)}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {liftValue(metric, c.ciLow)} ~ {liftValue(metric, c.ciHigh)}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          title: t('experiments.results.relativeLift'),
          key: 'rel',
          align: 'right',
          render: (_: unknown, c) => (
            <Flex vertical style={num}>
              <span>{relValue(c.relativeLift)}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {relValue(c.relativeCiLow)} ~ {relValue(c.relativeCiHigh)}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          title: `p (${t(`experiments.results.test.${c0(rows)}`)})`,
          key: 'p',
          align: 'right',
          render: (_: unknown, c) => <PValue p={c.pValue} />,
        },
        {
          title: 'Holm p',
          key: 'holm',
          align: 'right',
          render: (_: unknown, c) => <PValue p={c.pValueHolm} testId="p-holm" />,
        },
        { title: 'BH p', key: 'bh', align: 'right', render: (_: unknown, c) => <PValue p={c.pValueBH} /> },
        {
          title: (
            <Tooltip title={t('experiments.results.sequentialTip')}>
              {t('experiments.results.sequentialP')}
            </Tooltip>
          ),
          key: 'seq',
          align: 'right',
          render: (_: unknown, c) => <PValue p={c.pValueSequential} />,
        },
        ...(proportion
          ? [
              {
                title: t('experiments.results.chanceToBeat'),
                key: 'bayes',
                align: 'right' as const,
                render: (_: unknown, c: ComparisonResult) => (
                  <span style={num}>{pct(c.chanceToBeatControl, 1)}</span>
                ),
              },
            ]
          : []),
        {
          title: <Tooltip title={t('experiments.results.cupedTip')}>CUPED</Tooltip>,
          key: 'cuped',
          align: 'right',
          render: (_: unknown, c) =>
            c.cuped ? (
              <Flex vertical style={num}>
                <span>
                  {liftValue(metric, c.cuped.absoluteLift)} <PValue p={c.cuped.pValue} />
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('experiments.results.varianceReduction')} {pct(c.cuped.varianceReduction, 0)}
                </Typography.Text>
              </Flex>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}

function Guardrails({ rows }: { rows: GuardrailResult[] }) {
  const { t } = useI18n();
  if (!rows.length) return null;
  return (
    <Table<GuardrailResult>
      size="small"
      rowKey={(g) => `${g.metric}-${g.arm}`}
      pagination={false}
      dataSource={rows}
      data-testid="guardrail-table"
      columns={[
        {
          title: t('experiments.results.guardrail'),
          dataIndex: 'metric',
          render: (m: GuardrailResult['metric']) => t(`experiments.guardrails.${m}`),
        },
        { title: t('experiments.results.arm'), dataIndex: 'arm' },
        {
          title: t('experiments.results.controlRate'),
          dataIndex: 'controlRate',
          align: 'right',
          render: (v: number | null) => pct(v, 2),
        },
        {
          title: t('experiments.results.rate'),
          dataIndex: 'rate',
          align: 'right',
          render: (v: number | null) => pct(v, 2),
        },
        {
          title: t('experiments.results.threshold'),
          dataIndex: 'maxIncrease',
          align: 'right',
          render: (v: number) => `+${pct(v, 1)}`,
        },
        {
          title: t('experiments.results.sequentialP'),
          dataIndex: 'pValueSequential',
          align: 'right',
          render: (v: number | null) => <PValue p={v} />,
        },
        {
          title: '',
          dataIndex: 'breached',
          render: (b: boolean) =>
            b ? <Tag color="red">{t('experiments.results.breached')}</Tag> : <Tag color="green">OK</Tag>,
        },
      ]}
    />
  );
}

/** One group of arms (a test's variants, or one factor's levels) with every view of its results. */
export function GroupResults({
  group,
  metric,
  onMetric,
  primary,
}: {
  group: ResultGroup;
  metric: ExperimentMetric;
  onMetric: (m: ExperimentMetric) => void;
  primary: ExperimentMetric;
}) {
  const { t } = useI18n();
  const rows = group.comparisons.filter((c) => c.metric === metric);
  return (
    <Flex vertical gap={16}>
      {group.srm.mismatch && (
        <Alert
          type="error"
          showIcon
          data-testid="srm-banner"
          message={t('experiments.results.srmTitle')}
          description={t('experiments.results.srmText', { p: group.srm.pValue?.toExponential(2) ?? '—' })}
        />
      )}
      <Card size="small" title={t('experiments.results.arms')}>
        <ArmsTable group={group} />
      </Card>
      <Card
        size="small"
        title={t('experiments.results.comparisons', { control: group.control })}
        extra={
          <Segmented<ExperimentMetric>
            value={metric}
            onChange={onMetric}
            options={EXPERIMENT_METRICS.map((m) => ({
              value: m,
              label: `${t(`experiments.metrics.${m}`)}${m === primary ? ' ★' : ''}`,
            }))}
            data-testid="metric-switch"
          />
        }
      >
        <ComparisonTable rows={rows} metric={metric} />
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col xs={24} lg={12}>
            <Typography.Text strong>{t('experiments.results.forest')}</Typography.Text>
            <EChart
              option={forestOption(rows, t)}
              height={Math.max(160, 48 * rows.length + 60)}
              testId="forest-chart"
            />
          </Col>
          <Col xs={24} lg={12}>
            <Typography.Text strong>{t('experiments.results.allocation')}</Typography.Text>{' '}
            <Tooltip title={t('experiments.results.allocationTip')}>
              <Typography.Text type="secondary">ⓘ</Typography.Text>
            </Tooltip>
            <Table
              size="small"
              rowKey="arm"
              pagination={false}
              dataSource={group.allocation}
              columns={[
                { title: t('experiments.results.arm'), dataIndex: 'arm' },
                {
                  title: t('experiments.results.configured'),
                  key: 'w',
                  align: 'right',
                  render: (_: unknown, a: { arm: string }) =>
                    pct(group.arms.find((x) => x.arm === a.arm)?.weight, 1),
                },
                {
                  title: 'Thompson',
                  dataIndex: 'thompson',
                  align: 'right',
                  render: (v: number) => pct(v, 1),
                },
                { title: 'Top-two', dataIndex: 'topTwo', align: 'right', render: (v: number) => pct(v, 1) },
              ]}
            />
          </Col>
        </Row>
      </Card>
      {group.looks.length > 0 && (
        <Card
          size="small"
          title={t('experiments.results.overTime', { metric: t(`experiments.metrics.${primary}`) })}
        >
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Typography.Text strong>{t('experiments.results.cumulative')}</Typography.Text>
              <EChart option={cumulativeOption(group.looks, t)} height={280} testId="cumulative-chart" />
            </Col>
            <Col xs={24} lg={12}>
              <Typography.Text strong>{t('experiments.results.sequential')}</Typography.Text>{' '}
              <Tooltip title={t('experiments.results.sequentialChartTip')}>
                <Typography.Text type="secondary">ⓘ</Typography.Text>
              </Tooltip>
              <EChart option={sequentialOption(group.looks, t)} height={280} testId="sequential-chart" />
            </Col>
          </Row>
        </Card>
      )}
      {group.guardrails.length > 0 && (
        <Card size="small" title={t('experiments.results.guardrails')}>
          <Guardrails rows={group.guardrails} />
        </Card>
      )}
    </Flex>
  );
}
