import { ArrowLeftOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import type { MemberRow, SegmentView } from '@linli/contracts/insight';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Segmented, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCanEdit } from '../../app/auth.tsx';
import { EChart, type ChartOption } from '../../app/EChart.tsx';
import { int, pct, shanghaiTime } from '../../app/format.ts';
import { useI18n, type Translate } from '../../app/i18n.tsx';
import { QueryState } from '../../app/states.tsx';
import { describeRule } from '../rules/describe.ts';
import { MemberRows } from '../tags/MemberRows.tsx';
import { CountStatistic, useDescribeContext } from '../tags/shared.tsx';
import { exportHref, useSegment } from './api.ts';
import { ArchiveButton, useArchiveActions } from './archive.tsx';
import { SegmentForm } from './SegmentForm.tsx';
import { Scope } from './SegmentsPage.tsx';

type Group = 'all' | 'treatment' | 'holdout';

function splitOption(s: SegmentView, t: Translate): ChartOption {
  return {
    color: ['#00a870', '#f59a23'],
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['45%', '70%'],
        center: ['50%', '45%'],
        label: { formatter: '{d}%' },
        data: [
          { name: t('segments.treatment'), value: Math.max(0, s.members - s.holdout) },
          { name: t('segments.holdout'), value: s.holdout },
        ],
      },
    ],
  };
}

function Summary({ s, onEdit }: { s: SegmentView; onEdit?: () => void }) {
  const { t, lang } = useI18n();
  const describe = useDescribeContext();
  const archiveActions = useArchiveActions();
  const ruleText = useMemo(() => describeRule(s.rule, describe), [s.rule, describe]);
  const split = useMemo(() => splitOption(s, t), [s, t]);
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <Link to="/segments" aria-label={t('segments.back')}>
            <ArrowLeftOutlined />
          </Link>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="segment-title">
            {s.name}
          </Typography.Title>
          <Tag>v{s.version}</Tag>
          {s.archivedAt && <Tag color="default">{t('segments.archived')}</Tag>}
        </Flex>
      }
      extra={
        <Flex gap={8}>
          <Button icon={<DownloadOutlined />} href={exportHref(s.key, lang)} data-testid="segment-export">
            {t('segments.export')}
          </Button>
          {onEdit && !s.archivedAt && (
            <Button icon={<EditOutlined />} onClick={onEdit} data-testid="segment-edit">
              {t('segments.edit')}
            </Button>
          )}
          {onEdit && <ArchiveButton segment={s} actions={archiveActions} />}
        </Flex>
      }
    >
      {s.archivedAt && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('segments.archivedBanner', { time: shanghaiTime(s.archivedAt) })}
        />
      )}
      <Row gutter={[24, 16]}>
        <Col xs={24} xl={15}>
          <Flex gap={40} wrap style={{ marginBottom: 16 }}>
            <CountStatistic title={t('segments.members')} value={s.members} testId="segment-members" />
            <CountStatistic
              title={t('segments.treatment')}
              value={s.members - s.holdout}
              testId="segment-treatment"
            />
            <CountStatistic
              title={`${t('segments.holdout')} · ${pct(s.holdoutShare, 0)}`}
              value={s.holdout}
              testId="segment-holdout-count"
            />
          </Flex>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('segments.key')}>
              <Typography.Text code copyable>
                {s.key}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('segments.description')}>{s.description || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('segments.ruleText')}>
              <Typography.Text strong data-testid="segment-rule-text">
                {ruleText}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('segments.scope')}>
              <Scope ids={s.communityIds} />
            </Descriptions.Item>
            <Descriptions.Item label={t('segments.refreshedAt')}>
              {s.refreshedAt ? shanghaiTime(s.refreshedAt) : t('segments.never')}
            </Descriptions.Item>
            <Descriptions.Item label={t('segments.createdBy')}>
              {s.createdBy} · {t('segments.updatedAt')} {shanghaiTime(s.updatedAt)}
            </Descriptions.Item>
          </Descriptions>
        </Col>
        <Col xs={24} xl={9}>
          <Typography.Text type="secondary">{t('segments.split')}</Typography.Text>
          <EChart option={split} height={220} testId="chart-segment-split" />
        </Col>
      </Row>
    </Card>
  );
}

function Members({ s }: { s: SegmentView }) {
  const { t } = useI18n();
  const [group, setGroup] = useState<Group>('all');
  const count = { all: s.members, treatment: s.members - s.holdout, holdout: s.holdout };
  return (
    <Card
      title={t('segments.memberList')}
      size="small"
      extra={
        <Segmented<Group>
          value={group}
          onChange={setGroup}
          options={(['all', 'treatment', 'holdout'] as const).map((g) => ({
            value: g,
            label: `${t(`segments.group${g === 'all' ? 'All' : g === 'treatment' ? 'Treatment' : 'Holdout'}`)} (${int(count[g])})`,
          }))}
          data-testid="segment-group"
        />
      }
    >
      <MemberRows
        queryKey={`segment-members-${s.key}`}
        path={`/api/v1/segments/${encodeURIComponent(s.key)}/members`}
        filter={{ group }}
        testId="segment-member-table"
        messages="segments"
        extra={[
          {
            title: t('segments.group'),
            dataIndex: 'holdout',
            width: 100,
            render: (h: MemberRow['holdout']) =>
              h ? (
                <Tag color="orange">{t('segments.holdout')}</Tag>
              ) : (
                <Tag color="green">{t('segments.treatment')}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}

function SegmentDetail({ segmentKey }: { segmentKey: string }) {
  const { t } = useI18n();
  const canEdit = useCanEdit();
  const [editing, setEditing] = useState(false);
  const query = useSegment(segmentKey);
  return (
    <QueryState query={query} notFound={t('segments.notFound')}>
      {(s) =>
        editing ? (
          <SegmentForm segment={s} onDone={() => setEditing(false)} />
        ) : (
          <Flex vertical gap={16} data-testid="segment-detail">
            <Summary s={s} onEdit={canEdit ? () => setEditing(true) : undefined} />
            <Members s={s} />
          </Flex>
        )
      }
    </QueryState>
  );
}

/** `/segments/new` builds a segment; `/segments/:key` shows one (and edits it in place). */
export default function SegmentPage() {
  const { key = '' } = useParams();
  return key === 'new' ? <SegmentForm /> : <SegmentDetail key={key} segmentKey={key} />;
}
