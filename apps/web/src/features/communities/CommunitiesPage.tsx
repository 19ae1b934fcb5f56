import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Flex, Input, Progress } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { get } from '../../app/api.ts';
import { int, pct, yuan } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRangeParams } from '../overview/OverviewPage.tsx';
import type { CommunityKpis } from '../overview/types.ts';
import { QueryTable } from '../../app/QueryTable.tsx';

type CommunityRow = CommunityKpis;

export default function CommunitiesPage() {
  const { t } = useI18n();
  const range = useRangeParams();
  const [filter, setFilter] = useState('');
  const query = useQuery({
    queryKey: ['community-sales', range.from, range.to],
    queryFn: () =>
      get<{ items: CommunityRow[] }>('/api/v1/overview/communities', { from: range.from, to: range.to }),
  });
  const rows = (query.data?.items ?? []).filter(
    (c) => !filter || c.name.includes(filter) || c.district.includes(filter),
  );
  return (
    <Card title={t('nav.communities')}>
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(range.from), dayjs(range.to)]}
          onChange={(v) =>
            v?.[0] && v[1] && range.set({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })
          }
        />
        <Input.Search
          allowClear
          placeholder={t('communities.name')}
          onSearch={setFilter}
          style={{ width: 240 }}
        />
      </Flex>
      <QueryTable<CommunityRow>
        query={query}
        rowKey="communityId"
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: true }}
        data-testid="community-table"
        columns={[
          {
            title: t('communities.name'),
            dataIndex: 'name',
            render: (v: string, c) => <Link to={`/communities/${c.communityId}`}>{v}</Link>,
          },
          {
            title: t('communities.district'),
            dataIndex: 'district',
            filters: [...new Set(rows.map((r) => r.district))].map((d) => ({ text: d, value: d })),
            onFilter: (v, r) => r.district === v,
          },
          {
            title: t('communities.members'),
            dataIndex: 'members',
            align: 'right',
            sorter: (a, b) => a.members - b.members,
            render: int,
          },
          {
            title: t('communities.activeRate'),
            dataIndex: 'activeRate',
            width: 180,
            sorter: (a, b) => (a.activeRate ?? 0) - (b.activeRate ?? 0),
            render: (v: number | null) => (
              <Progress percent={Math.round((v ?? 0) * 1000) / 10} size="small" format={() => pct(v)} />
            ),
          },
          {
            title: t('communities.orders'),
            dataIndex: 'orders',
            align: 'right',
            sorter: (a, b) => a.orders - b.orders,
            render: int,
          },
          {
            title: t('communities.gmv'),
            dataIndex: 'gmvFen',
            align: 'right',
            defaultSortOrder: 'descend',
            sorter: (a, b) => a.gmvFen - b.gmvFen,
            render: yuan,
          },
        ]}
      />
    </Card>
  );
}
