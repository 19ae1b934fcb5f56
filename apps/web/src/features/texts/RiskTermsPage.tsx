import { PlusOutlined } from '@ant-design/icons';
import type { RiskSeverity, RiskTermRow } from '@linli/contracts/text';
import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Flex, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../app/api.ts';
import { useCanEdit } from '../../app/auth.tsx';
import { int, shanghaiTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Pager } from '../../app/Pager.tsx';
import { QueryTable } from '../../app/QueryTable.tsx';
import { useCursorPages } from '../../app/useCursorPages.ts';
import { useSearchPatch } from '../../app/useSearchPatch.ts';
import { addRiskTerm, patchRiskTerm } from './api.ts';
import { SEVERITY_COLOR } from './TextBits.tsx';

const SEVERITIES: RiskSeverity[] = ['high', 'medium', 'low'];

/** The risk lexicon: search, add, change severity, disable and restore; every edit is live at once. */
export default function RiskTermsPage() {
  const { t } = useI18n();
  const { params, patch } = useSearchPatch();
  const filter = {
    q: params.get('q') ?? undefined,
    severity: params.get('severity') ?? undefined,
    enabled: params.get('enabled') ?? undefined,
  };
  const { query, page, hasNext, next, prev } = useCursorPages<RiskTermRow>(
    'risk-terms',
    '/api/v1/risk-terms',
    filter,
    50,
  );
  const total = (query.data as { total?: number } | undefined)?.total;
  const canEdit = useCanEdit();
  const client = useQueryClient();
  const { message } = AntApp.useApp();
  const [adding, setAdding] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: ['risk-terms'] });
  const failed = (err: unknown) => message.error(err instanceof ApiError ? err.message : String(err));
  const change = async (row: RiskTermRow, body: { severity?: RiskSeverity; enabled?: boolean }) => {
    try {
      await patchRiskTerm(row.id, body);
      message.success(t('texts.lexicon.saved'));
      await refresh();
    } catch (err) {
      failed(err);
    }
  };

  return (
    <Card
      title={t('texts.lexicon.title')}
      extra={
        canEdit && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="risk-add"
          >
            {t('texts.lexicon.add')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('texts.lexicon.subtitle')}</Typography.Paragraph>
      <Flex wrap gap={12} style={{ marginBottom: 16 }} align="center">
        <Input.Search
          allowClear
          enterButton={t('common.search')}
          placeholder={t('texts.lexicon.searchPlaceholder')}
          defaultValue={filter.q}
          onSearch={(v) => patch({ q: v.trim() || undefined })}
          style={{ width: 300 }}
          data-testid="risk-search"
        />
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t('texts.lexicon.severity')}
          value={filter.severity}
          onChange={(v: string | undefined) => patch({ severity: v })}
          options={SEVERITIES.map((s) => ({ value: s, label: t(`texts.severities.${s}`) }))}
        />
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t('texts.lexicon.enabled')}
          value={filter.enabled}
          onChange={(v: string | undefined) => patch({ enabled: v })}
          options={[
            { value: 'true', label: t('texts.lexicon.on') },
            { value: 'false', label: t('texts.lexicon.off') },
          ]}
        />
        {total !== undefined && (
          <Typography.Text type="secondary">{t('texts.lexicon.total', { n: int(total) })}</Typography.Text>
        )}
      </Flex>
      <QueryTable<RiskTermRow>
        query={query}
        rowKey="id"
        size="small"
        dataSource={query.data?.items ?? []}
        pagination={false}
        data-testid="risk-table"
        columns={[
          {
            title: t('texts.lexicon.term'),
            dataIndex: 'term',
            render: (v: string, r) => (r.enabled ? v : <Typography.Text delete>{v}</Typography.Text>),
          },
          {
            title: t('texts.lexicon.severity'),
            dataIndex: 'severity',
            width: 140,
            render: (v: RiskSeverity, r) =>
              canEdit ? (
                <Select
                  size="small"
                  value={v}
                  style={{ width: 100 }}
                  onChange={(severity: RiskSeverity) => void change(r, { severity })}
                  options={SEVERITIES.map((s) => ({
                    value: s,
                    label: <Tag color={SEVERITY_COLOR[s]}>{t(`texts.severities.${s}`)}</Tag>,
                  }))}
                />
              ) : (
                <Tag color={SEVERITY_COLOR[v]}>{t(`texts.severities.${v}`)}</Tag>
              ),
          },
          { title: t('texts.lexicon.category'), dataIndex: 'category', width: 140 },
          {
            title: t('texts.lexicon.source'),
            dataIndex: 'builtin',
            width: 90,
            render: (v: boolean) => (v ? t('texts.lexicon.builtin') : t('texts.lexicon.custom')),
          },
          {
            title: t('texts.lexicon.updatedAt'),
            dataIndex: 'updatedAt',
            width: 160,
            render: (v: string) => shanghaiTime(v),
          },
          {
            title: t('texts.lexicon.enabled'),
            dataIndex: 'enabled',
            width: 120,
            render: (v: boolean, r) =>
              canEdit ? (
                <Button size="small" danger={v} onClick={() => void change(r, { enabled: !v })}>
                  {v ? t('texts.lexicon.disable') : t('texts.lexicon.restore')}
                </Button>
              ) : v ? (
                t('texts.lexicon.on')
              ) : (
                t('texts.lexicon.off')
              ),
          },
        ]}
        footer={
          <Pager page={page} hasNext={hasNext} onPrev={prev} onNext={next} loading={query.isFetching} />
        }
      />
      <AddTerm
        open={adding}
        onClose={() => setAdding(false)}
        onSaved={async (term) => {
          message.success(t('texts.lexicon.saved'));
          setAdding(false);
          patch({ q: term });
          await refresh();
        }}
        onError={failed}
      />
    </Card>
  );
}

function AddTerm({
  open,
  onClose,
  onSaved,
  onError,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (term: string) => Promise<void>;
  onError: (err: unknown) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ term: string; severity: RiskSeverity; category?: string }>();
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open={open}
      title={t('texts.lexicon.add')}
      confirmLoading={saving}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ severity: 'medium' }}
        onFinish={async (v) => {
          setSaving(true);
          try {
            const saved = await addRiskTerm(v);
            form.resetFields();
            await onSaved(saved.term);
          } catch (err) {
            onError(err);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item
          name="term"
          label={t('texts.lexicon.term')}
          rules={[{ required: true, whitespace: true, message: t('texts.lexicon.termRequired') }]}
        >
          <Input maxLength={64} data-testid="risk-term-input" />
        </Form.Item>
        <Form.Item name="severity" label={t('texts.lexicon.severity')}>
          <Select options={SEVERITIES.map((s) => ({ value: s, label: t(`texts.severities.${s}`) }))} />
        </Form.Item>
        <Form.Item name="category" label={t('texts.lexicon.category')}>
          <Input maxLength={64} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
