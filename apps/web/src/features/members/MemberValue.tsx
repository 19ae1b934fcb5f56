import { useQuery } from '@tanstack/react-query';
import { Descriptions, Tag, Typography } from 'antd';
import { get } from '../../app/api.ts';
import { pct, yuan } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';

interface MemberValueView {
  quadrant: 'pyramid_top' | 'value_depression' | 'churn_warning' | 'potential';
  quadrantName: { zh: string; en: string; action: string };
  pAlive: number;
  expectedOrders30d: number;
  expectedOrders90d: number;
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
      <Descriptions.Item label={t('members.clv')}>{yuan(v.clvFen)}</Descriptions.Item>
      <Descriptions.Item label={t('members.arpu')}>{yuan(v.arpuFen)}</Descriptions.Item>
      <Descriptions.Item label={t('members.pAlive')}>{pct(v.pAlive)}</Descriptions.Item>
      <Descriptions.Item label={t('members.expectedOrders')}>
        {v.expectedOrders30d.toFixed(1)} / {v.expectedOrders90d.toFixed(1)}
      </Descriptions.Item>
    </Descriptions>
  );
}
