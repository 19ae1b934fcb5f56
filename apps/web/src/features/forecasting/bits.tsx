import type { Band, ForecastModel } from '@linli/contracts/forecasting';
import { Tag, Typography } from 'antd';
import { pct } from '../../app/format.ts';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';

/** A quantity in the product's unit: tenths for goods sold by weight, whole pieces otherwise. */
export function qty(v: number | null | undefined, step = 0.1): string {
  if (v === null || v === undefined) return '—';
  const digits = step >= 1 ? 0 : 1;
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A forecast's median with its 10–90 % range underneath. */
export function BandCell({ band, step }: { band: Band; step: number }) {
  return (
    <span style={{ fontVariantNumeric: 'tabular-nums' }}>
      {qty(band.p50, step)}
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {qty(band.p10, step)} – {qty(band.p90, step)}
      </Typography.Text>
    </span>
  );
}

const MODEL_COLORS: Record<string, string> = {
  global: 'green',
  ets: 'blue',
  tsb: 'purple',
  seasonalNaive: 'default',
  movingAverage: 'default',
  book: 'orange',
};

export function ModelTag({ model }: { model: ForecastModel | string }) {
  const { t } = useI18n();
  return (
    <Tag color={MODEL_COLORS[model] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {t(`forecast.models.${model}` as MessageKey)}
    </Tag>
  );
}

/** WAPE coloured against seasonal naive's: green when clearly better, red when worse. */
export function WapeText({ wape, naive }: { wape: number | null; naive: number | null }) {
  if (wape === null) return <>—</>;
  const type =
    naive === null ? undefined : wape <= naive * 0.9 ? 'success' : wape > naive ? 'danger' : undefined;
  return (
    <Typography.Text type={type} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {pct(wape)}
    </Typography.Text>
  );
}
