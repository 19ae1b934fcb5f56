import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Tag, Tooltip } from 'antd';
import { Link } from 'react-router';
import { withQuery } from '../../app/api.ts';
import { shanghaiTime } from '../../app/format.ts';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import { Pager } from '../../app/Pager.tsx';
import { useCursorPages } from '../../app/useCursorPages.ts';
import { useSearchPatch } from '../../app/useSearchPatch.ts';
import { useCommunities } from '../overview/OverviewPage.tsx';
import type { Member } from './types.ts';
import { QueryTable } from '../../app/QueryTable.tsx';

const GENDERS = ['male', 'female', 'unknown'] as const;
const DEVICES = ['ios', 'android', 'harmonyos', 'mini_program', 'h5', 'other'] as const;

export default function MembersPage() {
  const { t, lang } = useI18n();
  const { params, patch: setFilter } = useSearchPatch();
  const q = params.get('q') ?? undefined;
  const communityId = params.get('communityId') ?? undefined;
  const gender = params.get('gender') ?? undefined;
  const deviceType = params.get('deviceType') ?? undefined;
  const stub = params.get('stub') ?? undefined;
  const filter = { q, communityId, gender, deviceType, stub };
  const communities = useCommunities();
  const names = new Map((communities.data?.items ?? []).map((c) => [c.id, c.name]));
  const { query, page, hasNext, next, prev } = useCursorPages<Member>('members', '/api/v1/members', filter);

  return (
    <Card title={t('nav.members')}>
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          enterButton={t('common.search')}
          placeholder={t('members.searchPlaceholder')}
          defaultValue={q}
          onSearch={(v) => setFilter({ q: v.trim() || undefined })}
          style={{ width: 360 }}
          data-testid="member-search"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 220 }}
          placeholder={t('overview.allCommunities')}
          value={communityId}
          onChange={(v: string | undefined) => setFilter({ communityId: v })}
          options={(communities.data?.items ?? []).map((c) => ({
            value: c.id,
            label: `${c.name}（${c.district}）`,
          }))}
        />
        <Select
          allowClear
          style={{ width: 110 }}
          placeholder={t('members.gender')}
          value={gender}
          onChange={(v: string | undefined) => setFilter({ gender: v })}
          options={GENDERS.map((g) => ({ value: g, label: t(`members.genders.${g}`) }))}
        />
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t('members.device')}
          value={deviceType}
          onChange={(v: string | undefined) => setFilter({ deviceType: v })}
          options={DEVICES.map((d) => ({ value: d, label: t(`members.devices.${d}`) }))}
        />
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t('members.profileState')}
          value={stub}
          onChange={(v: string | undefined) => setFilter({ stub: v })}
          options={[
            { value: 'false', label: t('members.complete') },
            { value: 'true', label: t('members.stub') },
          ]}
        />
        <Button
          icon={<DownloadOutlined />}
          href={withQuery('/api/v1/members/export.xlsx', { ...filter, lang })}
          data-testid="member-export"
        >
          {t('common.export')}
        </Button>
      </Flex>
      <QueryTable<Member>
        query={query}
        rowKey="id"
        size="middle"
        dataSource={query.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="member-table"
        columns={[
          {
            title: t('members.nickname'),
            dataIndex: 'nickname',
            render: (v: string | null, m) => (
              <Link to={`/members/${m.id}`}>
                {v || m.externalId}
                {m.isStub && (
                  <Tooltip title={t('members.stubHint')}>
                    <Tag style={{ marginLeft: 8 }}>{t('members.stub')}</Tag>
                  </Tooltip>
                )}
              </Link>
            ),
          },
          { title: t('members.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
          { title: t('members.externalId'), dataIndex: 'externalId' },
          {
            title: t('members.community'),
            dataIndex: 'communityId',
            render: (v: string | null) => (v ? (names.get(v) ?? v) : '—'),
          },
          {
            title: t('members.gender'),
            dataIndex: 'gender',
            render: (v: string | null) => (v ? t(`members.genders.${v}` as MessageKey) : '—'),
          },
          {
            title: t('members.device'),
            dataIndex: 'deviceType',
            render: (v: string | null) => (v ? t(`members.devices.${v}` as MessageKey) : '—'),
          },
          {
            title: t('members.registeredAt'),
            dataIndex: 'registeredAt',
            render: (v: string | null) => shanghaiTime(v),
          },
        ]}
        footer={
          <Pager page={page} hasNext={hasNext} onPrev={prev} onNext={next} loading={query.isFetching} />
        }
      />
    </Card>
  );
}
