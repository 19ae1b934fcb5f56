import { useQuery } from '@tanstack/react-query';
import { Descriptions, Tag, Typography } from 'antd';
import { get } from '../../app/api.ts';
import { pct, yuan } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ChurnRisk } from '../values/ChurnRisk.tsx';

interface MemberValueView {
  quadrant: 'pyramid_top' | 'value_depression' | 'churn_warning' | 'potential';
  quadrantName: { zh: string; en: string; action: string };
  pAlive: number;
  expectedOrders30d: number;
  expectedOrders90d: number;
  /** newer servers: 12-month forecast, expected spend per order and the churn risk 0…1 */
  expectedOrders365d?: number;
  expectedSpendFen?: number;
  churnRisk?: number;
  clvFen: number;
  arpuFen: number;
}

const COLOR: Record<MemberValueView['quadrant'], string> = {
  pyramid_top: 'gold',
  value_depression: 'blue',
  churn_warning: 'red',
  potential: 'green',
};

/** Value quadrant, P(alive), expected orders and CLV from the member value models. */
export function MemberValue({ memberId }: { memberId: string }) {
  const { t, lang } = useI18n();
  const query = useQuery({
    queryKey: ['member-value', memberId],
    queryFn: () =>
      get<{ value: MemberValueView | null; persona: { nameZh: string; nameEn: string } | null }>(
        `/api/v1/members/${encodeURIComponent(memberId)}/value`,
      ),
  });
  const v = query.data?.value;
  const persona = query.data?.persona;
  if (!v) return <Typography.Text type="secondary">{t('members.valueNotYet')}</Typography.Text>;
  return (
    <Descriptions size="small" column={1} data-testid="member-value">
      {persona && (
        <Descriptions.Item label={t('members.persona')}>
          <Tag color="purple">{lang === 'zh-CN' ? persona.nameZh : persona.nameEn}</Tag>
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('members.quadrant')}>
        <Tag color={COLOR[v.quadrant]}>{lang === 'zh-CN' ? v.quadrantName.zh : v.quadrantName.en}</Tag>
        <Typography.Text type="secondary">{v.quadrantName.action}</Typography.Text>
      </Descriptions.Item>
      {v.churnRisk !== undefined && v.churnRisk !== null && (
        <Descriptions.Item label={t('values.churnRisk')}>
          <ChurnRisk risk={v.churnRisk} />
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('members.clv')}>{yuan(v.clvFen)}</Descriptions.Item>
      <Descriptions.Item label={t('members.arpu')}>{yuan(v.arpuFen)}</Descriptions.Item>
      <Descriptions.Item label={t('members.pAlive')}>{pct(v.pAlive)}</Descriptions.Item>
      <Descriptions.Item label={t('members.expectedOrders')}>
        {v.expectedOrders30d.toFixed(1)} / {v.expectedOrders90d.toFixed(1)}
      </Descriptions.Item>
      {v.expectedOrders365d !== undefined && (
        <Descriptions.Item label={t('values.expectedOrders365d')}>
          {v.expectedOrders365d.toFixed(1)}
        </Descriptions.Item>
      )}
      {v.expectedSpendFen !== undefined && (
        <Descriptions.Item label={t('values.expectedSpend')}>{yuan(v.expectedSpendFen)}</Descriptions.Item>
      )}
    </Descriptions>
  );
}
