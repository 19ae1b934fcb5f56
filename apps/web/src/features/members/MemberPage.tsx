import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Flex, Row, Table, Tabs, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { get } from '../../app/api.ts';
import { shanghaiTime } from '../../app/format.ts';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import { QueryState } from '../../app/states.tsx';
import { useCommunities } from '../overview/OverviewPage.tsx';
import { MemberTags } from './MemberTags.tsx';
import { MemberValue } from './MemberValue.tsx';
import { BehaviourTimeline, OrderTimeline, VoiceList } from './MemberTimelines.tsx';
import type { MemberDetail } from './types.ts';

/** Member 360°: who they are, where they pick up, what they agreed to, bought, did and said. */
export default function MemberPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const member = useQuery({
    queryKey: ['member', id],
    queryFn: () => get<MemberDetail>(`/api/v1/members/${encodeURIComponent(id)}`),
  });
  const communities = useCommunities();

  return (
    <QueryState query={member} notFound={t('members.notFound')}>
      {(m) => {
        const community = communities.data?.items.find((c) => c.id === m.communityId);
        const pickup = community?.pickupPoints.find((p) => p.id === m.pickupPointId);
        return (
          <Flex vertical gap={16} data-testid="member-360">
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={16}>
                <Card
                  title={
                    <Flex gap={8} align="center">
                      <Typography.Title level={4} style={{ margin: 0 }}>
                        {m.nickname || m.externalId}
                      </Typography.Title>
                      {m.isStub && <Tag>{t('members.stub')}</Tag>}
                    </Flex>
                  }
                >
                  <Descriptions column={{ xs: 1, md: 2 }} size="small">
                    <Descriptions.Item label={t('members.phone')}>
                      <span data-testid="member-phone">{m.phone ?? '—'}</span>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('members.id')}>
                      <Typography.Text copyable>{m.id}</Typography.Text>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('members.externalId')}>{m.externalId}</Descriptions.Item>
                    <Descriptions.Item label={t('members.gender')}>
                      {m.gender ? t(`members.genders.${m.gender}` as MessageKey) : '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('members.birthday')}>{m.birthday ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('members.registeredAt')}>
                      {shanghaiTime(m.registeredAt)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('members.community')}>
                      {community ? (
                        <Link to={`/communities/${community.id}`}>{community.name}</Link>
                      ) : (
                        (m.communityId ?? '—')
                      )}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('members.pickupPoint')}>
                      {pickup ? `${pickup.name} · ${pickup.address}` : '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('members.leader')}>{pickup?.leader ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('members.device')}>
                      {m.deviceType ? t(`members.devices.${m.deviceType}` as MessageKey) : '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('members.referrer')}>
                      {m.referrerId ? <Link to={`/members/${m.referrerId}`}>{m.referrerId}</Link> : '—'}
                    </Descriptions.Item>
                  </Descriptions>
                </Card>
              </Col>
              <Col xs={24} xl={8}>
                <Card title={t('members.intelligence')} style={{ height: '100%' }}>
                  <MemberTags memberId={m.id} />
                  <div style={{ marginTop: 12 }}>
                    <MemberValue memberId={m.id} />
                  </div>
                </Card>
              </Col>
            </Row>
            <Card title={t('members.consent')} size="small">
              <Table
                size="small"
                rowKey="channel"
                pagination={false}
                dataSource={m.consents}
                locale={{ emptyText: t('common.empty') }}
                columns={[
                  { title: t('members.channel'), dataIndex: 'channel' },
                  {
                    title: t('members.consent'),
                    dataIndex: 'granted',
                    render: (g: boolean) => (
                      <Tag color={g ? 'green' : 'red'}>{g ? t('members.granted') : t('members.revoked')}</Tag>
                    ),
                  },
                  { title: t('members.at'), dataIndex: 'at', render: (v: string) => shanghaiTime(v) },
                  { title: t('members.source'), dataIndex: 'source' },
                ]}
              />
            </Card>
            <Card>
              <Tabs
                items={[
                  { key: 'orders', label: t('members.orders'), children: <OrderTimeline memberId={m.id} /> },
                  {
                    key: 'behaviour',
                    label: t('members.behaviour'),
                    children: <BehaviourTimeline memberId={m.id} />,
                  },
                  { key: 'voice', label: t('members.voice'), children: <VoiceList memberId={m.id} /> },
                ]}
              />
            </Card>
          </Flex>
        );
      }}
    </QueryState>
  );
}
