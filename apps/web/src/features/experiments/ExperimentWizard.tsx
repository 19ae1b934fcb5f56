import type { PlanEstimate } from '@linli/contracts/experiments';
import type { SegmentView } from '@linli/contracts/insight';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Slider,
  Steps,
  Switch,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, get, post } from '../../app/api.ts';
import { int, pct } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { LAB_KEY, createExperiment, estimatePlan, useLayers } from './api.ts';
import { liftValue } from './bits.tsx';
import {
  FactorsEditor,
  VariantsEditor,
  designInput,
  type FactorValues,
  type VariantValues,
} from './DesignEditor.tsx';

interface Values {
  key: string;
  name: string;
  hypothesis: string;
  owner: string;
  design: 'variants' | 'factorial';
  variants: VariantValues[];
  factors: FactorValues[];
  segmentKey: string | null;
  trafficPct: number;
  layerKey: string | null;
  layerPct: number;
  primary: string;
  weights: { conversion: number; dwell: number; share: number; revenue: number };
  attributionHours: number;
  winsorizePct: number;
  cuped: boolean;
  guardrails: { unsubscribe: number; complaint: number; refund: number };
  plannedDays: number;
  targetMdePt: number | null;
}

const INITIAL: Partial<Values> = {
  design: 'variants',
  variants: [
    { name: 'A', weight: 1, title: '' },
    { name: 'B', weight: 1, title: '' },
  ],
  factors: [
    {
      name: 'title',
      field: 'title',
      levels: [
        { key: 'T1', value: '' },
        { key: 'T2', value: '' },
      ],
    },
    {
      name: 'cover',
      field: 'imageUrl',
      levels: [
        { key: 'C1', value: '' },
        { key: 'C2', value: '' },
      ],
    },
    {
      name: 'cta',
      field: 'buttonLabel',
      levels: [
        { key: 'B1', value: '' },
        { key: 'B2', value: '' },
      ],
    },
  ],
  segmentKey: null,
  trafficPct: 100,
  layerKey: null,
  layerPct: 50,
  primary: 'conversion',
  weights: { conversion: 50, dwell: 30, share: 20, revenue: 0 },
  attributionHours: 72,
  winsorizePct: 99,
  cuped: true,
  guardrails: { unsubscribe: 1, complaint: 1, refund: 2 },
  plannedDays: 3,
  targetMdePt: null,
};

function toInput(v: Values, plan: PlanEstimate | null) {
  return {
    key: v.key,
    name: v.name,
    hypothesis: v.hypothesis ?? '',
    owner: v.owner ?? '',
    design: v.design,
    ...designInput(v),
    segmentKey: v.segmentKey || null,
    traffic: v.trafficPct / 100,
    layer: v.layerKey ? { key: v.layerKey, share: v.layerPct / 100 } : null,
    metrics: {
      primary: v.primary,
      attributionHours: v.attributionHours,
      dwellWinsorize: v.winsorizePct / 100,
      weights: v.weights,
      covariate: v.cuped ? 'orders_28d' : null,
      guardrails: (['unsubscribe', 'complaint', 'refund'] as const)
        .filter((g) => v.guardrails[g] > 0)
        .map((g) => ({ metric: g, maxIncrease: v.guardrails[g] / 100 })),
    },
    plannedDays: v.plannedDays,
    plan: plan
      ? { baseRate: plan.baseRate, unitsPerArm: plan.unitsPerArm || null, mde: plan.mde }
      : undefined,
  };
}

const armsOf = (v: Partial<Values>) =>
  v.design === 'factorial'
    ? Math.max(2, ...(v.factors ?? []).map((f) => f.levels?.length ?? 0))
    : Math.max(2, v.variants?.length ?? 2);

