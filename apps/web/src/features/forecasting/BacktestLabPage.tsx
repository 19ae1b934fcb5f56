import { DownloadOutlined, PlayCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  InputNumber,
  Progress,
  Row,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../app/api.ts';
import { int, pct, shanghaiTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import {
  LAB_KEY,
  startBacktest,
  useLabRun,
  useLabRuns,
  type LabRun,
  type LabSummary,
} from './backtestLab.ts';

interface FormValues {
  range: [Dayjs, Dayjs];
  horizon: number;
  step: number;
}

/** 回测实验室: `linli forecast backtest` on uploaded sales, with its figures next to the baselines. */
export default function BacktestLabPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const runs = useLabRuns();
  const [selected, setSelected] = useState<string | null>(null);
  const [files, setFiles] = useState<{ sales?: File; items?: File }>({});
  const [uploading, setUploading] = useState<number | null>(null);
  const current = useLabRun(selected ?? runs.data?.items[0]?.id ?? null);

  const submit = async (v: FormValues) => {
    if (!files.sales) return void message.warning(t('forecast.lab.needSales'));
    setUploading(0);
    try {
      const params = {
        from: v.range[0].format('YYYY-MM-DD'),
        to: v.range[1].format('YYYY-MM-DD'),
        horizon: v.horizon,
        step: v.step,
      };
      const run = await startBacktest(params, { sales: files.sales, items: files.items }, setUploading);
      setSelected(run.id);
      await client.invalidateQueries({ queryKey: LAB_KEY });
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setUploading(null);
    }
  };

  const pick = (field: 'sales' | 'items') => (file: File) => {
    setFiles((f) => ({ ...f, [field]: file }));
    return false; // keep the file here; it is sent with the parameters
  };

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('forecast.lab.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('forecast.lab.subtitle')}</Typography.Text>
      </Card>
      <Card size="small" title={t('forecast.lab.newRun')}>
        <Form<FormValues>
          layout="inline"
          initialValues={{ horizon: 7, step: 1 }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item label={t('forecast.lab.sales')} required>
            <Upload
              accept=".csv"
              maxCount={1}
              beforeUpload={pick('sales')}
              onRemove={() => setFiles((f) => ({ ...f, sales: undefined }))}
            >
              <Button icon={<UploadOutlined />} data-testid="lab-sales">
                {files.sales?.name ?? 'date,item_code,qty'}
              </Button>
            </Upload>
          </Form.Item>
          <Form.Item label={t('forecast.lab.items')}>
            <Upload
              accept=".csv"
              maxCount={1}
              beforeUpload={pick('items')}
              onRemove={() => setFiles((f) => ({ ...f, items: undefined }))}
            >
              <Button icon={<UploadOutlined />}>{files.items?.name ?? 'item_code,loss_rate_pct'}</Button>
            </Upload>
          </Form.Item>
          <Form.Item name="range" label={t('forecast.lab.origins')} rules={[{ required: true }]}>
            <DatePicker.RangePicker data-testid="lab-range" />
          </Form.Item>
          <Form.Item name="horizon" label={t('forecast.lab.horizon')}>
            <InputNumber min={1} max={28} style={{ width: 72 }} />
          </Form.Item>
          <Form.Item name="step" label={t('forecast.lab.step')}>
            <InputNumber min={1} max={365} style={{ width: 72 }} />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            icon={<PlayCircleOutlined />}
            loading={uploading !== null}
            data-testid="lab-run"
          >
            {t('forecast.lab.run')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
          {t('forecast.lab.rule')}
        </Typography.Paragraph>
      </Card>
      {current.data && <RunResult run={current.data} />}
      <Card size="small" title={t('forecast.lab.history')}>
        <Table<LabRun>
          size="small"
          rowKey="id"
          loading={runs.isLoading}
          dataSource={runs.data?.items ?? []}
          pagination={false}
          onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('forecast.lab.started'), render: (_, r) => shanghaiTime(r.startedAt) },
            { title: t('forecast.lab.sales'), render: (_, r) => r.files.sales },
            { title: t('forecast.lab.origins'), render: (_, r) => `${r.params.from} … ${r.params.to}` },
            { title: t('forecast.lab.horizon'), render: (_, r) => r.params.horizon },
            { title: 'WAPE', align: 'right', render: (_, r) => pct(r.summary?.horizon1.linli.wape) },
            {
              title: t('forecast.lab.wasteCut'),
              align: 'right',
              render: (_, r) => pct(r.summary?.simulation.waste_reduction),
            },
            { title: t('forecast.lab.status'), render: (_, r) => <StatusTag run={r} /> },
          ]}
        />
      </Card>
    </Flex>
  );
}

