import { ROLES } from '@linli/contracts/console';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Select, Tag } from 'antd';
import { get, post } from '../../app/api.ts';
import { shanghaiTime } from '../../app/format.ts';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import { QueryTable } from '../../app/QueryTable.tsx';
import { useCommunities } from '../overview/OverviewPage.tsx';
import { CreateCard } from './CreateCard.tsx';

interface User {
  id: string;
  username: string;
  displayName: string | null;
  roles: string[];
  communityIds: string[];
  disabled: boolean;
  createdAt: string;
}

export default function UsersPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const users = useQuery({
    queryKey: ['users'],
    queryFn: () => get<{ items: User[] }>('/api/v1/admin/users'),
  });
  const communities = useCommunities();
  const names = new Map((communities.data?.items ?? []).map((c) => [c.id, c.name]));
  const roleLabel = (r: string) => t(`roles.${r}` as MessageKey);
  const create = async (values: unknown) => {
    try {
      await post<User>('/api/v1/admin/users', values);
      message.success(t('common.created'));
      await client.invalidateQueries({ queryKey: ['users'] });
      return true;
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
      return false;
    }
  };

  return (
    <CreateCard
      title={t('nav.users')}
      createLabel={t('admin.newUser')}
      onCreate={create}
      fields={
        <>
          <Form.Item
            name="username"
            label={t('admin.username')}
            rules={[{ required: true, pattern: /^[a-zA-Z0-9_.-]{3,64}$/ }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t('admin.displayName')}>
            <Input />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('admin.password')}
            extra={t('admin.passwordRule')}
            rules={[{ required: true, min: 8 }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="roles" label={t('admin.roles')} rules={[{ required: true }]}>
            <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))} />
          </Form.Item>
          <Form.Item name="communityIds" label={t('admin.communities')}>
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        </>
      }
    >
      <QueryTable<User>
        query={users}
        rowKey="id"
        dataSource={users.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('admin.username'), dataIndex: 'username' },
          { title: t('admin.displayName'), dataIndex: 'displayName', render: (v: string | null) => v ?? '—' },
          {
            title: t('admin.roles'),
            dataIndex: 'roles',
            render: (roles: string[]) => roles.map((r) => <Tag key={r}>{roleLabel(r)}</Tag>),
          },
          {
            title: t('admin.communities'),
            dataIndex: 'communityIds',
            render: (ids: string[]) =>
              ids.length ? ids.map((id) => <Tag key={id}>{names.get(id) ?? id}</Tag>) : t('common.all'),
          },
          { title: t('admin.createdAt'), dataIndex: 'createdAt', render: (v: string) => shanghaiTime(v) },
        ]}
      />
    </CreateCard>
  );
}
