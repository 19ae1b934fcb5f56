import { EditOutlined, InfoCircleOutlined } from '@ant-design/icons';
import type { ReplenishmentLine } from '@linli/contracts/forecasting';
import { useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Descriptions,
  Flex,
  Input,
  InputNumber,
  Popover,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { pct, yuan } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { FORECAST_KEY, setOverride, useAllocations } from './api.ts';
import { ModelTag, qty } from './bits.tsx';

/** Why the suggestion is what it is: the forecast, the order book and the economics behind it. */
export function Reasoning({ line }: { line: ReplenishmentLine }) {
  const { t } = useI18n();
  const q = (b: { p10: number; p50: number; p90: number }) =>
    `${qty(b.p10, line.step)} / ${qty(b.p50, line.step)} / ${qty(b.p90, line.step)} ${line.unit}`;
  const content = (
    <Flex vertical gap={8} style={{ maxWidth: 420 }}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('forecast.replenishment.why.model')}>
          <ModelTag model={line.model} />
        </Descriptions.Item>
        <Descriptions.Item label={t('forecast.replenishment.why.forecast')}>
          {q(line.forecast)}
        </Descriptions.Item>
        <Descriptions.Item label={t('forecast.replenishment.why.booked')}>
          {qty(line.booked, line.step)} {line.unit}
        </Descriptions.Item>
        <Descriptions.Item label={t('forecast.replenishment.why.shareBefore')}>
          {pct(line.shareBefore)}
        </Descriptions.Item>
        <Descriptions.Item label={t('forecast.replenishment.why.demand')}>{q(line.demand)}</Descriptions.Item>
        <Descriptions.Item label={t('forecast.replenishment.why.ratio')}>{pct(line.ratio)}</Descriptions.Item>
        <Descriptions.Item label={t('forecast.replenishment.why.loss')}>
          {pct(line.lossRate)}
        </Descriptions.Item>
        <Descriptions.Item label={t('forecast.replenishment.why.unitCost')}>
          {yuan(line.unitCostFen)}
        </Descriptions.Item>
        <Descriptions.Item label={t('forecast.replenishment.why.price')}>
          {yuan(line.priceFen)}
        </Descriptions.Item>
        <Descriptions.Item label={t('forecast.replenishment.why.shelfLife')}>
          {t('forecast.replenishment.why.days', { n: line.shelfLifeDays })}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('forecast.replenishment.why.formula')}
      </Typography.Text>
    </Flex>
  );
  return (
    <Popover content={content} title={`${line.name} · ${line.sku}`} trigger="click">
      <Button type="link" size="small" icon={<InfoCircleOutlined />} data-testid="why">
        {t('forecast.replenishment.reasoning')}
      </Button>
    </Popover>
  );
}

/** The operator's quantity instead of the suggestion, with a reason; clearing goes back to it. */
export function OverrideEditor({
  line,
  date,
  canEdit,
}: {
  line: ReplenishmentLine;
  date: string;
  canEdit: boolean;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<number | null>(line.override?.qty ?? line.suggestedQty);
  const [reason, setReason] = useState(line.override?.reason ?? '');
  const [busy, setBusy] = useState(false);
  const save = async (next: number | null) => {
    if (next !== null && !reason.trim()) {
      void message.warning(t('forecast.replenishment.reasonRequired'));
      return;
    }
    setBusy(true);
    try {
      await setOverride(date, line.sku, next, next === null ? undefined : reason.trim());
      void message.success(t('forecast.replenishment.saved'));
      setOpen(false);
      await client.invalidateQueries({ queryKey: [FORECAST_KEY] });
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const shown = line.override ? (
    <Flex vertical>
      <Typography.Text strong>{qty(line.override.qty, line.step)}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: line.override.reason }}>
        {line.override.reason}
      </Typography.Text>
    </Flex>
  ) : (
    <Typography.Text type="secondary">—</Typography.Text>
  );
  if (!canEdit) return shown;
  return (
    <Flex gap={4} align="center">
      {shown}
      <Popover
        open={open}
        onOpenChange={setOpen}
        trigger="click"
        title={`${t('forecast.replenishment.override')} · ${line.name}`}
        content={
          <Flex vertical gap={8} style={{ width: 260 }} data-testid="override-form">
            <InputNumber
              min={0}
              step={line.step}
              precision={line.step >= 1 ? 0 : 1}
              value={value}
              onChange={(v) => setValue(v)}
              suffix={line.unit}
              style={{ width: '100%' }}
              data-testid="override-qty"
            />
            <Input
              placeholder={t('forecast.replenishment.reason')}
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
              data-testid="override-reason"
            />
            <Flex gap={8} justify="end">
              {line.override && (
                <Button
                  size="small"
                  onClick={() => void save(null)}
                  loading={busy}
                  data-testid="override-clear"
                >
                  {t('forecast.replenishment.clear')}
                </Button>
              )}
              <Button
                size="small"
                type="primary"
                loading={busy}
                disabled={value === null}
                onClick={() => void save(value)}
                data-testid="override-apply"
              >
                {t('forecast.replenishment.apply')}
              </Button>
            </Flex>
          </Flex>
        }
      >
        <Button type="text" size="small" icon={<EditOutlined />} data-testid="override-open" />
      </Popover>
    </Flex>
  );
}

/** A line's pickup points, loaded when the row is expanded. */
export function AllocationTable({ line, date }: { line: ReplenishmentLine; date: string }) {
  const { t } = useI18n();
  const split = useAllocations(date, line.sku);
  const items = split.data?.items ?? [];
  // narrower than the list around it, so the quantity column stays in view of the scrolled list
  return (
    <Flex vertical gap={4} style={{ maxWidth: 900 }}>
      <Typography.Text type="secondary">
        {t('forecast.replenishment.allocations', { n: items.length })}
      </Typography.Text>
      <Table
        size="small"
        rowKey="pointId"
        loading={split.isFetching}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20, size: 'small' } : false}
        data-testid="allocation-table"
        columns={[
          {
            title: t('forecast.demand.point'),
            dataIndex: 'pointName',
            render: (v: string | null, r) => v ?? r.pointId,
          },
          {
            title: t('forecast.demand.community'),
            dataIndex: 'communityName',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('forecast.demand.share'),
            dataIndex: 'share',
            align: 'right',
            render: (v: number) => pct(v),
          },
          {
            title: t('forecast.replenishment.booked'),
            dataIndex: 'booked',
            align: 'right',
            render: (v: number) => qty(v, line.step),
          },
          {
            title: t('forecast.demand.forecast'),
            dataIndex: 'p50',
            align: 'right',
            render: (v: number) => qty(v, line.step),
          },
          {
            title: t('forecast.demand.qty'),
            dataIndex: 'qty',
            align: 'right',
            render: (v: number) => <Typography.Text strong>{qty(v, line.step)}</Typography.Text>,
          },
        ]}
      />
    </Flex>
  );
}
