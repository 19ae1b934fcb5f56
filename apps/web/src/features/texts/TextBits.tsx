import type { RiskSeverity, TextAspect } from '@linli/contracts/text';
import { Space, Tag, Typography } from 'antd';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';

export const SEVERITY_COLOR: Record<RiskSeverity, string> = { high: 'red', medium: 'orange', low: 'gold' };

/** Aspects as tags: red when the text is unhappy about it, green when it praises it. */
export function AspectTags({ aspects }: { aspects: Array<{ aspect: TextAspect; polarity: -1 | 0 | 1 }> }) {
  const { t } = useI18n();
  if (aspects.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[0, 4]} wrap>
      {aspects.map((a) => (
        <Tag key={a.aspect} color={a.polarity < 0 ? 'red' : a.polarity > 0 ? 'green' : 'default'}>
          {t(`texts.aspectNames.${a.aspect}` as MessageKey)}
          {a.polarity < 0 ? ' −' : a.polarity > 0 ? ' +' : ''}
        </Tag>
      ))}
    </Space>
  );
}

export function RiskTags({ hits }: { hits: Array<{ term: string; severity: RiskSeverity }> }) {
  const { t } = useI18n();
  if (hits.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[0, 4]} wrap>
      {hits.map((h) => (
        <Tag key={h.term} color={SEVERITY_COLOR[h.severity]} title={t(`texts.severities.${h.severity}`)}>
          {h.term}
        </Tag>
      ))}
    </Space>
  );
}

export function SentimentTag({ label, probability }: { label: 0 | 1; probability: number }) {
  const { t } = useI18n();
  return (
    <Tag color={label ? 'green' : 'red'}>
      {label ? t('texts.positive') : t('texts.negative')} {probability.toFixed(2)}
    </Tag>
  );
}

/** Intensity 0–100 as a number coloured by how hot it is. */
export function IntensityValue({ value }: { value: number }) {
  const type = value >= 60 ? 'danger' : value >= 30 ? 'warning' : 'secondary';
  return (
    <Typography.Text type={type} strong={value >= 60}>
      {value}
    </Typography.Text>
  );
}
