import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Flex, Input, Select, Table, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { get } from '../../app/api.ts';
import { EChart, type ChartOption } from '../../app/EChart.tsx';
import { int, yuan, yuanShort } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Pager } from '../../app/Pager.tsx';
import { useCursorPages } from '../../app/useCursorPages.ts';
import { useRangeParams } from '../overview/OverviewPage.tsx';
import { QueryTable } from '../../app/QueryTable.tsx';
import { ErrorState } from '../../app/states.tsx';

interface Category {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
}
interface Product {
  id: string;
  sku: string;
  name: string;
  category: string;
  unit: string;
  priceFen: number;
  organic: boolean;
  green: boolean;
  trending: boolean;
  partner: boolean;
  isStub: boolean;
}
interface Sale {
  productId: string;
  sku: string | null;
  name: string;
  categoryCode: string | null;
  orders: number;
  quantity: number;
  amountFen: number;
}

function useCategories() {
  return useQuery({
    queryKey: ['categories'],
    queryFn: () => get<{ items: Category[] }>('/api/v1/categories'),
    staleTime: 600_000,
  });
}

function Ranking({ categoryName }: { categoryName: (code: string | null) => string }) {
  const { t, lang } = useI18n();
  const range = useRangeParams();
  const query = useQuery({
    queryKey: ['product-sales', range.from, range.to],
    queryFn: () =>
      get<{ items: Sale[] }>('/api/v1/overview/products', { from: range.from, to: range.to, limit: 200 }),
  });
  const option = useMemo<ChartOption>(() => {
    const top = (query.data?.items ?? []).slice(0, 15).reverse();
    return {
      color: ['#00a870'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => yuan(v) },
      grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => yuanShort(v, lang) } },
      yAxis: { type: 'category', data: top.map((s) => s.name) },
      series: [
        {
          type: 'bar',
          barMaxWidth: 14,
          data: top.map((s) => s.amountFen),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { value: number }) => yuanShort(p.value, lang),
          },
        },
      ],
    };
  }, [query.data, lang]);
  if (query.error) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  return (
    <Flex vertical gap={12}>
      <DatePicker.RangePicker
        allowClear={false}
        style={{ width: 280 }}
        value={[dayjs(range.from), dayjs(range.to)]}
        onChange={(v) =>
          v?.[0] && v[1] && range.set({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })
        }
      />
      <EChart option={option} height={420} testId="chart-products" />
      <Table<Sale>
        rowKey="productId"
        size="small"
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '#', width: 56, render: (_, __, i) => i + 1 },
          { title: t('products.name'), dataIndex: 'name' },
          { title: t('products.sku'), dataIndex: 'sku' },
          { title: t('products.category'), dataIndex: 'categoryCode', render: categoryName },
          { title: t('products.ordersWith'), dataIndex: 'orders', align: 'right', render: int },
          {
            title: t('products.sales'),
            dataIndex: 'quantity',
            align: 'right',
            render: (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 3 }),
          },
          { title: t('products.salesAmount'), dataIndex: 'amountFen', align: 'right', render: yuan },
        ]}
      />
    </Flex>
  );
}

function Catalogue({
  categories,
  categoryName,
}: {
  categories: Category[];
  categoryName: (code: string | null) => string;
}) {
  const { t, lang } = useI18n();
  const [q, setQ] = useState<string>();
  const [category, setCategory] = useState<string>();
  const { query, page, hasNext, next, prev } = useCursorPages<Product>('products', '/api/v1/products', {
    q,
    category,
  });
  const flag = (on: boolean, label: string, color: string) => (on ? <Tag color={color}>{label}</Tag> : null);
  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={12}>
        <Input.Search
          allowClear
          placeholder={t('products.searchPlaceholder')}
          onSearch={(v) => setQ(v.trim() || undefined)}
          style={{ width: 300 }}
        />
        <Select
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('products.category')}
          value={category}
          onChange={setCategory}
          options={categories.map((c) => ({
            value: c.code,
            label: `${c.parentCode ? '　' : ''}${lang === 'zh-CN' ? c.nameZh : c.nameEn}`,
          }))}
        />
      </Flex>
      <QueryTable<Product>
        query={query}
        rowKey="id"
        size="small"
        dataSource={query.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('products.sku'), dataIndex: 'sku' },
          {
            title: t('products.name'),
            dataIndex: 'name',
            render: (v: string, p) =>
              p.isStub ? (
                <span>
                  {v} <Tag>{t('products.stub')}</Tag>
                </span>
              ) : (
                v
              ),
          },
          { title: t('products.category'), dataIndex: 'category', render: categoryName },
          {
            title: t('products.price'),
            dataIndex: 'priceFen',
            align: 'right',
            render: (v: number, p) => `${yuan(v)} / ${p.unit}`,
          },
          {
            title: t('products.flags'),
            render: (_, p) => (
              <>
                {flag(p.organic, t('products.organic'), 'green')}
                {flag(p.green, t('products.green'), 'cyan')}
                {flag(p.trending, t('products.trending'), 'magenta')}
                {flag(p.partner, t('products.partner'), 'gold')}
              </>
            ),
          },
        ]}
        footer={
          <Pager page={page} hasNext={hasNext} onPrev={prev} onNext={next} loading={query.isFetching} />
        }
      />
    </Flex>
  );
}

export default function ProductsPage() {
  const { t, lang } = useI18n();
  const categories = useCategories();
  const names = new Map(
    (categories.data?.items ?? []).map((c) => [c.code, lang === 'zh-CN' ? c.nameZh : c.nameEn]),
  );
  const categoryName = (code: string | null) => (code ? (names.get(code) ?? code) : '—');
  return (
    <Card title={t('nav.products')}>
      <Tabs
        items={[
          { key: 'ranking', label: t('products.ranking'), children: <Ranking categoryName={categoryName} /> },
          {
            key: 'catalog',
            label: t('products.catalog'),
            children: <Catalogue categories={categories.data?.items ?? []} categoryName={categoryName} />,
          },
        ]}
      />
    </Card>
  );
}
