import { QuestionCircleOutlined } from '@ant-design/icons';
import type { NpsFigure } from '@linli/contracts/opinion';
import { Card, Col, DatePicker, Flex, Row, Statistic, Table, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { EChart } from '../../app/EChart.tsx';
import { CHART_COLORS } from '../../app/chartStyle.ts';
import { int, pct, shanghaiToday } from '../../app/format.ts';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import { QueryState } from '../../app/states.tsx';
import { useDashboard, useNps } from './api.ts';
import { categoryOption, countsOption, histogramOption, npsTrendOption, slaOption } from './charts.ts';

const npsText = (n: number | null) => (n === null ? '—' : (n > 0 ? '+' : '') + n.toFixed(1));

function NpsTable({ rows, title }: { rows: NpsFigure[]; title: string }) {
  return (
    <Table<NpsFigure>
      size="small"
      rowKey="key"
      dataSource={rows}
      pagination={{ pageSize: 8, hideOnSinglePage: true }}
      columns={[
        { title, dataIndex: 'label' },
        { title: 'n', dataIndex: 'n', align: 'right' },
        { title: 'NPS', dataIndex: 'nps', align: 'right', render: (n: number | null) => npsText(n) },
        {
          title: '95% CI',
          align: 'right',
          render: (_, r) => (r.ciLow === null ? '—' : `${r.ciLow.toFixed(0)} … ${r.ciHigh!.toFixed(0)}`),
        },
      ]}
    />
  );
}

/** 数据看板: how the response system performs, and whether members notice (NPS). */
export default function DashboardPage() {
  const { t, lang } = useI18n();
  const today = shanghaiToday();
  const [range, setRange] = useState({
    from: dayjs(today).subtract(29, 'day').format('YYYY-MM-DD'),
    to: today,
  });
  const q = useDashboard(range);
  const nps = useNps({ from: dayjs(today).subtract(364, 'day').format('YYYY-MM-DD'), to: today });
  const options = useMemo(() => {
    const d = q.data;
    if (!d) return null;
    return {
      sla: slaOption(d, t),
      ack: histogramOption(d.timeToAcknowledge, CHART_COLORS[0], t),
      resolve: histogramOption(d.timeToResolve, CHART_COLORS[1], t),
      category: categoryOption(d, t),
      community: countsOption(d.byCommunity),
      leader: countsOption(d.byLeader),
    };
  }, [q.data, t]);
  const minutes = (n: number | null) =>
    n === null ? '—' : t('opinion.dashboard.minutes', { n: Math.round(n) });
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="end" wrap gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('opinion.dashboard.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('opinion.dashboard.subtitle')}</Typography.Text>
        </div>
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(range.from), dayjs(range.to)]}
          onChange={(v) =>
            v?.[0] && v[1] && setRange({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })
          }
          presets={[7, 30, 90].map((n) => ({
            label: lang === 'zh-CN' ? `近 ${n} 天` : `Last ${n} days`,
            value: [dayjs(today).subtract(n - 1, 'day'), dayjs(today)],
          }))}
        />
      </Flex>
      <QueryState query={q}>
        {(d) => (
          <Flex vertical gap={16}>
            <Row gutter={12}>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title={t('opinion.dashboard.incidents')} value={int(d.incidents)} />
                </Card>
              </Col>
              {d.sla.map((s) => (
                <Col xs={12} md={6} key={s.clock}>
                  <Card size="small" data-testid={`sla-rate-${s.level}`}>
                    <Statistic
                      title={`${t(`opinion.levels.${s.level}` as MessageKey)} · ${t('opinion.dashboard.rate')}`}
                      value={s.rate === null ? '—' : pct(s.rate, 0)}
                      suffix={
                        <Typography.Text
                          type="secondary"
                          style={{ fontSize: 13 }}
                        >{`${s.met}/${s.met + s.breached}`}</Typography.Text>
                      }
                    />
                  </Card>
                </Col>
              ))}
            </Row>
            <Row gutter={12}>
              <Col xs={24} xl={8}>
                <Card size="small" title={t('opinion.dashboard.slaTitle')}>
                  <EChart option={options!.sla} height={240} testId="chart-sla" />
                </Card>
              </Col>
              <Col xs={24} md={12} xl={8}>
                <Card
                  size="small"
                  title={t('opinion.dashboard.ackTitle')}
                  extra={`${t('opinion.dashboard.medianAck')} ${minutes(d.medianAckMinutes)}`}
                >
                  <EChart option={options!.ack} height={240} testId="chart-ack" />
                </Card>
              </Col>
              <Col xs={24} md={12} xl={8}>
                <Card
                  size="small"
                  title={t('opinion.dashboard.resolveTitle')}
                  extra={`${t('opinion.dashboard.medianResolve')} ${minutes(d.medianResolveMinutes)}`}
                >
                  <EChart option={options!.resolve} height={240} testId="chart-resolve" />
                </Card>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col xs={24} xl={8}>
                <Card size="small" title={t('opinion.dashboard.byCategory')}>
                  <EChart option={options!.category} height={260} testId="chart-category" />
                </Card>
              </Col>
              <Col xs={24} md={12} xl={8}>
                <Card size="small" title={t('opinion.dashboard.byCommunity')}>
                  <EChart option={options!.community} height={260} testId="chart-community" />
                </Card>
              </Col>
              <Col xs={24} md={12} xl={8}>
                <Card size="small" title={t('opinion.dashboard.byLeader')}>
                  <EChart option={options!.leader} height={260} testId="chart-leader" />
                </Card>
              </Col>
            </Row>
          </Flex>
        )}
      </QueryState>
      <QueryState query={nps}>
        {(r) => (
          <Row gutter={12}>
            <Col xs={24} xl={14}>
              <Card
                size="small"
                title={
                  <span>
                    {t('opinion.dashboard.npsTitle')}{' '}
                    <Tooltip title={t('opinion.dashboard.npsTip')}>
                      <QuestionCircleOutlined style={{ color: '#8c8c8c' }} />
                    </Tooltip>
                  </span>
                }
                extra={
                  <span data-testid="nps-now">
                    {t('opinion.dashboard.npsNow')} <b>{npsText(r.overall.nps)}</b> ·{' '}
                    {t('opinion.dashboard.npsAnswers', { n: r.overall.n })}
                  </span>
                }
              >
                <EChart option={npsTrendOption(r.byMonth, t)} height={280} testId="chart-nps" />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title={t('opinion.dashboard.byCommunityNps')} style={{ marginBottom: 12 }}>
                <NpsTable rows={r.byCommunity} title={t('opinion.detail.community')} />
              </Card>
              <Card size="small" title={t('opinion.dashboard.byLeaderNps')}>
                <NpsTable rows={r.byLeader} title={t('opinion.owner.leader')} />
              </Card>
            </Col>
          </Row>
        )}
      </QueryState>
    </Flex>
  );
}
