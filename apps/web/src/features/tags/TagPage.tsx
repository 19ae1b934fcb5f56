import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import type { TagDetail } from '@linli/contracts/insight';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Progress,
  Row,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { get } from '../../app/api.ts';
import { useCanEdit } from '../../app/auth.tsx';
import { EChart } from '../../app/EChart.tsx';
import { pct, shanghaiTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { NoData, QueryState } from '../../app/states.tsx';
import { describeReason, describeRule, valueName } from '../rules/describe.ts';
import { communityOption, histogramOption, quadrantOption, trendOption } from './charts.ts';
import { MemberRows } from './MemberRows.tsx';
import { Change7d, CountStatistic, KIND_COLOR, tagName, useDescribeContext } from './shared.tsx';
import { TagEditor } from './TagEditor.tsx';

function Header({ d, onEdit }: { d: TagDetail; onEdit?: () => void }) {
  const { t, lang } = useI18n();
  const ctx = useDescribeContext();
  const tag = d.tag;
  const description = lang === 'zh-CN' ? tag.descriptionZh : tag.descriptionEn || tag.descriptionZh;
  return (
    <Card
      title={
        <Flex gap={8} align="center" wrap>
          <Link to="/tags" aria-label={t('tags.back')}>
            <ArrowLeftOutlined />
          </Link>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="tag-title">
            {tagName(tag, lang)}
          </Typography.Title>
          <Typography.Text type="secondary">{lang === 'zh-CN' ? tag.nameEn : tag.nameZh}</Typography.Text>
          <Tag color={KIND_COLOR[tag.kind]}>{t(`tags.kinds.${tag.kind}`)}</Tag>
          {tag.builtin ? <Tag>{t('tags.builtinTag')}</Tag> : <Tag color="cyan">{t('tags.customTag')}</Tag>}
          {!tag.enabled && <Tag color="default">{t('tags.disabled')}</Tag>}
          <Tag>v{tag.version}</Tag>
        </Flex>
      }
      extra={
        onEdit && (
          <Button icon={<EditOutlined />} onClick={onEdit} data-testid="tag-edit">
            {t('tags.edit')}
          </Button>
        )
      }
    >
      <Row gutter={[24, 16]}>
        <Col xs={24} xl={16}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('tags.key')}>
              <Typography.Text code copyable>
                {tag.key}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('tags.description')}>{description || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('tags.ruleText')}>
              <Typography.Text strong data-testid="tag-rule-text">
                {describeRule(tag.rule, ctx)}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('tags.updatedAt')}>
              {shanghaiTime(tag.updatedAt ?? d.versions.find((v) => v.version === tag.version)?.at)}
            </Descriptions.Item>
          </Descriptions>
        </Col>
        <Col xs={24} xl={8}>
          <Flex gap={24} align="center" wrap>
            <Tooltip title={pct(tag.coverage, 2)}>
              <Progress
                type="circle"
                size={88}
                percent={Math.round((tag.coverage ?? 0) * 1000) / 10}
                strokeColor="#00a870"
                format={(p) => (
                  <Flex vertical align="center">
                    <span style={{ fontSize: 18 }}>{p}%</span>
                    <span style={{ fontSize: 11, color: '#999' }}>{t('tags.coverage')}</span>
                  </Flex>
                )}
              />
            </Tooltip>
            <CountStatistic title={t('tags.members')} value={tag.members} testId="tag-members-count" />
            <Statistic
              title={t('tags.change7d')}
              value={0}
              formatter={() => <Change7d entered={tag.entered7d} left={tag.left7d} />}
            />
          </Flex>
        </Col>
      </Row>
    </Card>
  );
}

