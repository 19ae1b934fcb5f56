import { Card, Col, Flex, Progress, Row, Statistic, Tag, Typography } from 'antd';
import { int, pct } from '../../app/format.ts';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import { QUADRANT_COLOR, QUADRANTS, SEED_TOP, type Quadrant, type QuadrantSummary } from './types.ts';

/** The seed's claim for the pyramid top next to what our members actually do. */
function SeedCheck({ s }: { s: QuadrantSummary }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={2} data-testid="seed-check">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('values.seedClaim', {
          members: pct(SEED_TOP.memberShare, 0),
          profit: pct(SEED_TOP.profitShare, 0),
        })}
      </Typography.Text>
      <Typography.Text style={{ fontSize: 12 }}>
        {t('values.ourFigure', { members: pct(s.memberShare), gmv: pct(s.gmvShare) })}
      </Typography.Text>
    </Flex>
  );
}

/** Four cards, one per quadrant: what to do, how many members, how much of the GMV. */
export function QuadrantCards({
  summary,
  selected,
  onSelect,
}: {
  summary: QuadrantSummary[];
  selected: Quadrant | undefined;
  onSelect: (q: Quadrant) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <Row gutter={[12, 12]} data-testid="quadrant-cards">
      {QUADRANTS.map((q) => {
        const s = summary.find((x) => x.quadrant === q);
        if (!s) return null;
        const active = selected === q;
        return (
          <Col key={q} xs={24} md={12} xl={6}>
            <Card
              size="small"
              hoverable
              onClick={() => onSelect(q)}
              data-testid="quadrant-card"
              data-quadrant={q}
              data-member-share={s.memberShare}
              style={{
                height: '100%',
                borderTop: `4px solid ${QUADRANT_COLOR[q]}`,
                boxShadow: active ? `0 0 0 2px ${QUADRANT_COLOR[q]}` : undefined,
              }}
            >
              <Flex vertical gap={8}>
                <Flex justify="space-between" align="center">
                  <Typography.Title level={5} style={{ margin: 0, color: QUADRANT_COLOR[q] }}>
                    {lang === 'zh-CN' ? s.zh : s.en}
                  </Typography.Title>
                  <Tag color={QUADRANT_COLOR[q]}>
                    {lang === 'zh-CN' ? s.action : t(`values.actions.${q}` as MessageKey)}
                  </Tag>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`values.rules.${q}` as MessageKey)}
                </Typography.Text>
                <Flex gap={24}>
                  <Statistic
                    title={t('values.memberShare')}
                    value={pct(s.memberShare)}
                    data-testid="quadrant-member-share"
                  />
                  <Statistic title={t('values.members')} value={int(s.members)} />
                </Flex>
                <div>
                  <Typography.Text type="secondary">{t('values.gmvShare')}</Typography.Text>
                  <Progress
                    percent={Math.round(s.gmvShare * 1000) / 10}
                    strokeColor={QUADRANT_COLOR[q]}
                    format={() => pct(s.gmvShare)}
                    data-testid="quadrant-gmv-share"
                  />
                </div>
                {q === 'pyramid_top' && <SeedCheck s={s} />}
                <Typography.Link>{t('values.showMembers')}</Typography.Link>
              </Flex>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
