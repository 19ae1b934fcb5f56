import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import {
  CONTENT_CHANNELS,
  type ComplianceItem,
  type ContentChannel,
  type ItemPage,
} from '@linli/contracts/compliance';
import { Button, Card, Checkbox, Flex, Input, Segmented, Select, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { shanghaiTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Pager } from '../../app/Pager.tsx';
import { QueryTable } from '../../app/QueryTable.tsx';
import { useCursorPages } from '../../app/useCursorPages.ts';
import { useSearchPatch } from '../../app/useSearchPatch.ts';
import { exportHref, KEY } from './api.ts';
import { SlaBadge, StatusTag, VerdictTag } from './bits.tsx';

type View = 'review' | 'legal' | 'returned' | 'all';
const VIEWS: View[] = ['review', 'legal', 'returned', 'all'];

/** 审核队列: one queue per human stage ordered by deadline, what was returned, and everything. */
export default function QueuePage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { params, patch } = useSearchPatch();
  const view = (VIEWS as string[]).includes(params.get('view') ?? '')
    ? (params.get('view') as View)
    : 'review';
  const mine = params.get('mine') === '1';
  const unassigned = params.get('unassigned') === '1';
  const channel = (params.get('channel') ?? undefined) as ContentChannel | undefined;
  const q = params.get('q') ?? undefined;
  // in the returned view "mine" is what I wrote; in the stage queues, what I hold
  const filter: Record<string, string | undefined> = {
    stage: view === 'review' || view === 'legal' ? view : undefined,
    status: view === 'returned' ? 'returned,recalled' : undefined,
    assignee: view === 'returned' ? undefined : mine ? 'me' : unassigned ? 'none' : undefined,
    author: view === 'returned' && mine ? 'me' : undefined,
    channel,
    q,
  };
  const { query, page, hasNext, next, prev } = useCursorPages<ComplianceItem>(
    `${KEY}-items`,
    '/api/v1/compliance/items',
    filter,
    20,
  );
  const total = (query.data as ItemPage | undefined)?.total;

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex wrap gap={16} align="center" justify="space-between">
          <Flex vertical gap={4}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('compliance.queue.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('compliance.queue.subtitle')}</Typography.Text>
          </Flex>
          <Flex gap={8} wrap>
            <Button icon={<DownloadOutlined />} href={exportHref(filter, 'xlsx', lang)}>
              {t('common.export')}
            </Button>
            <Button icon={<DownloadOutlined />} href={exportHref(filter, 'csv', lang)}>
              {t('compliance.queue.exportCsv')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/compliance/new')}>
              {t('compliance.queue.submit')}
            </Button>
          </Flex>
        </Flex>
      </Card>
      <Card size="small">
        <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
          <Segmented
            data-testid="queue-view"
            value={view}
            onChange={(v) => patch({ view: v === 'review' ? undefined : String(v) })}
            options={VIEWS.map((v) => ({ value: v, label: t(`compliance.queue.${v}`) }))}
          />
          <Checkbox
            checked={mine}
            onChange={(e) => patch({ mine: e.target.checked ? '1' : undefined, unassigned: undefined })}
          >
            {t('compliance.queue.mine')}
          </Checkbox>
          {view !== 'returned' && (
            <Checkbox
              checked={unassigned}
              onChange={(e) => patch({ unassigned: e.target.checked ? '1' : undefined, mine: undefined })}
            >
              {t('compliance.queue.unassigned')}
            </Checkbox>
          )}
          <Select
            allowClear
            placeholder={t('compliance.submit.channel')}
            style={{ width: 150 }}
            value={channel}
            onChange={(v?: string) => patch({ channel: v })}
            options={CONTENT_CHANNELS.map((v) => ({ value: v, label: t(`compliance.channels.${v}`) }))}
          />
          <Input.Search
            allowClear
            defaultValue={q}
            placeholder={t('compliance.queue.search')}
            style={{ width: 260 }}
            onSearch={(v) => patch({ q: v.trim() || undefined })}
          />
          {total !== undefined && (
            <Typography.Text type="secondary">{t('compliance.queue.total', { n: total })}</Typography.Text>
          )}
        </Flex>
        <QueryTable<ComplianceItem>
          query={query}
          data-testid="queue-table"
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={query.data?.items ?? []}
          onRow={(r) => ({
            onClick: () => navigate(`/compliance/items/${encodeURIComponent(r.id)}`),
            style: { cursor: 'pointer' },
          })}
          columns={[
            {
              title: t('compliance.queue.cols.item'),
              key: 'item',
              render: (_, r) => (
                <Flex vertical gap={2} style={{ maxWidth: 520 }}>
                  <Link
                    to={`/compliance/items/${encodeURIComponent(r.id)}`}
                    onClick={(e) => e.stopPropagation()}
                  >
                    {r.title || r.id}
                  </Link>
                  <Typography.Text type="secondary" ellipsis style={{ maxWidth: 520 }}>
                    {r.preview}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('compliance.queue.cols.type'),
              key: 'type',
              render: (_, r) => (
                <Flex vertical gap={2}>
                  <span>{t(`compliance.types.${r.type}`)}</span>
                  <Typography.Text type="secondary">{t(`compliance.channels.${r.channel}`)}</Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('compliance.queue.cols.status'),
              key: 'status',
              render: (_, r) => (
                <Flex gap={4} wrap>
                  <StatusTag status={r.status} />
                  <Tag>v{r.currentVersion}</Tag>
                </Flex>
              ),
            },
            {
              title: t('compliance.queue.cols.verdict'),
              key: 'verdict',
              render: (_, r) => (
                <Flex gap={4} wrap>
                  <VerdictTag verdict={r.verdict} />
                  {r.highRisk && <Tag color="red">{t('compliance.queue.highRisk')}</Tag>}
                </Flex>
              ),
            },
            {
              title: t('compliance.queue.cols.assignee'),
              dataIndex: 'assignee',
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('compliance.queue.cols.sla'),
              key: 'sla',
              render: (_, r) => <SlaBadge startedAt={r.slaStartedAt} dueAt={r.dueAt} />,
            },
            {
              title: t('compliance.queue.cols.updated'),
              dataIndex: 'updatedAt',
              render: (v: string) => shanghaiTime(v),
            },
          ]}
          footer={
            <Pager page={page} hasNext={hasNext} onPrev={prev} onNext={next} loading={query.isFetching} />
          }
        />
      </Card>
    </Flex>
  );
}
