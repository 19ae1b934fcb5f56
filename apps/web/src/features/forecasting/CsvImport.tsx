import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Modal, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { FORECAST_KEY, importCsv, type ImportOutcome } from './api.ts';

/** Uploads a CSV to one of the forecasting imports and lists every refused row with its reason. */
export function CsvImport({ path, label, testId }: { path: string; label: string; testId?: string }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  return (
    <>
      <Upload
        accept=".csv,text/csv"
        showUploadList={false}
        beforeUpload={(file) => {
          setBusy(true);
          importCsv(path, file)
            .then(async (r) => {
              setOutcome(r);
              await client.invalidateQueries({ queryKey: [FORECAST_KEY] });
            })
            .catch((e: Error) => void message.error(e.message))
            .finally(() => setBusy(false));
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} data-testid={testId}>
          {label}
        </Button>
      </Upload>
      <Modal
        open={outcome !== null}
        title={label}
        onCancel={() => setOutcome(null)}
        onOk={() => setOutcome(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
        width={720}
      >
        {outcome && (
          <>
            <Typography.Paragraph>
              {t('forecast.imports.result', {
                received: outcome.received,
                accepted: outcome.accepted,
                rejected: new Set(outcome.rejected.map((r) => r.index)).size,
              })}
            </Typography.Paragraph>
            {outcome.rejected.length > 0 && (
              <Table
                size="small"
                rowKey={(r) => `${r.index}-${r.field}-${r.code}`}
                dataSource={outcome.rejected}
                pagination={outcome.rejected.length > 10 ? { pageSize: 10, size: 'small' } : false}
                columns={[
                  {
                    title: t('forecast.imports.row'),
                    dataIndex: 'row',
                    width: 60,
                    render: (v, r) => v ?? r.index + 1,
                  },
                  { title: t('forecast.imports.field'), dataIndex: 'field', width: 120 },
                  { title: t('forecast.imports.reason'), dataIndex: 'reason' },
                ]}
              />
            )}
          </>
        )}
      </Modal>
    </>
  );
}
