import { REMEDY_KINDS, RESOLUTION_CODES, type IncidentDetail } from '@linli/contracts/opinion';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { incidentAction, OPINION_KEY } from './api.ts';

type Dialog = null | 'assign' | 'resolve' | 'remedy' | 'note';

/** The actions on an incident; each one lands on the timeline and the board refreshes. */
export function IncidentActions({ incident }: { incident: IncidentDetail }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const resolved = incident.status === 'resolved';

  const run = async (action: string, body: unknown) => {
    setBusy(true);
    try {
      await incidentAction(incident.id, action, body);
      message.success(t('opinion.actions.done'));
      setOpen(null);
      form.resetFields();
      await client.invalidateQueries({ queryKey: [OPINION_KEY] });
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    if (open === 'assign') await run('assign', { username: v.username, note: v.note || undefined });
    if (open === 'resolve') await run('resolve', { code: v.code, note: v.note ?? '' });
    if (open === 'note') await run('notes', { note: v.note });
    if (open === 'remedy')
      await run('remedies', {
        kind: v.kind,
        amountFen: Math.round(Number(v.amount) * 100),
        ...(v.orderId ? { orderId: v.orderId } : {}),
        note: v.note ?? '',
      });
  };

  return (
    <>
      <Space wrap data-testid="incident-actions">
        <Button
          type="primary"
          disabled={resolved || Boolean(incident.acknowledgedAt)}
          loading={busy}
          onClick={() => void run('acknowledge', {})}
          data-testid="action-acknowledge"
        >
          {t('opinion.actions.acknowledge')}
        </Button>
        <Button disabled={resolved} onClick={() => setOpen('assign')} data-testid="action-assign">
          {t('opinion.actions.assign')}
        </Button>
        <Button
          danger
          disabled={resolved || incident.level >= 3}
          onClick={() =>
            modal.confirm({
              title: t('opinion.actions.escalate'),
              content: t('opinion.actions.escalateConfirm'),
              onOk: () => run('escalate', {}),
            })
          }
          data-testid="action-escalate"
        >
          {t('opinion.actions.escalate')}
        </Button>
        <Button onClick={() => setOpen('remedy')} data-testid="action-remedy">
          {t('opinion.actions.remedy')}
        </Button>
        <Button disabled={resolved} onClick={() => setOpen('resolve')} data-testid="action-resolve">
          {t('opinion.actions.resolve')}
        </Button>
        <Button type="text" onClick={() => setOpen('note')} data-testid="action-note">
          {t('opinion.actions.note')}
        </Button>
      </Space>
      <Modal
        open={open !== null}
        title={open ? t(`opinion.actions.${open}`) : ''}
        onOk={() => void submit()}
        confirmLoading={busy}
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'refund' }}>
          {open === 'assign' && (
            <Form.Item name="username" label={t('opinion.actions.username')} rules={[{ required: true }]}>
              <Input autoFocus data-testid="assign-username" />
            </Form.Item>
          )}
          {open === 'resolve' && (
            <Form.Item name="code" label={t('opinion.actions.code')} rules={[{ required: true }]}>
              <Select
                data-testid="resolve-code"
                options={RESOLUTION_CODES.map((c) => ({ value: c, label: t(`opinion.codes.${c}`) }))}
              />
            </Form.Item>
          )}
          {open === 'remedy' && (
            <>
              <Form.Item name="kind" label={t('opinion.actions.kind')} rules={[{ required: true }]}>
                <Select
                  options={REMEDY_KINDS.map((k) => ({ value: k, label: t(`opinion.remedyKinds.${k}`) }))}
                />
              </Form.Item>
              <Form.Item name="amount" label={t('opinion.actions.amount')} rules={[{ required: true }]}>
                <InputNumber
                  min={0.01}
                  max={100000}
                  step={0.01}
                  precision={2}
                  prefix="¥"
                  data-testid="remedy-amount"
                />
              </Form.Item>
              <Form.Item name="orderId" label={t('opinion.actions.orderId')}>
                <Input />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="note"
            label={t('opinion.actions.noteText')}
            rules={open === 'note' ? [{ required: true, whitespace: true }] : []}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="action-note-text" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
