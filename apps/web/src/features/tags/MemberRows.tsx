import type { MemberRow } from '@linli/contracts/insight';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { shanghaiTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Pager } from '../../app/Pager.tsx';
import { QueryTable } from '../../app/QueryTable.tsx';
import { useCursorPages } from '../../app/useCursorPages.ts';
import { useCommunities } from '../overview/OverviewPage.tsx';

/**
 * A page-by-page member list of a tag or a segment (GET …/members, cursor pagination, 50 a
 * page), linking each member to their 360° page; `extra` adds the caller's own columns. The
 * headings are the caller's own messages (`tags.*` or `segments.*`), as "since" reads differently:
 * tagged at, or entered the segment.
 */
export function MemberRows({
  queryKey,
  path,
  filter = {},
  extra = [],
  messages,
  testId,
}: {
  queryKey: string;
  path: string;
  filter?: Record<string, string | undefined>;
  extra?: ColumnsType<MemberRow>;
  messages: 'tags' | 'segments';
  testId: string;
}) {
  const { t } = useI18n();
  const communities = useCommunities();
  const names = new Map((communities.data?.items ?? []).map((c) => [c.id, c.name]));
  const { query, page, hasNext, next, prev } = useCursorPages<MemberRow>(queryKey, path, filter, 50);
  return (
    <QueryTable<MemberRow>
      query={query}
      rowKey="memberId"
      size="small"
      dataSource={query.data?.items ?? []}
      pagination={false}
      scroll={{ x: 800 }}
      locale={{ emptyText: t('common.empty') }}
      data-testid={testId}
      columns={[
        {
          title: t(`${messages}.member`),
          dataIndex: 'nickname',
          render: (v: string | null, m) => (
            <Link to={`/members/${encodeURIComponent(m.memberId)}`} data-testid="member-link">
              {v || m.memberId}
            </Link>
          ),
        },
        {
          title: t(`${messages}.phone`),
          dataIndex: 'phone',
          width: 140,
          render: (v: string | null) => v ?? '—',
        },
        {
          title: t(`${messages}.community`),
          dataIndex: 'communityId',
          render: (v: string | null) => (v ? (names.get(v) ?? v) : '—'),
        },
        ...extra,
        {
          title: t(`${messages}.since`),
          dataIndex: 'since',
          width: 160,
          render: (v: string) => shanghaiTime(v),
        },
      ]}
      footer={<Pager page={page} hasNext={hasNext} onPrev={prev} onNext={next} loading={query.isFetching} />}
    />
  );
}
