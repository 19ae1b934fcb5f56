import { QuestionCircleOutlined } from '@ant-design/icons';
import type { CategoryRecall, RuleStat } from '@linli/contracts/compliance';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Popconfirm,
  Row,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useMe } from '../../app/auth.tsx';
import { EChart } from '../../app/EChart.tsx';
import { int, pct } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { QueryState } from '../../app/states.tsx';
import { useSearchPatch } from '../../app/useSearchPatch.ts';
import { allowPhrase, KEY, useDashboard, useRuleStats } from './api.ts';
import { CategoryTag } from './bits.tsx';
import { slaOption, topRulesOption, violationOption, weeklyOption } from './charts.ts';
import { errorText } from './ReviewPanels.tsx';

function RuleTable() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const me = useMe();
  const stats = useRuleStats();
  const canAllow = me.data?.actor.roles.some((r) => ['admin', 'reviewer', 'legal'].includes(r)) ?? false;
  const allow = async (ruleId: string, term: string) => {
    try {
      const r = await allowPhrase(ruleId, term);
      message.success(t('compliance.dashboard.allowed', { rule: ruleId, v: r.version }));
      await client.invalidateQueries({ queryKey: [KEY] });
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <QueryState query={stats}>
      {(s) => (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <Card size="small" title={t('compliance.dashboard.rules')}>
              <Table<RuleStat>
                size="small"
                rowKey="ruleId"
                data-testid="rule-stats"
                dataSource={s.rules}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  {
                    title: t('compliance.dashboard.rule'),
                    dataIndex: 'ruleId',
                    render: (v: string, r) => (
                      <span>
                        <CategoryTag category={r.category} />
                        {v}
                      </span>
                    ),
                  },
                  { title: t('compliance.dashboard.hits'), dataIndex: 'hits', align: 'right' },
                  { title: t('compliance.dashboard.confirmed'), dataIndex: 'confirmed', align: 'right' },
                  { title: t('compliance.dashboard.overruled'), dataIndex: 'overruled', align: 'right' },
                  {
                    title: t('compliance.dashboard.precision'),
                    dataIndex: 'precision',
                    align: 'right',
                    render: (v: number | null) => pct(v, 0),
                  },
                  {
                    title: t('compliance.dashboard.falsePositives'),
                    key: 'fp',
                    render: (_, r) =>
                      r.falsePositives.map((f) => (
                        <Flex key={f.term} gap={4} align="center">
                          <Tag>
                            {f.term} ×{f.count}
                          </Tag>
                          {canAllow && (
                            <Popconfirm
                              title={`${r.ruleId}：${f.term}`}
                              onConfirm={() => void allow(r.ruleId, f.term)}
                            >
                              <Button size="small" type="link" data-testid="allow-fp">
                                {t('compliance.dashboard.allow')}
                              </Button>
                            </Popconfirm>
                          )}
                        </Flex>
                      )),
                  },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={9}>
            <Card size="small" title={t('compliance.dashboard.recall')}>
              <Table<CategoryRecall>
                size="small"
                rowKey="category"
                pagination={false}
                dataSource={s.categories}
                columns={[
                  { title: '', dataIndex: 'category', render: (c: string) => <CategoryTag category={c} /> },
                  { title: t('compliance.dashboard.confirmed'), dataIndex: 'confirmed', align: 'right' },
                  { title: t('compliance.dashboard.missed'), dataIndex: 'missed', align: 'right' },
                  {
                    title: t('compliance.dashboard.recallRate'),
                    dataIndex: 'recall',
                    align: 'right',
                    render: (v: number | null) => pct(v, 0),
                  },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </QueryState>
  );
}

/** 合规看板: interception, the weekly violation rate against the seed's, SLA attainment, top rules. */
export default function DashboardPage() {
  const { t } = useI18n();
  const { params, patch } = useSearchPatch();
  const range = { from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
  const query = useDashboard(range);
  const options = useMemo(
    () =>
      query.data && {
        violation: violationOption(query.data, t),
        weekly: weeklyOption(query.data, t),
        sla: slaOption(query.data, t),
        rules: topRulesOption(query.data, t),
      },
    [query.data, t],
  );
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('compliance.dashboard.title')}
          </Typography.Title>
          <DatePicker.RangePicker
            allowClear
            value={range.from && range.to ? [dayjs(range.from), dayjs(range.to)] : null}
            onChange={(v) => patch({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
          />
        </Flex>
      </Card>
      <QueryState query={query}>
        {(d) => (
          <Flex vertical gap={16}>
            <Card size="small" data-testid="dashboard-figures">
              <Row gutter={16}>
                <Col flex="1">
                  <Statistic
                    title={
                      <Tooltip title={t('compliance.dashboard.interceptionTip')}>
                        {t('compliance.dashboard.interception')} <QuestionCircleOutlined />
                      </Tooltip>
                    }
                    value={pct(d.interceptionRate)}
                  />
                </Col>
                <Col flex="1">
                  <Statistic title={t('compliance.dashboard.flagged')} value={pct(d.flaggedRate)} />
                </Col>
                <Col flex="1">
                  <Statistic title={t('compliance.dashboard.blocked')} value={int(d.blockedAtScreen)} />
                </Col>
                <Col flex="1">
                  <Statistic title={t('compliance.dashboard.returned')} value={int(d.returned)} />
                </Col>
                <Col flex="1">
                  <Statistic title={t('compliance.dashboard.approved')} value={int(d.approved)} />
                </Col>
                <Col flex="1">
                  <Statistic title={t('compliance.dashboard.recalled')} value={int(d.recalled)} />
                </Col>
              </Row>
            </Card>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <Card
                  size="small"
                  title={
                    <Tooltip title={t('compliance.dashboard.violationTip')}>
                      {t('compliance.dashboard.violationRate')} <QuestionCircleOutlined />
                    </Tooltip>
                  }
                >
                  <EChart option={options!.violation} height={280} testId="violation-chart" />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card size="small" title={t('compliance.dashboard.weeklyFlagged')}>
                  <EChart option={options!.weekly} height={280} testId="weekly-chart" />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card size="small" title={t('compliance.dashboard.sla')}>
                  <EChart option={options!.sla} height={180} testId="sla-chart" />
                  <Flex gap={16}>
                    {d.sla.map((s) => (
                      <Typography.Text key={s.stage} type="secondary">
                        {t(`compliance.stages.${s.stage}`)}：
                        {t('compliance.dashboard.slaDone', { on: s.onTime, all: s.done + s.overdue })}
                      </Typography.Text>
                    ))}
                  </Flex>
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card size="small" title={t('compliance.dashboard.topRules')}>
                  <EChart option={options!.rules} height={240} testId="rules-chart" />
                </Card>
              </Col>
            </Row>
          </Flex>
        )}
      </QueryState>
      <RuleTable />
    </Flex>
  );
}
