import type { ForecastSkuRow } from '@linli/contracts/forecasting';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Input, Row, Select, Typography } from 'antd';
import { get } from '../../app/api.ts';
import { useCanEdit } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { Pager } from '../../app/Pager.tsx';
import { QueryTable } from '../../app/QueryTable.tsx';
import { NoData } from '../../app/states.tsx';
import { useCursorPages } from '../../app/useCursorPages.ts';
import { useSearchPatch } from '../../app/useSearchPatch.ts';
import { FORECAST_KEY } from './api.ts';
import { ModelTag, qty, WapeText } from './bits.tsx';
import { CsvImport } from './CsvImport.tsx';
import { RunStatus } from './RunStatus.tsx';
import { SkuDetail } from './SkuDetail.tsx';
import { WeightsCard } from './WeightsCard.tsx';

interface Category {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
}

/** 需求预测: pick a SKU, see its history and forecast band, what drives it, and the learned weights. */
export default function ForecastPage() {
  const { t, lang } = useI18n();
  const { params, patch } = useSearchPatch();
  const canEdit = useCanEdit();
  const date = params.get('date') ?? undefined;
  const sku = params.get('sku') ?? undefined;
  const filter = { date, q: params.get('q') ?? undefined, category: params.get('category') ?? undefined };
  const { query, page, hasNext, next, prev } = useCursorPages<ForecastSkuRow>(
    FORECAST_KEY,
    '/api/v1/forecasting/skus',
    filter,
    15,
  );
  const shown = (query.data as { shown?: Parameters<typeof RunStatus>[0]['shown'] } | undefined)?.shown;
  const categories = useQuery({
    queryKey: ['categories'],
    queryFn: () => get<{ items: Category[] }>('/api/v1/categories'),
    staleTime: 600_000,
  });
  const tops = (categories.data?.items ?? []).filter((c) => c.parentCode === null);
  const selected = sku ?? query.data?.items[0]?.sku;

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex wrap gap={16} align="center" justify="space-between">
          <Flex vertical gap={4}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('forecast.demand.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('forecast.demand.subtitle')}</Typography.Text>
          </Flex>
          {canEdit && (
            <Flex gap={8} wrap>
              <CsvImport
                path="/api/v1/forecasting/weather"
                label={t('forecast.imports.weather')}
                testId="import-weather"
              />
              <CsvImport path="/api/v1/forecasting/availability" label={t('forecast.imports.availability')} />
              <CsvImport path="/api/v1/forecasting/supply-items" label={t('forecast.imports.supply')} />
            </Flex>
          )}
        </Flex>
      </Card>
      <RunStatus shown={shown} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Card size="small">
            <Flex vertical gap={8}>
              <Flex gap={8}>
                <Input.Search
                  allowClear
                  defaultValue={filter.q}
                  placeholder={t('forecast.demand.search')}
                  onSearch={(v) => patch({ q: v.trim() || undefined })}
                  data-testid="sku-search"
                />
                <Select
                  allowClear
                  style={{ width: 140 }}
                  placeholder={t('forecast.demand.category')}
                  value={filter.category}
                  onChange={(v: string | undefined) => patch({ category: v })}
                  options={tops.map((c) => ({
                    value: c.code,
                    label: lang === 'zh-CN' ? c.nameZh : c.nameEn,
                  }))}
                />
              </Flex>
              <QueryTable<ForecastSkuRow>
                query={query}
                rowKey="sku"
                size="small"
                pagination={false}
                dataSource={query.data?.items ?? []}
                data-testid="sku-table"
                rowClassName={(r) => (r.sku === selected ? 'ant-table-row-selected' : '')}
                onRow={(r) => ({ onClick: () => patch({ sku: r.sku }), style: { cursor: 'pointer' } })}
                columns={[
                  {
                    title: t('forecast.replenishment.sku'),
                    dataIndex: 'name',
                    render: (_: unknown, r) => (
                      <Flex vertical align="start" gap={2}>
                        <Typography.Text>{r.name}</Typography.Text>
                        <ModelTag model={r.model} />
                      </Flex>
                    ),
                  },
                  {
                    title: t('forecast.demand.tomorrow'),
                    dataIndex: 'forecast',
                    align: 'right',
                    render: (_: unknown, r) => `${qty(r.forecast.p50, r.step)} ${r.unit}`,
                  },
                  {
                    title: t('forecast.demand.wape'),
                    dataIndex: 'wape',
                    align: 'right',
                    render: (_: unknown, r) => <WapeText wape={r.wape} naive={r.naiveWape} />,
                  },
                ]}
                footer={
                  <Pager
                    page={page}
                    hasNext={hasNext}
                    onPrev={prev}
                    onNext={next}
                    loading={query.isFetching}
                  />
                }
              />
            </Flex>
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          {selected ? (
            <SkuDetail key={selected} sku={selected} date={date} />
          ) : (
            <NoData description={t('forecast.demand.pick')} />
          )}
        </Col>
      </Row>
      <WeightsCard date={date} />
    </Flex>
  );
}
