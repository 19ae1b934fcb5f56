import { InfoCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Flex, Row, Select, Tooltip, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { get } from '../../app/api.ts';
import { useCanEdit } from '../../app/auth.tsx';
import { EChart } from '../../app/EChart.tsx';
import { int, shanghaiTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { NoData, QueryState } from '../../app/states.tsx';
import { ModelHeader } from './ModelHeader.tsx';
import { PersonaCards, SeedComparison } from './PersonaCards.tsx';
import { radarOption, scatterOption, silhouetteOption } from './personaCharts.ts';
import { RefitButton } from './RefitButton.tsx';
import { useCategoryNames, type PersonaList, type PersonaPoints } from './types.ts';

const K_CHOICES = [2, 3, 4, 5, 6, 7, 8];

/** "重新聚类": automatic k (best silhouette) or a fixed one. */
function RefitPersonas() {
  const { t } = useI18n();
  const [k, setK] = useState<number | 'auto'>('auto');
  return (
    <Flex gap={8} align="center">
      <Typography.Text type="secondary">k</Typography.Text>
      <Select
        value={k}
        style={{ width: 100 }}
        onChange={setK}
        data-testid="persona-k"
        options={[
          { value: 'auto', label: t('personas.auto') },
          ...K_CHOICES.map((n) => ({ value: n, label: String(n) })),
        ]}
      />
      <RefitButton
        path="/api/v1/personas/fit"
        body={() => (k === 'auto' ? {} : { k })}
        invalidate={['personas', 'persona-points']}
        label={t('personas.refit')}
        confirm={t('personas.refitConfirm')}
        testId="persona-refit"
      />
    </Flex>
  );
}

function PersonaBody({ data }: { data: PersonaList }) {
  const { t, lang } = useI18n();
  const canEdit = useCanEdit();
  const names = useCategoryNames();
  const fit = data.fit!;
  const points = useQuery({
    queryKey: ['persona-points', fit.id],
    queryFn: () => get<PersonaPoints>('/api/v1/personas/points'),
  });
  const categoryName = useCallback((code: string) => names(code, lang), [names, lang]);
  const options = useMemo(
    () => ({
      scatter: points.data ? scatterOption(fit.personas, points.data, data.seed, t, lang) : null,
      radar: radarOption(fit.personas, categoryName, lang),
      silhouette: silhouetteOption(fit.detail.tried ?? [{ k: fit.k, silhouette: fit.silhouette }], fit.k, t),
    }),
    [fit, points.data, data.seed, t, lang, categoryName],
  );
  return (
    <Flex vertical gap={16} data-testid="personas" data-k={fit.k}>
      <PersonaCards
        personas={fit.personas}
        members={fit.members}
        editable={canEdit}
        categoryName={categoryName}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card
            size="small"
            title={t('personas.scatterTitle')}
            extra={
              points.data && (
                <Typography.Text type="secondary">
                  {t('personas.sample', { n: int(points.data.points.length), total: int(points.data.total) })}
                </Typography.Text>
              )
            }
          >
            {options.scatter ? (
              <EChart option={options.scatter} height={420} testId="chart-persona-scatter" />
            ) : (
              <QueryState query={points}>{() => null}</QueryState>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('personas.radarTitle')}>
            <EChart option={options.radar} height={420} testId="chart-persona-radar" />
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('personas.seedTitle')}>
            <SeedComparison personas={fit.personas} seed={data.seed} members={fit.members} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card
            size="small"
            title={
              <span>
                {t('personas.silhouetteTitle')}{' '}
                <Tooltip title={t('personas.silhouetteHint')}>
                  <InfoCircleOutlined style={{ color: '#999' }} />
                </Tooltip>
              </span>
            }
          >
            <EChart option={options.silhouette} height={220} testId="chart-persona-silhouette" />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

/** Personas found by clustering members on frequency × order value × categories (seed 1.1). */
export default function PersonasPage() {
  const { t } = useI18n();
  const canEdit = useCanEdit();
  const query = useQuery({ queryKey: ['personas'], queryFn: () => get<PersonaList>('/api/v1/personas') });
  const fit = query.data?.fit;
  return (
    <Flex vertical gap={16}>
      <ModelHeader
        title={t('personas.title')}
        subtitle={t('personas.subtitle')}
        extra={
          <>
            {fit && (
              <Descriptions size="small" column={4} data-testid="persona-fit">
                <Descriptions.Item label={t('personas.fittedAt')}>
                  {shanghaiTime(fit.fittedAt)}
                </Descriptions.Item>
                <Descriptions.Item label={t('personas.k')}>{fit.k}</Descriptions.Item>
                <Descriptions.Item label={t('personas.silhouette')}>
                  {fit.silhouette.toFixed(3)}
                </Descriptions.Item>
                <Descriptions.Item label={t('personas.members')}>{int(fit.members)}</Descriptions.Item>
              </Descriptions>
            )}
            {canEdit && <RefitPersonas />}
          </>
        }
      />
      <QueryState query={query}>
        {(data) =>
          data.fit ? <PersonaBody data={data} /> : <NoData description={t('personas.notFitted')} />
        }
      </QueryState>
    </Flex>
  );
}