/** 新建实验: design, audience, metrics and weights, duration with its sample-size estimate. */
export default function ExperimentWizard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [plan, setPlan] = useState<PlanEstimate | null>(null);
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const design = Form.useWatch('design', form);
  const segments = useQuery({
    queryKey: ['segments', false],
    queryFn: () => get<{ items: SegmentView[] }>('/api/v1/segments', { archived: false }),
  });
  const layers = useLayers();

  const estimate = async () => {
    const v = form.getFieldsValue(true) as Values;
    setPlan(
      await estimatePlan({
        segmentKey: v.segmentKey || null,
        traffic: v.trafficPct / 100,
        layerShare: v.layerKey ? v.layerPct / 100 : 1,
        arms: armsOf(v),
        attributionHours: v.attributionHours,
        targetMde: v.targetMdePt ? v.targetMdePt / 100 : null,
      }),
    );
  };

  const submit = async (start: boolean) => {
    setFailure(undefined);
    setBusy(true);
    try {
      const v = form.getFieldsValue(true) as Values;
      const created = await createExperiment(toInput(v, plan));
      if (start) await post(`/api/v1/experiments/${encodeURIComponent(created.key)}/start`);
      message.success(t('experiments.wizard.created', { name: created.name }));
      await client.invalidateQueries({ queryKey: [LAB_KEY] });
      navigate(`/experiments/${encodeURIComponent(created.key)}`);
    } catch (err) {
      const details =
        err instanceof ApiError && Array.isArray(err.details)
          ? (err.details as Array<{ field: string; reason: string }>)
          : [];
      setFailure(
        details.length
          ? details.map((d) => `${d.field}: ${d.reason}`).join('；')
          : err instanceof Error
            ? err.message
            : String(err),
      );
    } finally {
      setBusy(false);
    }
  };

  const steps = ['basics', 'design', 'audience', 'metrics', 'duration'] as const;
  const next = async () => {
    const fields: Record<number, Array<keyof Values>> = { 0: ['key', 'name'], 1: ['variants', 'factors'] };
    await form.validateFields(fields[step] ?? [], { recursive: true });
    if (step === 3) void estimate();
    setStep(step + 1);
  };

  return (
    <Card title={t('experiments.wizard.title')}>
      <Steps
        current={step}
        size="small"
        items={steps.map((s) => ({ title: t(`experiments.wizard.steps.${s}`) }))}
        style={{ marginBottom: 24 }}
      />
      <Form form={form} layout="vertical" initialValues={INITIAL} preserve style={{ maxWidth: 1100 }}>
        <div hidden={step !== 0}>
          <Form.Item
            name="key"
            label={t('experiments.wizard.key')}
            extra={t('experiments.wizard.keyHint')}
            rules={[
              {
                required: true,
                pattern: /^[a-z][a-z0-9_-]{1,63}$/,
                message: t('experiments.wizard.keyRule'),
              },
            ]}
          >
            <Input data-testid="wizard-key" style={{ maxWidth: 320 }} />
          </Form.Item>
          <Form.Item name="name" label={t('experiments.wizard.name')} rules={[{ required: true, max: 80 }]}>
            <Input data-testid="wizard-name" style={{ maxWidth: 480 }} />
          </Form.Item>
          <Form.Item name="hypothesis" label={t('experiments.wizard.hypothesis')}>
            <Input.TextArea rows={3} maxLength={2000} placeholder={t('experiments.wizard.hypothesisHint')} />
          </Form.Item>
          <Form.Item name="owner" label={t('experiments.cols.owner')}>
            <Input style={{ maxWidth: 240 }} />
          </Form.Item>
        </div>
        <div hidden={step !== 1}>
          <Form.Item name="design" label={t('experiments.wizard.design')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'variants', label: t('experiments.wizard.designVariants') },
                { value: 'factorial', label: t('experiments.wizard.designFactorial') },
              ]}
            />
          </Form.Item>
          <Typography.Paragraph type="secondary">
            {design === 'factorial'
              ? t('experiments.wizard.factorialHint')
              : t('experiments.wizard.variantsHint')}
          </Typography.Paragraph>
          {design === 'factorial' ? <FactorsEditor /> : <VariantsEditor />}
        </div>
        <div hidden={step !== 2}>
          <Form.Item
            name="segmentKey"
            label={t('experiments.wizard.segment')}
            extra={t('experiments.wizard.segmentHint')}
          >
            <Select
              allowClear
              style={{ maxWidth: 360 }}
              placeholder={t('experiments.detail.everyone')}
              options={(segments.data?.items ?? []).map((s) => ({
                value: s.key,
                label: `${s.name} (${int(s.members)})`,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="trafficPct"
            label={t('experiments.wizard.traffic')}
            extra={t('experiments.wizard.trafficHint')}
          >
            <Slider min={1} max={100} style={{ maxWidth: 360 }} tooltip={{ formatter: (v) => `${v}%` }} />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item
              name="layerKey"
              label={t('experiments.detail.layer')}
              extra={t('experiments.wizard.layerHint')}
            >
              <AutoComplete
                allowClear
                style={{ width: 240 }}
                options={(layers.data?.items ?? []).map((l) => ({
                  value: l.key,
                  label: `${l.name} (${l.key})`,
                }))}
                placeholder={t('experiments.wizard.noLayer')}
              />
            </Form.Item>
            <Form.Item name="layerPct" label={t('experiments.wizard.layerShare')}>
              <InputNumber min={1} max={100} suffix="%" />
            </Form.Item>
          </Flex>
        </div>
        <div hidden={step !== 3}>
          <Form.Item name="primary" label={t('experiments.wizard.primary')}>
            <Select
              style={{ width: 200 }}
              options={(['conversion', 'dwell', 'share', 'revenue', 'score'] as const).map((m) => ({
                value: m,
                label: t(`experiments.metrics.${m}`),
              }))}
            />
          </Form.Item>
          <Typography.Text strong>{t('experiments.wizard.weights')}</Typography.Text>
          <Typography.Paragraph type="secondary">{t('experiments.wizard.weightsHint')}</Typography.Paragraph>
          <Flex gap={16} wrap>
            {(['conversion', 'dwell', 'share', 'revenue'] as const).map((m) => (
              <Form.Item key={m} name={['weights', m]} label={t(`experiments.metrics.${m}`)}>
                <InputNumber min={0} max={100} />
              </Form.Item>
            ))}
          </Flex>
          <Flex gap={16} wrap>
            <Form.Item name="attributionHours" label={t('experiments.wizard.attribution')}>
              <InputNumber min={1} max={720} suffix="h" />
            </Form.Item>
            <Form.Item name="winsorizePct" label={t('experiments.wizard.winsorize')}>
              <InputNumber min={50.1} max={100} step={0.5} suffix="%" />
            </Form.Item>
            <Form.Item
              name="cuped"
              label="CUPED"
              valuePropName="checked"
              extra={t('experiments.wizard.cupedHint')}
            >
              <Switch />
            </Form.Item>
          </Flex>
          <Typography.Text strong>{t('experiments.results.guardrails')}</Typography.Text>
          <Typography.Paragraph type="secondary">
            {t('experiments.wizard.guardrailsHint')}
          </Typography.Paragraph>
          <Flex gap={16} wrap>
            {(['unsubscribe', 'complaint', 'refund'] as const).map((g) => (
              <Form.Item key={g} name={['guardrails', g]} label={t(`experiments.guardrails.${g}`)}>
                <InputNumber min={0} max={100} step={0.5} suffix="pt" />
              </Form.Item>
            ))}
          </Flex>
        </div>
        <div hidden={step !== 4}>
          <Flex gap={16} wrap align="end">
            <Form.Item name="plannedDays" label={t('experiments.wizard.days')}>
              <InputNumber min={1} max={90} suffix={t('experiments.wizard.daysUnit')} />
            </Form.Item>
            <Form.Item name="targetMdePt" label={t('experiments.wizard.targetMde')}>
              <InputNumber min={0.1} max={50} step={0.5} suffix="pt" />
            </Form.Item>
            <Form.Item>
              <Button onClick={() => void estimate()} data-testid="wizard-estimate">
                {t('experiments.wizard.estimate')}
              </Button>
            </Form.Item>
          </Flex>
          {plan && (
            <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} data-testid="plan-estimate">
              <Descriptions.Item label={t('experiments.wizard.eligible')}>
                {int(plan.eligibleMembers)}
              </Descriptions.Item>
              <Descriptions.Item label={t('experiments.wizard.unitsPerArm')}>
                {int(plan.unitsPerArm)}
              </Descriptions.Item>
              <Descriptions.Item label={t('experiments.wizard.baseRate')}>
                {pct(plan.baseRate, 2)}
              </Descriptions.Item>
              <Descriptions.Item label={t('experiments.wizard.mde')}>
                <span data-testid="plan-mde">
                  {liftValue('conversion', plan.mde)} ({pct(plan.relativeMde, 0)})
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('experiments.wizard.forTarget')}>
                {int(plan.unitsPerArmForTarget)}
              </Descriptions.Item>
            </Descriptions>
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('experiments.wizard.powerHint')}
          </Typography.Paragraph>
        </div>
      </Form>
      {failure && (
        <Alert
          type="error"
          showIcon
          message={failure}
          style={{ marginBottom: 12 }}
          data-testid="wizard-error"
        />
      )}
      <Flex gap={8}>
        {step > 0 && <Button onClick={() => setStep(step - 1)}>{t('experiments.wizard.back')}</Button>}
        {step < steps.length - 1 && (
          <Button type="primary" onClick={() => void next()} data-testid="wizard-next">
            {t('experiments.wizard.next')}
          </Button>
        )}
        {step === steps.length - 1 && (
          <>
            <Button loading={busy} onClick={() => void submit(false)} data-testid="wizard-save">
              {t('experiments.wizard.saveDraft')}
            </Button>
            <Button
              type="primary"
              loading={busy}
              onClick={() => void submit(true)}
              data-testid="wizard-start"
            >
              {t('experiments.wizard.saveStart')}
            </Button>
          </>
        )}
      </Flex>
    </Card>
  );
}