function StatusTag({ run }: { run: LabRun }) {
  const { t } = useI18n();
  const color = run.status === 'succeeded' ? 'green' : run.status === 'failed' ? 'red' : 'blue';
  return <Tag color={color}>{t(`forecast.lab.states.${run.status}`)}</Tag>;
}

function RunResult({ run }: { run: LabRun }) {
  const { t } = useI18n();
  if (run.status === 'running') {
    const p = run.progress;
    return (
      <Card size="small" title={t('forecast.lab.running', { from: run.params.from, to: run.params.to })}>
        <Progress
          percent={p ? Math.round((100 * p.done) / p.total) : 0}
          format={() => (p ? `${p.done}/${p.total}` : '…')}
        />
      </Card>
    );
  }
  if (run.status === 'failed' || !run.summary)
    return (
      <Alert
        type="error"
        showIcon
        message={t('forecast.lab.failed')}
        description={<pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{run.error}</pre>}
      />
    );
  return <Summary run={run} summary={run.summary} />;
}

function Summary({ run, summary: s }: { run: LabRun; summary: LabSummary }) {
  const { t } = useI18n();
  const { linli, naive } = s.simulation;
  const rows = (['linli', 'seasonal_naive', 'ets'] as const).map((k) => ({
    key: k,
    name: t(`forecast.lab.methods.${k}`),
    h1: s.horizon1[k],
    all: s.all_horizons[k],
  }));
  return (
    <Card
      size="small"
      title={t('forecast.lab.result', { origins: s.origins, items: s.items, horizon: s.horizon })}
      extra={
        <Button
          icon={<DownloadOutlined />}
          href={`/api/v1/forecasting/backtests/${run.id}/forecasts.csv`}
          data-testid="lab-download"
        >
          {t('forecast.lab.download')}
        </Button>
      }
    >
      <Flex vertical gap={16}>
        {s.warnings.length > 0 && <Alert type="warning" showIcon message={s.warnings.join('；')} />}
        <Row gutter={16}>
          <Col span={6}>
            <Statistic title={t('forecast.lab.match')} value={pct(s.horizon1.linli.demand_match)} />
          </Col>
          <Col span={6}>
            <Statistic
              title={t('forecast.lab.waste')}
              value={int(Math.round(linli.waste))}
              suffix={<Typography.Text type="secondary">/ {int(Math.round(naive.waste))}</Typography.Text>}
            />
          </Col>
          <Col span={6}>
            <Statistic
              title={t('forecast.lab.fill')}
              value={pct(linli.fill_rate)}
              suffix={<Typography.Text type="secondary">/ {pct(naive.fill_rate)}</Typography.Text>}
            />
          </Col>
          <Col span={6}>
            <Statistic
              title={t('forecast.lab.wasteCut')}
              value={pct(s.simulation.waste_reduction)}
              valueStyle={{ color: (s.simulation.waste_reduction ?? 0) > 0 ? '#00a870' : undefined }}
            />
          </Col>
        </Row>
        <Table
          size="small"
          pagination={false}
          dataSource={rows}
          data-testid="lab-accuracy"
          columns={[
            { title: t('forecast.lab.method'), dataIndex: 'name' },
            { title: t('forecast.lab.wapeH1'), align: 'right', render: (_, r) => pct(r.h1.wape) },
            { title: t('forecast.lab.matchH1'), align: 'right', render: (_, r) => pct(r.h1.demand_match) },
            { title: 'MASE', align: 'right', render: (_, r) => r.h1.mase?.toFixed(3) ?? '–' },
            { title: t('forecast.lab.bias'), align: 'right', render: (_, r) => pct(r.h1.bias) },
            {
              title: t('forecast.lab.wapeAll', { h: s.horizon }),
              align: 'right',
              render: (_, r) => pct(r.all.wape),
            },
          ]}
        />
        <Typography.Text type="secondary">
          {t('forecast.lab.weights')}:{' '}
          {Object.entries(s.learned_weights)
            .map(([g, w]) => `${t(`forecast.groups.${g}` as 'forecast.groups.level')} ${pct(w)}`)
            .join(' · ')}
          {' · '}
          {t('forecast.lab.stockouts', { linli: int(linli.stockouts), naive: int(naive.stockouts) })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
