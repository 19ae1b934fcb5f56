import { BellOutlined, TeamOutlined, MessageOutlined } from '@ant-design/icons';
import type { IncidentListItem, NotificationView, OpinionLevel } from '@linli/contracts/opinion';
import { Badge, Card, Col, Empty, Flex, List, Row, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { shanghaiTime } from '../../app/format.ts';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import { ErrorState, Loading } from '../../app/states.tsx';
import { useIncidents, useNotifications } from './api.ts';
import { CategoryTag, LEVEL_HEX, SlaCountdown, useNow } from './bits.tsx';

function IncidentCard({ i, now }: { i: IncidentListItem; now: number }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      style={{ marginBottom: 8, borderLeft: `3px solid ${LEVEL_HEX[i.level] ?? '#d9d9d9'}` }}
      data-testid="incident-card"
    >
      <Flex vertical gap={6}>
        <Link to={`/opinion/incidents/${i.id}`} style={{ fontWeight: 500, wordBreak: 'break-word' }}>
          {i.title}
        </Link>
        <Space size={[4, 4]} wrap>
          <CategoryTag category={i.category} />
          {i.status !== 'open' && (
            <Tag color={i.status === 'resolved' ? 'success' : 'processing'}>
              {t(`opinion.status.${i.status}`)}
            </Tag>
          )}
          {i.escalations > 0 && (
            <Tag color="volcano">{t('opinion.board.escalated', { n: i.escalations })}</Tag>
          )}
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {i.communityName ?? '—'} · <MessageOutlined /> {i.messageCount} · <TeamOutlined /> {i.households} ·{' '}
          {i.ownerName ?? t(`opinion.owner.${i.ownerRole}` as MessageKey)}
        </Typography.Text>
        <Flex justify="space-between" align="center">
          <SlaCountdown sla={i.sla} now={now} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {shanghaiTime(i.lastMessageAt).slice(5)}
          </Typography.Text>
        </Flex>
      </Flex>
    </Card>
  );
}

function Notices() {
  const { t } = useI18n();
  const q = useNotifications('console');
  return (
    <Card
      size="small"
      title={
        <Space>
          <BellOutlined />
          {t('opinion.board.notifications')}
        </Space>
      }
      data-testid="notifications"
    >
      <List<NotificationView>
        size="small"
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('opinion.board.noNotifications') }}
        renderItem={(n) => (
          <List.Item style={{ padding: '6px 0' }}>
            <Flex vertical style={{ width: '100%' }}>
              {n.incidentId ? (
                <Link to={`/opinion/incidents/${n.incidentId}`} style={{ fontSize: 13 }}>
                  {n.title}
                </Link>
              ) : (
                <Typography.Text style={{ fontSize: 13 }}>{n.title}</Typography.Text>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {shanghaiTime(n.at)}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** 事件看板 and 我的待办: open incidents in columns by level, each with its clock counting down. */
export default function BoardPage({ mine = false }: { mine?: boolean }) {
  const { t } = useI18n();
  const [resolved, setResolved] = useState(false);
  const q = useIncidents({ mine, resolved });
  const now = useNow();
  const items = q.data?.items ?? [];
  const column = (level: OpinionLevel) => items.filter((i) => i.level === level);
  const age = q.dataUpdatedAt ? Math.max(0, Math.round((now - q.dataUpdatedAt) / 1000)) : null;
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="end" wrap gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t(mine ? 'opinion.board.queueTitle' : 'opinion.board.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t(mine ? 'opinion.board.queueSubtitle' : 'opinion.board.subtitle')}
          </Typography.Text>
        </div>
        <Space>
          {age !== null && (
            <Typography.Text type="secondary" data-testid="refreshed">
              <Badge status="processing" /> {t('opinion.board.refreshed', { s: age })}
            </Typography.Text>
          )}
          <Switch size="small" checked={resolved} onChange={setResolved} data-testid="show-resolved" />
          <Typography.Text>{t('opinion.board.showResolved')}</Typography.Text>
        </Space>
      </Flex>
      {q.error ? (
        <ErrorState error={q.error} retry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Loading rows={8} />
      ) : (
        <Row gutter={12}>
          {([3, 2, 1] as const).map((level) => (
            <Col key={level} xs={24} md={12} xl={6}>
              <Card
                size="small"
                data-testid={`column-${level}`}
                title={
                  <Space>
                    <span
                      style={{
                        display: 'inline-block',
                        width: 10,
                        height: 10,
                        borderRadius: 5,
                        background: LEVEL_HEX[level],
                      }}
                    />
                    {t(`opinion.levels.${level}`)}
                    <Tag>{column(level).length}</Tag>
                  </Space>
                }
                styles={{
                  body: {
                    background: '#fafafa',
                    minHeight: 160,
                    maxHeight: 'calc(100vh - 260px)',
                    overflowY: 'auto',
                  },
                }}
              >
                {column(level).length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opinion.board.empty')} />
                ) : (
                  column(level).map((i) => <IncidentCard key={i.id} i={i} now={now} />)
                )}
              </Card>
            </Col>
          ))}
          <Col xs={24} md={12} xl={6}>
            <Notices />
          </Col>
        </Row>
      )}
    </Flex>
  );
}
