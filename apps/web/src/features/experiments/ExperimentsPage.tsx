import { InboxOutlined, PlusOutlined, QuestionCircleOutlined, SettingOutlined } from '@ant-design/icons';
import type { ExperimentListItem, HitRate } from '@linli/contracts/experiments';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  InputNumber,
  Modal,
  Row,
  Segmented,
  Statistic,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCanEdit } from '../../app/auth.tsx';
import { int, pct, shanghaiTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { QueryTable } from '../../app/QueryTable.tsx';
import { useSearchPatch } from '../../app/useSearchPatch.ts';
import { LAB_KEY, saveSettings, useExperiments, useSettings } from './api.ts';
import { PValue, StatusTag, designLabel, relValue } from './bits.tsx';

function HitRateCard({ hit }: { hit: HitRate }) {
  const { t } = useI18n();
  const rate = (x: { hits: number; total: number }) => (x.total ? x.hits / x.total : null);
  return (
    <Card size="small" data-testid="hit-rate">
      <Row gutter={16} align="middle">
        <Col flex="220px">
          <Typography.Text strong>{t('experiments.hitRate.title')} </Typography.Text>
          <Tooltip title={t('experiments.hitRate.tip', { bar: pct(hit.bar, 1) })}>
            <QuestionCircleOutlined style={{ color: '#8c8c8c' }} />
          </Tooltip>
          <div>
            <Typography.Text type="secondary">
              {t('experiments.hitRate.bar')} {pct(hit.bar, 1)}
            </Typography.Text>
          </div>
        </Col>
        {(['before', 'after'] as const).map((k) => (
          <Col key={k} flex="200px">
            <Statistic
              title={t(`experiments.hitRate.${k}`)}
              value={rate(hit[k]) === null ? '—' : pct(rate(hit[k]), 0)}
              suffix={
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {hit[k].hits}/{hit[k].total}
                </Typography.Text>
              }
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function SettingsButton() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const settings = useSettings();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ holdoutPct: number; barPct: number }>();
  const save = async () => {
    const v = await form.validateFields();
    await saveSettings({ holdoutShare: v.holdoutPct / 100, conversionBar: v.barPct / 100 });
    message.success(t('experiments.settings.saved'));
    setOpen(false);
    await client.invalidateQueries({ queryKey: [LAB_KEY] });
  };
  return (
    <>
      <Button icon={<SettingOutlined />} onClick={() => setOpen(true)} disabled={!settings.data}>
        {t('experiments.settings.title')}
      </Button>
      <Modal
        open={open}
        title={t('experiments.settings.title')}
        onOk={() => void save()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            holdoutPct: Math.round((settings.data?.holdoutShare ?? 0) * 1000) / 10,
            barPct: Math.round((settings.data?.conversionBar ?? 0.05) * 1000) / 10,
          }}
        >
          <Form.Item
            name="holdoutPct"
            label={t('experiments.settings.holdout')}
            extra={t('experiments.settings.holdoutTip')}
          >
            <InputNumber min={0} max={50} step={1} suffix="%" />
          </Form.Item>
          <Form.Item
            name="barPct"
            label={t('experiments.settings.bar')}
            extra={t('experiments.settings.barTip')}
          >
            <InputNumber min={0.1} max={99} step={0.5} suffix="%" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 内容实验室: every test with its headline result, the hit rate, the archive of what was learned. */
export default function ExperimentsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const canEdit = useCanEdit();
  const { params, patch } = useSearchPatch();
  const archived = params.get('archived') === 'true';
  const query = useExperiments(archived);

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex wrap gap={16} align="center" justify="space-between">
          <Flex vertical gap={4}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('experiments.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('experiments.subtitle')}</Typography.Text>
          </Flex>
          <Flex gap={8} wrap>
            <Segmented
              value={archived ? 'archived' : 'active'}
              onChange={(v) => patch({ archived: v === 'archived' ? 'true' : undefined })}
              options={[
                { value: 'active', label: t('experiments.active') },
                { value: 'archived', label: t('experiments.archived'), icon: <InboxOutlined /> },
              ]}
            />
            {canEdit && <SettingsButton />}
            {canEdit && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate('/experiments/new')}
                data-testid="experiment-create"
              >
                {t('experiments.create')}
              </Button>
            )}
          </Flex>
        </Flex>
      </Card>
      {query.data && <HitRateCard hit={query.data.hitRate} />}
      <Card size="small">
        <QueryTable<ExperimentListItem>
          query={query}
          rowKey="key"
          size="middle"
          dataSource={query.data?.items ?? []}
          pagination={{ pageSize: 30, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: archived ? t('experiments.emptyArchived') : t('experiments.empty') }}
          scroll={{ x: 1100 }}
          data-testid="experiment-table"
          columns={[
            {
              title: t('experiments.cols.name'),
              dataIndex: 'name',
              render: (v: string, e) => (
                <Flex vertical>
                  <Link to={`/experiments/${encodeURIComponent(e.key)}`} data-testid="experiment-link">
                    {v}
                  </Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.key}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('experiments.cols.status'),
              dataIndex: 'status',
              width: 96,
              render: (_: unknown, e) => <StatusTag status={e.status} />,
            },
            {
              title: t('experiments.cols.design'),
              key: 'design',
              width: 130,
              render: (_: unknown, e) => designLabel(e, t),
            },
            {
              title: t('experiments.cols.units'),
              dataIndex: 'units',
              width: 90,
              align: 'right',
              render: (v: number) => int(v),
            },
            {
              title: t('experiments.cols.headline'),
              key: 'headline',
              width: 200,
              render: (_: unknown, e) =>
                e.headline ? (
                  <span>
                    {e.headline.arm} {relValue(e.headline.relativeLift)}{' '}
                    <Typography.Text type="secondary">
                      p<sub>Holm</sub> <PValue p={e.headline.pValueHolm} />
                    </Typography.Text>
                  </span>
                ) : (
                  '—'
                ),
            },
            {
              title: t('experiments.cols.learned'),
              dataIndex: 'learned',
              ellipsis: { showTitle: true },
              render: (v: string) => v || <Typography.Text type="secondary">—</Typography.Text>,
            },
            {
              title: t('experiments.cols.started'),
              dataIndex: 'startedAt',
              width: 150,
              render: (v: string | null) => shanghaiTime(v),
            },
            { title: t('experiments.cols.owner'), dataIndex: 'owner', width: 100 },
          ]}
        />
      </Card>
    </Flex>
  );
}
