import { ArrowLeftOutlined } from '@ant-design/icons';
import type { IncidentDetail, OpinionMessageView, RemedyView, TimelineEntry } from '@linli/contracts/opinion';
import { Card, Descriptions, Flex, List, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { shanghaiTime, yuan } from '../../app/format.ts';
import { useI18n, type MessageKey, type Translate } from '../../app/i18n.tsx';
import { QueryState } from '../../app/states.tsx';
import { AffectedTab } from './AffectedTab.tsx';
import { useIncident } from './api.ts';
import {
  CategoryTag,
  EvidenceText,
  LevelTag,
  LEVEL_HEX,
  SlaCountdown,
  useNow,
  useReasonLabel,
} from './bits.tsx';
import { IncidentActions } from './IncidentActions.tsx';

const TIMELINE_COLORS: Record<string, string> = {
  opened: 'blue',
  level_raised: 'orange',
  escalated: 'red',
  sla_breach: 'red',
  sla_warning: 'orange',
  acknowledged: 'green',
  resolved: 'green',
  remedy: 'green',
};

/** One timeline line in words: what happened, with the details that matter for it. */
function describe(e: TimelineEntry, t: Translate): string {
  const d = e.detail as Record<string, string | number | undefined>;
  const level = (n: unknown) => t(`opinion.levelShort.${String(n)}` as MessageKey);
  const parts: string[] = [];
  if (e.kind === 'level_raised' || e.kind === 'escalated')
    parts.push(`${level(d.from)} → ${level(d.to)}`, t(`opinion.causes.${String(d.cause)}` as MessageKey));
  if (e.kind === 'assigned') parts.push(`→ ${String(d.to)}`);
  if (e.kind === 'resolved') parts.push(t(`opinion.codes.${String(d.code)}` as MessageKey));
  if (e.kind === 'remedy')
    parts.push(t(`opinion.remedyKinds.${String(d.kind)}` as MessageKey), yuan(Number(d.amountFen)));
  if (e.kind === 'sla_warning')
    parts.push(`${t(`opinion.clock.${String(d.clock)}` as MessageKey)} ${String(d.share)}%`);
  if (e.kind === 'sla_breach') parts.push(t(`opinion.clock.${String(d.clock)}` as MessageKey));
  if (d.note) parts.push(String(d.note));
  return parts.filter(Boolean).join(' · ');
}

function Messages({ items }: { items: OpinionMessageView[] }) {
  const { t } = useI18n();
  const label = useReasonLabel();
  return (
    <List<OpinionMessageView>
      dataSource={items}
      data-testid="messages"
      renderItem={(m) => (
        <List.Item>
          <Flex vertical gap={4} style={{ width: '100%' }}>
            <Space size={[4, 4]} wrap>
              <LevelTag level={m.level} />
              <Tag>{t(`opinion.sources.${m.source}` as MessageKey)}</Tag>
              {m.reasons.map((r) => (
                <Tag key={r} color="blue">
                  {label(r)}
                </Tag>
              ))}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {shanghaiTime(m.receivedAt)}
              </Typography.Text>
              {m.memberId && <Link to={`/members/${m.memberId}`}>{t('opinion.detail.member')}</Link>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('opinion.detail.version')} {m.version}
              </Typography.Text>
            </Space>
            <Typography.Paragraph style={{ margin: 0 }} data-testid="message-text">
              <EvidenceText text={m.text} evidence={m.evidence} />
            </Typography.Paragraph>
          </Flex>
        </List.Item>
      )}
    />
  );
}

function Body({ i }: { i: IncidentDetail }) {
  const { t } = useI18n();
  const now = useNow();
  return (
    <Flex vertical gap={16}>
      <Link to="/opinion/board">
        <ArrowLeftOutlined /> {t('opinion.detail.back')}
      </Link>
      <Card style={{ borderTop: `3px solid ${LEVEL_HEX[i.level] ?? '#d9d9d9'}` }}>
        <Flex vertical gap={12}>
          <Flex justify="space-between" align="start" wrap gap={8}>
            <Typography.Title
              level={4}
              style={{ margin: 0, maxWidth: 720, wordBreak: 'break-word' }}
              data-testid="incident-title"
            >
              {i.title}
            </Typography.Title>
            <Space size={[4, 4]} wrap>
              <LevelTag level={i.level} />
              <CategoryTag category={i.category} />
              <Tag
                color={
                  i.status === 'resolved' ? 'success' : i.status === 'acknowledged' ? 'processing' : 'default'
                }
                data-testid="incident-status"
              >
                {t(`opinion.status.${i.status}`)}
              </Tag>
              <SlaCountdown sla={i.sla} now={now} />
            </Space>
          </Flex>
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
            <Descriptions.Item label={t('opinion.detail.opened')}>
              {shanghaiTime(i.openedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('opinion.detail.lastMessage')}>
              {shanghaiTime(i.lastMessageAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('opinion.detail.owner')}>
              <span data-testid="incident-owner">
                {i.ownerName ?? t(`opinion.owner.${i.ownerRole}` as MessageKey)}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('opinion.detail.community')}>
              {i.communityName ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('opinion.detail.sku')}>{i.sku ?? '—'}</Descriptions.Item>
            {i.batch && <Descriptions.Item label={t('opinion.detail.batch')}>{i.batch}</Descriptions.Item>}
            <Descriptions.Item label={t('opinion.detail.order')}>{i.orderId ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('opinion.detail.size')}>
              {t('opinion.board.messages', { n: i.messageCount })} ·{' '}
              {t('opinion.board.households', { n: i.households })}
            </Descriptions.Item>
            {i.resolutionCode && (
              <Descriptions.Item label={t('opinion.detail.resolution')}>
                {t(`opinion.codes.${i.resolutionCode}`)}
                {i.resolutionNote ? ` · ${i.resolutionNote}` : ''}
              </Descriptions.Item>
            )}
          </Descriptions>
          <IncidentActions incident={i} />
        </Flex>
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: 'timeline',
              label: t('opinion.detail.timeline'),
              children: (
                <Timeline
                  data-testid="timeline"
                  items={i.timeline.map((e) => ({
                    color: TIMELINE_COLORS[e.kind] ?? 'gray',
                    children: (
                      <Flex vertical>
                        <Typography.Text strong>
                          {t(`opinion.timeline.${e.kind}`)}{' '}
                          <Typography.Text type="secondary">{describe(e, t)}</Typography.Text>
                        </Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {shanghaiTime(e.at)} · {e.actor}
                        </Typography.Text>
                      </Flex>
                    ),
                  }))}
                />
              ),
            },
            {
              key: 'messages',
              label: t('opinion.detail.messages', { n: i.messageCount }),
              children: <Messages items={i.messages} />,
            },
            {
              key: 'remedies',
              label: t('opinion.detail.remedies'),
              children: (
                <Table<RemedyView>
                  size="small"
                  rowKey="id"
                  dataSource={i.remedies}
                  pagination={false}
                  locale={{ emptyText: t('opinion.detail.noRemedies') }}
                  columns={[
                    {
                      title: t('opinion.actions.kind'),
                      dataIndex: 'kind',
                      render: (k: string) => t(`opinion.remedyKinds.${k}` as MessageKey),
                    },
                    {
                      title: t('opinion.actions.amount'),
                      dataIndex: 'amountFen',
                      align: 'right',
                      render: (f: number) => yuan(f),
                    },
                    {
                      title: t('opinion.detail.order'),
                      dataIndex: 'orderId',
                      render: (o: string | null) => o ?? '—',
                    },
                    { title: t('opinion.actions.noteText'), dataIndex: 'note' },
                    { title: '', dataIndex: 'by' },
                    { title: '', dataIndex: 'at', render: (d: string) => shanghaiTime(d) },
                  ]}
                />
              ),
            },
            { key: 'affected', label: t('opinion.detail.affected'), children: <AffectedTab incident={i} /> },
          ]}
        />
      </Card>
    </Flex>
  );
}

/** One incident: where it stands, what was said, what was done, who else bought the product. */
export default function IncidentPage() {
  const { id = '' } = useParams();
  const q = useIncident(id);
  return <QueryState query={q}>{(i) => <Body i={i} />}</QueryState>;
}
