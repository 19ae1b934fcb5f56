import { Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { useI18n } from '../../app/i18n.tsx';
import { NoData, QueryState } from '../../app/states.tsx';
import { OverviewBody, useCommunities } from '../overview/OverviewPage.tsx';

/** One community: its pickup points and leaders, and the overview dashboard limited to it. */
export default function CommunityPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const communities = useCommunities();
  return (
    <QueryState query={communities}>
      {(data) => {
        const c = data.items.find((x) => x.id === id);
        if (!c) return <NoData description={t('common.notFound')} />;
        return (
          <Flex vertical gap={16}>
            <Card
              title={
                <Typography.Title level={4} style={{ margin: 0 }}>
                  {c.name}
                </Typography.Title>
              }
            >
              <Descriptions size="small" column={{ xs: 1, md: 3 }}>
                <Descriptions.Item label={t('communities.city')}>{c.city}</Descriptions.Item>
                <Descriptions.Item label={t('communities.district')}>{c.district}</Descriptions.Item>
                <Descriptions.Item label={t('communities.wechatGroups')}>
                  {c.wechatGroupIds.length ? c.wechatGroupIds.map((g) => <Tag key={g}>{g}</Tag>) : '—'}
                </Descriptions.Item>
              </Descriptions>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={c.pickupPoints}
                title={() => t('communities.pickupPoints')}
                columns={[
                  { title: t('communities.pickupPoints'), dataIndex: 'name' },
                  { title: t('communities.address'), dataIndex: 'address' },
                  {
                    title: t('communities.leader'),
                    dataIndex: 'leader',
                    render: (v: string | null) => v ?? '—',
                  },
                  {
                    title: t('communities.location'),
                    render: (_, p) =>
                      p.lat !== null && p.lng !== null ? `${p.lat.toFixed(5)}, ${p.lng.toFixed(5)}` : '—',
                  },
                ]}
              />
            </Card>
            <OverviewBody communityId={c.id} fixedCommunity />
          </Flex>
        );
      }}
    </QueryState>
  );
}
