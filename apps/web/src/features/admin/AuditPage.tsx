import { Card, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { shanghaiTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Pager } from '../../app/Pager.tsx';
import { useCursorPages } from '../../app/useCursorPages.ts';
import { QueryTable } from '../../app/QueryTable.tsx';

interface AuditEntry {
  id: number;
  at: string;
  actorType: string;
  actorId: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string;
}

export default function AuditPage() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<{ entity?: string; action?: string; actorId?: string }>({});
  const { query, page, hasNext, next, prev } = useCursorPages<AuditEntry>(
    'audit',
    '/api/v1/admin/audit',
    filter,
    30,
  );
  const field = (key: 'entity' | 'action' | 'actorId', label: string) => (
    <Input.Search
      allowClear
      placeholder={label}
      style={{ width: 200 }}
      onSearch={(v) => setFilter((f) => ({ ...f, [key]: v.trim() || undefined }))}
    />
  );
  return (
    <Card title={t('nav.audit')}>
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        {field('entity', t('admin.entity'))}
        {field('action', t('admin.action'))}
        {field('actorId', t('admin.actor'))}
      </Flex>
      <QueryTable<AuditEntry>
        query={query}
        rowKey="id"
        size="small"
        dataSource={query.data?.items ?? []}
        pagination={false}
        expandable={{
          expandedRowRender: (e) => (
            <Flex gap={24}>
              <div style={{ flex: 1 }}>
                <Typography.Text type="secondary">{t('admin.before')}</Typography.Text>
                <pre style={{ whiteSpace: 'pre-wrap' }}>{JSON.stringify(e.before, null, 2)}</pre>
              </div>
              <div style={{ flex: 1 }}>
                <Typography.Text type="secondary">{t('admin.after')}</Typography.Text>
                <pre style={{ whiteSpace: 'pre-wrap' }}>{JSON.stringify(e.after, null, 2)}</pre>
              </div>
            </Flex>
          ),
        }}
        columns={[
          { title: t('admin.at'), dataIndex: 'at', render: (v: string) => shanghaiTime(v) },
          { title: t('admin.actor'), render: (_, e) => `${e.actorType}:${e.actorId}` },
          { title: t('admin.action'), dataIndex: 'action' },
          { title: t('admin.entity'), dataIndex: 'entity' },
          { title: t('admin.entityId'), dataIndex: 'entityId', render: (v: string | null) => v ?? '—' },
          { title: t('common.requestId'), dataIndex: 'requestId' },
        ]}
        footer={
          <Pager page={page} hasNext={hasNext} onPrev={prev} onNext={next} loading={query.isFetching} />
        }
      />
    </Card>
  );
}
