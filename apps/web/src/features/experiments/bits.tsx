import type { ExperimentMetric, ExperimentStatus, ExperimentView } from '@linli/contracts/experiments';
import { Tag, Typography } from 'antd';
import { pct, yuan } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';

const STATUS_COLOR: Record<ExperimentStatus, string> = {
  draft: 'default',
  running: 'processing',
  stopped: 'warning',
  shipped: 'success',
  archived: 'default',
};

export function StatusTag({ status }: { status: ExperimentStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="experiment-status" data-status={status}>
      {t(`experiments.status.${status}`)}
    </Tag>
  );
}

/** "3 个版本" or "析因 4 × 3 × 3". */
export function designLabel(
  e: Pick<ExperimentView, 'design' | 'variants' | 'factors'>,
  t: ReturnType<typeof useI18n>['t'],
) {
  return e.design === 'variants'
    ? t('experiments.design.variants', { n: e.variants?.length ?? 0 })
    : t('experiments.design.factorial', { shape: (e.factors ?? []).map((f) => f.levels.length).join(' × ') });
}

/** A metric's value as operators read it: rates in %, dwell in seconds, revenue in yuan, the score as is. */
export function metricValue(metric: ExperimentMetric, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (metric === 'conversion' || metric === 'share') return pct(v, 2);
  if (metric === 'dwell') return `${(v / 1000).toFixed(1)}s`;
  if (metric === 'revenue') return yuan(v);
  return v.toFixed(3);
}

/** A difference in a metric: percentage points for rates, seconds, yuan, or score units. */
export function liftValue(metric: ExperimentMetric, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  const sign = v > 0 ? '+' : v < 0 ? '−' : '';
  const a = Math.abs(v);
  if (metric === 'conversion' || metric === 'share') return `${sign}${(a * 100).toFixed(2)} pt`;
  if (metric === 'dwell') return `${sign}${(a / 1000).toFixed(1)}s`;
  if (metric === 'revenue') return `${sign}${yuan(a)}`;
  return `${sign}${a.toFixed(3)}`;
}

export function relValue(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return `${v > 0 ? '+' : ''}${pct(v, 1)}`;
}

/** A p-value: small ones in scientific notation, significant ones emphasised. */
export function PValue({ p, testId }: { p: number | null | undefined; testId?: string }) {
  if (p === null || p === undefined) return <>—</>;
  const text = p < 0.001 ? p.toExponential(1) : p.toFixed(3);
  return (
    <Typography.Text strong={p < 0.05} type={p < 0.05 ? 'success' : undefined} data-testid={testId}>
      {text}
    </Typography.Text>
  );
}

const GUARDRAIL_REASON =
  /^guardrail (unsubscribe|complaint|refund): (\S+) (\S+) against the control's (\S+) \(more than \+(\S+)\)$/;

/** Why a test stopped, in the operator's language (the server records it in English). */
export function stopReasonText(reason: string, t: ReturnType<typeof useI18n>['t']): string {
  if (reason === 'stopped by an operator') return t('experiments.reasons.operator');
  const shipped = /^shipped (.+)$/.exec(reason);
  if (shipped) return t('experiments.reasons.shipped', { arm: shipped[1]! });
  const g = GUARDRAIL_REASON.exec(reason);
  if (g)
    return t('experiments.reasons.guardrail', {
      metric: t(`experiments.guardrails.${g[1] as 'complaint'}`),
      arm: g[2]!,
      rate: g[3]!,
      control: g[4]!,
      max: g[5]!,
    });
  return reason;
}
