import { ReloadOutlined } from '@ant-design/icons';
import type { ForecastShown } from '@linli/contracts/forecasting';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Popconfirm, Tag } from 'antd';
import { useCanEdit } from '../../app/auth.tsx';
import { shanghaiTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { FORECAST_KEY, rerun, useRuns } from './api.ts';

/**
 * Which run the page's numbers come from, and the warning when the latest run failed, is running
 * or has not happened (the last good results stay on show). Operators can run it again.
 */
export function RunStatus({ shown }: { shown: ForecastShown | undefined }) {
  const { t } = useI18n();
  const canEdit = useCanEdit();
  const runs = useRuns();
  const client = useQueryClient();
  const { message } = AntApp.useApp();
  const again = useMutation({
    mutationFn: () => rerun(shown?.requestedDate),
    onSuccess: async () => {
      void message.info(t('forecast.status.started'));
      await client.invalidateQueries({ queryKey: [FORECAST_KEY, 'runs'] });
    },
    onError: (e) => void message.error(e.message),
  });
  if (!shown) return null;
  const running = runs.data?.items.some(
    (r) => r.status === 'running' && r.pickupDate === shown.requestedDate,
  );
  const w = shown.warning;
  const at = (v: string | null | undefined) => shanghaiTime(v ?? null);
  let type: 'success' | 'info' | 'warning' | 'error' = 'success';
  let text: string;
  if (running || w?.kind === 'running') {
    type = 'info';
    text = t('forecast.status.running', { at: at(w?.at ?? shown.lastRun?.startedAt) });
  } else if (w?.kind === 'failed') {
    type = 'error';
    text = shown.pickupDate
      ? t('forecast.status.failedShowing', { at: at(w.at), error: w.error ?? '', date: shown.pickupDate })
      : t('forecast.status.failed', { at: at(w.at), error: w.error ?? '' });
  } else if (!shown.pickupDate) {
    type = 'warning';
    text = t('forecast.status.none');
  } else if (w?.kind === 'missing') {
    type = 'warning';
    text = t('forecast.status.missing', { requested: shown.requestedDate, date: shown.pickupDate });
  } else {
    const run = shown.run!;
    const secs = Object.values(run.stages).reduce((a, b) => a + b, 0);
    text = t('forecast.status.succeeded', {
      date: shown.pickupDate,
      at: at(run.finishedAt),
      secs: secs.toFixed(1),
    });
  }
  return (
    <Alert
      type={type}
      showIcon
      data-testid="forecast-run-status"
      title={
        <>
          {text}{' '}
          {shown.run && type === 'success' && <Tag>{t(`forecast.status.trigger.${shown.run.trigger}`)}</Tag>}
        </>
      }
      action={
        canEdit ? (
          <Popconfirm
            title={t('forecast.status.rerunConfirm', { date: shown.requestedDate })}
            onConfirm={() => again.mutate()}
            okText={t('common.confirm')}
          >
            <Button
              size="small"
              icon={<ReloadOutlined />}
              loading={again.isPending || running}
              data-testid="forecast-rerun"
            >
              {t('forecast.status.rerun')}
            </Button>
          </Popconfirm>
        ) : undefined
      }
    />
  );
}
