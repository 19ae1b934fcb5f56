import { InboxOutlined, PlusOutlined } from '@ant-design/icons';
import type { SegmentView } from '@linli/contracts/insight';
import { Button, Card, Flex, Progress, Segmented, Tag, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useCanEdit } from '../../app/auth.tsx';
import { int, pct, shanghaiTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { QueryTable } from '../../app/QueryTable.tsx';
import { useSearchPatch } from '../../app/useSearchPatch.ts';
import { useCommunities } from '../overview/OverviewPage.tsx';
import { membersColumn, NameOverKey } from '../tags/shared.tsx';
import { useSegments } from './api.ts';
import { ArchiveButton, useArchiveActions } from './archive.tsx';

/** "全部社区", or the first few community names and how many more. */
export function Scope({ ids }: { ids: string[] | null }) {
  const { t } = useI18n();
  const communities = useCommunities();
  if (!ids || ids.length === 0) return <Tag>{t('segments.allCommunities')}</Tag>;
  const names = new Map((communities.data?.items ?? []).map((c) => [c.id, c.name]));
  const shown = ids.slice(0, 2).map((id) => names.get(id) ?? id);
  return (
    <Tooltip title={ids.map((id) => names.get(id) ?? id).join('、')}>
      <span>
        {shown.map((n) => (
          <Tag key={n} color="blue">
            {n}
          </Tag>
        ))}
        {ids.length > 2 && (
          <Typography.Text type="secondary">
            {t('segments.moreCommunities', { n: ids.length })}
          </Typography.Text>
        )}
      </span>
    </Tooltip>
  );
}

/** Every segment with its reach and control group; archived ones on their own tab. */
export default function SegmentsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const canEdit = useCanEdit();
  const { params, patch } = useSearchPatch();
  const archived = params.get('archived') === 'true';
  const query = useSegments(archived);
  const archiveActions = useArchiveActions();

  return (
    <Card
      title={t('segments.title')}
      extra={
        <Flex gap={12} align="center">
          <Segmented
            value={archived ? 'archived' : 'active'}
            onChange={(v) => patch({ archived: v === 'archived' ? 'true' : undefined })}
            options={[
              { value: 'active', label: t('segments.active') },
              { value: 'archived', label: t('segments.archived'), icon: <InboxOutlined /> },
            ]}
            data-testid="segment-archived-toggle"
          />
          {canEdit && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/segments/new')}
              data-testid="segment-create"
            >
              {t('segments.create')}
            </Button>
          )}
        </Flex>
      }
    >
      <QueryTable<SegmentView>
        query={query}
        rowKey="key"
        size="middle"
        dataSource={query.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: archived ? t('segments.emptyArchived') : t('segments.empty') }}
        scroll={{ x: 1000 }}
        data-testid="segment-table"
        onRow={(s) => ({ 'data-key': s.key }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('segments.name'),
            dataIndex: 'name',
            render: (v: string, s) => (
              <NameOverKey
                name={v}
                itemKey={s.key}
                to={`/segments/${encodeURIComponent(s.key)}`}
                testId="segment-link"
              />
            ),
          },
          membersColumn<SegmentView>(t('segments.members')),
          {
            title: t('segments.holdout'),
            dataIndex: 'holdout',
            width: 190,
            render: (v: number, s) => (
              <Tooltip title={`${t('segments.holdoutShare')} ${pct(s.holdoutShare, 0)}`}>
                <Flex gap={8} align="center">
                  <span style={{ minWidth: 48, textAlign: 'right' }}>{int(v)}</span>
                  <Progress
                    percent={s.members ? Math.round((v / s.members) * 1000) / 10 : 0}
                    size="small"
                    strokeColor="#f59a23"
                    style={{ width: 100, margin: 0 }}
                  />
                </Flex>
              </Tooltip>
            ),
          },
          {
            title: t('segments.scope'),
            dataIndex: 'communityIds',
            render: (ids: string[] | null) => <Scope ids={ids} />,
          },
          {
            title: t('segments.refreshedAt'),
            dataIndex: 'refreshedAt',
            width: 150,
            render: (v: string | null) => (v ? shanghaiTime(v) : t('segments.never')),
          },
          {
            title: archived ? t('segments.archived') : t('segments.updatedAt'),
            dataIndex: archived ? 'archivedAt' : 'updatedAt',
            width: 150,
            render: (v: string | null) => shanghaiTime(v),
          },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  width: 100,
                  render: (_: unknown, s: SegmentView) => (
                    <ArchiveButton segment={s} actions={archiveActions} compact />
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
