import type { ForecastSkuDetail } from '@linli/contracts/forecasting';
import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Col, Flex, Form, InputNumber, Row, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useCanEdit } from '../../app/auth.tsx';
import { EChart } from '../../app/EChart.tsx';
import { pct, yuan } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { QueryState } from '../../app/states.tsx';
import { FORECAST_KEY, updateSupply, useSku } from './api.ts';
import { ModelTag, qty } from './bits.tsx';
import { contributionsOption, forecastOption } from './charts.ts';

/** One SKU: history and forecast band, what drives the forecast, its points and its supply values. */
export function SkuDetail({ sku, date }: { sku: string; date: string | undefined }) {
  const { t } = useI18n();
  const detail = useSku(sku, date);
  return (
    <QueryState query={detail}>
      {(d) => (
        <Flex vertical gap={16}>
          <Card
            size="small"
            title={
              <Flex gap={8} align="center" wrap>
                <span>{t('forecast.demand.chartTitle', { name: d.name })}</span>
                {d.line && <ModelTag model={d.line.model} />}
              </Flex>
            }
          >
            <Chart d={d} />
            {d.accuracy && d.accuracy.evalDays > 0 && (
              <Typography.Text type="secondary" data-testid="sku-accuracy">
                {t('forecast.demand.accuracyLine', {
                  days: d.accuracy.evalDays,
                  wape: pct(d.accuracy.wape),
                  naive: pct(d.accuracy.naiveWape),
                })}
              </Typography.Text>
            )}
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('forecast.demand.contributionsTitle', { unit: d.unit })}>
                <Contributions d={d} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('forecast.demand.supplyTitle')}>
                <SupplyForm d={d} />
              </Card>
            </Col>
          </Row>
          {d.points.length > 0 && d.line && (
            <Card size="small" title={t('forecast.demand.pointsTitle')}>
              <Table
                size="small"
                rowKey="pointId"
                dataSource={d.points}
                pagination={d.points.length > 10 ? { pageSize: 10, size: 'small' } : false}
                columns={[
                  {
                    title: t('forecast.demand.point'),
                    dataIndex: 'pointName',
                    render: (v, r) => v ?? r.pointId,
                  },
                  {
                    title: t('forecast.demand.community'),
                    dataIndex: 'communityName',
                    render: (v) => v ?? '—',
                  },
                  {
                    title: t('forecast.demand.share'),
                    dataIndex: 'share',
                    align: 'right',
                    render: (v: number) => pct(v),
                  },
                  {
                    title: t('forecast.demand.booked'),
                    dataIndex: 'booked',
                    align: 'right',
                    render: (v: number) => qty(v, d.line!.step),
                  },
                  {
                    title: t('forecast.demand.qty'),
                    dataIndex: 'qty',
                    align: 'right',
                    render: (v: number) => qty(v, d.line!.step),
                  },
                ]}
              />
            </Card>
          )}
        </Flex>
      )}
    </QueryState>
  );
}

function Chart({ d }: { d: ForecastSkuDetail }) {
  const { t } = useI18n();
  const option = useMemo(() => forecastOption(d, t), [d, t]);
  return <EChart option={option} height={340} testId="forecast-chart" />;
}

function Contributions({ d }: { d: ForecastSkuDetail }) {
  const { t } = useI18n();
  const c = d.line?.contributions;
  const option = useMemo(() => (c ? contributionsOption(c, t) : null), [c, t]);
  if (!option)
    return <Typography.Text type="secondary">{t('forecast.demand.noContributions')}</Typography.Text>;
  return (
    <>
      <EChart option={option} height={240} testId="contributions-chart" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('forecast.demand.contributionsHint')}
      </Typography.Text>
    </>
  );
}

interface SupplyFields {
  lossRatePct: number | null;
  shelfLifeDays: number | null;
  unitCostYuan: number | null;
}

/** Loss rate, shelf life and unit cost: the SKU's own values (empty = its category's default). */
function SupplyForm({ d }: { d: ForecastSkuDetail }) {
  const { t } = useI18n();
  const canEdit = useCanEdit();
  const client = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<SupplyFields>();
  const s = d.supply;
  const source = (k: 'lossRatePct' | 'shelfLifeDays' | 'unitCostFen') =>
    s.sources[k] ? <Tag>{t(`forecast.demand.source.${s.sources[k] as 'item'}`)}</Tag> : null;
  const save = async (v: SupplyFields) => {
    try {
      await updateSupply(d.sku, {
        lossRatePct: v.lossRatePct ?? null,
        shelfLifeDays: v.shelfLifeDays ?? null,
        unitCostFen:
          v.unitCostYuan === null || v.unitCostYuan === undefined ? null : Math.round(v.unitCostYuan * 100),
      });
      void message.success(t('forecast.demand.saved'));
      await client.invalidateQueries({ queryKey: [FORECAST_KEY, 'sku', d.sku] });
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <Form
      form={form}
      layout="horizontal"
      labelCol={{ span: 9 }}
      disabled={!canEdit}
      initialValues={{
        lossRatePct: s.own.lossRatePct,
        shelfLifeDays: s.own.shelfLifeDays,
        unitCostYuan: s.own.unitCostFen === null ? null : s.own.unitCostFen / 100,
      }}
      onFinish={(v) => void save(v)}
      data-testid="supply-form"
    >
      <Form.Item
        label={t('forecast.demand.lossRate')}
        extra={
          <>
            {s.lossRatePct}% {source('lossRatePct')}
          </>
        }
      >
        <Form.Item name="lossRatePct" noStyle>
          <InputNumber
            min={0}
            max={89}
            step={0.5}
            placeholder={String(s.lossRatePct)}
            style={{ width: 140 }}
          />
        </Form.Item>
      </Form.Item>
      <Form.Item
        label={t('forecast.demand.shelfLife')}
        extra={
          <>
            {s.shelfLifeDays} {source('shelfLifeDays')}
          </>
        }
      >
        <Form.Item name="shelfLifeDays" noStyle>
          <InputNumber
            min={1}
            max={3650}
            precision={0}
            placeholder={String(s.shelfLifeDays)}
            style={{ width: 140 }}
          />
        </Form.Item>
      </Form.Item>
      <Form.Item
        label={t('forecast.demand.unitCost')}
        extra={
          <>
            {yuan(s.unitCostFen)} {source('unitCostFen')}
          </>
        }
      >
        <Form.Item name="unitCostYuan" noStyle>
          <InputNumber
            min={0}
            step={0.1}
            precision={2}
            placeholder={s.unitCostFen === null ? '' : String(s.unitCostFen / 100)}
            style={{ width: 140 }}
          />
        </Form.Item>
      </Form.Item>
      <Form.Item label={t('forecast.demand.price')}>{yuan(s.priceFen)}</Form.Item>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('forecast.demand.resetHint')}
        </Typography.Text>
        <Button type="primary" htmlType="submit" size="small">
          {t('forecast.demand.save')}
        </Button>
      </Flex>
    </Form>
  );
}
