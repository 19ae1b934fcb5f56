import type { TextItem } from '@linli/contracts/text';
import { Button, Flex, Rate, Table, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { shanghaiTime, yuan } from '../../app/format.ts';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import { ErrorState, Loading, NoData } from '../../app/states.tsx';
import { useInfiniteList } from '../../app/useInfiniteList.ts';
import { AspectTags, IntensityValue, RiskTags, SentimentTag } from '../texts/TextBits.tsx';
import type { BehaviourEvent, Order } from './types.ts';

const STATUS_COLOR: Record<string, string> = {
  paid: 'blue',
  picked_up: 'green',
  cancelled: 'default',
  refunded: 'red',
  partially_refunded: 'orange',
};

function More({
  query,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
}) {
  const { t } = useI18n();
  if (!query.hasNextPage) return null;
  return (
    <Button block onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
      {t('common.loadMore')}
    </Button>
  );
}

export function OrderTimeline({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  const { query, items } = useInfiniteList<Order>(
    ['member-orders', memberId],
    '/api/v1/orders',
    { memberId },
    10,
  );
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  if (items.length === 0) return <NoData />;
  return (
    <Flex vertical gap={8} data-testid="order-timeline">
      <Timeline
        items={items.map((o) => ({
          color: STATUS_COLOR[o.status] ?? 'blue',
          content: (
            <Flex vertical gap={4}>
              <Flex gap={8} wrap align="center">
                <Typography.Text strong>{shanghaiTime(o.placedAt)}</Typography.Text>
                <Tag color={STATUS_COLOR[o.status]}>{t(`members.statuses.${o.status}` as MessageKey)}</Tag>
                <span>
                  {t('members.paid')} {yuan(o.paidFen)}
                </span>
                {o.refundedFen > 0 && (
                  <Typography.Text type="danger">
                    {t('members.refunded')} {yuan(o.refundedFen)}
                  </Typography.Text>
                )}
                <Typography.Text type="secondary" copyable={{ text: o.externalId }}>
                  {t('members.orderNo')} {o.externalId}
                </Typography.Text>
              </Flex>
              <Table
                size="small"
                rowKey={(_, i) => String(i)}
                pagination={false}
                dataSource={o.items}
                columns={[
                  {
                    title: t('members.items'),
                    dataIndex: 'name',
                    render: (v: string | null, r) => v ?? r.sku,
                  },
                  { title: '×', dataIndex: 'quantity', width: 80 },
                  { title: '¥', dataIndex: 'amountFen', width: 110, render: (v: number) => yuan(v) },
                ]}
              />
            </Flex>
          ),
        }))}
      />
      <More query={query} />
    </Flex>
  );
}

function describe(e: BehaviourEvent, t: (k: MessageKey, v?: Record<string, string | number>) => string) {
  const parts: string[] = [];
  if (e.productId) parts.push(e.productId);
  if (e.contentId) parts.push(e.contentId);
  if (e.dwellMs) parts.push(t('members.dwell', { s: Math.round(e.dwellMs / 1000) }));
  return parts.join(' · ');
}

export function BehaviourTimeline({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  const { query, items } = useInfiniteList<BehaviourEvent>(
    ['member-events', memberId],
    '/api/v1/events',
    { memberId },
    30,
  );
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  if (items.length === 0) return <NoData />;
  return (
    <Flex vertical gap={8} data-testid="behaviour-timeline">
      <Timeline
        items={items.map((e) => ({
          color: e.type === 'complaint' ? 'red' : e.type === 'review' ? 'green' : 'gray',
          content: (
            <span>
              <Typography.Text type="secondary">{shanghaiTime(e.occurredAt)}</Typography.Text>{' '}
              <Typography.Text strong>{t(`members.eventTypes.${e.type}` as MessageKey)}</Typography.Text>{' '}
              <Typography.Text type="secondary">{describe(e, t)}</Typography.Text>
              {e.text && <div>{e.text}</div>}
            </span>
          ),
        }))}
      />
      <More query={query} />
    </Flex>
  );
}

/** What the member wrote (reviews, complaints, posts, service messages) with how each was scored. */
export function VoiceList({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  const texts = useInfiniteList<TextItem>(['member-texts', memberId], '/api/v1/texts', { memberId }, 20);
  if (texts.query.isPending) return <Loading />;
  if (texts.query.error) return <ErrorState error={texts.query.error} />;
  if (texts.items.length === 0) return <NoData />;
  return (
    <Flex vertical gap={12} data-testid="voice">
      <Link to={`/texts?memberId=${encodeURIComponent(memberId)}`}>{t('members.voiceInExplorer')}</Link>
      {texts.items.map((e) => (
        <Flex
          key={e.eventId}
          vertical
          gap={4}
          style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}
        >
          <Flex gap={8} align="center" wrap>
            <Tag color={e.source === 'complaint' ? 'red' : e.source === 'review' ? 'green' : 'blue'}>
              {t(`members.eventTypes.${e.source}` as MessageKey)}
            </Tag>
            {e.rating !== null && <Rate disabled value={e.rating} style={{ fontSize: 14 }} />}
            <Typography.Text type="secondary">{shanghaiTime(e.occurredAt)}</Typography.Text>
            <SentimentTag label={e.label} probability={e.probability} />
            <Typography.Text type="secondary">
              {t('texts.intensity')} <IntensityValue value={e.intensity} />
            </Typography.Text>
            <AspectTags aspects={e.aspects} />
            {e.riskHits.length > 0 && <RiskTags hits={e.riskHits} />}
          </Flex>
          <Typography.Text>{e.text}</Typography.Text>
        </Flex>
      ))}
      <More query={texts.query} />
    </Flex>
  );
}
