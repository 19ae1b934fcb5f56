import { useQuery } from '@tanstack/react-query';
import { Card, Col, Collapse, Flex, Row, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { Link } from 'react-router';
import { get } from '../../app/api.ts';
import { useCanEdit } from '../../app/auth.tsx';
import { EChart, type ChartClick } from '../../app/EChart.tsx';
import { int, shanghaiTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { NoData, QueryState } from '../../app/states.tsx';
import { useSearchPatch } from '../../app/useSearchPatch.ts';
import { CutoffForm } from './CutoffForm.tsx';
import { ModelHeader } from './ModelHeader.tsx';
import { QuadrantCards } from './QuadrantCards.tsx';
import { QuadrantMembers } from './QuadrantMembers.tsx';
import { QUADRANTS, type Quadrant, type ValueOverview, type ValuePoints } from './types.ts';
import { shareOption, valueScatterOption } from './valueCharts.ts';

type Fit = NonNullable<ValueOverview['fit']>;

function ValueBody({ fit }: { fit: Fit }) {
  const { t, lang } = useI18n();
  const { params, patch } = useSearchPatch();
  const raw = params.get('quadrant');
  const selected = QUADRANTS.find((q) => q === raw);
  const select = useCallback(
    (q: Quadrant) => {
      patch({ quadrant: q });
      // bring the list into view once it has rendered
      setTimeout(
        () => document.getElementById('quadrant-members')?.scrollIntoView({ behavior: 'smooth' }),
        50,
      );
    },
    [patch],
  );
  const points = useQuery({
    queryKey: ['value-points', fit.id],
    queryFn: () => get<ValuePoints>('/api/v1/values/points'),
  });
  const summary = fit.detail.summary;
  const name = useCallback(
    (q: string) => {
      const s = summary.find((x) => x.quadrant === q);
      return s ? (lang === 'zh-CN' ? s.zh : s.en) : q;
    },
    [summary, lang],
  );
  const scatter = useMemo(
    () => (points.data ? valueScatterOption(points.data, name, t, lang, selected) : null),
    [points.data, name, t, lang, selected],
  );
  const shares = useMemo(() => shareOption(summary, name, t), [summary, name, t]);
  const onPoint = useCallback(
    (c: ChartClick) => {
      // one series per quadrant, in QUADRANTS order (large scatters do not hand back the item)
      const hit = c.seriesIndex === undefined ? undefined : QUADRANTS[c.seriesIndex];
      if (hit) select(hit);
    },
    [select],
  );
  return (
    <Flex vertical gap={16}>
      <QuadrantCards summary={summary} selected={selected} onSelect={select} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card
            size="small"
            title={t('values.scatterTitle')}
            extra={
              points.data && (
                <Typography.Text type="secondary">
                  {t('values.sample', { n: int(points.data.points.length), total: int(points.data.total) })}
                </Typography.Text>
              )
            }
          >
            {scatter ? (
              <EChart option={scatter} height={440} testId="chart-value-scatter" onClick={onPoint} />
            ) : (
              <QueryState query={points}>{() => null}</QueryState>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('values.scatterHint')}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('values.shareTitle')} style={{ height: '100%' }}>
            <EChart option={shares} height={300} testId="chart-value-shares" />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
              {t('values.shareHint')}
            </Typography.Paragraph>
            <Link to="/values/validation">{t('values.toValidation')}</Link>
          </Card>
        </Col>
      </Row>
      <div id="quadrant-members">
        {selected ? (
          <QuadrantMembers quadrant={selected} title={name(selected)} />
        ) : (
          <Card size="small">
            <NoData description={t('values.pickQuadrant')} />
          </Card>
        )}
      </div>
    </Flex>
  );
}

/** The value quadrant on ARPU × predicted CLV (seed 2.1) and the members behind each quadrant. */
export default function ValuesPage() {
  const { t } = useI18n();
  const canEdit = useCanEdit();
  const query = useQuery({ queryKey: ['values'], queryFn: () => get<ValueOverview>('/api/v1/values') });
  const fit = query.data?.fit;
  return (
    <Flex vertical gap={16}>
      <ModelHeader
        title={t('values.title')}
        subtitle={t('values.subtitle')}
        extra={
          fit && (
            <Typography.Text type="secondary" data-testid="values-fitted-at">
              {t('values.fittedAt', { time: shanghaiTime(fit.fittedAt) })}
            </Typography.Text>
          )
        }
      >
        {fit && canEdit && (
          <Collapse
            ghost
            size="small"
            style={{ marginTop: 8 }}
            items={[
              {
                key: 'cutoffs',
                label: t('values.cutoffTitle'),
                children: <CutoffForm key={fit.id} cutoffs={fit.detail.cutoffs} />,
              },
            ]}
          />
        )}
      </ModelHeader>
      <QueryState query={query}>
        {(data) => (data.fit ? <ValueBody fit={data.fit} /> : <NoData description={t('values.notFitted')} />)}
      </QueryState>
    </Flex>
  );
}
