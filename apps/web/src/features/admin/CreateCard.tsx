import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../../app/i18n.tsx';

/**
 * An admin list with a "new …" button that opens a form in a dialog. `onCreate` resolves true when
 * the server accepted the form; the dialog then closes and the form clears.
 */
export function CreateCard<V>({
  title,
  createLabel,
  fields,
  initialValues,
  onCreate,
  children,
}: {
  title: string;
  createLabel: string;
  fields: ReactNode;
  initialValues?: Partial<V>;
  onCreate: (values: V) => Promise<boolean>;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<V>();
  const submit = async (values: V) => {
    setBusy(true);
    try {
      if (await onCreate(values)) {
        setOpen(false);
        form.resetFields();
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      title={title}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
          {createLabel}
        </Button>
      }
    >
      {children}
      <Modal
        open={open}
        title={createLabel}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={initialValues} onFinish={submit}>
          {fields}
        </Form>
      </Modal>
    </Card>
  );
}
