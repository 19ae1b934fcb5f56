import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Card, Col, Flex, Progress, Row, Statistic, Table, Tag, Typography } from 'antd';
import { api } from '../../app/api.ts';
import { pct, yuan } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { personaColor, personaName, seedLabel } from './personaCharts.ts';
import type { Persona, PersonaList } from './types.ts';

function topCategories(p: Persona, n = 3): Array<[string, number]> {
  return Object.entries(p.profile.shares)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n);
}

/** The persona's name in the current language, renamed in place by operators. */
function PersonaName({ persona, editable }: { persona: Persona; editable: boolean }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const rename = useMutation({
    mutationFn: (name: string) =>
      api<Persona>('PUT', `/api/v1/personas/${persona.idx}`, {
        nameZh: lang === 'zh-CN' ? name : persona.nameZh,
        nameEn: lang === 'zh-CN' ? persona.nameEn : name,
      }),
    onSuccess: () => {
      void message.success(t('personas.renamed'));
      return client.invalidateQueries({ queryKey: ['personas'] });
    },
    onError: (e) => void message.error(e.message),
  });
  const name = personaName(persona, lang);
  return (
    <Typography.Text
      strong
      data-testid="persona-name"
      style={{ color: personaColor(persona.idx) }}
      editable={
        editable && !rename.isPending
          ? {
              tooltip: t('personas.rename'),
              maxLength: lang === 'zh-CN' ? 40 : 80,
              onChange: (v) => {
                const next = v.trim();
                if (next && next !== name) rename.mutate(next);
              },
            }
          : false
      }
    >
      {name}
    </Typography.Text>
  );
}

/** One card per persona: share of members, frequency, order value and what they buy most. */
export function PersonaCards({
  personas,
  members,
  editable,
  categoryName,
}: {
  personas: Persona[];
  members: number;
  editable: boolean;
  categoryName: (code: string) => string;
}) {
  const { t } = useI18n();
  return (
    <Row gutter={[12, 12]} data-testid="persona-cards">
      {personas.map((p) => (
        <Col key={p.idx} xs={24} md={12} xxl={Math.max(6, Math.floor(24 / personas.length))}>
          <Card
            size="small"
            data-testid="persona-card"
            data-idx={p.idx}
            style={{ borderTop: `3px solid ${personaColor(p.idx)}`, height: '100%' }}
          >
            <Flex vertical gap={8}>
              <PersonaName persona={p} editable={editable} />
              <div>
                <Typography.Text type="secondary">{t('personas.memberShare')}</Typography.Text>
                <Progress
                  percent={Math.round((p.size / Math.max(members, 1)) * 1000) / 10}
                  strokeColor={personaColor(p.idx)}
                  format={() => `${pct(p.size / Math.max(members, 1))} · ${p.size.toLocaleString('en-US')}`}
                  data-testid="persona-share"
                />
              </div>
              <Flex gap={24}>
                <Statistic
                  title={t('personas.ordersPerWeek')}
                  value={p.profile.ordersPerWeek.toFixed(2)}
                  styles={{ content: { fontSize: 20 } }}
                />
                <Statistic
                  title={t('personas.aov')}
                  value={yuan(p.profile.aovFen)}
                  styles={{ content: { fontSize: 20 } }}
                />
              </Flex>
              <Flex wrap gap={4} align="center">
                <Typography.Text type="secondary">{t('personas.topCategories')}</Typography.Text>
                {topCategories(p).map(([code, share]) => (
                  <Tag key={code} color={personaColor(p.idx)} variant="outlined">
                    {categoryName(code)} {pct(share, 0)}
                  </Tag>
                ))}
              </Flex>
            </Flex>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** What the plan's category words mean in our top-level category codes. */
const SEED_CATEGORIES: Record<string, string[]> = {
  传统蔬果: ['vegetables', 'fruit'],
  网红商品: ['snacks', 'drinks'],
  有机食品: ['organic'],
};

type Seed = PersonaList['seed'][number];

/**
 * Pairs each seed persona with a different current persona: the one spending most on the seed's
 * categories (greedy, best pair first); by log frequency and log AOV when the categories are unknown.
 */
function matchSeeds(personas: Persona[], seed: Seed[]): Map<Seed, Persona> {
  const score = (s: Seed, p: Persona) => {
    const codes = SEED_CATEGORIES[s.categories];
    if (codes) return codes.reduce((a, c) => a + (p.profile.shares[c] ?? 0), 0);
    return -Math.hypot(
      Math.log(p.profile.ordersPerWeek / s.ordersPerWeek),
      Math.log(Math.max(p.profile.aovFen, 1) / s.aovFen),
    );
  };
  const pairs = seed
    .flatMap((s) => personas.map((p) => ({ s, p, score: score(s, p) })))
    .sort((a, b) => b.score - a.score);
  const out = new Map<Seed, Persona>();
  const used = new Set<number>();
  for (const { s, p } of pairs)
    if (!out.has(s) && !used.has(p.idx)) {
      out.set(s, p);
      used.add(p.idx);
    }
  return out;
}

/** The plan's three personas next to the closest persona our own orders produce. */
export function SeedComparison({
  personas,
  seed,
  members,
}: {
  personas: Persona[];
  seed: PersonaList['seed'];
  members: number;
}) {
  const { t, lang } = useI18n();
  const matched = matchSeeds(personas, seed);
  const label = (s: Seed) => seedLabel(s, t);
  const rows = seed.map((s) => ({ seed: s, ours: matched.get(s) }));
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(r) => r.seed.nameZh}
      dataSource={rows}
      data-testid="seed-comparison"
      scroll={{ x: 720 }}
      columns={[
        {
          title: t('personas.seedPersona'),
          width: 120,
          render: (_, r) => (
            <Flex vertical>
              <Typography.Text strong>{label(r.seed).name}</Typography.Text>
              <Typography.Text type="secondary">{label(r.seed).categories}</Typography.Text>
            </Flex>
          ),
        },
        {
          title: t('personas.seedFigures'),
          render: (_, r) =>
            t('personas.figures', {
              share: pct(r.seed.share, 0),
              freq: r.seed.ordersPerWeek,
              aov: yuan(r.seed.aovFen),
            }),
        },
        {
          title: t('personas.nearest'),
          render: (_, r) =>
            r.ours ? <Tag color={personaColor(r.ours.idx)}>{personaName(r.ours, lang)}</Tag> : '—',
        },
        {
          title: t('personas.ourFigures'),
          render: (_, r) =>
            r.ours
              ? t('personas.figures', {
                  share: pct(r.ours.size / Math.max(members, 1), 0),
                  freq: r.ours.profile.ordersPerWeek.toFixed(2),
                  aov: yuan(r.ours.profile.aovFen),
                })
              : '—',
        },
      ]}
    />
  );
}
