import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Popconfirm, Tag, Typography } from 'antd';
import { useState } from 'react';
import { del, get, post } from '../../app/api.ts';
import { shanghaiTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { QueryTable } from '../../app/QueryTable.tsx';
import { CreateCard } from './CreateCard.tsx';

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export default function ApiKeysPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const keys = useQuery({
    queryKey: ['api-keys'],
    queryFn: () => get<{ items: ApiKey[] }>('/api/v1/admin/api-keys'),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['api-keys'] });
  const create = async (values: unknown) => {
    try {
      const created = await post<{ id: string; key: string }>('/api/v1/admin/api-keys', values);
      setSecret(created.key);
      await refresh();
      return true;
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
      return false;
    }
  };
  const revoke = useMutation({
    mutationFn: (id: string) => del(`/api/v1/admin/api-keys/${id}`),
    onSuccess: refresh,
    onError: (err) => message.error(err.message),
  });

  return (
    <CreateCard
      title={t('nav.apiKeys')}
      createLabel={t('admin.newKey')}
      initialValues={{ scopes: ['ingest'] }}
      onCreate={create}
      fields={
        <>
          <Form.Item name="name" label={t('admin.keyName')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="scopes" label={t('admin.scopes')} rules={[{ required: true }]}>
            <Checkbox.Group options={['ingest', 'read', 'admin']} />
          </Form.Item>
        </>
      }
    >
      <QueryTable<ApiKey>
        query={keys}
        rowKey="id"
        dataSource={keys.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('admin.keyName'), dataIndex: 'name' },
          {
            title: t('admin.prefix'),
            dataIndex: 'prefix',
            render: (v: string) => <Typography.Text code>{v}…</Typography.Text>,
          },
          {
            title: t('admin.scopes'),
            dataIndex: 'scopes',
            render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>),
          },
          { title: t('admin.createdAt'), dataIndex: 'createdAt', render: (v: string) => shanghaiTime(v) },
          {
            title: t('admin.lastUsed'),
            dataIndex: 'lastUsedAt',
            render: (v: string | null) => shanghaiTime(v),
          },
          {
            title: t('common.actions'),
            render: (_, k) =>
              k.revokedAt ? (
                <Tag>{t('admin.revoked')}</Tag>
              ) : (
                <Popconfirm
                  title={t('admin.revokeConfirm')}
                  onConfirm={() => revoke.mutate(k.id)}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                >
                  <Button danger size="small">
                    {t('admin.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={secret !== null}
        title={t('admin.newKey')}
        onOk={() => setSecret(null)}
        onCancel={() => setSecret(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon title={t('admin.keyOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable code data-testid="new-api-key">
          {secret}
        </Typography.Paragraph>
      </Modal>
    </CreateCard>
  );
}
