import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { TEXT_ASPECTS, type TextItem } from '@linli/contracts/text';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Input,
  InputNumber,
  Row,
  Select,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useCanEdit } from '../../app/auth.tsx';
import { int, pct, shanghaiTime } from '../../app/format.ts';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import { Pager } from '../../app/Pager.tsx';
import { QueryTable } from '../../app/QueryTable.tsx';
import { useCursorPages } from '../../app/useCursorPages.ts';
import { useSearchPatch } from '../../app/useSearchPatch.ts';
import { useCommunities } from '../overview/OverviewPage.tsx';
import { rescore, textsExportHref, useTextStatus, useTextTrend, type TextFilter } from './api.ts';
import { AspectTags, IntensityValue, RiskTags, SentimentTag } from './TextBits.tsx';
import { TextTrendChart } from './TextTrendChart.tsx';
import { TryText } from './TryText.tsx';

const SOURCES = ['review', 'complaint', 'ugc_post', 'cs_contact', 'group_message'] as const;
const SEVERITIES = ['high', 'medium', 'low'] as const;
const FILTER_KEYS = [
  'q',
  'sentiment',
  'aspect',
  'polarity',
  'minIntensity',
  'source',
  'communityId',
  'risk',
  'memberId',
  'from',
  'to',
] as const;

/** A Shanghai calendar day's start as an instant the API reads. */
const dayStart = (day: string) => `${day}T00:00:00+08:00`;

