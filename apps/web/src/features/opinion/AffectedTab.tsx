import { DownloadOutlined } from '@ant-design/icons';
import type { AffectedMember, IncidentDetail } from '@linli/contracts/opinion';
import { Alert, Button, Flex, InputNumber, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { int, shanghaiTime, yuan } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ErrorState } from '../../app/states.tsx';
import { affectedExportUrl, useAffected } from './api.ts';

/** Who else bought the SKU: for outreach and refunds; phones masked, export audited. */
export function AffectedTab({ incident }: { incident: IncidentDetail }) {
  const { t, lang } = useI18n();
  const [scope, setScope] = useState<'points' | 'all'>('points');
  const [days, setDays] = useState(7);
  const q = useAffected(incident.id, { scope, days }, incident.affectedAvailable);
  if (!incident.affectedAvailable)
    return <Alert type="info" showIcon message={t('opinion.affected.unavailable')} />;
  if (q.error) return <ErrorState error={q.error} retry={() => void q.refetch()} />;
  const v = q.data;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text>
          {t('opinion.affected.intro', {
            sku: v?.sku ?? incident.sku ?? '',
            points: t(scope === 'all' ? 'opinion.affected.everywhere' : 'opinion.affected.atPoints'),
          })}
          {v ? ` · ${int(v.total)}` : ''}
        </Typography.Text>
        <Flex gap={8} align="center">
          <Segmented
            value={scope}
            onChange={(x) => setScope(x as 'points' | 'all')}
            options={[
              { value: 'points', label: t('opinion.affected.scopePoints') },
              { value: 'all', label: t('opinion.affected.scopeAll') },
            ]}
          />
          <InputNumber
            min={1}
            max={90}
            value={days}
            onChange={(d) => setDays(d ?? 7)}
            addonBefore={t('opinion.affected.days')}
            style={{ width: 150 }}
          />
          <Button
            icon={<DownloadOutlined />}
            href={affectedExportUrl(incident.id, { scope, days, lang })}
            data-testid="affected-export"
          >
            {t('opinion.affected.export')}
          </Button>
        </Flex>
      </Flex>
      {incident.batch && <Alert type="warning" showIcon message={t('opinion.affected.noBatch')} />}
      <Table<AffectedMember>
        size="small"
        rowKey="memberId"
        loading={q.isPending}
        dataSource={v?.members ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="affected-table"
        columns={[
          {
            title: t('opinion.affected.cols.member'),
            render: (_, m) => <Link to={`/members/${m.memberId}`}>{m.nickname ?? m.externalId}</Link>,
          },
          {
            title: t('opinion.affected.cols.phone'),
            dataIndex: 'phoneMasked',
            render: (p: string | null) => p ?? '—',
          },
          {
            title: t('opinion.affected.cols.point'),
            render: (_, m) => m.pickupPointName ?? m.pickupPointId ?? '—',
          },
          { title: t('opinion.affected.cols.orders'), dataIndex: 'orders', align: 'right' },
          { title: t('opinion.affected.cols.quantity'), dataIndex: 'quantity', align: 'right' },
          {
            title: t('opinion.affected.cols.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            render: (f: number) => yuan(f),
          },
          {
            title: t('opinion.affected.cols.last'),
            dataIndex: 'lastOrderAt',
            render: (d: string) => shanghaiTime(d),
          },
          {
            title: t('opinion.affected.cols.complained'),
            dataIndex: 'complained',
            render: (c: boolean) =>
              c ? <Tag color="red">{t('opinion.affected.cols.complained')}</Tag> : null,
          },
        ]}
      />
    </Flex>
  );
}
