import { Card, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { pct, yuan } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Pager } from '../../app/Pager.tsx';
import { QueryTable } from '../../app/QueryTable.tsx';
import { useCursorPages } from '../../app/useCursorPages.ts';
import { useCommunities } from '../overview/OverviewPage.tsx';
import { ChurnRisk } from './ChurnRisk.tsx';
import { QUADRANT_COLOR, type Quadrant, type ValueMember } from './types.ts';

/** The members behind one quadrant, 50 a page, each linking to their 360° page. */
export function QuadrantMembers({ quadrant, title }: { quadrant: Quadrant; title: string }) {
  const { t } = useI18n();
  const communities = useCommunities();
  const names = new Map((communities.data?.items ?? []).map((c) => [c.id, c.name]));
  const { query, page, hasNext, next, prev } = useCursorPages<ValueMember>(
    'value-members',
    '/api/v1/values/members',
    { quadrant },
    50,
  );
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <Tag color={QUADRANT_COLOR[quadrant]}>{title}</Tag>
          <span>{t('values.membersTitle')}</span>
        </Flex>
      }
      extra={<Typography.Text type="secondary">{t('values.membersHint')}</Typography.Text>}
    >
      <QueryTable<ValueMember>
        query={query}
        rowKey="memberId"
        size="small"
        dataSource={query.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="quadrant-members"
        columns={[
          {
            title: t('values.member'),
            dataIndex: 'nickname',
            render: (v: string | null, m) => <Link to={`/members/${m.memberId}`}>{v || m.memberId}</Link>,
          },
          { title: t('values.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
          {
            title: t('values.community'),
            dataIndex: 'communityId',
            render: (v: string | null) => (v ? (names.get(v) ?? v) : '—'),
          },
          { title: t('values.arpu'), dataIndex: 'arpuFen', align: 'right', render: (v: number) => yuan(v) },
          { title: t('values.clv'), dataIndex: 'clvFen', align: 'right', render: (v: number) => yuan(v) },
          { title: t('values.pAlive'), dataIndex: 'pAlive', align: 'right', render: (v: number) => pct(v) },
          {
            title: t('values.churnRisk'),
            dataIndex: 'churnRisk',
            render: (v: number | undefined) => (v === undefined || v === null ? '—' : <ChurnRisk risk={v} />),
          },
        ]}
        footer={
          <Pager page={page} hasNext={hasNext} onPrev={prev} onNext={next} loading={query.isFetching} />
        }
      />
    </Card>
  );
}