export default function TextsPage() {
  const { t, lang } = useI18n();
  const { params, patch } = useSearchPatch();
  const filter: TextFilter = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined]));
  const apiFilter: TextFilter = {
    ...filter,
    from: filter.from ? dayStart(filter.from) : undefined,
    to: filter.to ? dayStart(dayjs(filter.to).add(1, 'day').format('YYYY-MM-DD')) : undefined,
  };
  const communities = useCommunities();
  const names = new Map((communities.data?.items ?? []).map((c) => [c.id, c.name]));
  const { query, page, hasNext, next, prev } = useCursorPages<TextItem>('texts', '/api/v1/texts', apiFilter);
  // the chart keeps its whole history and every aspect: a click on it narrows the table, not the chart
  const trend = useTextTrend({
    ...apiFilter,
    q: undefined,
    sentiment: undefined,
    aspect: undefined,
    polarity: undefined,
    from: undefined,
    to: undefined,
  });
  const totals = trend.data?.totals;

  return (
    <Flex vertical gap={16}>
      <StatusBar />
      <Card
        title={t('texts.title')}
        extra={<Typography.Text type="secondary">{t('texts.subtitle')}</Typography.Text>}
      >
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            enterButton={t('common.search')}
            placeholder={t('texts.searchPlaceholder')}
            defaultValue={filter.q}
            onSearch={(v) => patch({ q: v.trim() || undefined })}
            style={{ width: 280 }}
            data-testid="text-search"
          />
          <Select
            allowClear
            style={{ width: 110 }}
            placeholder={t('texts.sentiment')}
            value={filter.sentiment}
            onChange={(v: string | undefined) => patch({ sentiment: v })}
            options={[
              { value: 'negative', label: t('texts.negative') },
              { value: 'positive', label: t('texts.positive') },
            ]}
            data-testid="text-sentiment"
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('texts.aspect')}
            value={filter.aspect}
            onChange={(v: string | undefined) =>
              patch({ aspect: v, polarity: v ? filter.polarity : undefined })
            }
            options={TEXT_ASPECTS.map((a) => ({
              value: a,
              label: t(`texts.aspectNames.${a}` as MessageKey),
            }))}
            data-testid="text-aspect"
          />
          <Select
            allowClear
            disabled={!filter.aspect}
            style={{ width: 110 }}
            placeholder={t('texts.polarity')}
            value={filter.polarity}
            onChange={(v: string | undefined) => patch({ polarity: v })}
            options={[
              { value: 'negative', label: t('texts.polarityNegative') },
              { value: 'positive', label: t('texts.polarityPositive') },
            ]}
          />
          <InputNumber
            min={0}
            max={100}
            style={{ width: 150 }}
            addonBefore={t('texts.minIntensity')}
            value={filter.minIntensity ? Number(filter.minIntensity) : null}
            onChange={(v) => patch({ minIntensity: v === null ? undefined : String(v) })}
          />
          <Select
            allowClear
            style={{ width: 110 }}
            placeholder={t('texts.source')}
            value={filter.source}
            onChange={(v: string | undefined) => patch({ source: v })}
            options={SOURCES.map((s) => ({ value: s, label: t(`texts.sources.${s}`) }))}
          />
          <Select
            allowClear
            style={{ width: 130 }}
            placeholder={t('texts.risk')}
            value={filter.risk}
            onChange={(v: string | undefined) => patch({ risk: v })}
            options={SEVERITIES.map((s) => ({
              value: s,
              label: t('texts.riskAtLeast', { level: t(`texts.severities.${s}`) }),
            }))}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 200 }}
            placeholder={t('overview.allCommunities')}
            value={filter.communityId}
            onChange={(v: string | undefined) => patch({ communityId: v })}
            options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
          <DatePicker.RangePicker
            style={{ width: 260 }}
            value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
            onChange={(v) =>
              patch({
                from: v?.[0]?.format('YYYY-MM-DD') ?? undefined,
                to: v?.[1]?.format('YYYY-MM-DD') ?? undefined,
              })
            }
          />
          {filter.memberId && (
            <Tag
              closable
              onClose={() => patch({ memberId: undefined })}
              style={{ alignSelf: 'center' }}
              data-testid="text-member-filter"
            >
              {t('texts.member')}：{filter.memberId}
            </Tag>
          )}
          <Button
            icon={<DownloadOutlined />}
            href={textsExportHref(apiFilter, lang)}
            data-testid="text-export"
          >
            {t('common.export')}
          </Button>
        </Flex>
        <Row gutter={16}>
          <Col xs={24} xl={16}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('texts.trendTitle')}
            </Typography.Title>
            {totals && (
              <Typography.Paragraph type="secondary" data-testid="text-totals">
                {t('texts.totals', {
                  texts: int(totals.texts),
                  negative: int(totals.negative),
                  share: pct(totals.texts ? totals.negative / totals.texts : 0),
                })}
              </Typography.Paragraph>
            )}
            {trend.data && (
              <TextTrendChart
                trend={trend.data}
                onPick={(week, aspect) =>
                  patch({
                    from: week,
                    to: dayjs(week).add(6, 'day').format('YYYY-MM-DD'),
                    aspect: aspect ?? undefined,
                    polarity: aspect ? 'negative' : undefined,
                    sentiment: aspect ? undefined : 'negative',
                  })
                }
              />
            )}
          </Col>
          <Col xs={24} xl={8}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('texts.tryTitle')}
            </Typography.Title>
            <TryText />
          </Col>
        </Row>
      </Card>
      <Card>
        <QueryTable<TextItem>
          query={query}
          rowKey="eventId"
          size="middle"
          dataSource={query.data?.items ?? []}
          pagination={false}
          scroll={{ x: 1300 }}
          locale={{ emptyText: t('texts.noTexts') }}
          data-testid="text-table"
          columns={[
            {
              title: t('texts.time'),
              dataIndex: 'occurredAt',
              width: 150,
              render: (v: string) => shanghaiTime(v),
            },
            {
              title: t('texts.member'),
              dataIndex: 'memberId',
              width: 150,
              render: (v: string, r) => (
                <Flex vertical>
                  <Link to={`/members/${v}`}>{r.nickname || v}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.communityId ? (names.get(r.communityId) ?? r.communityId) : ''}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('texts.source'),
              dataIndex: 'source',
              width: 80,
              render: (v: string) =>
                SOURCES.includes(v as (typeof SOURCES)[number]) ? t(`texts.sources.${v}` as MessageKey) : v,
            },
            {
              // plain text: React escapes it, so markup in a review is shown, never run
              title: t('texts.text'),
              dataIndex: 'text',
              width: 360,
              render: (v: string) => (
                <Typography.Paragraph
                  style={{ marginBottom: 0 }}
                  ellipsis={{ rows: 3, expandable: true, symbol: '…' }}
                >
                  {v}
                </Typography.Paragraph>
              ),
            },
            {
              title: t('texts.sentiment'),
              dataIndex: 'label',
              width: 110,
              render: (_: unknown, r) => <SentimentTag label={r.label} probability={r.probability} />,
            },
            {
              title: t('texts.intensity'),
              dataIndex: 'intensity',
              width: 80,
              render: (v: number) => <IntensityValue value={v} />,
            },
            {
              title: t('texts.aspects'),
              dataIndex: 'aspects',
              width: 200,
              render: (_: unknown, r) => <AspectTags aspects={r.aspects} />,
            },
            {
              title: t('texts.riskHits'),
              dataIndex: 'riskHits',
              width: 150,
              render: (_: unknown, r) => <RiskTags hits={r.riskHits} />,
            },
          ]}
          footer={
            <Pager page={page} hasNext={hasNext} onPrev={prev} onNext={next} loading={query.isFetching} />
          }
        />
      </Card>
    </Flex>
  );
}

/** Which model scored the texts, what waits, and (for operators) a re-score after an upgrade. */
function StatusBar() {
  const { t } = useI18n();
  const status = useTextStatus();
  const canEdit = useCanEdit();
  const client = useQueryClient();
  const { message } = AntApp.useApp();
  const s = status.data;
  if (!s) return null;
  return (
    <Alert
      type={s.queued > 0 || s.outdated > 0 ? 'info' : 'success'}
      showIcon
      data-testid="text-status"
      message={t('texts.status', {
        version: s.modelVersion,
        scored: int(s.scored),
        queued: int(s.queued),
        outdated: int(s.outdated),
      })}
      action={
        canEdit && s.outdated > 0 ? (
          <Button
            size="small"
            icon={<ReloadOutlined />}
            onClick={async () => {
              const r = await rescore();
              message.success(t('texts.rescoreDone', { n: int(r.queued) }));
              await client.invalidateQueries({ queryKey: ['texts'] });
            }}
          >
            {t('texts.rescore')}
          </Button>
        ) : undefined
      }
    />
  );
}
