import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic, Tooltip, Typography } from 'antd';
import { int, pct, yuan } from '../../app/format.ts';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import type { Kpis, Overview } from './types.ts';

interface KpiSpec {
  key: keyof Kpis;
  label: MessageKey;
  format: (v: number | null) => string;
  /** for rates where going up is bad */
  lowerIsBetter?: boolean;
}

const SPECS: KpiSpec[] = [
  { key: 'gmvFen', label: 'overview.gmv', format: yuan },
  { key: 'orders', label: 'overview.orders', format: int },
  { key: 'aovFen', label: 'overview.aov', format: yuan },
  { key: 'members', label: 'overview.members', format: int },
  { key: 'newMembers', label: 'overview.newMembers', format: int },
  { key: 'active7d', label: 'overview.active7d', format: int },
  { key: 'active30d', label: 'overview.active30d', format: int },
  { key: 'repurchaseRate', label: 'overview.repurchaseRate', format: (v) => pct(v) },
  { key: 'refundRate', label: 'overview.refundRate', format: (v) => pct(v, 2), lowerIsBetter: true },
];

function Change({ value, lowerIsBetter }: { value: number | null; lowerIsBetter?: boolean }) {
  const { t } = useI18n();
  if (value === null) return <Typography.Text type="secondary">{t('overview.vsPrevious')} —</Typography.Text>;
  const good = lowerIsBetter ? value < 0 : value > 0;
  const color = value === 0 ? undefined : good ? '#00a870' : '#e34d59';
  return (
    <Typography.Text style={{ color }}>
      {t('overview.vsPrevious')} {value > 0 ? <ArrowUpOutlined /> : value < 0 ? <ArrowDownOutlined /> : null}{' '}
      {pct(Math.abs(value))}
    </Typography.Text>
  );
}

export function KpiCards({ data }: { data: Overview }) {
  const { t } = useI18n();
  return (
    <Row gutter={[16, 16]} data-testid="kpis">
      {SPECS.map((s) => (
        <Col key={s.key} xs={12} md={8} xl={8} xxl={8}>
          <Card size="small">
            <Tooltip
              title={
                t('overview.previousRange', { ...data.previousRange }) +
                ' · ' +
                s.format(data.previous[s.key])
              }
            >
              <Statistic title={t(s.label)} value={s.format(data.kpis[s.key])} data-kpi={s.key} />
            </Tooltip>
            <Change value={data.changes[s.key]} lowerIsBetter={s.lowerIsBetter} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