function Charts({ d }: { d: TagDetail }) {
  const { t, lang } = useI18n();
  const ctx = useDescribeContext();
  const options = useMemo(
    () => ({
      trend: trendOption(d, t),
      community: communityOption(d, t),
      quadrant: quadrantOption(d, t, lang),
    }),
    [d, t, lang],
  );
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card title={t('tags.trend')} size="small">
          {d.trend.length ? (
            <EChart option={options.trend} height={300} testId="chart-tag-trend" />
          ) : (
            <NoData />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('tags.byCommunity')} size="small">
          {d.byCommunity.length ? (
            <EChart
              option={options.community}
              height={Math.max(240, Math.min(15, d.byCommunity.length) * 26)}
              testId="chart-tag-community"
            />
          ) : (
            <NoData />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('tags.byQuadrant')} size="small">
          {d.byQuadrant.length ? (
            <EChart option={options.quadrant} height={300} testId="chart-tag-quadrant" />
          ) : (
            <NoData />
          )}
        </Card>
      </Col>
      {d.histograms.length > 0 && (
        <Col span={24}>
          <Card
            title={
              <Tooltip title={t('tags.histogramHint')}>
                <span>{t('tags.histograms')}</span>
              </Tooltip>
            }
            size="small"
          >
            <Row gutter={[16, 16]}>
              {d.histograms.map((h) => {
                const { label, unit } = valueName(h.name, ctx);
                return (
                  <Col key={h.name} xs={24} md={12} xl={Math.max(8, 24 / d.histograms.length)}>
                    <Typography.Text type="secondary">{label}</Typography.Text>
                    <EChart
                      option={histogramOption(h, unit, t)}
                      height={200}
                      testId={`chart-hist-${h.name}`}
                    />
                  </Col>
                );
              })}
            </Row>
          </Card>
        </Col>
      )}
    </Row>
  );
}

function Versions({ d }: { d: TagDetail }) {
  const { t } = useI18n();
  const ctx = useDescribeContext();
  return (
    <Card title={t('tags.versions')} size="small">
      <Table
        size="small"
        rowKey="version"
        pagination={false}
        dataSource={[...d.versions].sort((a, b) => b.version - a.version)}
        data-testid="tag-versions"
        columns={[
          {
            title: t('tags.version'),
            dataIndex: 'version',
            width: 110,
            render: (v: number) => (
              <>
                v{v} {v === d.tag.version && <Tag color="green">{t('tags.current')}</Tag>}
              </>
            ),
          },
          {
            title: t('tags.versionRule'),
            dataIndex: 'rule',
            render: (r: TagDetail['versions'][number]['rule']) => describeRule(r, ctx),
          },
          { title: t('tags.changedBy'), dataIndex: 'changedBy', width: 140 },
          { title: t('tags.changedAt'), dataIndex: 'at', width: 160, render: (v: string) => shanghaiTime(v) },
        ]}
      />
    </Card>
  );
}

function Members({ tagKey }: { tagKey: string }) {
  const { t } = useI18n();
  const ctx = useDescribeContext();
  return (
    <Card title={t('tags.memberList')} size="small">
      <MemberRows
        queryKey={`tag-members-${tagKey}`}
        path={`/api/v1/tags/${encodeURIComponent(tagKey)}/members`}
        testId="tag-member-table"
        messages="tags"
        extra={[
          {
            title: t('tags.reason'),
            dataIndex: 'reason',
            render: (r: Record<string, unknown> | undefined) => describeReason(r, ctx) || '—',
          },
        ]}
      />
    </Card>
  );
}

/** One tag: who it covers, how that moved, where they are, why they have it, and its history. */
export default function TagPage() {
  const { key = '' } = useParams();
  const { t } = useI18n();
  const canEdit = useCanEdit();
  const [editing, setEditing] = useState(false);
  const query = useQuery({
    queryKey: ['tag', key],
    queryFn: () => get<TagDetail>(`/api/v1/tags/${encodeURIComponent(key)}`),
  });
  return (
    <QueryState query={query} notFound={t('tags.notFound')}>
      {(d) => (
        <Flex vertical gap={16} data-testid="tag-detail">
          <Header d={d} onEdit={canEdit ? () => setEditing(true) : undefined} />
          <Charts d={d} />
          <Members tagKey={d.tag.key} />
          <Versions d={d} />
          <TagEditor open={editing} tag={d.tag} onClose={() => setEditing(false)} />
        </Flex>
      )}
    </QueryState>
  );
}
