import { DownloadOutlined } from '@ant-design/icons';
import type { ReplenishmentLine } from '@linli/contracts/forecasting';
import { Button, Card, DatePicker, Flex, Input, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCanEdit } from '../../app/auth.tsx';
import { yuan } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { QueryTable } from '../../app/QueryTable.tsx';
import { useSearchPatch } from '../../app/useSearchPatch.ts';
import { exportHref, useReplenishment } from './api.ts';
import { BandCell, ModelTag, qty } from './bits.tsx';
import { AllocationTable, OverrideEditor, Reasoning } from './LineParts.tsx';
import { RunStatus } from './RunStatus.tsx';

/** 今晚补货: the purchase list for the next pickup day, with overrides, reasoning and export. */
export default function ReplenishmentPage() {
  const { t, lang } = useI18n();
  const { params, patch } = useSearchPatch();
  const date = params.get('date') ?? undefined;
  const q = params.get('q') ?? '';
  const list = useReplenishment(date);
  const canEdit = useCanEdit();
  const data = list.data;
  const shownDate = data?.shown.pickupDate ?? null;
  const needle = q.trim().toLowerCase();
  const lines = (data?.lines ?? []).filter(
    (l) => !needle || l.name.toLowerCase().includes(needle) || l.sku.toLowerCase().includes(needle),
  );

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex wrap gap={16} align="center" justify="space-between">
          <Flex vertical gap={4}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('forecast.replenishment.title')}
            </Typography.Title>
            <Typography.Text type="secondary">
              {t('forecast.replenishment.subtitle', { date: shownDate ?? data?.shown.requestedDate ?? '—' })}
              {data && (
                <Tag style={{ marginInlineStart: 8 }}>
                  {t('forecast.status.cutoff', { time: data.cutoff })}
                </Tag>
              )}
            </Typography.Text>
          </Flex>
          <Flex gap={8} wrap>
            <DatePicker
              value={date ? dayjs(date) : data ? dayjs(data.shown.requestedDate) : null}
              allowClear
              onChange={(v) => patch({ date: v ? v.format('YYYY-MM-DD') : undefined })}
              data-testid="replenishment-date"
            />
            <Input.Search
              allowClear
              defaultValue={q}
              placeholder={t('forecast.demand.search')}
              onSearch={(v) => patch({ q: v.trim() || undefined })}
              style={{ width: 220 }}
            />
            <Button
              icon={<DownloadOutlined />}
              disabled={!shownDate}
              href={shownDate ? exportHref(shownDate, lang) : undefined}
              data-testid="replenishment-export"
            >
              {t('common.export')}
            </Button>
          </Flex>
        </Flex>
      </Card>
      <RunStatus shown={data?.shown} />
      <Card size="small">
        {data && (
          <Typography.Paragraph type="secondary" data-testid="replenishment-totals">
            {t('forecast.replenishment.totals', {
              lines: data.totals.lines,
              overrides: data.totals.overrides,
              cost: yuan(data.totals.costFen),
            })}
            {data.totals.hiddenZero > 0 &&
              ` · ${t('forecast.replenishment.hiddenZero', { n: data.totals.hiddenZero })}`}
          </Typography.Paragraph>
        )}
        <QueryTable<ReplenishmentLine>
          query={list}
          rowKey="sku"
          size="middle"
          dataSource={lines}
          pagination={lines.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: 1200 }}
          locale={{ emptyText: t('forecast.replenishment.noLines') }}
          data-testid="replenishment-table"
          expandable={{
            expandedRowRender: (l) => shownDate && <AllocationTable line={l} date={shownDate} />,
            rowExpandable: (l) => l.points > 0,
          }}
          columns={[
            {
              title: t('forecast.replenishment.sku'),
              dataIndex: 'name',
              width: 200,
              render: (_: unknown, l) => (
                <Flex vertical>
                  <Typography.Text>{l.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {l.sku} · {l.unit}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('forecast.demand.model'),
              dataIndex: 'model',
              width: 120,
              render: (m: string) => <ModelTag model={m} />,
            },
            {
              title: t('forecast.replenishment.forecast'),
              dataIndex: 'forecast',
              width: 120,
              align: 'right',
              render: (_: unknown, l) => <BandCell band={l.forecast} step={l.step} />,
            },
            {
              title: t('forecast.replenishment.booked'),
              dataIndex: 'booked',
              width: 90,
              align: 'right',
              render: (v: number, l) => qty(v, l.step),
            },
            {
              title: t('forecast.replenishment.suggestion'),
              dataIndex: 'suggestedQty',
              width: 100,
              align: 'right',
              render: (v: number, l) => qty(v, l.step),
            },
            {
              title: t('forecast.replenishment.reasoning'),
              key: 'why',
              width: 90,
              render: (_: unknown, l) => <Reasoning line={l} />,
            },
            {
              title: t('forecast.replenishment.override'),
              key: 'override',
              width: 160,
              render: (_: unknown, l) =>
                shownDate && <OverrideEditor line={l} date={shownDate} canEdit={canEdit} />,
            },
            {
              title: t('forecast.replenishment.final'),
              dataIndex: 'finalQty',
              width: 100,
              align: 'right',
              render: (v: number, l) => (
                <Typography.Text strong data-testid="final-qty">
                  {qty(v, l.step)}
                </Typography.Text>
              ),
            },
            {
              title: t('forecast.replenishment.cost'),
              dataIndex: 'costFen',
              width: 100,
              align: 'right',
              render: (v: number | null) => yuan(v),
            },
            { title: t('forecast.replenishment.points'), dataIndex: 'points', width: 70, align: 'right' },
          ]}
        />
      </Card>
    </Flex>
  );
}
