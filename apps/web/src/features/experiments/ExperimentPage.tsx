import {
  DownloadOutlined,
  InboxOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  ReloadOutlined,
  RocketOutlined,
  RollbackOutlined,
} from '@ant-design/icons';
import type { ExperimentMetric, ExperimentResults } from '@linli/contracts/experiments';
import { Alert, App, Button, Card, Descriptions, Flex, Input, Modal, Select, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useCanEdit } from '../../app/auth.tsx';
import { int, pct, shanghaiTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { QueryState } from '../../app/states.tsx';
import { exportHref, unitsHref, useLifecycle, useResults, type LifecycleAction } from './api.ts';
import { StatusTag, designLabel, liftValue, stopReasonText } from './bits.tsx';
import { FactorialCard } from './FactorialCard.tsx';
import { GroupResults } from './GroupResults.tsx';

/** The arm the results suggest: a variants test's winner, or a factorial test's best combination. */
function suggested(r: ExperimentResults): string | undefined {
  if (r.experiment.design === 'variants') return r.groups[0]?.winner ?? undefined;
  const fit = r.factorial?.find((f) => f.metric === r.experiment.metrics.primary && !f.error);
  return fit ? (r.experiment.factors ?? []).map((f) => fit.best.levels[f.name]).join('|') : undefined;
}

function ShipModal({
  r,
  open,
  initial,
  onClose,
}: {
  r: ExperimentResults;
  open: boolean;
  initial?: string | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const life = useLifecycle(r.experiment.key);
  const [arm, setArm] = useState<string | undefined>(initial ?? suggested(r));
  const [learned, setLearned] = useState(r.experiment.learned);
  const e = r.experiment;
  const options =
    e.design === 'variants'
      ? (e.variants ?? []).map((v) => ({ value: v.name, label: `${v.name} · ${v.content.title ?? ''}` }))
      : [...new Set([arm, suggested(r)].filter(Boolean) as string[])].map((a) => ({ value: a, label: a }));
  const ship = () =>
    life.mutate(
      { action: 'ship', body: { arm, learned } },
      {
        onSuccess: () => {
          message.success(t('experiments.detail.shipped', { arm: arm ?? '' }));
          onClose();
        },
        onError: (err) => message.error(String(err)),
      },
    );
  return (
    <Modal
      open={open}
      title={t('experiments.detail.shipTitle')}
      okText={t('experiments.detail.ship')}
      okButtonProps={{ disabled: !arm, loading: life.isPending, ...{ 'data-testid': 'ship-confirm' } }}
      onOk={ship}
      onCancel={onClose}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('experiments.detail.shipText')}</Typography.Text>
        <Select value={arm} onChange={setArm} options={options} data-testid="ship-arm" showSearch />
        <Input.TextArea
          value={learned}
          onChange={(v) => setLearned(v.target.value)}
          placeholder={t('experiments.detail.learnedPlaceholder')}
          rows={3}
          maxLength={2000}
          data-testid="ship-learned"
        />
      </Flex>
    </Modal>
  );
}

function Header({ r, onShip }: { r: ExperimentResults; onShip: () => void }) {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const canEdit = useCanEdit();
  const e = r.experiment;
  const life = useLifecycle(e.key);
  const run = (action: LifecycleAction, body?: unknown) =>
    life.mutate({ action, body }, { onError: (err) => message.error(String(err)) });
  const status = e.status;
  return (
    <Card size="small">
      <Flex vertical gap={12}>
        <Flex wrap gap={12} justify="space-between" align="center">
          <Flex gap={8} align="center" wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {e.name}
            </Typography.Title>
            <StatusTag status={status} />
            <Typography.Text type="secondary">{e.key}</Typography.Text>
          </Flex>
          <Flex gap={8} wrap>
            {canEdit && status === 'draft' && (
              <Button
                type="primary"
                icon={<PlayCircleOutlined />}
                loading={life.isPending}
                onClick={() => run('start')}
                data-testid="experiment-start"
              >
                {t('experiments.detail.start')}
              </Button>
            )}
            {canEdit && status === 'running' && (
              <Button
                icon={<PauseCircleOutlined />}
                onClick={() =>
                  modal.confirm({
                    title: t('experiments.detail.stopConfirm'),
                    onOk: () => run('stop', {}),
                  })
                }
              >
                {t('experiments.detail.stop')}
              </Button>
            )}
            {canEdit && (status === 'running' || status === 'stopped') && (
              <Button type="primary" icon={<RocketOutlined />} onClick={onShip} data-testid="experiment-ship">
                {t('experiments.detail.ship')}
              </Button>
            )}
            {status !== 'draft' && (
              <Button
                icon={<ReloadOutlined />}
                loading={life.isPending}
                onClick={() => run('refresh')}
                data-testid="experiment-refresh"
              >
                {t('experiments.detail.refresh')}
              </Button>
            )}
            <Button
              icon={<DownloadOutlined />}
              href={exportHref(e.key, lang)}
              data-testid="experiment-export"
            >
              Excel
            </Button>
            <Button icon={<DownloadOutlined />} href={unitsHref(e.key)}>
              {t('experiments.detail.units')}
            </Button>
            {canEdit && status !== 'running' && status !== 'archived' && (
              <Button icon={<InboxOutlined />} onClick={() => run('archive')}>
                {t('experiments.detail.archive')}
              </Button>
            )}
            {canEdit && status === 'archived' && (
              <Button icon={<RollbackOutlined />} onClick={() => run('restore')}>
                {t('experiments.detail.restore')}
              </Button>
            )}
          </Flex>
        </Flex>
        {e.hypothesis && <Typography.Paragraph style={{ margin: 0 }}>{e.hypothesis}</Typography.Paragraph>}
        <Descriptions size="small" column={{ xs: 1, md: 3, xl: 4 }}>
          <Descriptions.Item label={t('experiments.cols.design')}>{designLabel(e, t)}</Descriptions.Item>
          <Descriptions.Item label={t('experiments.detail.audience')}>
            {e.segmentKey ?? t('experiments.detail.everyone')} · {pct(e.traffic, 0)}
            {e.layer ? ` · ${t('experiments.detail.layer')} ${e.layer.key} ${pct(e.layer.share, 0)}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('experiments.detail.period')}>
            {shanghaiTime(e.startedAt)} –{' '}
            {e.stoppedAt ? shanghaiTime(e.stoppedAt) : t('experiments.detail.now')} (
            {t('experiments.detail.planned', { n: e.plannedDays })})
          </Descriptions.Item>
          <Descriptions.Item label={t('experiments.cols.owner')}>{e.owner}</Descriptions.Item>
          <Descriptions.Item label={t('experiments.cols.units')}>{int(r.units)}</Descriptions.Item>
          <Descriptions.Item label={t('experiments.detail.power')}>
            {r.power.mde === null
              ? '—'
              : t('experiments.detail.mde', {
                  mde: liftValue('conversion', r.power.mde),
                  n: int(r.power.unitsPerArm),
                })}
          </Descriptions.Item>
          <Descriptions.Item label={t('experiments.detail.asOf')}>{shanghaiTime(r.asOf)}</Descriptions.Item>
          {e.shippedContent && (
            <Descriptions.Item label={t('experiments.detail.shippedContent')}>
              <span data-testid="shipped-content">
                {e.shippedArm} · {Object.values(e.shippedContent).join(' · ')}
              </span>
            </Descriptions.Item>
          )}
        </Descriptions>
        {e.stopReason && status !== 'shipped' && (
          <Alert
            type={e.stopReason.startsWith('guardrail') ? 'warning' : 'info'}
            showIcon
            message={stopReasonText(e.stopReason, t)}
            data-testid="stop-reason"
          />
        )}
        {e.learned && <Alert type="success" message={`${t('experiments.detail.learned')}：${e.learned}`} />}
      </Flex>
    </Card>
  );
}

/** One test: what it is, its lifecycle, and its live results. */
export default function ExperimentPage() {
  const { key = '' } = useParams();
  const { t } = useI18n();
  const query = useResults(key);
  const [metric, setMetric] = useState<ExperimentMetric | null>(null);
  const [ship, setShip] = useState<{ open: boolean; arm?: string }>({ open: false });
  return (
    <QueryState query={query} notFound={t('experiments.detail.notFound')}>
      {(r) => {
        const m = metric ?? r.experiment.metrics.primary;
        const canShip = r.experiment.status === 'running' || r.experiment.status === 'stopped';
        return (
          <Flex vertical gap={16}>
            <Header r={r} onShip={() => setShip({ open: true })} />
            {r.warnings
              // the SRM has its own banner above the figures it concerns
              .filter((w) => w.code !== 'srm')
              .map((w) => (
                <Alert
                  key={w.message}
                  type="warning"
                  showIcon
                  message={t(`experiments.warnings.${w.code}`, w.params)}
                />
              ))}
            {r.factorial && (
              <FactorialCard
                fits={r.factorial}
                experiment={r.experiment}
                onShip={canShip ? (arm) => setShip({ open: true, arm }) : undefined}
              />
            )}
            {r.units > 0 &&
              (r.groups.length === 1 ? (
                <GroupResults
                  group={r.groups[0]!}
                  metric={m}
                  onMetric={setMetric}
                  primary={r.experiment.metrics.primary}
                />
              ) : (
                <Tabs
                  items={r.groups.map((g) => ({
                    key: g.factor ?? '',
                    label: `${t('experiments.results.factor')} ${g.factor}${g.srm.mismatch ? ' ⚠' : ''}`,
                    children: (
                      <GroupResults
                        group={g}
                        metric={m}
                        onMetric={setMetric}
                        primary={r.experiment.metrics.primary}
                      />
                    ),
                  }))}
                />
              ))}
            {ship.open && (
              <ShipModal r={r} open initial={ship.arm} onClose={() => setShip({ open: false })} />
            )}
          </Flex>
        );
      }}
    </QueryState>
  );
}
