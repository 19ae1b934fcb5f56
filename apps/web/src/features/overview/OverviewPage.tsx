import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Flex, Row, Segmented, Select, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { get, post } from '../../app/api.ts';
import { useCanEdit } from '../../app/auth.tsx';
import { EChart } from '../../app/EChart.tsx';
import { shanghaiTime, shanghaiToday } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { QueryState } from '../../app/states.tsx';
import { useSearchPatch } from '../../app/useSearchPatch.ts';
import { categoryOption, communityOption, gmvTrendOption, memberTrendOption } from './charts.ts';
import { KpiCards } from './KpiCards.tsx';
import type { Community, Overview } from './types.ts';

export function useCommunities() {
  return useQuery({
    queryKey: ['communities'],
    queryFn: () => get<{ items: Community[] }>('/api/v1/communities'),
    staleTime: 300_000,
  });
}

/** Filters live in the address bar, so a view can be bookmarked and shared. */
export function useRangeParams() {
  const { params, patch: set } = useSearchPatch();
  const to = params.get('to') ?? shanghaiToday();
  const from = params.get('from') ?? dayjs(to).subtract(29, 'day').format('YYYY-MM-DD');
  const grain = (params.get('grain') === 'week' ? 'week' : 'day') as 'day' | 'week';
  const communityId = params.get('communityId') ?? undefined;
  return { from, to, grain, communityId, set };
}

export function OverviewBody({
  communityId,
  fixedCommunity,
}: {
  communityId?: string;
  fixedCommunity?: boolean;
}) {
  const { t, lang } = useI18n();
  const range = useRangeParams();
  const community = fixedCommunity ? communityId : range.communityId;
  const communities = useCommunities();
  const query = useQuery({
    queryKey: ['overview', range.from, range.to, range.grain, community],
    queryFn: () =>
      get<Overview>('/api/v1/overview', {
        from: range.from,
        to: range.to,
        grain: range.grain,
        communityId: community,
      }),
  });
  const canRefresh = useCanEdit();
  const client = useQueryClient();
  const refresh = useMutation({
    mutationFn: () => post('/api/v1/overview/refresh', { from: 'changed' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['overview'] }),
  });
  const options = useMemo(() => {
    const d = query.data;
    if (!d) return null;
    return {
      gmv: gmvTrendOption(d, t, lang),
      members: memberTrendOption(d, t),
      community: communityOption(d, t, lang),
      category: categoryOption(d, lang),
    };
  }, [query.data, t, lang]);

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex wrap gap={16} align="center">
          <span>{t('overview.range')}</span>
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(range.from), dayjs(range.to)]}
            onChange={(v) =>
              v?.[0] && v[1] && range.set({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })
            }
            presets={[7, 30, 90, 365].map((n) => ({
              label: lang === 'zh-CN' ? `近 ${n} 天` : `Last ${n} days`,
              value: [dayjs(shanghaiToday()).subtract(n - 1, 'day'), dayjs(shanghaiToday())],
            }))}
            data-testid="range"
          />
          <Segmented
            value={range.grain}
            options={[
              { label: t('overview.day'), value: 'day' },
              { label: t('overview.week'), value: 'week' },
            ]}
            onChange={(v) => range.set({ grain: v === 'week' ? 'week' : undefined })}
          />
          {!fixedCommunity && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ minWidth: 220 }}
              placeholder={t('overview.allCommunities')}
              value={range.communityId}
              onChange={(v: string | undefined) => range.set({ communityId: v })}
              options={(communities.data?.items ?? []).map((c) => ({
                value: c.id,
                label: `${c.name}（${c.district}）`,
              }))}
            />
          )}
          <Tooltip title={t('overview.definitions')}>
            <InfoCircleOutlined style={{ color: '#999' }} />
          </Tooltip>
          <span style={{ marginLeft: 'auto' }}>
            <Typography.Text type="secondary" data-testid="as-of">
              {query.data?.asOf
                ? t('overview.asOf', { time: shanghaiTime(query.data.asOf) })
                : query.data
                  ? t('overview.notYet')
                  : ''}
            </Typography.Text>
            {canRefresh && (
              <Button
                type="link"
                size="small"
                icon={<ReloadOutlined />}
                loading={refresh.isPending}
                onClick={() => refresh.mutate()}
              >
                {t('overview.refresh')}
              </Button>
            )}
          </span>
        </Flex>
      </Card>
      <QueryState query={query}>
        {(d) => (
          <Flex vertical gap={16}>
            <KpiCards data={d} />
            {d.kpis.orders === 0 && (
              <Typography.Text type="secondary">{t('overview.noData')}</Typography.Text>
            )}
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <Card title={t('overview.gmvTrend')} size="small">
                  <EChart option={options!.gmv} testId="chart-gmv" />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card title={t('overview.memberTrend')} size="small">
                  <EChart option={options!.members} testId="chart-members" />
                </Card>
              </Col>
              {!fixedCommunity && (
                <Col xs={24} xl={12}>
                  <Card title={t('overview.byCommunity')} size="small">
                    <EChart option={options!.community} height={360} testId="chart-community" />
                  </Card>
                </Col>
              )}
              <Col xs={24} xl={fixedCommunity ? 24 : 12}>
                <Card title={t('overview.byCategory')} size="small">
                  <EChart option={options!.category} height={360} testId="chart-category" />
                </Card>
              </Col>
            </Row>
          </Flex>
        )}
      </QueryState>
    </Flex>
  );
}

export default function OverviewPage() {
  return <OverviewBody />;
}
