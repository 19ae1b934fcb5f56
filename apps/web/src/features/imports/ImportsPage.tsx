import { InboxOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, Col, Flex, Progress, Row, Segmented, Table, Tag, Typography, Upload } from 'antd';
import { useCallback, useState } from 'react';
import { get } from '../../app/api.ts';
import { int, shanghaiTime } from '../../app/format.ts';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import { ImportRun } from './ImportRun.tsx';
import { uploadFile } from './upload.ts';

type Kind = 'members' | 'orders' | 'products' | 'events';
interface KindInfo {
  kind: Kind;
  columns: { columns: Record<string, string[]>; required: string[][] };
}
interface RunRow {
  id: string;
  kind: string;
  fileName: string;
  status: 'running' | 'done' | 'failed';
  total: number;
  accepted: number;
  rejected: number;
  startedAt: string;
}

export default function ImportsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [kind, setKind] = useState<Kind>('members');
  const [uploading, setUploading] = useState<number | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const kinds = useQuery({
    queryKey: ['import-kinds'],
    queryFn: () => get<{ items: KindInfo[] }>('/api/v1/imports/kinds'),
    staleTime: Infinity,
  });
  const runs = useQuery({
    queryKey: ['imports'],
    queryFn: () => get<{ items: RunRow[] }>('/api/v1/imports'),
  });
  const refreshRuns = useCallback(() => void client.invalidateQueries({ queryKey: ['imports'] }), [client]);
  const info = kinds.data?.items.find((k) => k.kind === kind);
  const required = new Set(info?.columns.required.flat() ?? []);

  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t('nav.imports')}>
            <Flex vertical gap={16}>
              <Segmented<Kind>
                value={kind}
                onChange={setKind}
                options={(['members', 'orders', 'products', 'events'] as const).map((k) => ({
                  value: k,
                  label: t(`imports.kinds.${k}`),
                }))}
              />
              <Upload.Dragger
                accept=".csv,.tsv,.txt,.xlsx"
                showUploadList={false}
                multiple={false}
                disabled={uploading !== null}
                customRequest={async ({ file }) => {
                  setUploading(0);
                  try {
                    const { id } = await uploadFile(
                      `/api/v1/imports?kind=${kind}`,
                      file as File,
                      setUploading,
                    );
                    setRunId(id);
                    await client.invalidateQueries({ queryKey: ['imports'] });
                  } catch (err) {
                    message.error(err instanceof Error ? err.message : String(err));
                  } finally {
                    setUploading(null);
                  }
                }}
                data-testid="import-upload"
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t('imports.upload')}</p>
                <p className="ant-upload-hint">{t('imports.dragHint')}</p>
              </Upload.Dragger>
              {uploading !== null && (
                <Progress percent={uploading} format={(p) => t('imports.uploaded', { p: p ?? 0 })} />
              )}
              <div>
                <Typography.Text type="secondary">{t('imports.columns')}：</Typography.Text>
                {Object.keys(info?.columns.columns ?? {}).map((c) => (
                  <Tag key={c} color={required.has(c) ? 'green' : undefined} style={{ marginBottom: 4 }}>
                    {c}
                    {required.has(c) ? ` · ${t('imports.required')}` : ''}
                  </Tag>
                ))}
              </div>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('imports.done')} style={{ minHeight: '100%' }}>
            {runId ? (
              <ImportRun id={runId} onFinished={refreshRuns} />
            ) : (
              <Typography.Text type="secondary">{t('imports.dragHint')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t('imports.history')}>
        <Table<RunRow>
          rowKey="id"
          size="small"
          loading={runs.isPending}
          dataSource={runs.data?.items ?? []}
          pagination={{ pageSize: 10 }}
          onRow={(r) => ({ onClick: () => setRunId(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('imports.startedAt'), dataIndex: 'startedAt', render: (v: string) => shanghaiTime(v) },
            {
              title: t('imports.kind'),
              dataIndex: 'kind',
              render: (k: string) =>
                k in { members: 1, orders: 1, products: 1, events: 1 }
                  ? t(`imports.kinds.${k}` as MessageKey)
                  : k,
            },
            { title: t('imports.file'), dataIndex: 'fileName' },
            {
              title: t('imports.status'),
              dataIndex: 'status',
              render: (s: RunRow['status']) => (
                <Tag color={s === 'done' ? 'green' : s === 'failed' ? 'red' : 'blue'}>
                  {t(`imports.statuses.${s}`)}
                </Tag>
              ),
            },
            { title: t('imports.rows'), dataIndex: 'total', align: 'right', render: int },
            { title: t('imports.accepted'), dataIndex: 'accepted', align: 'right', render: int },
            { title: t('imports.rejected'), dataIndex: 'rejected', align: 'right', render: int },
          ]}
        />
      </Card>
    </Flex>
  );
}
