import type { Accuracy, AccuracyRow, Compared } from '@linli/contracts/forecasting';
import { Card, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { int, pct } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { QueryState } from '../../app/states.tsx';
import { useSearchPatch } from '../../app/useSearchPatch.ts';
import { useAccuracy } from './api.ts';
import { ModelTag } from './bits.tsx';
import { RunStatus } from './RunStatus.tsx';

const COMPARED: Compared[] = ['linli', 'seasonalNaive', 'ets'];

const signed = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${pct(v)}`);

/** 预测准确率: horizon-1 backtest accuracy per category, Linli next to seasonal naive and ETS. */
export default function AccuracyPage() {
  const { t, lang } = useI18n();
  const { params } = useSearchPatch();
  const acc = useAccuracy(params.get('date') ?? undefined);
  const metric = (key: Compared, m: keyof Accuracy, render: (v: number | null) => string) => ({
    title: t(`forecast.accuracy.${m === 'match' ? 'match' : m}` as 'forecast.accuracy.wape'),
    key: `${key}-${m}`,
    align: 'right' as const,
    width: 96,
    render: (_: unknown, r: AccuracyRow) => {
      const v = r[key][m] as number | null;
      const best =
        m === 'wape' && key === 'linli' && v !== null && COMPARED.every((k) => (r[k].wape ?? Infinity) >= v);
      return (
        <Typography.Text
          strong={best}
          type={best ? 'success' : undefined}
          style={{ fontVariantNumeric: 'tabular-nums' }}
        >
          {render(v)}
        </Typography.Text>
      );
    },
  });
  const columns: ColumnsType<AccuracyRow> = [
    {
      title: t('forecast.accuracy.category'),
      dataIndex: 'category',
      fixed: 'left',
      width: 120,
      render: (_: unknown, r) =>
        r.category === '*' ? (
          <strong>{t('forecast.accuracy.overall')}</strong>
        ) : lang === 'zh-CN' ? (
          r.nameZh
        ) : (
          r.nameEn
        ),
    },
    ...COMPARED.map((k) => ({
      title: t(`forecast.accuracy.${k}`),
      children: [
        metric(k, 'wape', pct),
        metric(k, 'match', pct),
        ...(k === 'linli'
          ? [metric(k, 'bias', signed), metric(k, 'mase', (v) => (v === null ? '—' : v.toFixed(2)))]
          : []),
        ...(k === 'ets' ? [metric(k, 'mase', (v) => (v === null ? '—' : v.toFixed(2)))] : []),
      ],
    })),
    {
      title: t('forecast.accuracy.itemDays'),
      key: 'n',
      align: 'right',
      width: 90,
      render: (_: unknown, r) => int(r.linli.itemDays),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('forecast.accuracy.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('forecast.accuracy.subtitle')}</Typography.Text>
      </Card>
      <RunStatus shown={acc.data?.shown} />
      <QueryState query={acc}>
        {(a) => {
          const rows: AccuracyRow[] = a.overall
            ? [{ category: '*', nameZh: '全部', nameEn: 'All', ...a.overall }, ...a.categories]
            : a.categories;
          const linli = a.overall?.linli.wape ?? null;
          const naive = a.overall?.seasonalNaive.wape ?? null;
          return (
            <Card size="small">
              <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
                <Tag>{t('forecast.accuracy.origins', { n: a.origins })}</Tag>
                {linli !== null && naive !== null && naive > 0 && (
                  <Tag color={linli < naive ? 'green' : 'red'} data-testid="accuracy-vs-naive">
                    {t('forecast.accuracy.better', { pct: pct(1 - linli / naive) })}
                  </Tag>
                )}
                <Typography.Text type="secondary">{t('forecast.accuracy.models')}：</Typography.Text>
                {Object.entries(a.models).map(([m, n]) => (
                  <Tooltip key={m} title={n}>
                    <span>
                      <ModelTag model={m} /> {n}
                    </span>
                  </Tooltip>
                ))}
              </Flex>
              <Table<AccuracyRow>
                size="middle"
                bordered
                rowKey="category"
                dataSource={rows}
                columns={columns}
                pagination={false}
                scroll={{ x: 1000 }}
                data-testid="accuracy-table"
              />
              <Flex vertical style={{ marginTop: 12 }}>
                {(['matchHint', 'maseHint', 'biasHint'] as const).map((k) => (
                  <Typography.Text key={k} type="secondary" style={{ fontSize: 12 }}>
                    {t(`forecast.accuracy.${k}`)}
                  </Typography.Text>
                ))}
              </Flex>
            </Card>
          );
        }}
      </QueryState>
    </Flex>
  );
}
