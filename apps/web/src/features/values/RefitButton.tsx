import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Popconfirm } from 'antd';
import type { ReactNode } from 'react';
import { post } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';

/** A confirmed POST that refits a model, then reloads the queries it feeds. */
export function RefitButton({
  path,
  body,
  invalidate,
  label,
  confirm,
  testId,
}: {
  path: string;
  body: () => unknown;
  invalidate: string[];
  label: ReactNode;
  confirm: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const refit = useMutation({
    mutationFn: () => post(path, body()),
    onSuccess: async () => {
      await Promise.all(invalidate.map((key) => client.invalidateQueries({ queryKey: [key] })));
      void message.success(t('values.refitted'));
    },
    onError: (e) => void message.error(e.message),
  });
  return (
    <Popconfirm title={confirm} onConfirm={() => refit.mutate()} okText={t('common.confirm')}>
      <Button type="primary" icon={<ReloadOutlined />} loading={refit.isPending} data-testid={testId}>
        {label}
      </Button>
    </Popconfirm>
  );
}
