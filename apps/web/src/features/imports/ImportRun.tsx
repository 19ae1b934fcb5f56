import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Col, Flex, Progress, Row, Statistic, Table, Tooltip, Typography } from 'antd';
import { useEffect } from 'react';
import { get } from '../../app/api.ts';
import { int } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ErrorState, Loading } from '../../app/states.tsx';
import { reasonInChinese } from '../../locales/reasons.ts';

export interface RunStatus {
  id: string;
  kind: string | null;
  fileName: string | null;
  status: 'running' | 'done' | 'failed';
  error: { code: string; message: string } | null;
  progress: { rows: number; bytesRead: number; totalBytes: number } | null;
  rows: number;
  accepted: number;
  duplicates: number | null;
  rejectedRows: number;
  encoding: string | null;
  hasReport: boolean;
}

interface Rejection {
  row: number;
  field: string;
  reason: string;
  code: string;
}

/** One import: live progress while it runs, then its counts and the rows it refused. */
export function ImportRun({ id, onFinished }: { id: string; onFinished?: () => void }) {
  const { t, lang } = useI18n();
  const status = useQuery({
    queryKey: ['import', id],
    queryFn: () => get<RunStatus>(`/api/v1/imports/${id}`),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 600 : false),
  });
  const finished = status.data && status.data.status !== 'running';
  const rejections = useQuery({
    queryKey: ['import-rejections', id],
    queryFn: () => get<{ items: Rejection[] }>(`/api/v1/imports/${id}/rejections`, { limit: 500 }),
    enabled: Boolean(finished && status.data?.hasReport && status.data.rejectedRows > 0),
  });
  const state = status.data?.status;
  useEffect(() => {
    if (state && state !== 'running') onFinished?.();
  }, [state, onFinished]);
  if (status.isPending) return <Loading />;
  if (status.error) return <ErrorState error={status.error} retry={() => void status.refetch()} />;
  const s = status.data;
  const p = s.progress;
  const percent =
    s.status === 'running' ? (p && p.totalBytes ? Math.floor((p.bytesRead / p.totalBytes) * 100) : 0) : 100;
  return (
    <Flex vertical gap={16} data-testid="import-run" data-status={s.status}>
      <Typography.Text strong>
        {s.status === 'running'
          ? t('imports.running', { file: s.fileName ?? '' })
          : `${s.fileName ?? ''} · ${t(`imports.statuses.${s.status}`)}`}
      </Typography.Text>
      <Progress
        percent={percent}
        status={s.status === 'failed' ? 'exception' : s.status === 'running' ? 'active' : 'success'}
      />
      {s.error && <Alert type="error" showIcon title={s.error.code} description={s.error.message} />}
      <Row gutter={16}>
        <Col span={6}>
          <Statistic
            title={t('imports.rows')}
            value={int(s.status === 'running' ? (p?.rows ?? 0) : s.rows)}
          />
        </Col>
        <Col span={6}>
          <Statistic title={t('imports.accepted')} value={int(s.accepted)} />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('imports.duplicates')}
            value={s.duplicates === null ? '—' : int(s.duplicates)}
          />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('imports.rejected')}
            value={int(s.rejectedRows)}
            styles={{ content: s.rejectedRows ? { color: '#e34d59' } : {} }}
          />
        </Col>
      </Row>
      {finished && s.rejectedRows > 0 && (
        <>
          <Flex justify="flex-end">
            <Button
              icon={<DownloadOutlined />}
              href={`/api/v1/imports/${id}/report.csv`}
              data-testid="import-report"
            >
              {t('imports.report')}
            </Button>
          </Flex>
          <Table<Rejection>
            size="small"
            rowKey={(r, i) => `${r.row}-${r.field}-${i}`}
            loading={rejections.isPending}
            dataSource={rejections.data?.items ?? []}
            pagination={{ pageSize: 10 }}
            data-testid="import-rejections"
            columns={[
              { title: t('imports.row'), dataIndex: 'row', width: 90 },
              { title: t('imports.field'), dataIndex: 'field', width: 180 },
              {
                title: t('imports.reason'),
                dataIndex: 'reason',
                render: (reason: string, r) => {
                  const zh = lang === 'zh-CN' ? reasonInChinese(r.code) : null;
                  return zh ? <Tooltip title={reason}>{zh}</Tooltip> : reason;
                },
              },
            ]}
          />
        </>
      )}
    </Flex>
  );
}
